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

from markdown_it.token import Token

from notesite.planning.catalogue import Catalogue
from notesite.planning.model import Message, Page, SitePlan, page_text_sizes
from notesite.planning.pages import introduction_entry
from notesite.planning.placing import INDEX_NAMES, Planner, _groups_below, _has_text, _title_heading
from notesite.planning.sections import (
    Heading,
    Section,
    place_footnotes,
    split_sections,
    take_footnotes,
)
from notesite.reading.parse import NotesSet, ParsedNotes

__all__ = [
    "INDEX_NAMES",
    "Heading",
    "Message",
    "Page",
    "Section",
    "SitePlan",
    "introduction_entry",
    "page_text_sizes",
    "plan_site",
    "split_sections",
]


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
    planner = Planner(
        catalogue, several_files=len(files) > 1, titles=titles, file_titles=file_titles
    )
    planner.grouping = _groups_below(sections, catalogue)
    for number, section in enumerate(sections):
        planner.place(number, section, sections)
    planner.finish()
    if footnotes:
        place_footnotes(list(planner.pages.values()), footnotes)
    return SitePlan(list(planner.pages.values()), planner.messages)
