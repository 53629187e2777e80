"""Write services.yml: every AWS service, its product name and its category.

    python docs/_data/services/generate.py      (make services)

The data comes from maintained packages, pinned and read as data (never
imported or run):

- AWS's Architecture Icons, as the npm package ``aws-icons`` (MIT, pinned in
  package.json) ships them: one SVG per service, whose title is the icon's
  file name in AWS's set ("Arch_AWS-Security-Hub_48"). That file name is the
  product name as AWS writes it, so it gives every service its name. Where a
  title is missing or older than the file's name ("Amazon MemoryDB for
  Redis" in ``AmazonMemoryDB.svg``), the file name is split into words that
  the sources spell ("AmazonSageMakerAI" -> "Amazon SageMaker AI"), and the
  title's words stay a name people write.
- botocore's service models (``botocore/data/<service>/<version>/service-2.json``,
  PyPI, pinned in requirements.txt): every service with an API, its
  abbreviation (``serviceAbbreviation``) and its id. Its ``serviceFullName``
  is an API's name ("TrustedAdvisor Public API", "Amazon EC2 Container
  Service"): it names a service only where the icon set has none, after its
  API-ish endings are dropped ("names.yml"), and stays one of its forms.
- the ``diagrams`` package (MIT, PyPI, pinned): its AWS nodes follow the same
  icon set but file each under AWS's category (``diagrams/aws/<category>.py``)
  and give abbreviations ("ECS", "SSM"); read as source text.

Of the packages on the registries that ship AWS's icon set, ``aws-icons``
holds the current one (AWS Architecture Icons of 01/30/2026, 3.3 MB);
``aws-svg-icons`` and ``aws-icons-directory`` hold the 2021 set and
``@tmorin/plantuml-libs`` the 2023 one (14 MB, in its category folders):
too old to name today's services. botocore is Apache-2.0.

The npm package has names and no categories; diagrams has categories and
names cut to file names; botocore has neither product names nor categories:
each is used for what only it gives. A botocore service takes the icon whose
name is its own (spacing, case and "Amazon"/"AWS" aside), once its API-ish
endings are dropped, or that a diagrams node with its abbreviation names.
Services that then share a product name are one entry (``elb``/``elbv2``,
``wafv2``), and an icon no API names is an entry of its own (AWS Fargate,
Amazon CodeGuru).

Hand-kept beside this file, only what no source gives: ``categories.yml``
(how diagrams' modules map to the site's categories, the category of what
diagrams has no node for, the few services no source names, such as
Lambda@Edge), ``names.yml`` (botocore's API-ish endings, and the product
names of the few services neither source names as AWS writes them today)
and ``aliases.yml`` (names people use). Every entry ends in one of AWS's
categories; the script names any it could not file. The output is sorted
and holds no dates, so running this again reproduces it.
"""

from __future__ import annotations

import ast
import gzip
import html
import importlib.util
import json
import re
import sys
from dataclasses import dataclass
from importlib import metadata
from pathlib import Path
from typing import Any

import yaml

HERE = Path(__file__).resolve().parent
ROOT = HERE.parents[2]
OUTPUT = HERE / "services.yml"
CATEGORIES = HERE / "categories.yml"
NAMES = HERE / "names.yml"
ALIASES = HERE / "aliases.yml"
ICONS = ROOT / "node_modules" / "aws-icons"
VENDOR = re.compile(r"^(?:amazon|aws)\s+", re.IGNORECASE)
HAS_VENDOR = re.compile(r"^(?:Amazon|AWS)\s")
WORDS = re.compile(r"[a-z0-9]+")
ACRONYM = re.compile(r"^[A-Z][A-Z0-9]{1,7}$")
# A name that is one plain word or a lower-case code ("Pricing", "b2bi"): not a form of a name.
PLAIN = re.compile(r"^(?:[A-Z]?[a-z]+|[a-z0-9-]+|[A-Z][A-Z0-9]{1,7})$")
# "Icon-Architecture/48/Arch_AWS-Security-Hub_48", "Arch_AWS-Marketplace_Light_48"
TITLE = re.compile(r"<title>[^<]*?Arch_\s*([^<]+?)(?:_(?:Light|Dark))?_\d+\s*</title>")
# Words of English that join a product's name ("FSx for Lustre", "Oracle Database at AWS").
JOINERS = ("and", "at", "for", "in", "of", "on", "to", "with")
# A closing parenthesis: "Amazon Simple Systems Manager (SSM)".
_PARENS = re.compile(r"\s*\([^()]*\)\s*$")
HYPHENATED = re.compile(r"^[A-Za-z][A-Za-z0-9]*(?:-[A-Za-z0-9]+)+$")


