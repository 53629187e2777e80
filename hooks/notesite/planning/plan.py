"""Split parsed notes into pages, one per AWS service or concept.

Looks at the top-level headings of the token stream (a ``#`` line inside a
code fence is a fence token, never a heading). A heading the catalogue names
starts (or continues) that entry's page; a deeper heading it does not name is
a subsection of the current page; a heading at the page's own level or above
that it does not name starts a page under "Other" and yields a warning.
Container headings ("Database") only group what follows them.

Every line of the notes is owned by exactly one page, in the author's order;
``Page.line_ranges`` records which.
"""

from __future__ import annotations

from collections.abc import Container, Mapping
from dataclasses import dataclass, field

from markdown_it.token import Token

from notesite.planning.catalogue import OTHER_CATEGORY, Catalogue, Entry, slugify
from notesite.reading.parse import NotesSet, ParsedNotes, inline_text


@dataclass(frozen=True)
class Message:
    """A problem in the notes, placed at a file and 1-based line."""

    path: str
    line: int
    text: str

    def __str__(self) -> str:
        return f"{self.path}:{self.line}: {self.text}"


@dataclass(frozen=True)
class Heading:
    level: int
    text: str
    line: int  # 0-based, as markdown-it maps lines


@dataclass
class Section:
    """A heading and the tokens up to the next top-level heading."""

    heading: Heading | None
    heading_tokens: list[Token]
    body: list[Token]
    start: int  # 0-based first line (the heading's)
    end: int  # 0-based line after the last
    path: str = ""  # the notes file it comes from


@dataclass
class Page:
    entry: Entry
    start_level: int
    trail: tuple[str, ...] = ()  # the notes' own headings that led to this page
    tokens: list[Token] = field(default_factory=list)
    # (notes file, first line, line after the last): 0-based, in page order.
    sources: list[tuple[str, int, int]] = field(default_factory=list)

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
        return first + [planned[e.slug] for e in catalogue.entries if e.slug in planned]


def split_sections(tokens: list[Token], line_count: int, path: str = "") -> list[Section]:
    """Cut the token stream of one file at each top-level heading."""
    sections: list[Section] = []
    current = Section(None, [], [], 0, 0, path)
    i = 0
    while i < len(tokens):
        token = tokens[i]
        if token.type == "heading_open" and token.level == 0:
            line = token.map[0] if token.map else current.start
            current.end = line
            sections.append(current)
            text = inline_text(tokens[i + 1]).strip()
            heading = Heading(int(token.tag[1]), text, line)
            current = Section(heading, tokens[i : i + 3], [], line, line, path)
            i += 3
            continue
        current.body.append(token)
        i += 1
    current.end = line_count
    sections.append(current)
    # Text before the first heading is a section with no heading; drop it
    # only when it holds nothing.
    if sections[0].heading is None and not sections[0].body:
        sections = sections[1:]
        if sections:
            sections[0].start = 0
    return sections


def _other_entry(heading: Heading, taken: Container[str]) -> Entry:
    base = slugify(heading.text)
    slug, n = base, 2
    while slug in taken:
        slug, n = f"{base}-{n}", n + 1
    name = heading.text.rstrip(" .:;") or heading.text
    return Entry(slug=slug, name=name, short=name, category=OTHER_CATEGORY, kind="other")


@dataclass(frozen=True)
class _Taken:
    """The slugs in use: the pages made so far and the catalogue's (a view, not
    a copy, so naming a page costs the same however many came before)."""

    pages: Mapping[str, Page]
    catalogue: set[str]

    def __contains__(self, slug: object) -> bool:
        return slug in self.pages or slug in self.catalogue


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
    tag = f"h{min(max(level, 2), 6)}"
    for token in tokens:
        if token.type in ("heading_open", "heading_close"):
            token.tag = tag
            token.markup = "#" * int(tag[1])
    return tokens


