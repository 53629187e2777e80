"""An editor's look at a planned site: what a reader of its navigation would
call machine-made.

In: a ``SitePlan``, the parsed notes and the catalogue. Out: an
``EditorReport`` listing, page by page, the titles that read like file names,
titles that say nothing ("Summary", "Contents"), titles two pages share,
catalogued services filed under Other, and sections of a file cut into pages
of their own although they name no service. Each list should be empty; the
tests assert it over every corpus and ``make bench`` prints the counts.

The check is worked out from the notes' heading tree and the plan's line
ranges, not from how the planner decided, so that it can catch the planner
out.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from notesite.planning.catalogue import OTHER_CATEGORY, Catalogue
from notesite.planning.plan import INDEX_NAMES, Page, SitePlan, split_sections
from notesite.planning.recognise import key
from notesite.planning.titles import is_generic
from notesite.reading.parse import NotesSet, ParsedNotes

# "01_Regions", "08 Compute serverless", "quantum-ledger.md", "bgp"
_FILE_NUMBER = re.compile(r"^\d+(?:[\s_.\-]|$)")


@dataclass
class EditorReport:
    """What an editor would mend, as ``file:line`` or title strings per check."""

    file_name_titles: list[str] = field(default_factory=list)
    generic_titles: list[str] = field(default_factory=list)
    duplicate_titles: list[str] = field(default_factory=list)
    services_under_other: list[str] = field(default_factory=list)
    cut_subsections: list[str] = field(default_factory=list)

    def counts(self) -> dict[str, int]:
        return {name: len(found) for name, found in vars(self).items()}

    def clean(self) -> bool:
        return not any(vars(self).values())


def looks_like_file_name(title: str, stems: set[str]) -> bool:
    """True for a title that shows a file's name rather than a person's words:
    underscores, a file number or extension, or a bare lower-case stem."""
    text = title.strip()
    if "_" in text or text.casefold().endswith((".md", ".markdown")):
        return True
    if _FILE_NUMBER.match(text):
        return True
    letters = [c for c in text if c.isalpha()]
    lower_stem = text.casefold() in stems and text == text.casefold()
    return bool(letters) and (all(c.islower() for c in letters) or lower_stem)


def _stems(notes: NotesSet) -> set[str]:
    return {
        parsed.path.rsplit("/", 1)[-1].rsplit(".", 1)[0].casefold().replace("_", " ")
        for parsed in notes.files
    } | {parsed.path.rsplit("/", 1)[-1].rsplit(".", 1)[0].casefold() for parsed in notes.files}


def _titles(page: Page) -> tuple[str, ...]:
    return tuple(dict.fromkeys((page.entry.short, page.entry.name)))


def review(plan: SitePlan, notes: ParsedNotes | NotesSet, catalogue: Catalogue) -> EditorReport:
    """The editor's findings for a planned site."""
    notes_set = notes if isinstance(notes, NotesSet) else NotesSet([notes])
    report = EditorReport()
    stems = _stems(notes_set)
    seen: dict[str, str] = {}
    for page in plan.pages:
        for title in _titles(page):
            if looks_like_file_name(title, stems):
                report.file_name_titles.append(title)
            if page.slug != "introduction" and is_generic(title, catalogue.generic):
                report.generic_titles.append(title)
        shown = key(page.entry.short) or page.entry.short.casefold()
        if shown in seen and seen[shown] != page.slug:
            report.duplicate_titles.append(page.entry.short)
        seen.setdefault(shown, page.slug)
        if page.entry.category == OTHER_CATEGORY and page.entry.kind == "service":
            report.services_under_other.append(page.entry.name)
    report.cut_subsections = _cut_subsections(plan, notes_set, catalogue)
    return report


def _cut_subsections(plan: SitePlan, notes: NotesSet, catalogue: Catalogue) -> list[str]:
    """Pages that name no service or catalogued topic and begin at a heading that sits inside a
    file's page: in notes of several files, any heading but a file's first;
    in one file, a heading whose parent heading neither is the file's title
    nor groups services."""
    several = len([f for f in notes.files if _is_notes_file(f.path)]) > 1
    starts = {
        (page.sources[0][0], page.sources[0][1]): page
        for page in plan.pages
        if page.sources
        and page.entry.kind != "service"
        and page.entry not in catalogue.entries  # a topic the catalogue names
        and page.slug != "introduction"
    }
    found: list[str] = []
    for parsed in notes.files:
        sections = [s for s in split_sections(parsed.tokens, len(parsed.lines)) if s.heading]
        top = min((s.heading.level for s in sections if s.heading), default=0)
        single_top = sum(1 for s in sections if s.heading and s.heading.level == top) == 1
        for index, section in enumerate(sections):
            assert section.heading is not None
            page = starts.get((parsed.path, section.start))
            if page is None or catalogue.leading(section.heading.text) is not None:
                continue
            if several:
                if index > 0:
                    found.append(f"{parsed.path}:{section.heading.line + 1}: {page.entry.short}")
                continue
            parent = _parent(sections, index)
            if parent is None or (parent == 0 and single_top):
                continue
            if not _groups(sections, parent, catalogue):
                found.append(f"{parsed.path}:{section.heading.line + 1}: {page.entry.short}")
    return found


def _is_notes_file(path: str) -> bool:
    return path.rsplit("/", 1)[-1].casefold() not in INDEX_NAMES


def _parent(sections: list, index: int) -> int | None:
    level = sections[index].heading.level
    for before in range(index - 1, -1, -1):
        if sections[before].heading.level < level:
            return before
    return None


def _groups(sections: list, index: int, catalogue: Catalogue) -> bool:
    """True if the heading lists services or has a service-naming heading below it."""
    heading = sections[index].heading
    if catalogue.group(heading.text) or catalogue.is_container(heading.text):
        return True
    for later in sections[index + 1 :]:
        if later.heading.level <= heading.level:
            return False
        if catalogue.match(later.heading.text) is not None:
            return True
    return False
