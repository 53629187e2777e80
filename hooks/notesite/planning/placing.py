"""Placing the notes' sections on pages, one section at a time, in the
author's order (the rules are in ``notesite.planning.plan``'s docstring).

In: the sections of every file, the catalogue. Out: the ``PageBook``'s pages,
each section on exactly one.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from markdown_it.token import Token

from notesite.planning.catalogue import Catalogue, Entry
from notesite.planning.model import Message, Page
from notesite.planning.pages import (
    PageBook,
    _other_entry,
    _retag,
)
from notesite.planning.recognise import key
from notesite.planning.sections import Heading, Section
from notesite.planning.titles import file_title, heading_title

# A section with less text than this, and nothing below it, is too small to
# be a page of its own: it stays with the page before it.
TINY_SECTION = 300
INDEX_NAMES = ("index.md", "readme.md")
SUGGESTED = 10  # unplaced sections whose warning names the closest catalogue names
_COMPARISON = ("vs", "vs.", "versus")


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


@dataclass
class FileBook(PageBook):
    """Which file the sections come from, and the page each file is."""

    several_files: bool = False
    file_titles: dict[str, Section] = field(default_factory=dict)  # a file's opening heading
    current: Page | None = None
    file_owner: Page | None = None
    in_index: bool = False  # the section is in the notes' README/index file
    path: str = ""

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
        entry = (
            self.group(name, listed) if listed and not _compares(heading) else self.concept(name)
        )
        titled = heading is not None and name == heading_title(heading.text)
        page = self.open_page(entry, heading if titled else None)
        page.start_level = 0
        if listed:
            page.covers = tuple(dict.fromkeys((*page.covers, *listed)))
        self.file_owner = page
        self.file_pages[self.path] = page
        return page

    def finish(self) -> None:
        if self.pending:
            # Group headings at the very end: keep them on the last page.
            self.flush_pending(self.current or self.introduction())
        self.file_categories()


@dataclass
class Planner(FileBook):
    """Places the sections of the notes on pages (see the module's docstring)."""

    titles: set[int] = field(default_factory=set)  # id() of the sections that title a file
    grouping: list[bool] = field(default_factory=list)
    messages: list[Message] = field(default_factory=list)
    owners: dict[int, Page | None] = field(default_factory=dict)  # id(heading) -> its page

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
        is_title = id(section) in self.titles
        has_body = any(t.type != "html_block" or t.content.strip() for t in section.body)
        if entry is not None or not _only_groups(
            catalogue, section, is_title, self.grouping[number], below
        ):
            return False
        if is_title and has_body:
            # The notes' title: what it says before the first section is
            # their introduction.
            intro = self.introduction()
            intro.tokens.extend(section.body)
            intro.owns(section.path, section.start, section.end)
        else:
            self.pending.append(section)
        self.ancestors.append(heading)
        # Below a file's title, sections belong to the file's page, if any.
        self.owners[id(heading)] = self.file_owner if is_title else None
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
                page = self.open_page(self.group(heading_title(heading.text), listed), heading)
                page.covers = tuple(dict.fromkeys((*page.covers, *listed)))
                return page
        if entry is None:
            # "S3 Security" goes on S3's page; below another page, only a
            # distinctive name ("CloudWatch Agent" under EC2) moves a section.
            if below and not strict:
                # In a page of topics ("Custom Integrations"), "ALB Origin
                # Protection" stays: only a section about a service moves.
                entry = catalogue.about(heading.text)
            else:
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
        self.messages.append(_unplaced(section, heading, other, closest))
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
        if opened:
            page.title_at = (section.path, heading.line)
        else:
            level = heading.level - page.start_level + 1
            page.tokens.extend(_retag(section.heading_tokens, level))
        page.tokens.extend(section.body)
        page.owns(section.path, section.start, section.end)
        self.ancestors.append(heading)
        self.owners[id(heading)] = page


def _only_groups(
    catalogue: Catalogue, section: Section, is_title: bool, grouping: bool, below: bool
) -> bool:
    """True for a heading that names nothing and only groups what follows: a
    container with no text, the notes' title, a list of services with little
    text or services below it, or a section with services below it."""
    assert section.heading is not None
    text = section.heading.text
    has_body = any(t.type != "html_block" or t.content.strip() for t in section.body)
    small = _text_size(section.body) < TINY_SECTION
    return (
        (catalogue.is_container(text) and not has_body)
        or is_title
        or (bool(catalogue.group(text)) and (small or grouping))
        or (grouping and not below)
    )


def _unplaced(section: Section, heading: Heading, other: Entry, closest: list[str]) -> Message:
    """The warning for a top-level section nothing places."""
    hint = f" Closest names: {', '.join(closest)}." if closest else ""
    return Message(
        section.path,
        heading.line + 1,
        f"heading '{heading.text}' is not in the catalogue; it gets a page "
        f"under Other ('{other.slug}').{hint} Add it to the catalogue "
        f"(docs/_data/catalogue.yml) to give it a category and name.",
    )


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
