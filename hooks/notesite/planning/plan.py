"""Split parsed notes into pages, one per AWS service or concept, as an
editor would lay them out.

Looks at the headings of the token stream (a ``#`` line inside a code fence is
a fence token, never a heading). The page level is found from the tree
itself, whatever the author's heading levels:

- A file's single top heading is its title: in one file of notes its text
  introduces them; in a folder of files it titles the file's page.
- A heading that lists services ("RDS + Aurora", "A, B and C") or has
  services below it (a course section) only groups them; one that lists them
  and has text of its own is one group page standing for each
  (``Page.covers``); "EC2 vs ECS" goes on the first one's page.
- A heading that names a service, or starts with its name ("S3 Security"),
  goes on that service's page; below a service's page only a distinctive
  name moves a section ("CloudWatch Agent", not "Backup"), never one named
  after the page's own ("DynamoDB Streams"). A plain topic word ("Security",
  "Support") names no service by itself.
- A section that names no service stays on the page it sits in. "Summary",
  "Table of Contents" and other titles that say nothing are never pages;
  the notes' title, contents and introduction make one Introduction.
- At the page level of one file, a section naming nothing is a concept page
  (a small one stays with the page before it); with no group above it, a
  page under "Other" and a warning.
- In notes of several files each file is one page: the service its name or
  opening heading names, else a page titled by that heading or by its file
  name made readable, filed in the category most of its services are in.
  Its sections move only when they name a service.
- A title names one page however often it comes: the same service or topic
  written about in two places is one page, in the author's order.

Every line of the notes is owned by exactly one page, in the author's order;
``Page.line_ranges`` records which. The rules live in ``placing``; opening
and naming pages in ``pages``.
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