def words(text: str) -> str:
    return " ".join(WORDS.findall(VENDOR.sub("", text).casefold()))


def key(text: str) -> str:
    """What tells two names apart: letters and digits, without Amazon/AWS."""
    return words(text).replace(" ", "")


def package_dir(name: str) -> Path:
    spec = importlib.util.find_spec(name)
    if spec is None or not spec.submodule_search_locations:
        raise SystemExit(f"{name} is not installed: pip install -r requirements.txt")
    return Path(next(iter(spec.submodule_search_locations)))


def botocore_services() -> list[dict[str, str]]:
    """One record per botocore service model (its newest API version)."""
    found = []
    for folder in sorted((package_dir("botocore") / "data").iterdir()):
        models = sorted(folder.glob("*/service-2.json*"))
        if not models:
            continue
        raw = models[-1].read_bytes()
        if models[-1].suffix == ".gz":
            raw = gzip.decompress(raw)
        meta = json.loads(raw)["metadata"]
        found.append(
            {
                "id": folder.name,
                "name": readable(
                    str(meta.get("serviceFullName") or meta.get("serviceId") or folder.name)
                ),
                "abbreviation": str(meta.get("serviceAbbreviation") or ""),
                "service_id": str(meta.get("serviceId") or ""),
            }
        )
    return found


def icon_titles() -> dict[str, str]:
    """Each service icon of AWS's set: its file name -> its title's words
    ("AWSSecurityHub" -> "AWS Security Hub"; "" when it has no title)."""
    folder = ICONS / "icons" / "architecture-service"
    if not folder.is_dir():
        raise SystemExit("aws-icons is not installed: npm ci")
    titles: dict[str, str] = {}
    for svg in sorted(folder.glob("*.svg")):
        if svg.stem.endswith("Dark") and (folder / f"{svg.stem[:-4]}.svg").exists():
            continue  # the same icon for a dark background
        found = TITLE.search(svg.read_text(encoding="utf-8"))
        titles[svg.stem] = (
            " ".join(html.unescape(found[1]).replace("-", " ").split()) if found else ""
        )
    return titles


def joined(text: str) -> str:
    return re.sub(r"[^0-9a-z]", "", text.casefold())


def icon_names(
    titles: dict[str, str], known: list[str], naming: dict[str, Any]
) -> dict[str, tuple[str, str]]:
    """Each icon's product name, by its key: (name, the title's older name if
    it differs). The title gives the words; a file name its title does not
    spell is split into the words the sources spell. The title writes every
    hyphen as a space: a word the sources write with hyphens gets them back
    ("AWS X Ray" -> "AWS X-Ray")."""
    vocabulary = {joined(w): w for text in [*titles.values(), *known] for w in text.split()}
    vocabulary.update((w, w) for w in JOINERS)
    hyphenated = {w for text in known for w in text.split() if HYPHENATED.match(w)}
    hyphenated.update(str(w) for w in naming.get("hyphenated") or ())
    spaced = [(re.compile(rf"\b{re.escape(w.replace('-', ' '))}\b", re.I), w) for w in hyphenated]
    corrected = {str(k): str(v) for k, v in (naming.get("icons") or {}).items()}
    names: dict[str, tuple[str, str]] = {}
    for stem, title in titles.items():
        name = title if joined(title) == stem.casefold() else split_words(stem, vocabulary)
        for pattern, word in spaced:
            name = pattern.sub(word, name)
        name = corrected.get(stem, name)
        older = title if title and key(title) != key(name) else ""
        names.setdefault(key(name), (name, older))
    return names


def split_words(stem: str, vocabulary: dict[str, str]) -> str:
    """A run-together name as the fewest known words ("AWSFaultInjectionService"
    -> "AWS Fault Injection Service"); a part no word spells stays one word.
    Only a joining word ("for", "at") may start with a small letter."""
    low = stem.casefold()
    # best[i]: (cost, parts) of the cheapest split of stem[:i]
    best: list[tuple[float, list[str]] | None] = [(0, [])] + [None] * len(low)
    for start in range(len(low)):
        done = best[start]
        if done is None:
            continue
        for end in range(start + 1, len(low) + 1):
            piece = low[start:end]
            if start and stem[start].islower() and piece not in JOINERS:
                continue
            # A known word costs 1; a part no word spells costs more the longer
            # it is, and more again for each place where its case says a new
            # word starts ("AWSInfrastructure"), but less than the known words
            # it might be cut into.
            unknown = 2 + (end - start) / 4 + 2.5 * len(_CAMEL.findall(stem[start:end]))
            cost = done[0] + (1 if piece in vocabulary else unknown)
            current = best[end]
            if current is None or cost < current[0]:
                best[end] = (cost, [*done[1], stem[start:end]])
    final = best[-1]
    return " ".join(final[1]) if final else stem


