"""Previews of link targets: each section's title and first lines, from the
rendered pages.

A page's links to other sections of the site (cross-links, "Related
services", the glossary's and the numbers page's links, backlinks, cards)
show a small card with the target's title and first lines. The summaries
are read from each page's rendered HTML once every page is rendered: the
text of the paragraphs and list items under each heading with an id, up to
the next heading, without the "From the notes" line, the keywords line,
code, tables, diagrams or the lists kept under tables. A page's own
previews ship in that page (no fetch): only the targets it links to.
"""

from __future__ import annotations

import hashlib
import posixpath
import re
from collections.abc import Iterable, Iterator, Mapping
from dataclasses import dataclass
from html.parser import HTMLParser
from urllib.parse import urlsplit

LONGEST = 220  # characters of a section's text shown in its preview
HEADINGS = ("h1", "h2", "h3", "h4", "h5", "h6")
# Elements whose text is not a summary: code, tables, diagrams, scripts, the
# permalink after each heading, and the lines the site adds around the notes.
# The original list kept under a table (<details>) repeats what the table says.
SKIP_TAGS = frozenset(
    {"pre", "code", "table", "figure", "details", "script", "style", "svg", "template"}
)
SKIP_CLASSES = frozenset(
    {"headerlink", "notes-source", "notes-keywords", "notes-related", "notes-study"}
)
TEXT_TAGS = frozenset({"p", "li", "dd", "dt"})
BREAK = "\n"  # between two paragraphs or list items: " · " in the summary
_VOID = frozenset({"br", "img", "hr", "input", "meta", "link", "wbr", "source", "col", "area"})


@dataclass(frozen=True)
class Summary:
    """What a preview shows of one section."""

    title: str
    text: str


class _Sections(HTMLParser):
    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.sections: dict[str, tuple[list[str], list[str]]] = {}
        self.stack: list[tuple[str, bool]] = []  # (tag, skipped)
        self.current: str | None = None
        self.heading: str | None = None  # the id of the heading being read
        self.text_depth = 0

    def _skipping(self) -> bool:
        return any(skipped for _, skipped in self.stack)

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        attributes = dict(attrs)
        classes = set((attributes.get("class") or "").split())
        skipped = tag in SKIP_TAGS or bool(classes & SKIP_CLASSES)
        if tag in HEADINGS and attributes.get("id") and not self._skipping():
            self.current = self.heading = str(attributes["id"])
            self.sections[self.current] = ([], [])
        if tag in TEXT_TAGS:
            self.text_depth += 1
            if self.current is not None and not self._skipping():
                self.sections[self.current][1].append(BREAK)
        if tag not in _VOID:
            self.stack.append((tag, skipped))

    def handle_endtag(self, tag: str) -> None:
        if tag in _VOID:
            return
        while self.stack:
            open_tag, _ = self.stack.pop()
            if open_tag in TEXT_TAGS:
                self.text_depth -= 1
            if open_tag == tag:
                break
        if tag in HEADINGS:
            self.heading = None

    def handle_data(self, data: str) -> None:
        if self.current is None or self._skipping():
            return
        title, text = self.sections[self.current]
        if self.heading is not None:
            title.append(data)
        elif self.text_depth > 0:
            text.append(data)


def _squash(text: str) -> str:
    return re.sub(r"\s+", " ", text).strip()


def _shorten(text: str, limit: int = LONGEST) -> str:
    if len(text) <= limit:
        return text
    return text[:limit].rsplit(" ", 1)[0].rstrip(".,;:–- ") + "…"


def section_summaries(html: str) -> dict[str, Summary]:
    """Heading id -> its title and first lines; "" -> the page's first heading."""
    parser = _Sections()
    parser.feed(html)
    parser.close()
    summaries: dict[str, Summary] = {}
    for anchor, (title, text) in parser.sections.items():
        blocks = [_squash(block) for block in "".join(text).split(BREAK)]
        joined = " · ".join(block for block in blocks if block)
        summary = Summary(_squash("".join(title)), _shorten(joined))
        summaries.setdefault("", summary)
        summaries[anchor] = summary
    return summaries


class SummariesByPage(Mapping[str, Mapping[str, Summary]]):
    """Each page's section summaries by its URL, read from the page's HTML the
    first time a link asks for them: a page no link points to (the print
    page, which holds every other) is never read."""

    def __init__(
        self, contents: Mapping[str, str], known: Mapping[str, dict[str, Summary]] | None = None
    ) -> None:
        self._contents = contents
        # The summaries of every page read, by a digest of its HTML: given
        # those of earlier builds (``known``), a page unchanged is not read again.
        self.known: dict[str, dict[str, Summary]] = dict(known or {})
        self._read: dict[str, str] = {}  # URL -> digest of its HTML

    def __getitem__(self, url: str) -> Mapping[str, Summary]:
        if url not in self._read:
            html = self._contents[url]
            digest = hashlib.sha256(html.encode()).hexdigest()
            if digest not in self.known:
                self.known[digest] = section_summaries(html)
            self._read[url] = digest
        return self.known[self._read[url]]

    def used(self) -> dict[str, dict[str, Summary]]:
        """The summaries of the pages asked for, by a digest of each one's HTML:
        what the next build may be given as ``known``."""
        return {digest: self.known[digest] for digest in self._read.values()}

    def __iter__(self) -> Iterator[str]:
        return iter(self._contents)

    def __len__(self) -> int:
        return len(self._contents)


def page_previews(
    page_url: str, links: Iterable[str], summaries: Mapping[str, Mapping[str, Summary]]
) -> dict[str, dict[str, str]]:
    """The previews a page needs: its links (as written in it, relative to it) to
    other pages of the site -> {"title", "text"}. ``summaries`` maps each
    page's URL (from the site's root) to its section summaries."""
    base = posixpath.dirname(page_url)
    found: dict[str, dict[str, str]] = {}
    for href in links:
        parts = urlsplit(href)
        if parts.scheme or parts.netloc or not parts.path or href in found:
            continue
        target = posixpath.normpath(posixpath.join(base, parts.path))
        sections = summaries.get(target)
        if target == page_url or sections is None:
            continue
        summary = sections.get(parts.fragment) or (None if parts.fragment else sections.get(""))
        if summary is not None and (summary.title or summary.text):
            found[href] = {"title": summary.title, "text": summary.text}
    return found


_HREF = re.compile(r'<a\s[^>]*?href="([^"]+)"')


def links_in(html: str) -> list[str]:
    """The href of every link in some HTML, in order, each once."""
    return list(dict.fromkeys(_HREF.findall(html)))
