"""Split parsed notes into pages, one per AWS service or concept.

Looks at the top-level headings of the token stream (a ``#`` line inside a
code fence is a fence token, never a heading). A heading the catalogue names
starts (or continues) that entry's page; a deeper heading it does not name is
a subsection of the current page; a heading at the page's own level or above
that it does not name starts a page under "Other" and yields a warning.
Container headings ("Database") only group what follows them.

The page level is found from the tree itself, whatever the author's heading
levels: a single heading above everything is the notes' title; a heading
that lists services ("RDS + Aurora") or has services below it (a course
section) only groups them; a heading that starts with a service's name ("S3
Security") goes on that service's page; a small section stays with the page
before it; any other section under a group becomes a concept page. In notes
made of several files, each file is a page of its own: the service its name
names, else a concept page titled by it.

Every line of the notes is owned by exactly one page, in the author's order;
``Page.line_ranges`` records which.
"""

from __future__ import annotations

from collections.abc import Container, Mapping
from dataclasses import dataclass, field, replace

from markdown_it.token import Token

from notesite.planning.catalogue import OTHER_CATEGORY, Catalogue, Entry, slugify
from notesite.planning.recognise import key
from notesite.planning.sections import (
    Heading,
    Section,
    place_footnotes,
    split_sections,
    take_footnotes,
)
from notesite.planning.titles import file_title, heading_title, words_key
from notesite.reading.parse import NotesSet, ParsedNotes

__all__ = ["Heading", "Message", "Page", "Section", "SitePlan", "plan_site", "split_sections"]


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


def _text_size(tokens: list[Token]) -> int:
    return sum(len(t.content) for t in tokens if t.type in ("inline", "fence", "code_block"))


def _groups_below(sections: list[Section], catalogue: Catalogue) -> list[bool]:
    """For each section: whether a heading below it (before the next heading
    at its level or above, in its file) names a service."""
    found = [False] * len(sections)
    for index, section in enumerate(sections):
        if section.heading is None:
            continue
        for later in sections[index + 1 :]:
            if later.path != section.path or later.heading is None:
                break
            if later.heading.level <= section.heading.level:
                break
            if catalogue.match(later.heading.text) is not None:
                found[index] = True
                break
    return found


def _title_heading(sections: list[Section], alone: bool = False) -> Section | None:
    """A file's one heading above all others (``# 1. SAA-C02 Notes``); with
    ``alone``, also a file's only heading."""
    headed = [s for s in sections if s.heading is not None]
    if len(headed) < (1 if alone else 2):
        return None
    top = headed[0]
    assert top.heading is not None
    if all(s.heading is not None and s.heading.level > top.heading.level for s in headed[1:]):
        return top
    return None


