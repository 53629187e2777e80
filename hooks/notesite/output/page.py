"""Write one planned page as the Markdown that MkDocs renders.

A page is the catalogue's title, the page's share of the notes rendered to
canonical Markdown, then a small line saying where in the notes it comes
from (the author's own headings and line numbers, so no heading text is
lost): the notes come first, their provenance after them.

Headings read as a title reads: a trailing "." or ":" of the author's
heading is left out of the page (and so of its table of contents); the
notes file itself is never changed.
"""

from __future__ import annotations

import copy
import re
from collections.abc import Mapping
from typing import TYPE_CHECKING, Any

from notesite.planning.plan import Page
from notesite.reading.parse import render_markdown

if TYPE_CHECKING:
    from markdown_it import MarkdownIt
    from markdown_it.token import Token

_MD_SPECIAL = re.compile(r"([\\`*_{}\[\]>()#+!|~])")
# Python-Markdown does not take a backslash before these (it would show), so
# they are written as the HTML entities it passes through.
_ENTITIES = {"<": "&lt;", "&": "&amp;"}


def escape_markdown(text: str) -> str:
    """Text as Markdown that shows as the same text: the characters Markdown
    would read as markup backslash-escaped, ``<`` and ``&`` as entities."""
    escaped = _MD_SPECIAL.sub(r"\\\1", text)
    return re.sub(r"[<&]", lambda match: _ENTITIES[match.group(0)], escaped)


def line_span(ranges: list[tuple[int, int]]) -> str:
    """1-based, human-readable line ranges: "12–40, 88–90"."""
    parts = []
    for start, end in ranges:
        first, last = start + 1, max(start + 1, end)
        parts.append(str(first) if first == last else f"{first}–{last}")
    return ", ".join(parts)


def source_line(page: Page) -> str:
    """Where the page comes from: the notes' own headings, files and lines."""
    trail = " › ".join(escape_markdown(h) for h in page.trail)
    by_file: dict[str, list[tuple[int, int]]] = {}
    for path, start, end in page.sources:
        by_file.setdefault(path, []).append((start, end))
    where = "; ".join(f"`{path}` lines {line_span(ranges)}" for path, ranges in by_file.items())
    lead = f"From the notes: **{trail}** · {where}" if trail else f"From the notes: {where}"
    return f"{lead}\n{{ .notes-source }}"


def page_markdown(page: Page, env: Mapping[str, Any], mdit: MarkdownIt | None = None) -> str:
    """The whole Markdown source of a generated page."""
    body = render_markdown(without_trailing_stops(page.tokens), env, mdit)
    parts = [f"# {escape_markdown(page.entry.name)}"]
    if body.strip():
        parts.append(body.rstrip("\n"))
    parts.append(source_line(page))
    return "\n\n".join(parts) + "\n"


_TRAILING_STOP = re.compile(r"\s*[.:]+\s*$")


def without_trailing_stops(tokens: list[Token]) -> list[Token]:
    """The tokens with each heading's trailing "." or ":" left out ("S3 Upload." →
    "S3 Upload"); "..." and a heading that is only punctuation stay as written."""
    out = list(tokens)
    for index, token in enumerate(tokens[:-1]):
        inline = tokens[index + 1]
        if token.type != "heading_open" or inline.type != "inline" or not inline.children:
            continue
        last = inline.children[-1]
        stripped = _TRAILING_STOP.sub("", last.content)
        if last.type != "text" or last.content.endswith("..") or not stripped.strip():
            continue
        last = copy.copy(last)
        last.content = stripped
        inline = copy.copy(inline)
        inline.children = [*inline.children[:-1], last]
        inline.content = _TRAILING_STOP.sub("", inline.content)
        out[index + 1] = inline
    return out
