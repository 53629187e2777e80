"""Write a comparison table, and the list it came from, as Markdown.

Cells keep the facts' inline Markdown (code, links, emphasis): each sentence's
inline tokens are rendered back by mdformat, on one line, with ``|`` escaped
outside code spans (inside them Python-Markdown's tables already ignore it).
A fact's deeper sub-bullets follow it in the cell on their own lines
(``<br>`` and a bullet), its code blocks as inline code, one line each.

The source list is kept under the table in a collapsed admonition
(pymdownx.details), rendered from its own tokens: the author's wording,
order and nesting stay one click away, and the page's search index holds it.
"""

from __future__ import annotations

import copy
import re
from collections.abc import Mapping, Sequence
from typing import TYPE_CHECKING, Any

from markdown_it.token import Token

from notesite.reading.parse import make_parser, render_markdown
from notesite.transforms.tables.columns import NOTES, Entry, Table
from notesite.transforms.tables.data import Settings
from notesite.transforms.tables.model import Fact, Option

if TYPE_CHECKING:
    from markdown_it import MarkdownIt

BULLETS = ("•", "◦", "▪")
_BACKTICKS = re.compile(r"`+")
_HARD_BREAK = re.compile(r"(?:\\|  +)\n")


def escape_pipes(markdown: str) -> str:
    """Escape ``|`` outside code spans, so that it cannot end a table cell."""
    out: list[str] = []
    index = 0
    while index < len(markdown):
        char = markdown[index]
        if char == "\\" and index + 1 < len(markdown):
            out.append(markdown[index : index + 2])
            index += 2
            continue
        if char == "`":
            run = _BACKTICKS.match(markdown, index)
            assert run is not None
            close = re.compile(rf"(?<!`){run.group()}(?!`)").search(markdown, run.end())
            if close:
                out.append(markdown[index : close.end()])
                index = close.end()
                continue
            out.append(run.group())
            index = run.end()
            continue
        out.append("\\|" if char == "|" else char)
        index += 1
    return "".join(out)


def code_span(text: str) -> str:
    """``text`` as an inline code span, whatever backticks it holds."""
    longest = max((len(m) for m in _BACKTICKS.findall(text)), default=0)
    fence = "`" * (longest + 1)
    pad = " " if text.startswith("`") or text.endswith("`") else ""
    return f"{fence}{pad}{text}{pad}{fence}"


class CellWriter:
    """Renders inline tokens and facts as single-line Markdown for table cells."""

    def __init__(self, env: Mapping[str, Any], mdit: MarkdownIt | None = None) -> None:
        self.env = env
        self.mdit = mdit or make_parser()

    def inline(self, children: Sequence[Token]) -> str:
        if not children:
            return ""
        tokens = [
            Token("paragraph_open", "p", 1),
            Token("inline", "", 0, children=inline_references(children)),
            Token("paragraph_close", "p", -1),
        ]
        markdown = render_markdown(tokens, self.env, self.mdit).strip()
        markdown = _HARD_BREAK.sub("<br>", markdown).replace("\n", " ")
        return escape_pipes(markdown)

    def sentence(self, entry: Entry, index: int, column: str, emphasise: bool) -> str:
        piece = entry.pieces[index]
        markdown = self.inline(piece.children)
        if not emphasise or column == NOTES:
            return markdown
        plain = all(child.type == "text" for child in piece.children)
        for mark_index, start, end in entry.marks.get(column, []):
            found = piece.text[start:end].strip()
            if mark_index != index or not plain or not found or "**" in markdown:
                continue
            at = markdown.find(found)
            if at >= 0:
                markdown = f"{markdown[:at]}**{found}**{markdown[at + len(found) :]}"
        return markdown

    def tail(self, fact: Fact, depth: int = 1) -> list[str]:
        """The sub-bullets (deeper ones indented) and code lines of a fact."""
        lines: list[str] = []
        bullet = BULLETS[min(depth, len(BULLETS)) - 1]
        indent = "&nbsp;&nbsp;" * (depth - 1)
        lines.extend(code_span(line.strip()) for line in fact.code)
        for child in fact.children:
            text = " ".join(self.inline(piece.children) for piece in child.pieces)
            lines.append(f"{indent}{bullet} {text}".rstrip())
            lines.extend(self.tail(child, depth + 1))
        return lines

    def entry(self, entry: Entry, column: str, emphasise: bool) -> str:
        text = " ".join(
            self.sentence(entry, index, column, emphasise) for index in range(len(entry.pieces))
        )
        lines = [text] if text else []
        if entry.tail:
            lines.extend(self.tail(entry.fact))
        return "<br>".join(lines)

    def label(self, option: Option) -> str:
        text = self.inline(option.label)
        if option.group:
            text += f"<br><small>{self.inline(option.group)}</small>"
        return text