def _has_text(section: Section) -> bool:
    """True if a section holds more than comments and blank raw HTML."""
    return (
        any(
            t.type != "html_block"
            or (t.content.strip() and not t.content.lstrip().startswith("<!--"))
            for t in section.body
        )
        or section.heading is not None
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


def plan_site(notes: ParsedNotes | NotesSet, catalogue: Catalogue) -> SitePlan:
    """Decide which page each section of the notes goes to."""
    files = notes.files if isinstance(notes, NotesSet) else [notes]
    sections: list[Section] = []
    footnotes: dict[str, list[Token]] = {}
    titles: set[int] = set()  # id() of the sections that are a file's title
    file_titles: dict[str, Section] = {}  # a file's single top heading, even alone
    for parsed in files:
        body, found = take_footnotes(parsed.tokens)
        footnotes.update(found)
        in_file = split_sections(body, len(parsed.lines), parsed.path)
        title = _title_heading(in_file)
        if title is not None:
            titles.add(id(title))
        alone = _title_heading(in_file, alone=True)
        if alone is not None and not any(_has_text(s) for s in in_file[: in_file.index(alone)]):
            file_titles[parsed.path] = alone  # the file opens with it
        sections += in_file
    planner = _Planner(catalogue, len(files) > 1, titles, file_titles)
    planner.grouping = _groups_below(sections, catalogue)
    for number, section in enumerate(sections):
        planner.place(number, section, sections)
    planner.finish()
    if footnotes:
        place_footnotes(list(planner.pages.values()), footnotes)
    return SitePlan(list(planner.pages.values()), planner.messages)


@dataclass
class _Planner:
    """Places the sections of the notes on pages, one section at a time, in
    the author's order (see the module's docstring for the rules)."""

    catalogue: Catalogue
    several_files: bool
    titles: set[int]
    file_titles: dict[str, Section]
    grouping: list[bool] = field(default_factory=list)
    pages: dict[str, Page] = field(default_factory=dict)
    messages: list[Message] = field(default_factory=list)
    ancestors: list[Heading] = field(default_factory=list)  # open headings above
    pending: list[Section] = field(default_factory=list)  # group headings, for the next page
    current: Page | None = None
    owners: dict[int, Page | None] = field(default_factory=dict)  # id(heading) -> its page
    file_owner: Page | None = None
    in_index: bool = False  # the section is in the notes' README/index file
    path: str = ""
    by_title: dict[str, Entry] = field(default_factory=dict)  # concept title key -> entry
    # The page just opened and the heading that titles it (not repeated on it).
    fresh: tuple[Page, Heading] | None = None
    file_pages: dict[str, Page] = field(default_factory=dict)  # file -> its page of topics

    def __post_init__(self) -> None:
        cat = self.catalogue
        self.catalogue_slugs = {e.slug for e in (*cat.entries, *cat.services)}

    def taken(self) -> _Taken:
        return _Taken(self.pages, self.catalogue_slugs)

    # Pages -----------------------------------------------------------------

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

    def start_file(self, path: str) -> None:
        """A new file: its headings do not nest under the last file's; in
        notes of several files it is a page (its service's, or its own)."""
        self.ancestors.clear()
        self.path = path
        name = path.rsplit("/", 1)[-1]
        self.in_index = self.several_files and name.casefold() in INDEX_NAMES
        self.current = self.file_owner = None
        if self.in_index:
            self.current = self.file_owner = self.introduction()
            self.file_owner.start_level = 0
            return
        if self.several_files:
            entry = self.file_service(path)
            if entry is not None:
                self.current = self.file_owner = self.open_page(entry, Heading(1, name, 0))
                self.file_owner.start_level = 0  # every heading of the file is below it

    def file_service(self, path: str) -> Entry | None:
        """The service a file's name names ("route53.md"), or its title heading."""
        stem = path.rsplit("/", 1)[-1].rsplit(".", 1)[0]
        found = self.catalogue.match(stem) or self.catalogue.match(stem.replace("_", " "))
        if found is None and path in self.file_titles:
            heading = self.file_titles[path].heading
            assert heading is not None
            found = self.catalogue.match_strong(heading.text)
        return found

    def file_page(self) -> Page:
        """The page of the current file's text that no service takes, made
        when first needed: titled by the file's title heading, a group page if
        that heading lists services, else by the file's name made readable."""
        if self.file_owner is not None:
            return self.file_owner
        title = self.file_titles.get(self.path)
        heading = title.heading if title is not None else None
        listed = self.catalogue.group(heading.text) if heading is not None else []
        if heading is not None and not self.catalogue.is_generic(heading.text):
            name = heading_title(heading.text)
        else:
            name = file_title(self.path)
        if listed and not _compares(heading):
            entry = self.by_title.get(words_key(name)) or _group_entry(name, listed, self.taken())
            self.by_title[words_key(name)] = entry
        else:
            entry = self.concept(name)
        titled = heading is not None and name == heading_title(heading.text)
        page = self.open_page(entry, heading if titled else None)
        page.start_level = 0
        if listed:
            page.covers = tuple(dict.fromkeys((*page.covers, *listed)))
        self.file_owner = page
        self.file_pages[self.path] = page
        return page

    # Sections --------------------------------------------------------------

    def place(self, number: int, section: Section, sections: list[Section]) -> None:
        """Put one section on its page."""
        if section.path != self.path or number == 0:
            self.start_file(section.path)
        heading = section.heading
        if heading is None:
            page = self.current
            if page is None:
                page = self.file_page() if self.several_files else self.introduction()
                self.current = page
            page.tokens.extend(section.body)
            page.owns(section.path, section.start, section.end)
            return
        while self.ancestors and self.ancestors[-1].level >= heading.level:
            self.ancestors.pop()
        # The page of the nearest heading above (or of the file): a section
        # that names nothing goes back to it after a service split off.
        context = self.owners.get(id(self.ancestors[-1])) if self.ancestors else self.file_owner
        if context is not None:
            self.current = context
        # In notes of several files, every heading is inside its file's page.
        below = context is not None or (self.several_files and not self.in_index)
        if self.groups(number, section, below):
            return
        self.add(section, self.page_for(number, section, sections, below))

    def groups(self, number: int, section: Section, below: bool) -> bool:
        """Handle a heading that only groups what follows; True if it was one."""
        heading = section.heading
        assert heading is not None
        catalogue = self.catalogue
        if self.several_files and not self.in_index and id(section) in self.titles:
            # A file's title heading titles the file's page.
            return False
        entry = catalogue.match_strong(heading.text) if below else catalogue.match(heading.text)
        if entry is not None:
            return False
        has_body = any(t.type != "html_block" or t.content.strip() for t in section.body)
        listed = catalogue.group(heading.text)
        small = _text_size(section.body) < TINY_SECTION
        if not (
            (catalogue.is_container(heading.text) and not has_body)
            or id(section) in self.titles
            or (bool(listed) and (small or self.grouping[number]))
            or (self.grouping[number] and not below)
        ):
            return False
        if id(section) in self.titles and has_body:
            # The notes' title: what it says before the first section is
            # their introduction.
            intro = self.introduction()
            intro.tokens.extend(section.body)
            intro.owns(section.path, section.start, section.end)
        else:
            self.pending.append(section)
        self.ancestors.append(heading)
        # Below a file's title, sections belong to the file's page, if any.
        self.owners[id(heading)] = self.file_owner if id(section) in self.titles else None
        return True

    def page_for(self, number: int, section: Section, sections: list[Section], below: bool) -> Page:
        """The page a section that is not a group goes on (opening it if new)."""
        heading = section.heading
        assert heading is not None
        catalogue = self.catalogue
        title = self.file_titles.get(section.path)
        named = catalogue.match(heading.text)
        if self.several_files and not self.in_index and title is section and named is None:
            return self.file_page()  # the file's title heading titles its page
        # Below a service's page only a distinctive name moves a section; in
        # a file's page of topics, any name of a service does.
        strict = below and self.current is not None and self.current.entry.kind == "service"
        entry = catalogue.match_strong(heading.text) if strict else catalogue.match(heading.text)
        listed = catalogue.group(heading.text) if entry is None else []
        if listed and not below:
            if _compares(heading):
                entry = listed[0]  # "EC2 vs ECS vs Fargate": on the first one's page
            else:
                page = self.open_page(self.group(heading, listed), heading)
                page.covers = tuple(dict.fromkeys((*page.covers, *listed)))
                return page
        if entry is None:
            # "S3 Security" goes on S3's page; below another page, only a
            # distinctive name ("CloudWatch Agent" under EC2) moves a section.
            leading = catalogue.leading(heading.text, trailing=not below)
            entry = catalogue.strong(leading, heading.text) if strict else leading
        current = self.current
        if below and entry is not None and current is not None:
            entry = None if _part_of(entry, current.entry) else entry
        if entry is not None:
            if current is None or entry is not current.entry:
                return self.open_page(entry, heading)
            return current
        if below:
            return current if current is not None else self.file_page()
        return self.unnamed_page(number, section, sections)

    def group(self, heading: Heading, listed: list[Entry]) -> Entry:
        name = heading_title(heading.text)
        found = self.by_title.get(words_key(name))
        if found is None:
            found = _group_entry(name, listed, self.taken())
            self.by_title[words_key(name)] = found
        return found

    def unnamed_page(self, number: int, section: Section, sections: list[Section]) -> Page:
        """The page of a section at the page level that names nothing."""
        heading = section.heading
        assert heading is not None
        catalogue = self.catalogue
        current = self.current
        if catalogue.is_generic(heading.text) or catalogue.is_introductory(heading.text):
            # "Summary", "Table of Contents": never a page of their own.
            if current is not None and not catalogue.is_introductory(heading.text):
                return current
            return current if current is not None and current.sources else self.introduction()
        small = _text_size(section.body) < TINY_SECTION and not self.grouping[number]
        nested = number + 1 < len(sections) and _nests(sections[number + 1], heading)
        if current is not None and self.ancestors and small and not nested:
            return current  # a small section under a group stays with the page before it
        if self.ancestors:
            return self.open_page(self.concept(heading_title(heading.text)), heading)
        if self.several_files:
            return self.file_page()
        other = _other_entry(heading, self.taken())
        # Suggestions cost a search of every name: the first few only.
        closest = catalogue.closest(heading.text) if len(self.messages) < SUGGESTED else []
        hint = f" Closest names: {', '.join(closest)}." if closest else ""
        self.messages.append(
            Message(
                section.path,
                heading.line + 1,
                f"heading '{heading.text}' is not in the catalogue; it gets a page "
                f"under Other ('{other.slug}').{hint} Add it to the catalogue "
                f"(docs/_data/catalogue.yml) to give it a category and name.",
            )
        )
        return self.open_page(other, heading)

    def add(self, section: Section, page: Page) -> None:
        """Put the section's heading and text on the page."""
        heading = section.heading
        assert heading is not None
        opened = self.fresh is not None and self.fresh[0] is page and self.fresh[1] is heading
        self.fresh = None
        self.current = page
        if self.pending:
            self.flush_pending(page)
        if not opened:
            level = heading.level - page.start_level + 1
            page.tokens.extend(_retag(section.heading_tokens, level))
        page.tokens.extend(section.body)
        page.owns(section.path, section.start, section.end)
        self.ancestors.append(heading)
        self.owners[id(heading)] = page

    def finish(self) -> None:
        if self.pending:
            # Group headings at the very end: keep them on the last page.
            self.flush_pending(self.current or self.introduction())
        self.file_categories()

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


def _compares(heading: Heading | None) -> bool:
    """True for a heading that compares what it lists ("EC2 vs ECS")."""
    words = heading.text.casefold().split() if heading is not None else []
    return any(word in _COMPARISON for word in words)


def _part_of(entry: Entry, page: Entry) -> bool:
    """True for a service named after the page's own ("DynamoDB Streams" on
    DynamoDB's page): a section about it stays on that page."""
    own = {key(page.short), *(key(h) for h in page.headings)} - {""}
    return entry is not page and key(entry.short).startswith(tuple(own))


def _nests(section: Section, heading: Heading) -> bool:
    """True if the section's heading is below ``heading`` in the same file."""
    return section.heading is not None and section.heading.level > heading.level
