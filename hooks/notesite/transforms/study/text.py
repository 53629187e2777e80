"""The notes' running text, passage by passage, placed on its page and section.

The study aids (numbers to remember, the glossary's "used on") read the text
a reader reads: each paragraph, list item and table cell of the notes, as
markdown-it parsed it, never the code. A ``Passage`` knows the page that owns
its line, the heading of the section it sits in (a link target on that
page, from links.headings.anchor_map), the label of the list item that holds
it (its context: "S3 Standard" for "99.99% availability"), and which parts
of its text are code or a URL, where no word or number is looked for.

Read from the parsed notes, not from the pages' tokens: the transforms turn
lists into tables and diagrams, but the notes' own tokens stay as parsed.
"""

from __future__ import annotations

import re
from collections.abc import Iterator, Sequence
from dataclasses import dataclass

from markdown_it.token import Token

from notesite.planning.plan import SitePlan
from notesite.reading.checks import github_anchor
from notesite.reading.parse import NotesSet, inline_text
from notesite.transforms.links.headings import anchor_map

Span = tuple[int, int]
# A bare URL in running text ("see https://…"): not words to look at.
# Punctuation that ends a sentence after it is not part of it.
URL = re.compile(r"(?:(?:https?|ftp)://|\bwww\.)[^\s)\]>]*[^\s)\]>.,;:!?'\"]")


@dataclass(frozen=True)
class Target:
    """Where a heading of the notes is on the site."""

    slug: str  # its page
    anchor: str  # its id there; "" for the page's title
    title: str  # its text

    @property
    def href(self) -> str:
        """A link to it from another generated page at the site's root."""
        return f"{self.slug}.md#{self.anchor}" if self.anchor else f"{self.slug}.md"


@dataclass(frozen=True)
class Passage:
    """One paragraph, list item or table cell of the notes."""

    slug: str  # the page that owns its line
    path: str  # its notes file
    line: int  # 0-based, as markdown-it maps lines
    text: str  # what a reader sees, markup aside
    skip: tuple[Span, ...]  # code and URLs in ``text``: no words or numbers there
    section: Target  # the heading it sits under (the page itself above the first)
    context: str  # the label of the list item that holds it; "" outside lists

    def outside_skip(self, start: int, end: int) -> bool:
        """True if text[start:end] overlaps no code or URL."""
        return all(end <= a or start >= b for a, b in self.skip)


def text_and_skips(children: Sequence[Token]) -> tuple[str, tuple[Span, ...]]:
    """The plain text of an inline token's children, and the spans of code and URLs in it.

    Link destinations are not text (only link text is); ``code_inline`` and
    ``html_inline`` are kept in the text, so it reads as on the page, but
    marked to skip.
    """
    parts: list[str] = []
    skips: list[Span] = []
    length = 0

    def add(text: str, skip: bool) -> None:
        nonlocal length
        if skip and text:
            skips.append((length, length + len(text)))
        parts.append(text)
        length += len(text)

    def walk(tokens: Sequence[Token]) -> None:
        for child in tokens:
            if child.type == "text":
                add(child.content, False)
            elif child.type in ("code_inline", "html_inline"):
                add(child.content, True)
            elif child.type in ("softbreak", "hardbreak"):
                add(" ", False)
            elif child.children:
                walk(child.children)

    walk(children)
    text = "".join(parts)
    skips += [match.span() for match in URL.finditer(text)]
    return text, tuple(sorted(skips))


def heading_targets(notes: NotesSet, plan: SitePlan) -> dict[tuple[str, int], Target]:
    """(notes file, 0-based line of a heading) -> where that heading is on the site.

    The ids are anchor_map's (the ids Python-Markdown's toc gives on the
    page); it keys them by GitHub anchor, so the same numbering of repeated
    headings is applied here to find each heading's key.
    """
    anchors = anchor_map(notes, plan)
    targets: dict[tuple[str, int], Target] = {}
    for parsed in notes.files:
        seen: dict[str, int] = {}
        for index, token in enumerate(parsed.tokens):
            if token.type != "heading_open" or not token.map:
                continue
            text = inline_text(parsed.tokens[index + 1]).strip()
            base = github_anchor(text)
            count = seen.get(base, 0)
            seen[base] = count + 1
            found = anchors.get((parsed.path, base if count == 0 else f"{base}-{count}"))
            if found is not None:
                targets[(parsed.path, token.map[0])] = Target(found[0], found[1], text)
    return targets


def line_owners(plan: SitePlan) -> dict[tuple[str, int], str]:
    """(notes file, 0-based line) -> slug of the page that shows it."""
    return {
        (path, line): page.slug
        for page in plan.pages
        for path, start, end in page.sources
        for line in range(start, end)
    }


# Where a list item's first sentence ends, and where a clause of it does.
_SENTENCE_END = re.compile(r"(?<=[.!?])\s+(?=[A-Z(\d])")
_CLAUSE_END = re.compile(r"[,;:]\s+|\s+[-–—]\s+")


def _label(text: str, limit: int = 60) -> str:
    """A list item's first sentence, to stand before a fact; when that is longer
    than ``limit``, its first clause if that says something (three words or
    more). Never cut mid-clause: a long sentence stays whole."""
    sentence = _SENTENCE_END.split(re.sub(r"\s+", " ", text).strip(), 1)[0]
    if len(sentence) > limit:
        clause = _CLAUSE_END.split(sentence, 1)[0]
        if len(clause.split()) >= 3:
            sentence = clause
    return sentence.rstrip(".:;,-– ").strip()


def passages(notes: NotesSet, plan: SitePlan) -> Iterator[Passage]:
    """Every paragraph, list item and table cell of the notes, in reading order.

    Headings are not passages (they are the sections); code blocks are not
    text. A passage whose page has no heading above it belongs to the page
    itself.
    """
    owners = line_owners(plan)
    targets = heading_targets(notes, plan)
    titles = {page.slug: page.entry.name for page in plan.pages}
    for parsed in notes.files:
        heading: Target | None = None
        # One entry per open list item: its label once its first paragraph is read.
        items: list[str | None] = []
        for index, token in enumerate(parsed.tokens):
            if token.type == "heading_open":
                heading = targets.get((parsed.path, token.map[0])) if token.map else None
                continue
            if token.type == "list_item_open":
                items.append(None)
                continue
            if token.type == "list_item_close":
                items.pop()
                continue
            if token.type != "inline" or not token.map:
                continue
            previous = parsed.tokens[index - 1] if index else None
            if previous is not None and previous.type == "heading_open":
                continue
            slug = owners.get((parsed.path, token.map[0]))
            if slug is None:
                continue
            text, skips = text_and_skips(token.children or [])
            if items and items[-1] is None:
                # The item's first paragraph: its label, and its context is the parent's.
                items[-1] = _label(text)
                context = next((label for label in reversed(items[:-1]) if label), "")
            else:
                context = next((label for label in reversed(items) if label), "")
            section = heading if heading is not None and heading.slug == slug else None
            yield Passage(
                slug=slug,
                path=parsed.path,
                line=token.map[0],
                text=text,
                skip=skips,
                section=section or Target(slug, "", titles.get(slug, slug)),
                context=context,
            )


def unsearched_page(title: str) -> list[str]:
    """The first lines of a generated study page that search leaves out (its
    text repeats the pages it lists): front matter, then its title."""
    return ["---", "search:", "  exclude: true", "---", "", f"# {title}", ""]
