"""Data of the comparison tables: facets (the columns) and settings.

Reads ``docs/_data/facets.yml`` and ``docs/_data/tables.yml``. A facet says
what a fact must contain to answer one question (durability = a percentage
near "durab…", AZs = a number before "AZ"): regular expressions, never code
per table. ``tables.yml`` holds the thresholds that decide when a list is a
comparison, the words the tables use (column and admonition titles) and the
comparisons the author names explicitly because the notes spread their
options over several lists or pages.

The code knows how to match; the data knows what, so the same hook serves
other people's notes with their own facets.
"""

from __future__ import annotations

import re
from collections.abc import Mapping
from dataclasses import dataclass, field
from functools import lru_cache
from pathlib import Path
from typing import Any

import yaml

from notesite import yaml_data
from notesite.errors import NotesSiteError

FACETS_FILE = "docs/_data/facets.yml"
TABLES_FILE = "docs/_data/tables.yml"


class TableDataError(NotesSiteError, ValueError):
    """facets.yml or tables.yml cannot be used: the message says where and why."""


FACET_KEYS = {"id", "title", "match", "near", "within", "unless", "where", "not_where"}


@dataclass(frozen=True)
class Facet:
    """One column: the facts that contain ``patterns`` (near ``near``) go in it."""

    id: str
    title: str
    patterns: tuple[re.Pattern[str], ...]
    near: re.Pattern[str] | None = None
    within: int | None = None  # characters between a pattern's match and ``near``
    unless: re.Pattern[str] | None = None
    where: re.Pattern[str] | None = None  # the comparison's context must match
    not_where: re.Pattern[str] | None = None  # ... and must not match

    def applies(self, context: str) -> bool:
        """Whether this facet is a column candidate where ``context`` is the topic."""
        if self.where is not None and not self.where.search(context):
            return False
        return self.not_where is None or not self.not_where.search(context)

    def find(self, text: str) -> tuple[int, int] | None:
        """Span of the first match of this facet in ``text``, or None."""
        if self.unless is not None and self.unless.search(text):
            return None
        for pattern in self.patterns:
            for match in pattern.finditer(text):
                if self._near_ok(text, match.start(), match.end()):
                    return match.span()
        return None

    def _near_ok(self, text: str, start: int, end: int) -> bool:
        if self.near is None:
            return True
        for near in self.near.finditer(text):
            if self.within is None:
                return True
            gap = max(near.start() - end, start - near.end(), 0)
            if gap <= self.within:
                return True
        return False


@dataclass(frozen=True)
class NamedRow:
    """A row of a named comparison: the notes' label (item or heading) to find."""

    match: str
    label: str | None = None  # shown instead of the notes' label


@dataclass(frozen=True)
class NamedComparison:
    """A comparison the author names because its options are not siblings."""

    title: str
    rows: tuple[NamedRow, ...]


@dataclass(frozen=True)
class Settings:
    """Thresholds and words of the tables (see tables.yml for each)."""

    label_header: str = "Option"
    notes_title: str = "Notes"
    empty_cell: str = "—"
    source_admonition: str = "note"
    source_title: str = "From the notes"
    compared_title: str = "{labels} compared"
    # Where abbreviations are spelt out (a list of bare abbreviations becomes a
    # table with this column); "" for none.
    glossary: str = "docs/_data/catalogue.yml"
    glossary_title: str = "Stands for"
    emphasise_matches: bool = True
    max_label_words: int = 8
    max_head_words: int = 3
    max_section_label_words: int = 4
    min_options: int = 2
    min_faceted_rows: int = 2
    min_shared_rows: int = 2
    min_coverage: float = 0.3
    min_column_share: float = 0.5  # a column is shown when more than this share of rows fill it


@dataclass(frozen=True)
class TableData:
    facets: tuple[Facet, ...]
    settings: Settings = field(default_factory=Settings)
    comparisons: tuple[NamedComparison, ...] = ()


def _regex(value: Any, where: str) -> re.Pattern[str]:
    if not isinstance(value, str) or not value:
        raise TableDataError(f"{where}: expected a regular expression, got {value!r}.")
    try:
        return re.compile(value, re.IGNORECASE)
    except re.error as error:
        raise TableDataError(f"{where}: invalid regular expression {value!r}: {error}.") from error


def _optional_regex(value: Any, where: str) -> re.Pattern[str] | None:
    return None if value is None else _regex(value, where)