def diagrams_nodes() -> dict[str, tuple[str, list[str]]]:
    """Each AWS node of the diagrams package: its words -> (module, abbreviations)."""
    nodes: dict[str, tuple[str, list[str]]] = {}
    for source in sorted((package_dir("diagrams") / "aws").glob("*.py")):
        if source.name.startswith("_"):
            continue
        tree = ast.parse(source.read_text(encoding="utf-8"))
        icons: dict[str, str] = {}
        aliases: dict[str, list[str]] = {}
        for node in tree.body:
            if isinstance(node, ast.ClassDef) and not node.name.startswith("_"):
                for item in node.body:
                    if (
                        isinstance(item, ast.Assign)
                        and isinstance(item.value, ast.Constant)
                        and getattr(item.targets[0], "id", "") == "_icon"
                    ):
                        icons[node.name] = str(item.value.value).removesuffix(".png")
            elif isinstance(node, ast.Assign) and isinstance(node.value, ast.Name):
                alias = getattr(node.targets[0], "id", "")
                aliases.setdefault(node.value.id, []).append(alias)
        for cls, icon in icons.items():
            shorts = [a for a in aliases.get(cls, []) if ACRONYM.match(a)]
            nodes[" ".join(icon.split("-"))] = (source.stem, shorts)
    return nodes


def category_of(
    names: list[str], nodes: dict[str, tuple[str, list[str]]], modules: dict[str, str]
) -> tuple[str | None, list[str]]:
    """The category id from the diagrams node that names the service (by any
    of its names, the product name first), and its abbreviations there."""
    for name in map(words, names):
        if name in nodes:
            module, shorts = nodes[name]
            return modules.get(module), shorts
    # The shortest node that holds every word of the name ("elastic block store
    # ebs volume" for "Elastic Block Store").
    wanted = set(words(names[0]).split())
    holding = sorted((k for k in nodes if wanted and wanted <= set(k.split())), key=len)
    if holding:
        return modules.get(nodes[holding[0]][0]), []
    return None, []


def category_by_keyword(names: list[str], keywords: dict[str, str]) -> str | None:
    """The category of the first keyword that one of the service's names holds as a word."""
    text = " ".join(f" {words(n)} " for n in names)
    for keyword, category in keywords.items():
        if f" {words(keyword)} " in text:
            return category
    return None


_CAMEL = re.compile(r"(?<=[a-z0-9])(?=[A-Z])|(?<=[A-Z])(?=[A-Z][a-z])")
_RUN_ON_VENDOR = re.compile(r"^(Amazon|AWS)(?=[A-Z][a-z])")


def readable(name: str) -> str:
    """A run-together model name as words: "AWSServerlessApplicationRepository"
    -> "AWS Serverless Application Repository"; spaced names stay as they are."""
    spaced = " " in name.strip()
    name = _RUN_ON_VENDOR.sub(r"\1 ", name.strip())
    return name if spaced else _CAMEL.sub(" ", name)


def endings(name: str, pattern: re.Pattern[str]) -> list[str]:
    """The name, then the name with each API-ish ending dropped in turn
    ("AWS CloudTrail Data Service" -> "AWS CloudTrail Data" -> "AWS CloudTrail")."""
    found = [name]
    while True:
        shorter = pattern.sub("", found[-1]).strip(" -")
        if shorter == found[-1] or not key(shorter):
            return found
        found.append(shorter)


def initials(name: str, acronym: str) -> bool:
    """True if the acronym's letters are, in order, initials of the name's words
    ("ECS" of "Elastic Container Service", not "SSM" of "Systems Manager")."""
    letters = iter(w[0].casefold() for w in name.split() if w[:1].isalpha())
    return all(c in letters for c in acronym.casefold() if c.isalpha())


def short_name(name: str, abbreviations: list[str]) -> str:
    """What the navigation shows (and the page's URL is made of): the
    abbreviation AWS gives a long name ("ECS" for Amazon Elastic Container
    Service), else the name without Amazon/AWS ("Security Hub"), as the
    hand-kept entries do ("Route 53", "CloudFront")."""
    bare = VENDOR.sub("", name)
    for abbreviation in abbreviations:
        if abbreviation != bare and len(bare.split()) > 1 and initials(bare, abbreviation):
            return abbreviation
    return bare


