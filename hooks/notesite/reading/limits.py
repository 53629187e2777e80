"""How much the build reads: limits that keep hostile or broken notes from
hanging it or exhausting memory.

Each limit is data here, and going over one stops the build with a message
naming the file and line and saying what to change. The real notes are far
below every limit (87 KB, a longest paragraph of a few hundred characters,
lists nested five deep, about a hundred pages).
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from notesite.errors import NotesSiteError

if TYPE_CHECKING:
    from markdown_it.rules_core import StateCore

# One notes file: fifty times the original notes. Larger files are refused
# before they are read.
MAX_FILE_BYTES = 5_000_000
# One paragraph, heading or table cell (the text markdown-it reads as inline
# content). Reading and writing back such text costs more than linearly
# (a line of a million "[" took minutes), so a longer one is refused.
MAX_INLINE_CHARS = 20_000
# Lists and quotes nested this deep: markdown-it (like GitHub's parser) stops
# reading deeper content, which would silently lose it, so it is refused.
MAX_NESTING = 20
# Headings in one notes file (the real notes have under a hundred): each
# costs the build about a millisecond, and MkDocs more for the page's contents.
MAX_HEADINGS = 5_000
# Pages the notes make (each top-level heading the catalogue does not know
# makes one): MkDocs' time grows with their number.
MAX_PAGES = 1_000


class NotesLimitError(NotesSiteError):
    """The notes go over one of the limits; the message names file, line and fix."""


class LimitExceeded(Exception):
    """A limit reached inside the parser, at a 0-based line (the file is added later)."""

    def __init__(self, line: int, text: str) -> None:
        super().__init__(text)
        self.line = line
        self.text = text


def check_block_limits(state: StateCore) -> None:
    """markdown-it core rule, run after block parsing and before inline parsing:
    refuses inline content that is too long, nesting that is too deep and too
    many headings."""
    headings = 0
    for token in state.tokens:
        line = token.map[0] if token.map else 0
        headings += token.type == "heading_open"
        if headings > MAX_HEADINGS:
            raise LimitExceeded(
                line,
                f"more than {MAX_HEADINGS:,} headings (this is heading {headings:,}); the "
                f"most the build reads in one file is {MAX_HEADINGS:,}. Split the notes "
                f"into a folder of files.",
            )
        if token.level >= MAX_NESTING - 1 and token.nesting == 1:
            raise LimitExceeded(
                line,
                f"lists or quotes nested {MAX_NESTING} levels deep (a list counts two: "
                f"the list and its item); what is deeper would be lost. Nest them less deeply.",
            )
        if token.type == "inline" and len(token.content) > MAX_INLINE_CHARS:
            raise LimitExceeded(
                line,
                f"a paragraph (or heading, or table cell) of {len(token.content):,} "
                f"characters; the most the build reads is {MAX_INLINE_CHARS:,}. "
                f"Split it with blank lines.",
            )


def check_file_size(size: int, shown: str) -> None:
    if size > MAX_FILE_BYTES:
        raise NotesLimitError(
            f"{shown}:1: the notes file is {size / 1e6:.1f} MB; the most the build reads "
            f"is {MAX_FILE_BYTES / 1e6:.0f} MB. Split it into a folder of files."
        )


def check_page_count(pages: list[tuple[str, int]]) -> None:
    """``pages``: (file, 0-based first line) of each planned page, in order."""
    if len(pages) > MAX_PAGES:
        path, line = pages[MAX_PAGES]
        raise NotesLimitError(
            f"{path}:{line + 1}: the notes make {len(pages):,} pages (this heading starts "
            f"page {MAX_PAGES + 1:,}); the most the build makes is {MAX_PAGES:,}. Make "
            f"the headings below the services' ones deeper (## or ###)."
        )