def parse_facets(raw: Any, source: str) -> tuple[Facet, ...]:
    """Facets from the parsed YAML of facets.yml (a mapping with ``facets:``)."""
    items = raw.get("facets") if isinstance(raw, Mapping) else None
    if not isinstance(items, list):
        raise TableDataError(f"{source}: expected a top-level 'facets:' list.")
    facets: list[Facet] = []
    seen: set[str] = set()
    for index, item in enumerate(items):
        where = f"{source}: facets[{index}]"
        if not isinstance(item, Mapping) or "id" not in item or "match" not in item:
            raise TableDataError(f"{where}: each facet needs 'id', 'match' (and 'title').")
        facet_id = str(item["id"])
        if facet_id in seen:
            raise TableDataError(f"{where}: facet id '{facet_id}' is used twice.")
        seen.add(facet_id)
        where = f"{source}: facet '{facet_id}'"
        unknown = sorted(set(item) - FACET_KEYS)
        if unknown:
            raise TableDataError(
                f"{where}: unknown keys {unknown}; a facet has {sorted(FACET_KEYS)}."
            )
        match = item["match"]
        patterns = tuple(_regex(p, where) for p in (match if isinstance(match, list) else [match]))
        within = item.get("within")
        if within is not None and not isinstance(within, int):
            raise TableDataError(f"{where}: 'within' is a number of characters, got {within!r}.")
        facets.append(
            Facet(
                id=facet_id,
                title=str(item.get("title", facet_id.replace("_", " ").capitalize())),
                patterns=patterns,
                near=_optional_regex(item.get("near"), where),
                within=within,
                unless=_optional_regex(item.get("unless"), where),
                where=_optional_regex(item.get("where"), where),
                not_where=_optional_regex(item.get("not_where"), where),
            )
        )
    return tuple(facets)


def parse_tables(raw: Any, source: str) -> tuple[Settings, tuple[NamedComparison, ...]]:
    """Settings and named comparisons from the parsed YAML of tables.yml."""
    if raw is None:
        return Settings(), ()
    if not isinstance(raw, Mapping):
        raise TableDataError(f"{source}: expected a mapping with 'settings:' and 'comparisons:'.")
    given = raw.get("settings") or {}
    known = Settings.__dataclass_fields__
    unknown = sorted(set(given) - set(known))
    if unknown:
        raise TableDataError(f"{source}: unknown settings {unknown}; known: {sorted(known)}.")
    defaults = Settings()
    values: dict[str, Any] = {}
    for name, value in given.items():
        expected = type(getattr(defaults, name))
        if expected is float and isinstance(value, int):
            value = float(value)
        if not isinstance(value, expected) or (expected is int and isinstance(value, bool)):
            raise TableDataError(f"{source}: setting '{name}' should be {expected.__name__}.")
        values[name] = value
    comparisons: list[NamedComparison] = []
    for index, item in enumerate(raw.get("comparisons") or []):
        where = f"{source}: comparisons[{index}]"
        if not isinstance(item, Mapping) or not isinstance(item.get("rows"), list):
            raise TableDataError(f"{where}: each comparison needs 'title' and a 'rows' list.")
        rows: list[NamedRow] = []
        for row in item["rows"]:
            if isinstance(row, str):
                rows.append(NamedRow(row))
            elif isinstance(row, Mapping) and isinstance(row.get("match"), str):
                label = row.get("label")
                rows.append(NamedRow(row["match"], str(label) if label else None))
            else:
                raise TableDataError(f"{where}: a row is a label or {{match: ..., label: ...}}.")
        if len(rows) < 2:
            raise TableDataError(f"{where}: a comparison needs at least two rows.")
        comparisons.append(NamedComparison(str(item.get("title", "")), tuple(rows)))
    return Settings(**values), tuple(comparisons)


@lru_cache(maxsize=8)
def _parse_yaml(text: str) -> Any:
    # Keyed by the file's text, so an edit during `mkdocs serve` is seen at once.
    return yaml_data.safe_load(text)


def _read_yaml(path: Path, shown: str) -> Any:
    try:
        text = path.read_text(encoding="utf-8")
    except OSError as error:
        raise TableDataError(f"Cannot read '{shown}': {error.strerror or error}.") from error
    try:
        return _parse_yaml(text)
    except yaml.YAMLError as error:
        raise TableDataError(f"'{shown}' is not valid YAML: {error}") from error


def load_table_data(root: Path) -> TableData:
    """Read facets.yml and tables.yml under ``root``; without facets, no
    list can match a column, so a site without the file simply has no tables."""
    facets_path = root / FACETS_FILE
    raw_facets = _read_yaml(facets_path, FACETS_FILE) if facets_path.is_file() else {"facets": []}
    facets = parse_facets(raw_facets, FACETS_FILE)
    tables_path = root / TABLES_FILE
    raw = _read_yaml(tables_path, TABLES_FILE) if tables_path.is_file() else None
    settings, comparisons = parse_tables(raw, TABLES_FILE)
    return TableData(facets, settings, comparisons)


def load_glossary(root: Path, settings: Settings) -> dict[str, str]:
    """Abbreviations spelt out in the catalogue, keyed by lower-case abbreviation."""
    if not settings.glossary:
        return {}
    from notesite.planning.catalogue import CatalogueError, catalogue_from_data

    raw = _read_yaml(root / settings.glossary, settings.glossary)
    try:
        catalogue = catalogue_from_data(raw if isinstance(raw, dict) else {}, settings.glossary)
    except CatalogueError as error:
        raise TableDataError(str(error)) from error
    return {
        short.casefold(): long for entry in catalogue.entries for short, long in entry.abbreviations
    }
