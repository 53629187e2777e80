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

import yaml

from notesite import yaml_data
from notesite.errors import NotesSiteError

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
    categories: tuple[Category, ...]
    entries: tuple[Entry, ...]
    containers: frozenset[str] = frozenset()
    _by_heading: dict[str, Entry] = field(default_factory=dict, compare=False, repr=False)

    def match(self, heading: str) -> Entry | None:
        """The entry a heading names, or None."""
        return self._by_heading.get(normalise_heading(heading))

    def is_container(self, heading: str) -> bool:
        """True for a heading that only groups services (e.g. "Database")."""
        return normalise_heading(heading) in self.containers

    def category(self, category_id: str) -> Category:
        for category in self.categories:
            if category.id == category_id:
                return category
        return Category(OTHER_CATEGORY, "Other")


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


def catalogue_from_data(data: dict[str, Any], source: str = "catalogue") -> Catalogue:
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
    return Catalogue(categories, entries, containers, by_heading)


def load_catalogue(path: Path) -> Catalogue:
    """Read the catalogue file; a broken file raises CatalogueError."""
    try:
        data = yaml_data.safe_load(path.read_text(encoding="utf-8"))
    except (OSError, yaml.YAMLError) as error:
        raise CatalogueError(f"cannot read catalogue {path}: {error}") from error
    if not isinstance(data, dict):
        raise CatalogueError(f"{path}: expected a mapping with 'categories' and 'entries'")
    return catalogue_from_data(data, str(path))