def _header_cell(text: str) -> str:
    return escape_pipes(text.replace("\n", " "))


def _cell(row: dict[str, list[Entry]], column: str, settings: Settings, writer: CellWriter) -> str:
    parts = [writer.entry(e, column, settings.emphasise_matches) for e in row.get(column, [])]
    return "<br>".join(p for p in parts if p)


def notes_below_markdown(table: Table, settings: Settings, writer: CellWriter) -> str:
    """The notes of the few rows that have some, as a list ("Glacier: …")."""
    lines = []
    for option, row in zip(table.options, table.cells, strict=True):
        notes = _cell(row, NOTES, settings, writer)
        if notes:
            label = writer.label(option).replace("<br>", " ")
            lines.append(f"- {label}: {notes}")
    return "\n".join(lines)


def table_markdown(table: Table, settings: Settings, writer: CellWriter) -> str:
    """The Markdown table: label column, one column per facet used, then Notes
    (or, when few rows have notes, those rows' notes in a list under it)."""
    columns = [(facet.id, facet.title) for facet in table.columns]
    if table.notes_column:
        columns.append((NOTES, settings.notes_title))
    header = [settings.label_header, *(title for _, title in columns)]
    lines = [
        "| " + " | ".join(_header_cell(h) for h in header) + " |",
        "| " + " | ".join("---" for _ in header) + " |",
    ]
    for option, row in zip(table.options, table.cells, strict=True):
        cells = [writer.label(option)]
        for column, _ in columns:
            cells.append(_cell(row, column, settings, writer) or settings.empty_cell)
        lines.append("| " + " | ".join(cells) + " |")
    if table.has_notes and table.notes_below:
        return "\n".join(lines) + "\n\n" + notes_below_markdown(table, settings, writer)
    return "\n".join(lines)


def indent(markdown: str, spaces: int = 4) -> str:
    pad = " " * spaces
    return "\n".join(pad + line if line.strip() else "" for line in markdown.splitlines())


def inline_references(tokens: Sequence[Token]) -> list[Token]:
    """The tokens with reference links (``[text][ref]``) made inline links.

    A table cell or a collapsed list is raw Markdown to the page's renderer,
    which then no longer sees the reference used and leaves out its
    definition; an inline link carries its target with it.
    """
    out: list[Token] = []
    for token in tokens:
        if token.children:
            children = token.children
            token = copy.copy(token)
            token.children = inline_references(children)
        elif token.meta.get("label") and token.type in ("link_open", "image"):
            token = copy.copy(token)
            token.meta = {k: v for k, v in token.meta.items() if k != "label"}
        out.append(token)
    return out


def rebase(tokens: Sequence[Token]) -> list[Token]:
    """Copies of a nested list's tokens, moved to the top level.

    mdformat-mkdocs gives nested lists their four-space indents only when it
    renders a list at level 0; a list lifted from inside an item keeps its
    level, and would come out with two-space indents, which Python-Markdown
    flattens.
    """
    if not tokens or tokens[0].level == 0:
        return list(tokens)
    shift = tokens[0].level
    moved = []
    for token in tokens:
        token = copy.copy(token)
        token.level -= shift
        moved.append(token)
    return moved


def list_markdown(tokens: Sequence[Token], env: Mapping[str, Any], mdit: MarkdownIt) -> str:
    """A list (a balanced run of tokens, maybe nested) as canonical Markdown."""
    return render_markdown(inline_references(rebase(tokens)), env, mdit).rstrip("\n")


def source_markdown(
    tokens: Sequence[Token], settings: Settings, env: Mapping[str, Any], mdit: MarkdownIt
) -> str:
    """The original list in a collapsed admonition (``??? note "From the notes"``)."""
    body = list_markdown(tokens, env, mdit)
    title = settings.source_title.replace('"', "'")
    return f'??? {settings.source_admonition} "{title}"\n\n{indent(body)}'