class Products:
    """The product name of each botocore service: an icon's name when one
    names it, else botocore's name without its API-ish endings."""

    def __init__(self, icons: dict[str, tuple[str, str]], settings: dict[str, Any]) -> None:
        self.icons = icons
        self.endings = re.compile(settings["endings"])
        self.api_endings = re.compile(settings["api_endings"])
        self.names = {str(k): str(v) for k, v in (settings.get("names") or {}).items()}
        # Words spelt with inner capitals ("SageMaker"), to spell a lower-cased one alike.
        self.spelling = {
            w.casefold(): w
            for name, _ in icons.values()
            for w in name.split()
            if w[1:] != w[1:].lower()
        }

    def icon(self, names: list[str]) -> str | None:
        """The icon's name that one of the names is, once its endings are dropped,
        or the icon's older title is ("Amazon GameLift")."""
        older = {key(o): n for n, o in self.icons.values() if o}
        for name in names:
            for shorter in map(key, endings(name, self.endings)):
                found = self.icons[shorter][0] if shorter in self.icons else older.get(shorter)
                if found:
                    return found
        return None

    def own(self, service: dict[str, str], vendors: dict[str, str]) -> str:
        """A name from botocore's own: API endings dropped, words spelt as AWS
        spells them, and the vendor of the product it is part of ("EMR
        Serverless" -> "Amazon EMR Serverless") or AWS."""
        name = endings(_PARENS.sub("", service["name"]), self.api_endings)[-1]
        name = " ".join(self.spelling.get(w.casefold(), w) for w in name.split())
        if HAS_VENDOR.match(name):
            return name
        first = words(name).split()
        for length in range(len(first), 0, -1):
            vendor = vendors.get("".join(first[:length]))
            if vendor:
                return f"{vendor} {name}"
        return f"AWS {name}"

    def of(
        self, services: list[dict[str, str]], nodes: dict[str, tuple[str, list[str]]]
    ) -> dict[str, str]:
        """Each service's product name, by its id."""
        by_short = {s: n for n, (_, shorts) in nodes.items() for s in shorts}
        vendors = {key(n): n.split()[0] for n, _ in self.icons.values() if HAS_VENDOR.match(n)}
        found: dict[str, str] = {}
        named: set[str] = set()
        for service in services:
            names = [service["name"], _PARENS.sub("", service["name"]), service["service_id"]]
            abbreviation = VENDOR.sub("", service["abbreviation"])
            if abbreviation in by_short:
                names.append(by_short[abbreviation])
            name = self.names.get(service["id"]) or self.icon(names)
            if name:
                named.add(service["id"])
            found[service["id"]] = name or self.own(service, vendors)
        by_key = {key(n): n for n in found.values()}
        for service in services:
            if service["id"] in named:
                continue
            # An API of a service named already ("Amazon SimpleDB v2", "AWS Signer Data Plane").
            shorter = endings(found[service["id"]], self.endings)[1:]
            part_of = [by_key[k] for k in map(key, shorter) if k in by_key]
            if part_of:
                found[service["id"]] = part_of[0]
        return found


