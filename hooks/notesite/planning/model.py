"""The plan of a site: its pages, each holding the notes' tokens and the
lines they came from, and the problems found while planning.

In: nothing (data only). Out: ``Message``, ``Page`` and ``SitePlan``, which
every later stage reads.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from markdown_it.token import Token

from notesite.planning.catalogue import OTHER_CATEGORY, Catalogue, Entry
from notesite.reading.parse import NotesSet, ParsedNotes


@dataclass(frozen=True)
class Message:
    """A problem in the notes, placed at a file and 1-based line."""

    path: str
    line: int
    text: str

    def __str__(self) -> str:
        return f"{self.path}:{self.line}: {self.text}"


@dataclass
class Page:
    entry: Entry
    start_level: int
    trail: tuple[str, ...] = ()  # the notes' own headings that led to this page
    tokens: list[Token] = field(default_factory=list)
    # (notes file, first line, line after the last): 0-based, in page order.
    sources: list[tuple[str, int, int]] = field(default_factory=list)
    # The services a group page stands for ("RDS, Redshift and ElastiCache"),
    # each found in the navigation and by search even without a page of its own.
    covers: tuple[Entry, ...] = ()
    # (notes file, 0-based line) of the heading that titles the page, if one
    # does: it is the page's title, not a heading on it.
    title_at: tuple[str, int] | None = None

    @property
    def slug(self) -> str:
        return self.entry.slug

    @property
    def src_uri(self) -> str:
        return f"{self.entry.slug}.md"

    @property
    def line_ranges(self) -> list[tuple[int, int]]:
        """The page's line ranges, whatever file they are in."""
        return [(start, end) for _, start, end in self.sources]

    @property
    def main_source(self) -> str:
        return self.sources[0][0] if self.sources else ""

    def owns(self, path: str, start: int, end: int) -> None:
        if self.sources and self.sources[-1][0] == path and self.sources[-1][2] == start:
            self.sources[-1] = (path, self.sources[-1][1], end)
        elif start < end:
            self.sources.append((path, start, end))


@dataclass
class SitePlan:
    pages: list[Page]
    messages: list[Message]

    def page(self, slug: str) -> Page | None:
        return next((p for p in self.pages if p.slug == slug), None)

    def pages_in(self, catalogue: Catalogue, category_id: str) -> list[Page]:
        """A category's pages: the introduction first, then catalogue order;
        for "other", the notes' order."""
        if category_id == OTHER_CATEGORY:
            return [p for p in self.pages if p.entry.category == OTHER_CATEGORY]
        planned = {p.slug: p for p in self.pages if p.entry.category == category_id}
        first = [planned.pop("introduction")] if "introduction" in planned else []
        listed = [planned.pop(e.slug) for e in catalogue.entries if e.slug in planned]
        return first + listed + sorted(planned.values(), key=lambda p: p.entry.short.casefold())


def page_text_sizes(plan: SitePlan, notes: ParsedNotes | NotesSet) -> dict[str, int]:
    """Characters of the notes on each page, from the line ranges it owns."""
    files = notes.files if isinstance(notes, NotesSet) else [notes]
    lines = {parsed.path: parsed.lines for parsed in files}
    return {
        page.slug: sum(len(line) for path, a, b in page.sources for line in lines[path][a:b])
        for page in plan.pages
    }
