"""The service catalogue: which heading of the notes is which AWS service.

The catalogue is data (``docs/_data/catalogue.yml``): categories in the order
the navigation shows them, and for each service or concept its canonical name,
short name, slug, category, abbreviations, aliases and the headings of the
notes that name it (misspelt ones included). Headings are matched after
normalising case, spacing and trailing punctuation, so "## Lambda:" and
"# lambda" both name Lambda.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from notesite import yaml_data
from notesite.errors import NotesSiteError
from notesite.planning.recognise import Recogniser, clean, key
from notesite.planning.titles import is_generic, words_key

OTHER_CATEGORY = "other"


class CatalogueError(NotesSiteError, ValueError):
    """The catalogue file is unusable; the message says where and why."""


@dataclass(frozen=True)
class Category:
    id: str
    title: str
    icon: str = ""


@dataclass(frozen=True)
class Entry:
    """One page of the site: an AWS service or a concept."""

    slug: str
    name: str
    short: str
    category: str
    kind: str = "service"  # "service" or "concept"
    summary: str = ""
    headings: tuple[str, ...] = ()
    abbreviations: tuple[tuple[str, str], ...] = ()
    aliases: tuple[str, ...] = ()


@dataclass(frozen=True)
class Catalogue:
    """The hand-kept entries (``entries``: the author's pages, in navigation
    order) and every AWS service (``services``: generated, see
    ``docs/_data/services/``), with the forms of their names."""

    categories: tuple[Category, ...]
    entries: tuple[Entry, ...]
    containers: frozenset[str] = frozenset()
    _by_heading: dict[str, Entry] = field(default_factory=dict, compare=False, repr=False)
    services: tuple[Entry, ...] = ()
    recogniser: Recogniser[Entry] = field(default_factory=Recogniser, compare=False, repr=False)
    # Forms that are plain words ("Backup", "Config"): a service only at a
    # page's own level, never as the heading of a subsection.
    weak: frozenset[str] = field(default_factory=frozenset, compare=False, repr=False)
    # Words about headings (``docs/_data/words.yml``): titles that say nothing,
    # titles that introduce the notes, and plain words that are also the short
    # name of a service but alone in a heading are only a topic.
    generic: frozenset[str] = frozenset()
    introductory: frozenset[str] = frozenset()
    common: frozenset[str] = frozenset()

    def match(self, heading: str) -> Entry | None:
        """The entry a heading names (as a whole), or None."""
        found = self._by_heading.get(normalise_heading(heading))
        return found or self._topic_aside(self.recogniser.exact(heading), heading)

    def _topic_aside(self, entry: Entry | None, heading: str) -> Entry | None:
        """None for a generated service named only by a plain word of the
        notes' topics ("Security", "Backup"): "AWS Backup" names the service,
        "Backup" alone is a topic."""
        if entry is None or entry in self.entries or not self.common:
            return entry
        text = clean(heading)
        rest = _QUALIFIED.sub("", _VENDOR_NAMED.sub("", text).strip(" -_")).strip()
        if words_key(rest) not in self.common:
            return entry
        # "AWS Backup" is the service's own name; "AWS Security" is no name at all.
        named = _VENDOR_NAMED.match(text) and self.recogniser.forms.get(key(text)) is entry
        return entry if named else None

    def match_strong(self, heading: str) -> Entry | None:
        """The entry a heading names in a form distinctive enough to start a
        page of its own below another page ("CloudFront", "AWS Backup", not
        "Backup")."""
        return self.strong(self.match(heading), heading)

    def strong(self, entry: Entry | None, heading: str) -> Entry | None:
        """The entry, unless the heading names it only by a plain word."""
        if entry is None or entry in self.entries or key(heading) not in self.weak:
            return entry
        # "Amazon Neptune" names the service wherever it stands.
        return entry if _VENDOR_NAMED.match(clean(heading)) else None

    def about(self, heading: str) -> Entry | None:
        """The entry a heading is about as a whole: its name, or its name with
        words that only say how deep it goes ("RDS Overview", "Advanced EC2")."""
        found = self.match(heading)
        if found is not None:
            return found
        plain = self.recogniser.unqualified(heading)
        return self.match(plain) if plain else None

    def leading(self, heading: str, trailing: bool = True) -> Entry | None:
        """The entry a heading starts with ("S3 Security" -> S3); with
        ``trailing``, or ends with as an abbreviation ("Network Storage EFS")."""
        found = self.match(heading)
        if found is not None:
            return found
        leading = self.recogniser.leading(heading, trailing)
        if leading is None or leading in self.entries or not self.common:
            return leading
        # "Pricing of the Cloud": the leading plain word is a topic too.
        first = self.recogniser.leading_words(heading, trailing) or heading
        return self._topic_aside(leading, first)

    def is_generic(self, title: str) -> bool:
        """True for a title that says nothing ("Summary", "Contents")."""
        return is_generic(title, self.generic)

    def is_introductory(self, title: str) -> bool:
        """True for a heading that introduces the notes ("Table of Contents")."""
        return words_key(clean(title)) in self.introductory

    def group(self, heading: str) -> list[Entry]:
        """The entries a heading lists ("ELB + ASG"), if it lists two or more."""
        return self.recogniser.group(heading)

    def closest(self, heading: str) -> list[str]:
        """The names of the entries closest to a heading, for a warning."""
        names = {form: entry.name for form, entry in self.recogniser.forms.items()}
        return self.recogniser.closest(heading, names)

    def is_container(self, heading: str) -> bool:
        """True for a heading that only groups services (e.g. "Database")."""
        return normalise_heading(heading) in self.containers

    def category(self, category_id: str) -> Category:
        for category in self.categories:
            if category.id == category_id:
                return category
        return Category(OTHER_CATEGORY, "Other")


_VENDOR_NAMED = re.compile(r"^(?:amazon|aws)\b", re.IGNORECASE)
_QUALIFIED = re.compile(r"\s*\([^()]*\)\s*$")
_TRAILING = re.compile(r"[\s.:;,!?#]+$")
_SPACES = re.compile(r"\s+")


def normalise_heading(text: str) -> str:
    """Case, inner spacing and trailing punctuation do not tell headings apart."""
    return _SPACES.sub(" ", _TRAILING.sub("", text.strip())).casefold()


_SLUG_DROP = re.compile(r"[^\w\s-]")
_SLUG_JOIN = re.compile(r"[\s_-]+")


def slugify(text: str) -> str:
    """A URL-safe slug: lower case words joined by hyphens."""
    words = _SLUG_DROP.sub("", normalise_heading(text))
    return _SLUG_JOIN.sub("-", words).strip("-") or "section"


def _entry(raw: dict[str, Any], where: str, category_ids: set[str]) -> Entry:
    missing = [key for key in ("slug", "name", "category") if not raw.get(key)]
    if missing:
        raise CatalogueError(f"{where}: missing {', '.join(missing)}")
    if raw["category"] not in category_ids:
        raise CatalogueError(f"{where}: unknown category {raw['category']!r}")
    abbreviations = raw.get("abbreviations") or {}
    return Entry(
        slug=str(raw["slug"]),
        name=str(raw["name"]),
        short=str(raw.get("short") or raw["name"]),
        category=str(raw["category"]),
        kind=str(raw.get("kind", "service")),
        summary=str(raw.get("summary", "")),
        headings=tuple(str(h) for h in raw.get("headings") or ()),
        abbreviations=tuple((str(k), str(v)) for k, v in abbreviations.items()),
        aliases=tuple(str(a) for a in raw.get("aliases") or ()),
    )


def catalogue_from_data(
    data: dict[str, Any],
    source: str = "catalogue",
    services_data: dict[str, Any] | None = None,
    words_data: dict[str, Any] | None = None,
) -> Catalogue:
    """Build and check a catalogue from its parsed YAML data."""
    categories = tuple(
        Category(str(c["id"]), str(c["title"]), str(c.get("icon", "")))
        for c in data.get("categories") or ()
    )
    category_ids = {c.id for c in categories} | {OTHER_CATEGORY}
    entries = tuple(
        _entry(raw, f"{source}: entry {i + 1}", category_ids)
        for i, raw in enumerate(data.get("entries") or ())
    )
    by_heading: dict[str, Entry] = {}
    slugs: set[str] = set()
    for entry in entries:
        if entry.slug in slugs:
            raise CatalogueError(f"{source}: slug {entry.slug!r} is used twice")
        slugs.add(entry.slug)
        for heading in entry.headings:
            key = normalise_heading(heading)
            other = by_heading.get(key)
            if other is not None and other is not entry:
                raise CatalogueError(
                    f"{source}: heading {heading!r} names both {other.slug} and {entry.slug}"
                )
            by_heading[key] = entry
    containers = frozenset(normalise_heading(h) for h in data.get("containers") or ())
    recogniser: Recogniser[Entry] = Recogniser()
    for entry in entries:
        recogniser.add(entry_names(entry), entry)
    services, weak, extra = _services(services_data or {}, recogniser, {e.slug for e in entries})
    known = {c.id for c in categories}
    categories += tuple(c for c in extra if c.id not in known)
    words = words_data or {}

    def keys(name: str) -> frozenset[str]:
        return frozenset(words_key(str(w)) for w in words.get(name) or ())

    return Catalogue(
        categories,
        entries,
        containers,
        by_heading,
        services,
        recogniser,
        weak,
        generic=frozenset(str(w) for w in words.get("generic_titles") or ()),
        introductory=keys("introductory_titles"),
        common=keys("common_words"),
    )


def entry_names(entry: Entry) -> list[str]:
    """Every name an entry goes by: name, short name, headings, aliases, and
    the abbreviations that stand for its own name."""
    names = [entry.name, entry.short, *entry.headings, *entry.aliases]
    own = {key(n) for n in (entry.name, entry.short, *_before_parens(entry.name))} - {""}
    # An abbreviation of the entry's own name, or of a part named after it
    # ("DAX: DynamoDB Accelerator" on DynamoDB's entry).
    names += [short for short, long in entry.abbreviations if key(long).startswith(tuple(own))]
    return names


def _before_parens(name: str) -> list[str]:
    return [name.split("(")[0]] if "(" in name else []


_PLAIN_WORD = re.compile(r"^[A-Z]?[a-z]+$")


def _services(
    data: dict[str, Any], recogniser: Recogniser[Entry], taken: set[str]
) -> tuple[tuple[Entry, ...], frozenset[str], tuple[Category, ...]]:
    """The generated services as entries. A service that the hand-kept entries
    already name is one of them: its forms are added to that entry's."""
    categories = tuple(
        Category(str(c["id"]), str(c["title"]), str(c.get("icon", "")))
        for c in data.get("categories") or ()
    )
    services: list[Entry] = []
    weak: set[str] = set()
    for raw in data.get("services") or ():
        short = str(raw.get("short") or raw["name"])
        abbreviations = [str(a) for a in raw.get("abbreviations") or ()]
        aliases = [str(a) for a in raw.get("aliases") or ()]
        names = [str(raw["name"]), short, *abbreviations, *aliases]
        # Merged only by a name in its own right: "AWS WAF" is not the entry
        # whose heading wrote "AWS WAF (Well architect framework)".
        owner = next((o for o in map(recogniser.named_by, map(key, names)) if o), None)
        if owner is None:
            slug = slugify(short)
            if slug in taken:
                slug = slugify(str(raw["id"]))
            taken.add(slug)
            owner = Entry(
                slug=slug,
                name=str(raw["name"]),
                short=short,
                category=str(raw.get("category") or OTHER_CATEGORY),
                abbreviations=tuple((a, str(raw["name"])) for a in abbreviations),
                aliases=tuple(aliases),
            )
            services.append(owner)
        recogniser.add(names, owner)
        weak.update(key(n) for n in names if _PLAIN_WORD.match(n.split()[-1]) and " " not in n)
    return tuple(services), frozenset(weak), categories


def load_catalogue(path: Path) -> Catalogue:
    """Read the catalogue file; a broken file raises CatalogueError."""
    data = yaml_data.load_mapping(path, CatalogueError, "a mapping with 'categories' and 'entries'")
    services = _included(path, data, "services")
    words = _included(path, data, "words")
    return catalogue_from_data(data, str(path), services, words)


def _included(path: Path, data: dict[str, Any], name: str) -> dict[str, Any] | None:
    """The data file the catalogue names under ``name``, relative to it."""
    if not data.get(name):
        return None
    found: dict[str, Any] = yaml_data.load_mapping(path.parent / str(data[name]), CatalogueError)
    return found