def plan_site(notes: ParsedNotes | NotesSet, catalogue: Catalogue) -> SitePlan:
    """Decide which page each section of the notes goes to."""
    files = notes.files if isinstance(notes, NotesSet) else [notes]
    sections: list[Section] = []
    footnotes: dict[str, list[Token]] = {}
    for parsed in files:
        body, found = _take_footnotes(parsed.tokens)
        footnotes.update(found)
        sections += split_sections(body, len(parsed.lines), parsed.path)
    pages: dict[str, Page] = {}
    messages: list[Message] = []
    ancestors: list[Heading] = []  # open headings above the current one
    pending: list[Section] = []  # container headings, owned by the next page
    current: Page | None = None

    def flush_pending(page: Page, in_trail: tuple[Heading, ...] = ()) -> None:
        """Give the waiting container headings to a page: as part of its trail
        when the trail names them, else as headings of their own on it."""
        for section in pending:
            page.owns(section.path, section.start, section.end)
            if section.heading not in in_trail:
                assert section.heading is not None
                page.tokens.extend(_retag(section.heading_tokens, 2))
        pending.clear()

    def open_page(entry: Entry, heading: Heading | None) -> Page:
        page = pages.get(entry.slug)
        trail = tuple(h.text for h in ancestors) + ((heading.text,) if heading else ())
        if page is None:
            page = Page(entry, heading.level if heading else 1, trail)
            pages[entry.slug] = page
            flush_pending(page, tuple(ancestors))
        else:
            page.start_level = heading.level if heading else page.start_level
            flush_pending(page)
        return page

    catalogue_slugs = {e.slug for e in catalogue.entries}
    previous_path = sections[0].path if sections else ""
    for section in sections:
        if section.path != previous_path:
            # A new file: its headings do not nest under the last file's.
            ancestors.clear()
            current, previous_path = None, section.path
        heading = section.heading
        if heading is None:
            current = open_page(introduction_entry(catalogue), None)
            current.tokens.extend(section.body)
            current.owns(section.path, section.start, section.end)
            continue
        while ancestors and ancestors[-1].level >= heading.level:
            ancestors.pop()
        entry = catalogue.match(heading.text)
        has_body = any(t.type != "html_block" or t.content.strip() for t in section.body)
        if entry is None and catalogue.is_container(heading.text) and not has_body:
            pending.append(section)
            ancestors.append(heading)
            continue

        first_heading_of_page = False
        if entry is not None and (current is None or entry is not current.entry):
            first_heading_of_page = entry.slug not in pages
            current = open_page(entry, heading)
        elif entry is None and (current is None or heading.level <= current.start_level):
            other = _other_entry(heading, _Taken(pages, catalogue_slugs))
            messages.append(
                Message(
                    section.path,
                    heading.line + 1,
                    f"heading '{heading.text}' is not in the catalogue; it gets a page "
                    f"under Other ('{other.slug}'). Add it to the catalogue "
                    f"(docs/_data/catalogue.yml) to give it a category and name.",
                )
            )
            first_heading_of_page = True
            current = open_page(other, heading)
        assert current is not None
        if pending:
            flush_pending(current)

        if not first_heading_of_page:
            level = heading.level - current.start_level + 1
            current.tokens.extend(_retag(section.heading_tokens, level))
        current.tokens.extend(section.body)
        current.owns(section.path, section.start, section.end)
        ancestors.append(heading)

    if pending:
        # Container headings at the very end: keep them on the last page.
        flush_pending(current or open_page(introduction_entry(catalogue), None))
    if footnotes:
        _place_footnotes(list(pages.values()), footnotes)
    return SitePlan(list(pages.values()), messages)


def _take_footnotes(tokens: list[Token]) -> tuple[list[Token], dict[str, list[Token]]]:
    """The tokens without front matter and footnote definitions, and the
    definitions by label. markdown-it gathers every definition of a file in
    one block at its end; pages are cut before that, so each page gets the
    definitions its own references need (see _place_footnotes)."""
    body: list[Token] = []
    found: dict[str, list[Token]] = {}
    current: list[Token] | None = None
    for token in tokens:
        if token.type == "front_matter":
            continue  # metadata for tools, not text for readers
        if token.type in ("footnote_block_open", "footnote_block_close"):
            continue
        if token.type == "footnote_open":
            current = [token]
            found[str(token.meta.get("label", token.meta.get("id")))] = current
        elif current is not None:
            current.append(token)
            if token.type == "footnote_close":
                current = None
        else:
            body.append(token)
    return body, found


def _place_footnotes(pages: list[Page], footnotes: dict[str, list[Token]]) -> None:
    """Append to each page the footnote definitions it refers to; definitions
    nobody refers to go to the last page, so none is lost."""
    used: set[str] = set()
    for page in pages:
        labels = [
            str(child.meta.get("label", child.meta.get("id")))
            for token in page.tokens
            if token.type == "inline"
            for child in token.children or []
            if child.type == "footnote_ref"
        ]
        wanted = [label for label in dict.fromkeys(labels) if label in footnotes]
        if wanted:
            page.tokens += _footnote_block([footnotes[label] for label in wanted])
            used.update(wanted)
    unused = [tokens for label, tokens in footnotes.items() if label not in used]
    if unused and pages:
        pages[-1].tokens += _footnote_block(unused)


def _footnote_block(definitions: list[list[Token]]) -> list[Token]:
    return [
        Token("footnote_block_open", "", 1),
        *(token for definition in definitions for token in definition),
        Token("footnote_block_close", "", -1),
    ]
