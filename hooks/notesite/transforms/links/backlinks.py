"""Backlinks: on each page, the pages that mention it, each with its sentence.

Reads the notes' passages (study.text: paragraphs, list items, table cells,
never code or URLs) with the cross-links' finder (crosslinks.ServiceFinder,
the same names the cross-links link), so a page is "mentioned on" exactly
the pages whose text would link to it. For each page that mentions another,
the first sentence that does so is kept, with the mention marked, and a link
to the section it is in. Pages are listed in the navigation's order.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Sequence
from dataclasses import dataclass

from notesite.planning.catalogue import Catalogue
from notesite.transforms.links.crosslinks import Settings, build_finder, entry_terms
from notesite.transforms.study.text import Passage

# A sentence ends at ".", "!" or "?" before white space (not after "e.g."
# or "i.e.", and a lower-case letter after it continues the sentence).
_SENTENCE_END = re.compile(r"(?<![a-z]\.[a-z]\.)(?<=[.!?])\s+(?=[^a-z])")
LONGEST = 160  # characters of a sentence shown; longer ones are cut around the mention


@dataclass(frozen=True)
class Backlink:
    """One page that mentions another, and how."""

    source: str  # the slug of the page that mentions
    title: str  # its short name
    href: str  # its section that mentions, from the site's root ("sns.md#fan-out")
    before: str  # the sentence, in three parts: the mention in the middle
    mention: str
    after: str

    @property
    def sentence(self) -> str:
        return f"{self.before}{self.mention}{self.after}"


def sentence_around(text: str, start: int, end: int) -> tuple[str, str, str]:
    """The sentence of ``text`` that holds text[start:end], split around it, at
    most about LONGEST characters (cut at words, an ellipsis where cut)."""
    first, last = 0, len(text)
    for match in _SENTENCE_END.finditer(text):
        if match.end() <= start:
            first = match.end()
        elif match.start() >= end:
            last = match.start()
            break
    before, mention, after = text[first:start], text[start:end], text[end:last]
    room = max(LONGEST - len(mention), 20)
    if len(before) > room // 2:
        cut = before[-(room // 2) :]
        before = "…" + (cut.split(" ", 1)[1] if " " in cut else cut)
    if len(after) > room - len(before):
        cut = after[: room - len(before)]
        after = (cut.rsplit(" ", 1)[0] if " " in cut else cut).rstrip(",;:– ") + "…"
    return before.lstrip(), mention, after.rstrip()


def find_backlinks(
    passages: Iterable[Passage],
    catalogue: Catalogue,
    settings: Settings,
    order: Sequence[str],
) -> dict[str, list[Backlink]]:
    """Target slug -> the pages that mention it (first sentence each), in ``order``
    (the slugs of the site's pages in navigation order; others are left out)."""
    existing = set(order)
    finder = build_finder(catalogue, settings, existing)
    if finder.pattern is None:
        return {}
    titles = {entry.slug: entry.short for entry in catalogue.entries}
    views = {}
    found: dict[str, dict[str, Backlink]] = {}
    for passage in passages:
        if passage.slug not in existing:
            continue
        if passage.slug not in views:
            own = next((e for e in catalogue.entries if e.slug == passage.slug), None)
            terms = entry_terms(own, settings) if own is not None else []
            views[passage.slug] = finder.for_page(passage.slug, terms)
        for start, end, target in views[passage.slug].find(passage.text):
            if not passage.outside_skip(start, end):
                continue
            sources = found.setdefault(target, {})
            if passage.slug in sources:
                continue
            before, mention, after = sentence_around(passage.text, start, end)
            sources[passage.slug] = Backlink(
                passage.slug,
                titles.get(passage.slug, passage.slug),
                passage.section.href,
                before,
                mention,
                after,
            )
    rank = {slug: index for index, slug in enumerate(order)}
    return {
        target: sorted(sources.values(), key=lambda b: rank[b.source])
        for target, sources in found.items()
    }
