"""Write services.yml: every AWS service, its names and its category.

    python docs/_data/services/generate.py      (make services)

The data comes from maintained packages on PyPI, pinned in requirements.txt:

- botocore's service models (``botocore/data/<service>/<version>/service-2.json``):
  each service's official name (``serviceFullName``), its short name
  (``serviceAbbreviation``) and its id (``serviceId``);
- the ``diagrams`` package (MIT): its AWS nodes, filed under AWS's categories
  (``diagrams/aws/<category>.py``), with their abbreviations ("ECS", "EKS");
  read as source text, never imported.

``categories.yml`` beside this file says how diagrams' modules map to the
site's categories, files the services diagrams has no node for, and adds
the few services no botocore model names on its own (VPC, Fargate);
``aliases.yml`` adds the names people use that no source gives. Services
that share an official name (``elb`` and ``elbv2``) are one entry. The output
is sorted and holds no dates, so running this again reproduces the file.
"""

from __future__ import annotations

import ast
import gzip
import importlib.util
import json
import re
import sys
from importlib import metadata
from pathlib import Path
from typing import Any

import yaml

HERE = Path(__file__).resolve().parent
OUTPUT = HERE / "services.yml"
CATEGORIES = HERE / "categories.yml"
ALIASES = HERE / "aliases.yml"
VENDOR = re.compile(r"^(?:amazon|aws)\s+", re.IGNORECASE)
WORDS = re.compile(r"[a-z0-9]+")
ACRONYM = re.compile(r"^[A-Z][A-Z0-9]{1,7}$")


def words(text: str) -> str:
    return " ".join(WORDS.findall(VENDOR.sub("", text).casefold()))


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
    service: dict[str, str], nodes: dict[str, tuple[str, list[str]]], modules: dict[str, str]
) -> tuple[str | None, list[str]]:
    """The category id from the diagrams node that names the service, and its
    abbreviations there."""
    name = words(service["name"])
    short = words(service["abbreviation"] or service["service_id"])
    for key in (name, f"{name} {short}", short, words(service["service_id"])):
        if key in nodes:
            module, shorts = nodes[key]
            return modules.get(module), shorts
    # The shortest node that holds every word of the name ("elastic block store
    # ebs volume" for "Elastic Block Store").
    wanted = set(name.split())
    holding = sorted((k for k in nodes if wanted and wanted <= set(k.split())), key=len)
    if holding:
        return modules.get(nodes[holding[0]][0]), []
    return None, []


def category_by_keyword(service: dict[str, str], keywords: dict[str, str]) -> str | None:
    """The category of the first keyword that the service's name holds as a word."""
    name = f" {words(service['name'])} {words(service['service_id'])} "
    for keyword, category in keywords.items():
        if f" {words(keyword)} " in name:
            return category
    return None


_CAMEL = re.compile(r"(?<=[a-z0-9])(?=[A-Z])|(?<=[A-Z])(?=[A-Z][a-z])")
_RUN_ON_VENDOR = re.compile(r"^(Amazon|AWS)(?=[A-Z][a-z])")


def readable(name: str) -> str:
    """A run-together model name as words: "AWSServerlessApplicationRepository"
    -> "AWS Serverless Application Repository"; spaced names stay as they are."""
    if " " in name.strip():
        return name.strip()
    return _CAMEL.sub(" ", _RUN_ON_VENDOR.sub(r"\1 ", name.strip()))


def short_name(service: dict[str, str]) -> str:
    for candidate in (service["abbreviation"], service["service_id"], service["name"]):
        cleaned = VENDOR.sub("", candidate).strip()
        if cleaned:
            return cleaned
    return service["id"]


def generate() -> dict[str, Any]:
    settings = yaml.safe_load(CATEGORIES.read_text(encoding="utf-8"))
    modules = {m: c["id"] for c in settings["categories"] for m in c.get("from", [])}
    moved = {s: c["id"] for c in settings["categories"] for s in c.get("services", [])}
    moved.update(settings.get("services") or {})
    keywords = {str(k): str(v) for k, v in (settings.get("keywords") or {}).items()}
    nodes = diagrams_nodes()
    entries: dict[str, dict[str, Any]] = {}
    for service in botocore_services():
        category, shorts = category_of(service, nodes, modules)
        category = moved.get(service["id"]) or category or category_by_keyword(service, keywords)
        short = short_name(service)
        abbreviations = sorted({s for s in [short, *shorts] if ACRONYM.match(s)})
        key = service["name"].casefold()
        entry = entries.get(key)
        if entry is None:
            entries[key] = {
                "id": service["id"],
                "name": service["name"],
                "short": short,
                "category": category or "other",
                "abbreviations": abbreviations,
                "clients": [service["id"]],
            }
            continue
        entry["clients"].append(service["id"])
        entry["abbreviations"] = sorted({*entry["abbreviations"], *abbreviations})
        if entry["category"] == "other" and category:
            entry["category"] = category
    for extra in settings.get("extra") or ():
        entries.setdefault(str(extra["name"]).casefold(), {**extra, "clients": [extra["id"]]})
    services = sorted(entries.values(), key=lambda e: e["id"])
    aliases = yaml.safe_load(ALIASES.read_text(encoding="utf-8")) or {}
    for entry in services:
        named = {a for client in entry["clients"] for a in aliases.get(client, [])}
        if named:
            entry["aliases"] = sorted(named)
    for entry in services:
        if not entry.get("abbreviations"):
            entry.pop("abbreviations", None)
        if entry["clients"] == [entry["id"]]:
            del entry["clients"]
    return {
        "sources": {
            "botocore": metadata.version("botocore"),
            "diagrams": metadata.version("diagrams"),
        },
        "categories": [{k: c[k] for k in ("id", "title", "icon")} for c in settings["categories"]],
        "services": services,
    }


HEADER = """\
# Every AWS service: official name, short name, abbreviations, category.
# Generated by generate.py from botocore's service models and the diagrams
# package (see its docstring). Do not edit: edit categories.yml or
# ../catalogue.yml (names, spellings, concepts) and run it again.
"""


def main() -> int:
    text = HEADER + yaml.safe_dump(generate(), sort_keys=False, allow_unicode=True, width=100)
    OUTPUT.write_text(text, encoding="utf-8")
    data = yaml.safe_load(text)
    print(f"wrote {OUTPUT.name}: {len(data['services'])} services")
    return 0


if __name__ == "__main__":
    sys.exit(main())
