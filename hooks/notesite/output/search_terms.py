"""The words readers search a page by, put on the page itself.

Readers search for "DDB", "OAI", "GSI" or "pillars"; the notes use some of
those words rarely, or never, on the page they belong to. The catalogue
(``docs/_data/catalogue.yml``) knows each entry's aliases and abbreviations,
so one quiet line goes under the title of each generated page:
``Keywords: DDB · DAX (DynamoDB Accelerator) · RCU (Read Capacity Unit) …``.

The line is real text, so the reader sees why a search found the page, and it
sits in the page's first section, which Material's search scores as the page
itself (ahead of its subsections), so the page ranks first for those words.
Pages the catalogue does not describe (the home page, hand-written pages) and
entries with no aliases or abbreviations are left unchanged.
"""

from __future__ import annotations

import re

from notesite.output.page import escape_markdown
from notesite.planning.catalogue import Entry

KEYWORDS_CLASS = "notes-keywords"
SOURCE_CLASS = "notes-source"  # the "From the notes: …" line output.page writes
SEPARATOR = " · "


def _in_title(word: str, title: str) -> bool:
    """True if the title already holds the word as a whole word or phrase."""
    return re.search(rf"(?<!\w){re.escape(word)}(?!\w)", title, re.IGNORECASE) is not None


def keywords(entry: Entry) -> list[str]:
    """The entry's aliases, then its abbreviations with what they stand for; no repeats.

    Nothing the title already says is repeated: an abbreviation is left out
    when the title holds both it and its meaning ("Amazon Simple Queue
    Service (SQS)"), an alias when the title holds it. An alias that repeats
    an abbreviation or its meaning is left to the abbreviation's keyword.
    """
    title = entry.name
    abbreviations = [
        (short, long)
        for short, long in entry.abbreviations
        if not (_in_title(short, title) and _in_title(long, title))
    ]
    shown = {entry.short.casefold()}
    for short, long in entry.abbreviations:
        shown |= {short.casefold(), long.casefold()}
    words: list[str] = []
    for alias in entry.aliases:
        key = alias.casefold()
        if key not in shown and not _in_title(alias, title):
            shown.add(key)
            words.append(alias)
    for short, long in abbreviations:
        words.append(f"{short} ({long})" if long.casefold() != short.casefold() else short)
    return words


def keywords_markdown(words: list[str]) -> str:
    """One paragraph listing the keywords, with a class the stylesheet keeps quiet."""
    if not words:
        return ""
    listed = SEPARATOR.join(escape_markdown(word) for word in words)
    return f"Keywords: {listed}\n{{ .{KEYWORDS_CLASS} }}"


def insert_after_title(markdown: str, block: str) -> str:
    """Insert a block after the page's `#` title and the source line that follows it.

    Markdown without a leading `#` title is returned unchanged: there is no
    place under a title to put the block.
    """
    if not block:
        return markdown
    blocks = markdown.split("\n\n")
    if not blocks or not blocks[0].startswith("# "):
        return markdown
    at = 1
    if len(blocks) > 1 and blocks[1].rstrip().endswith(f"{{ .{SOURCE_CLASS} }}"):
        at = 2
    return "\n\n".join([*blocks[:at], block, *blocks[at:]])


def page_keywords(markdown: str, entry: Entry | None) -> str:
    """The page's Markdown with its keyword line, if the catalogue gives it any."""
    if entry is None:
        return markdown
    return insert_after_title(markdown, keywords_markdown(keywords(entry)))