def generate() -> dict[str, Any]:
    settings = yaml.safe_load(CATEGORIES.read_text(encoding="utf-8"))
    naming = yaml.safe_load(NAMES.read_text(encoding="utf-8"))
    modules = {m: c["id"] for c in settings["categories"] for m in c.get("from", [])}
    moved = {s: c["id"] for c in settings["categories"] for s in c.get("services", [])}
    moved.update(settings.get("services") or {})
    keywords = {str(k): str(v) for k, v in (settings.get("keywords") or {}).items()}
    nodes = diagrams_nodes()
    services = botocore_services()
    icons = icon_names(icon_titles(), [s["name"] for s in services], naming)
    products = Products(icons, naming).of(services, nodes)
    entries: dict[str, dict[str, Any]] = {}
    for extra in settings.get("extra") or ():
        entries[key(extra["name"])] = {**extra, "clients": [], "names": [extra["name"]]}
    for service in services:
        name = products[service["id"]]
        entry = entries.setdefault(
            key(name), {"id": service["id"], "name": name, "clients": [], "names": [name]}
        )
        entry["clients"].append(service["id"])
        entry["names"] += [service["name"], _PARENS.sub("", service["name"]), service["service_id"]]
        abbreviation = VENDOR.sub("", service["abbreviation"])
        if ACRONYM.match(abbreviation):
            entry.setdefault("shorts", []).append(abbreviation)
    for name, older in icons.values():
        entry = entries.setdefault(
            key(name),
            {"id": words(name).replace(" ", "-"), "name": name, "clients": [], "names": [name]},
        )
        if older:
            entry["names"].append(older)
    aliases = yaml.safe_load(ALIASES.read_text(encoding="utf-8")) or {}
    rules = Rules(nodes, modules, moved, keywords, aliases, re.compile(naming["endings"]))
    finished = [finish(e, rules) for e in entries.values()]
    # A name an entry goes by that is another entry's own name stays that entry's.
    taken = {key(e["name"]) for e in finished}
    for entry in finished:
        kept = [a for a in entry.get("aliases", []) if key(a) not in taken]
        if kept:
            entry["aliases"] = kept
        else:
            entry.pop("aliases", None)
    return {
        "sources": {
            "aws-icons": json.loads((ICONS / "package.json").read_bytes())["version"],
            "botocore": metadata.version("botocore"),
            "diagrams": metadata.version("diagrams"),
        },
        "categories": [{k: c[k] for k in ("id", "title", "icon")} for c in settings["categories"]],
        "services": sorted(finished, key=lambda e: e["id"]),
    }


@dataclass(frozen=True)
class Rules:
    """What files an entry and names it, from the sources and the hand-kept files."""

    nodes: dict[str, tuple[str, list[str]]]
    modules: dict[str, str]  # diagrams module -> category id
    moved: dict[str, str]  # service id -> category id
    keywords: dict[str, str]  # word of a name -> category id
    aliases: dict[str, list[str]]  # service id -> names people use
    endings: re.Pattern[str]


def finish(entry: dict[str, Any], rules: Rules) -> dict[str, Any]:
    """An entry as services.yml holds it: category, short name, abbreviations
    and the other names it goes by."""
    name = entry["name"]
    names = [n for n in entry.pop("names") if n]
    category, shorts = category_of(names, rules.nodes, rules.modules)
    ids = [entry["id"], *entry["clients"]]
    category = (
        entry.get("category")
        or next((rules.moved[i] for i in ids if i in rules.moved), None)
        or category
        or category_by_keyword(names, rules.keywords)
    )
    own_shorts = entry.pop("shorts", [])
    abbreviations = sorted(
        {a for a in [*own_shorts, *shorts, *entry.get("abbreviations", [])] if ACRONYM.match(a)}
    )
    own = key(name)
    # The other names it goes by: botocore's and an older icon's, unless they
    # only add an API's ending to the name ("Amazon API Gateway V2") or are a
    # code ("b2bi").
    forms = {
        key(n): n
        for n in reversed(names)
        if key(endings(n, rules.endings)[-1]) != own and not PLAIN.match(n) and "(" not in n
    }
    forms.update((key(a), a) for i in ids for a in rules.aliases.get(i, []))
    result: dict[str, Any] = {
        "id": entry["id"],
        "name": name,
        "short": entry.get("short") or short_name(name, own_shorts),
        "category": category or "other",
    }
    if entry.get("kind"):
        result["kind"] = entry["kind"]
    if abbreviations:
        result["abbreviations"] = abbreviations
    named = sorted(set(forms.values()) - {name, result["short"]})
    if named:
        result["aliases"] = named
    if entry["clients"] and entry["clients"] != [entry["id"]]:
        result["clients"] = entry["clients"]
    return result


HEADER = """\
# Every AWS service: product name, short name, abbreviations, category.
# Generated by generate.py from AWS's Architecture Icons (npm aws-icons, MIT),
# botocore's service models (Apache-2.0) and the diagrams package (MIT); see
# its docstring. Do not edit: edit categories.yml, names.yml, aliases.yml or
# ../catalogue.yml (names, spellings, concepts) and run it again.
"""


def main() -> int:
    text = HEADER + yaml.safe_dump(generate(), sort_keys=False, allow_unicode=True, width=100)
    OUTPUT.write_text(text, encoding="utf-8")
    data = yaml.safe_load(text)
    other = [s["id"] for s in data["services"] if s["category"] == "other"]
    print(f"wrote {OUTPUT.name}: {len(data['services'])} services, {len(other)} with no category")
    for service_id in other:
        print(f"  {service_id}: no category; add it to categories.yml", file=sys.stderr)
    return 0


if __name__ == "__main__":
    sys.exit(main())
