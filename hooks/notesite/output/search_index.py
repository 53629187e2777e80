"""What the search index carries beyond the pages' text: names, heading paths, settings.

Material's search plugin writes one doc per page (its introduction) and one
per section, each with its location, title and text. The site's search
engine (``docs/assets/javascripts/search-worker.js``) also needs:

- ``names`` on a page's doc: what readers call the page that the page may
  never say, from the catalogue (its short name, aliases, abbreviations and
  what they stand for). Only the index carries them; the page shows nothing.
- ``path`` on a section's doc: the headings above it, starting with the
  page's short name ("S3", "Encryption"), shown in the results as
  "S3 › Encryption › SSE-KMS" and searched as the section's context.
- ``config.notes``: the engine's language settings (``docs/_data/search.yml``):
  the question words left out of a query and everyday synonyms.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from typing import Any

from notesite.planning.catalogue import Entry

# "Amazon S3" is "S3" in a heading path, as readers say it.
_PREFIX = re.compile(r"^(?:Amazon|AWS)\s+(?=\S)")


@dataclass(frozen=True)
class Heading:
    """A heading of a page's table of contents, with the headings under it."""

    title: str
    anchor: str
    children: tuple[Heading, ...] = ()


@dataclass(frozen=True)
class PageSearch:
    """What the index adds to one page's docs."""

    label: str  # the page's short name, first in every heading path
    names: tuple[str, ...] = ()
    paths: dict[str, tuple[str, ...]] = field(default_factory=dict)


def entry_names(entry: Entry | None) -> tuple[str, ...]:
    """The names a catalogue entry is searched by: short name (also without
    "Amazon"/"AWS"), aliases, abbreviations and their meanings; each once,
    in that order."""
    if entry is None:
        return ()
    names = [entry.short, _PREFIX.sub("", entry.short), *entry.aliases]
    for short, long in entry.abbreviations:
        names += [short, long]
    seen = {entry.name.casefold()}
    unique = []
    for name in names:
        if name and name.casefold() not in seen:
            seen.add(name.casefold())
            unique.append(name)
    return tuple(unique)


def heading_paths(toc: Sequence[Heading], label: str) -> dict[str, tuple[str, ...]]:
    """Each heading's anchor -> the headings above it, starting with ``label``.

    The page's own title (a lone top heading) is not repeated: the label
    stands for it.
    """
    top: Sequence[Heading] = toc
    if len(toc) == 1:
        top = toc[0].children
    paths: dict[str, tuple[str, ...]] = {}

    def walk(headings: Iterable[Heading], above: tuple[str, ...]) -> None:
        for heading in headings:
            paths[heading.anchor] = above
            walk(heading.children, (*above, heading.title))

    walk(top, (label,))
    if len(toc) == 1:
        paths[toc[0].anchor] = ()
    return paths


def page_search(title: str, entry: Entry | None, toc: Sequence[Heading]) -> PageSearch:
    """The index's additions for one page: named by its catalogue entry, if any."""
    label = _PREFIX.sub("", entry.short) if entry is not None else title
    return PageSearch(label=label, names=entry_names(entry), paths=heading_paths(toc, label))


def enrich_index(
    index: dict[str, Any], pages: dict[str, PageSearch], settings: dict[str, Any]
) -> dict[str, Any]:
    """Material's search index with names, heading paths and the engine's settings.

    ``pages`` maps a page's location ("s3.html") to its additions; docs of
    other pages are left as they are.
    """
    for doc in index.get("docs", []):
        location, _, anchor = str(doc.get("location", "")).partition("#")
        page = pages.get(location)
        if page is None:
            continue
        if not anchor:
            if page.names:
                doc["names"] = list(page.names)
        else:
            doc["path"] = list(page.paths.get(anchor, (page.label,)))
    index.setdefault("config", {})["notes"] = settings
    return index
