"""What one page's pass over its tables shares: data, state and token helpers.

``TablePass`` holds the table data, the page's context and what has been
converted so far; the kinds of table (``lists``, ``sections``, ``named``)
extend it, and ``transform.PageTables`` is all three.
"""

from __future__ import annotations

import copy
import re
from dataclasses import dataclass, field
from typing import TYPE_CHECKING

from markdown_it.token import Token

from notesite.reading.parse import inline_text, raw_markdown_token
from notesite.transforms.context import PageContext
from notesite.transforms.tables import render
from notesite.transforms.tables.columns import Table, build_table, edited
from notesite.transforms.tables.data import Facet, Settings, TableData
from notesite.transforms.tables.model import LISTS, Option, is_marker
from notesite.transforms.tables.render import CellWriter

if TYPE_CHECKING:
    from markdown_it import MarkdownIt

LIST_OPEN = tuple(f"{kind}_open" for kind in LISTS)
LIST_CLOSE = tuple(f"{kind}_close" for kind in LISTS)
_NORMAL = re.compile(r"[\W_]+")

# A table to add to the page: the token it goes before (None: at the end), and it.
Addition = tuple[Token | None, Token]


def normalise_label(text: str) -> str:
    """A label as compared with the names in tables.yml: case and punctuation aside."""
    return _NORMAL.sub(" ", text.casefold()).strip()


def join_labels(labels: list[str]) -> str:
    return labels[0] if len(labels) == 1 else ", ".join(labels[:-1]) + " and " + labels[-1]


def raw_token(markdown: str, replaces: Token) -> Token:
    token = raw_markdown_token(markdown, replaces.map)
    token.level = replaces.level  # it sits where the list sat (inside an item, maybe)
    return token


@dataclass
class TablePass:
    """One page's pass: the data, the page, and what has been converted so far;
    what every kind of table on the page shares."""

    data: TableData
    context: PageContext
    mdit: MarkdownIt
    writer: CellWriter
    headings: dict[int, str] = field(default_factory=dict)  # level -> text, above the list
    converted: dict[int, list[Option]] = field(default_factory=dict)  # id(list open) -> rows
    claimed: set[int] = field(default_factory=set)  # id(list open) used by named comparisons
    glossary: dict[str, str] | None = None  # read when a list of abbreviations turns up

    # ------------------------------------------------------------ shared

    @property
    def settings(self) -> Settings:
        return self.data.settings

    def facets_for(self, labels: list[str], ancestors: list[str]) -> list[Facet]:
        """The facets whose subject (``where``) fits this comparison's context."""
        trail = [self.context.slug.replace("-", " "), *self.headings.values(), *ancestors]
        where = " ".join([*trail, *labels])
        return [facet for facet in self.data.facets if facet.applies(where)]

    def table_for(self, options: list[Option], ancestors: list[str]) -> Table:
        facets = self.facets_for([o.label_text for o in options], ancestors)
        return build_table(options, facets)

    def markdown(self, table: Table) -> str:
        shown = edited(table, self.settings.min_column_share)
        return render.table_markdown(shown, self.settings, self.writer)

    def problems(self, options: list[Option]) -> list[str]:
        return [problem for option in options for problem in option.all_problems()]

    def refuse(self, line: int | None, labels: list[str], why: str) -> None:
        self.context.warn(
            line,
            f"this list looks like a comparison of {join_labels(labels)} but {why}; "
            f"it stays a list. Fix the list, or put <!-- no-table --> on the line before it.",
        )


def next_heading_index(tokens: list[Token], start: int) -> int:
    for index in range(start, len(tokens)):
        if tokens[index].type == "heading_open" and tokens[index].level == 0:
            return index
    return len(tokens)


def next_heading(tokens: list[Token], start: int) -> Token | None:
    index = next_heading_index(tokens, start)
    return tokens[index] if index < len(tokens) else None


def first_inline_text(tokens: list[Token], item: int) -> str:
    """The first line of the list item opening at ``item`` ("" if it has none)."""
    if item + 2 < len(tokens) and tokens[item + 2].type == "inline":
        return inline_text(tokens[item + 2])
    return ""


def loosen(tokens: list[Token]) -> list[Token]:
    """The list made loose (blank lines between its items), with copies of its tokens.

    A table and its collapsed source list end with indented lines; Python-
    Markdown reads a next item that follows them without a blank line as
    more of the collapsed list.
    """
    level = tokens[0].level + 2  # the paragraphs of the list's own items
    out = []
    for token in tokens:
        if (
            token.type in ("paragraph_open", "paragraph_close")
            and token.level == level
            and token.hidden
        ):
            token = copy.copy(token)
            token.hidden = False
        out.append(token)
    return out


def heading_trail(tokens: list[Token], end: int) -> dict[int, str]:
    """The headings above ``tokens[end]``, by level (the nearest of each)."""
    trail: dict[int, str] = {}
    for index in range(end):
        token = tokens[index]
        if token.type == "heading_open" and token.level == 0:
            level = int(token.tag[1])
            trail = {k: v for k, v in trail.items() if k < level}
            trail[level] = inline_text(tokens[index + 1])
    return trail


def marker_before(tokens: list[Token], index: int) -> str | None:
    if index > 0 and tokens[index - 1].type == "html_block":
        return is_marker(tokens[index - 1].content)
    return None
