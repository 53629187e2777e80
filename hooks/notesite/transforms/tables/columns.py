"""Put each fact of a comparison in the columns whose facets it matches.

Facets match sentences: a bullet such as "3+ Az replication. 90 days and 40KB
min charge and retrieval." sends its first sentence to the AZ column and its
second to the minimum-duration and minimum-size columns. A sentence that
matches nothing stays with the sentence before it (or, at the start, with
the one after it), so a remark keeps its context. A bullet whose own text
matches nothing but whose sub-bullets do goes, whole, where they point; a
bullet that matches nothing at all goes to Notes. A sentence that matches
two facets is a candidate for both columns; nothing is ever dropped.

What the page shows is the table an editor would keep (``Table.edited``): a
column only when most options have a value in it (the other options' facts
in it go to their row's Notes), and each sentence written once, in the
first of its columns.

Whether the result is a comparison at all is decided here too, from
thresholds in tables.yml: enough rows that speak to a facet, a column that
at least two rows share, and enough of the facts captured by facets.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import dataclass, field

from notesite.transforms.tables.data import Facet, Settings
from notesite.transforms.tables.model import Fact, Option, Piece

NOTES = ""  # the column id of Notes


@dataclass
class Entry:
    """What one cell shows of one fact: some of its sentences, maybe its tail."""

    fact: Fact
    pieces: list[Piece]
    marks: dict[str, list[tuple[int, int, int]]] = field(default_factory=dict)
    tail: bool = False  # the fact's sub-bullets and code come with these sentences
    deep: bool = False  # placed by what its sub-bullets say, not by its own words

    @property
    def columns(self) -> list[str]:
        return list(self.marks) or [NOTES]


@dataclass
class Table:
    options: list[Option]
    columns: list[Facet]  # facets used by at least one row, in facets.yml order
    cells: list[dict[str, list[Entry]]]  # per row: column id (NOTES for Notes) -> entries
    faceted_facts: int
    total_facts: int
    rows: list[list[Entry]] = field(default_factory=list)  # per row: its entries, in order
    notes_below: bool = False  # the few rows' notes are a list under the table, not a column

    @property
    def has_notes(self) -> bool:
        return any(row.get(NOTES) for row in self.cells)

    @property
    def notes_column(self) -> bool:
        return self.has_notes and not self.notes_below

    def rows_using(self, column: str, deep: bool = True) -> int:
        """Rows with a fact in ``column`` (placed by its own words unless ``deep``)."""
        return sum(1 for row in self.cells if any(deep or not e.deep for e in row.get(column, [])))


def _matches(piece: Piece, facets: list[Facet]) -> dict[str, tuple[int, int]]:
    found: dict[str, tuple[int, int]] = {}
    for facet in facets:
        span = facet.find(piece.text)
        if span is not None:
            found[facet.id] = span
    return found


def place_fact(fact: Fact, facets: list[Facet]) -> list[Entry]:
    """The entries of one fact: groups of sentences and the columns of each."""
    matches = [_matches(piece, facets) for piece in fact.pieces]
    if not any(matches):
        deep = fact.all_text() if fact.children else ""
        ids = [facet.id for facet in facets if deep and facet.find(deep)]
        return [Entry(fact, list(fact.pieces), {i: [] for i in ids}, tail=True, deep=bool(ids))]
    entries: list[Entry] = []
    leading: list[Piece] = []  # unmatched sentences before the first match
    for piece, found in zip(fact.pieces, matches, strict=True):
        if not found:
            (entries[-1].pieces if entries else leading).append(piece)
            continue
        if entries and set(entries[-1].marks) == set(found):
            entry = entries[-1]
        else:
            entry = Entry(fact, [], {facet_id: [] for facet_id in found})
            entries.append(entry)
        if leading:
            entry.pieces.extend(leading)
            leading = []
        for facet_id, (start, end) in found.items():
            entry.marks[facet_id].append((len(entry.pieces), start, end))
        entry.pieces.append(piece)
    entries[-1].tail = True
    return entries


def build_table(options: list[Option], facets: list[Facet]) -> Table:
    """Every fact of every option, placed in its columns (Notes if none)."""
    rows: list[list[Entry]] = []
    faceted = total = 0
    for option in options:
        row: list[Entry] = []
        for fact in option.facts:
            entries = place_fact(fact, facets)
            total += 1
            faceted += any(entry.marks for entry in entries)
            row.extend(entries)
        rows.append(row)
    cells = [_cells(row, lambda entry: entry.columns) for row in rows]
    used = [facet for facet in facets if any(row.get(facet.id) for row in cells)]
    return Table(options, used, cells, faceted, total, rows)


def _cells(row: list[Entry], columns: Callable[[Entry], list[str]]) -> dict[str, list[Entry]]:
    cells: dict[str, list[Entry]] = {}
    for entry in row:
        for column in columns(entry):
            cells.setdefault(column, []).append(entry)
    return cells


def edited(table: Table, min_share: float) -> Table:
    """The table as an editor would keep it: each entry in one column, and a
    column only when more than ``min_share`` of the rows have a value in it,
    Notes included: when fewer rows have notes, they are a list under the
    table (``notes_below``).

    An entry that matches several columns goes to the first of them in
    facets.yml's order, so a sentence is written once. Then the
    sparsest column under the share is dropped, its entries going to their
    other columns or to Notes, and the choice is made again, until every
    column left is filled enough. Nothing is dropped: a fact leaves a column
    only for Notes or another column of its row.
    """
    if not table.rows:
        return table
    kept = [facet.id for facet in table.columns]
    while True:

        def column(entry: Entry) -> list[str]:
            return [next((c for c in kept if c in entry.marks), NOTES)]

        cells = [_cells(row, column) for row in table.rows]
        shown = {c: sum(1 for row in cells if row.get(c)) for c in kept}
        sparse = [c for c in kept if shown[c] <= min_share * len(cells)]
        if not sparse:
            break
        kept.remove(min(reversed(sparse), key=lambda c: shown[c]))
    columns = [facet for facet in table.columns if facet.id in kept]
    noted = sum(1 for row in cells if row.get(NOTES))
    return Table(
        table.options,
        columns,
        cells,
        table.faceted_facts,
        table.total_facts,
        table.rows,
        notes_below=noted <= min_share * len(cells),
    )


_WORD = re.compile(r"[^\W_]{3,}")


def parallel_labels(labels: list[str]) -> bool:
    """Labels that name kinds of one thing share a word ("Short polling", "Long polling")."""
    words = [set(_WORD.findall(label.casefold())) for label in labels]
    return len(words) >= 2 and bool(set.intersection(*words))


_DIGITS = re.compile(r"\d+")


def numbered(labels: list[str]) -> bool:
    """Labels that differ only by a number ("Example 1", "Example 2") are a
    sequence, not options to compare."""
    return len({_DIGITS.sub("#", label.casefold()) for label in labels}) == 1


def is_comparison(table: Table, settings: Settings) -> bool:
    """Enough evidence that the options are compared on common facets.

    Enough rows speak to some facet, enough of the facts are captured by
    facets, and the rows share a column by their own words (not only by
    their sub-bullets'), or their labels share a word. And the table an
    editor would keep (``edited``) has a column besides Notes: options that
    share no column are better read as the list they are.
    """
    labels = [option.label_text for option in table.options]
    if len(labels) < settings.min_options or table.total_facts == 0 or numbered(labels):
        return False
    faceted_rows = sum(1 for row in table.cells if any(k != NOTES for k in row))
    shared = any(
        table.rows_using(facet.id, deep=False) >= settings.min_shared_rows
        for facet in table.columns
    )
    parallel = parallel_labels(labels)
    coverage = table.faceted_facts / table.total_facts
    return (
        faceted_rows >= settings.min_faceted_rows
        and coverage >= settings.min_coverage
        and (shared or parallel)
        and bool(edited(table, settings.min_column_share).columns)
    )
