"""The pages a plan is made of: opening them, naming them, and the entries of
pages no catalogue entry is (concepts, groups of services, the introduction,
Other).

In: catalogue entries and headings. Out: ``Page`` objects, one per slug, in
the order they are first opened; a title names one page however often it
comes ("Privacy Policy" in two files is one page).
"""

from __future__ import annotations

from collections.abc import Container, Mapping
from dataclasses import dataclass, field, replace

from markdown_it.token import Token

from notesite.planning.catalogue import OTHER_CATEGORY, Catalogue, Entry, slugify
from notesite.planning.model import Page
from notesite.planning.sections import Heading, Section
from notesite.planning.titles import heading_title, words_key


def _unique_slug(base: str, taken: Container[str]) -> str:
    slug, n = base, 2
    while slug in taken:
        slug, n = f"{base}-{n}", n + 1
    return slug


def _other_entry(heading: Heading, taken: Container[str]) -> Entry:
    name = heading_title(heading.text)
    slug = _unique_slug(slugify(name), taken)
    return Entry(slug=slug, name=name, short=name, category=OTHER_CATEGORY, kind="other")


# A section with less text than this, and nothing below it, is too small to
# be a page of its own: it stays with the page before it.
TINY_SECTION = 300
INDEX_NAMES = ("index.md", "readme.md")
SUGGESTED = 10  # unplaced sections whose warning names the closest catalogue names


@dataclass(frozen=True)
class _Taken:
    """The slugs in use: the pages made so far and the catalogue's (a view, not
    a copy, so naming a page costs the same however many came before)."""

    pages: Mapping[str, Page]
    catalogue: set[str]

    def __contains__(self, slug: object) -> bool:
        return slug in self.pages or slug in self.catalogue


def _concept_entry(name: str, taken: Container[str], catalogue: Catalogue) -> Entry:
    """A page for a topic no service names, titled as a person would."""
    slug = _unique_slug(slugify(name), taken)
    category = catalogue.categories[0].id if catalogue.categories else OTHER_CATEGORY
    return Entry(slug=slug, name=name, short=name, category=category, kind="concept")


def _group_entry(name: str, listed: list[Entry], taken: Container[str]) -> Entry:
    """A page for a heading that lists services and stays one page ("EC2 and
    EBS"): in the first one's category, found by every listed name."""
    slug = _unique_slug(slugify(name), taken)
    aliases = tuple(dict.fromkeys(n for e in listed for n in (e.name, e.short)))
    return Entry(
        slug=slug, name=name, short=name, category=listed[0].category, kind="group", aliases=aliases
    )


def introduction_entry(catalogue: Catalogue) -> Entry:
    """The page for text above the first heading, in the first category."""
    category = catalogue.categories[0].id if catalogue.categories else OTHER_CATEGORY
    return Entry(
        slug="introduction",
        name="Introduction",
        short="Introduction",
        category=category,
        kind="concept",
        summary="What the notes say before their first heading.",
    )


def _retag(tokens: list[Token], level: int) -> list[Token]:
    """The heading's tokens at the page's level: copies, so that the notes'
    own tree keeps the levels the author wrote."""
    tag = f"h{min(max(level, 2), 6)}"
    return [
        replace(token, tag=tag, markup="#" * int(tag[1]))
        if token.type in ("heading_open", "heading_close")
        else token
        for token in tokens
    ]


_COMPARISON = ("vs", "vs.", "versus")


@dataclass
class PageBook:
    """The pages opened so far, and the group headings waiting for the next."""

    catalogue: Catalogue
    pages: dict[str, Page] = field(default_factory=dict)
    ancestors: list[Heading] = field(default_factory=list)  # open headings above
    pending: list[Section] = field(default_factory=list)  # group headings, for the next page
    by_title: dict[str, Entry] = field(default_factory=dict)  # concept title key -> entry
    # The page just opened and the heading that titles it (not repeated on it).
    fresh: tuple[Page, Heading] | None = None
    file_pages: dict[str, Page] = field(default_factory=dict)  # file -> its page of topics

    def __post_init__(self) -> None:
        cat = self.catalogue
        self.catalogue_slugs = {e.slug for e in (*cat.entries, *cat.services)}

    def taken(self) -> _Taken:
        return _Taken(self.pages, self.catalogue_slugs)

    def flush_pending(self, page: Page, in_trail: tuple[Heading, ...] = ()) -> None:
        """Give the waiting group headings to a page: as part of its trail
        when the trail names them, else as headings of their own on it; with
        the text they hold, if any."""
        for section in self.pending:
            page.owns(section.path, section.start, section.end)
            if section.heading not in in_trail or section.body:
                assert section.heading is not None
                page.tokens.extend(_retag(section.heading_tokens, 2))
            page.tokens.extend(section.body)
        self.pending.clear()

    def open_page(self, entry: Entry, heading: Heading | None) -> Page:
        page = self.pages.get(entry.slug)
        trail = tuple(h.text for h in self.ancestors) + ((heading.text,) if heading else ())
        if page is None:
            page = Page(entry, heading.level if heading else 1, trail)
            self.pages[entry.slug] = page
            self.flush_pending(page, tuple(self.ancestors))
            self.fresh = (page, heading) if heading is not None else None
        else:
            page.start_level = heading.level if heading else page.start_level
            self.flush_pending(page)
        return page

    def introduction(self) -> Page:
        intro = self.open_page(introduction_entry(self.catalogue), None)
        intro.start_level = min(intro.start_level, 1)
        return intro

    def concept(self, name: str) -> Entry:
        """The concept page of that title: one page however often it comes."""
        found = self.by_title.get(words_key(name))
        if found is None:
            found = _concept_entry(name, self.taken(), self.catalogue)
            self.by_title[words_key(name)] = found
        return found

    def group(self, name: str, listed: list[Entry]) -> Entry:
        """The group page of that title ("EC2 and EBS"), standing for ``listed``."""
        found = self.by_title.get(words_key(name))
        if found is None:
            found = _group_entry(name, listed, self.taken())
            self.by_title[words_key(name)] = found
        return found

    def file_categories(self) -> None:
        """A file's page of topics goes in the category most of the services
        written about in that file are in ("Cloud Integration" beside SQS and
        SNS), when one category leads; else it stays in the first."""
        for path, page in self.file_pages.items():
            if page.entry.kind != "concept":
                continue
            counts: dict[str, int] = {}
            for other in self.pages.values():
                if other.entry.kind == "service" and any(p == path for p, _, _ in other.sources):
                    counts[other.entry.category] = counts.get(other.entry.category, 0) + 1
            ranked = sorted(counts.items(), key=lambda item: -item[1])
            leads = ranked and (len(ranked) == 1 or ranked[0][1] > ranked[1][1])
            if leads and ranked[0][0] != OTHER_CATEGORY:
                page.entry = replace(page.entry, category=ranked[0][0])
