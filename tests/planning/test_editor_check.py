"""An editor's check of the navigation: every corpus and shape of notes plans
to pages with titles a person would write, none generic or alike, no
catalogued service under Other, and no file's sub-sections cut into pages."""

from __future__ import annotations

from pathlib import Path

import pytest
from notesite.planning.catalogue import load_catalogue
from notesite.planning.editor_check import EditorReport, looks_like_file_name, review
from notesite.planning.plan import Page, SitePlan, plan_site
from notesite.reading.parse import NotesSet, make_parser, parse_notes
from notesite.reading.source import discover_sources, read_notes

ROOT = Path(__file__).resolve().parents[2]
CORPORA = ROOT.parent / "shared" / "corpora"
CATALOGUE = load_catalogue(ROOT / "docs" / "_data" / "catalogue.yml")
TEXT = "A paragraph long enough to be a section of its own. " * 8
SOURCES = {
    "original notes": (ROOT / "notes", "aws-notes.md"),
    "cantrill-saa-c02": (CORPORA / "cantrill-saa-c02", "README.md"),
    "devops-pro-vault": (CORPORA / "devops-pro-vault", "."),
    "cloud-practitioner-site": (CORPORA / "cloud-practitioner-site", "."),
}


def parse(files: list[tuple[str, str]]) -> NotesSet:
    mdit = make_parser()
    return NotesSet([parse_notes(text, name, mdit) for name, text in files])


def checked(files: list[tuple[str, str]]) -> tuple[SitePlan, EditorReport]:
    """Plan the notes, then review the plan against a fresh parse of them."""
    plan = plan_site(parse(files), CATALOGUE)
    return plan, review(plan, parse(files), CATALOGUE)


def read_folder(folder: Path, source: str) -> list[tuple[str, str]]:
    if not folder.is_dir():
        pytest.skip(f"{folder} is not there")
    paths = discover_sources(folder, source)
    names = [p.resolve().relative_to(folder.resolve()).as_posix() for p in paths]
    return [(name, read_notes(p, name).text) for name, p in zip(names, paths, strict=True)]


@pytest.mark.parametrize("name", sorted(SOURCES))
def test_every_corpus_reads_as_an_editor_laid_it_out(name: str) -> None:
    """No file-name, generic or duplicate title, no service under Other, no sub-section cut out."""
    folder, source = SOURCES[name]
    _, report = checked(read_folder(folder, source))
    assert vars(report) == vars(EditorReport())


def test_the_original_notes_keep_their_forty_pages() -> None:
    """The first author's notes keep their pages and URLs."""
    plan, _ = checked(read_folder(*SOURCES["original notes"]))
    assert len(plan.pages) == 40


SHAPES = {
    "numbered folders of one file per topic": [
        ("README.md", f"# SA Pro notes\n{TEXT}\n"),
        ("03-networking/route53.md", f"# Route 53\n{TEXT}\n## Routing policies\n{TEXT}\n"),
        ("03-networking/bgp.md", f"{TEXT}\n## AS paths\n{TEXT}\n"),
        ("06-security/macie.md", f"# Amazon Macie\n{TEXT}\n## Macie Findings\n{TEXT}\n"),
        (
            "07-migration/6rs.md",
            f"# The 6R's\n{TEXT}\n## Rehosting\n{TEXT}\n## Replatforming\n{TEXT}\n",
        ),
        ("08-db/quantum ledger.md", f"{TEXT}\n"),
        (
            "05-compute/beanstalk.md",
            f"# Elastic Beanstalk\n{TEXT}\n## Single Container Mode\n{TEXT}\n",
        ),
    ],
    "numbered files": [
        ("01_Regions.md", f"# Regions and AZs\n{TEXT}\n"),
        ("08_Compute_serverless.md", f"{TEXT}\n## Lambda\n{TEXT}\n"),
        ("07_Container_services_ EKS.md", f"{TEXT}\n## Pods\n{TEXT}\n"),
    ],
    "a course's files with closing hashes and comments": [
        (
            "Notes/01 EC2 _and_Lambda_for_SysOps.md",
            f"<!-- x -->\n# 01 - EC2 and Lambda for SysOps #\n{TEXT}\n## Placement\n{TEXT}\n",
        ),
        ("Notes/02_AMI.md", f"# 02 - AMI #\n{TEXT}\n"),
    ],
    "files of topics with summaries": [
        ("backups.md", f"# BACKUPS\n{TEXT}\n## Summary\n{TEXT}\n"),
        ("other_services.md", f"{TEXT}\n## Summary\n{TEXT}\n"),
        ("topics.md", f"# Section Introduction\n{TEXT}\n## Summary\n{TEXT}\n"),
    ],
    "one guide with a contents list and grouped headings": [
        (
            "guide.md",
            f"# AWS Notes\n## Table of Contents\n- [WAF](#waf)\n## Introduction\n{TEXT}\n"
            f"## Web Application Firewall (WAF)\n{TEXT}\n## Security\n{TEXT}\n## Summary\n{TEXT}\n"
            f"# EC2 and EBS\n{TEXT}\n## Instance store\n{TEXT}\n## Summary\n{TEXT}\n",
        )
    ],
}


@pytest.mark.parametrize("shape", sorted(SHAPES))
def test_every_shape_reads_as_an_editor_laid_it_out(shape: str) -> None:
    """Each shape of notes other authors write passes the editor's check."""
    _, report = checked(SHAPES[shape])
    assert vars(report) == vars(EditorReport())


def _page(slug: str, name: str, kind: str = "concept", category: str = "foundations") -> Page:
    from notesite.planning.catalogue import Entry

    return Page(Entry(slug=slug, name=name, short=name, category=category, kind=kind), 1)


def test_the_check_finds_what_an_editor_would_mend() -> None:
    """File-name, generic and duplicate titles and a service under Other are each reported."""
    notes = parse([("01_regions.md", f"# Regions\n{TEXT}\n")])
    pages = [
        _page("regions", "01_regions"),
        _page("summary", "Summary"),
        _page("a", "Storage classes"),
        _page("b", "Storage Classes"),
        _page("x", "AWS Thing", kind="service", category="other"),
    ]
    report = review(SitePlan(pages, []), notes, CATALOGUE)
    assert report.file_name_titles == ["01_regions"]
    assert report.generic_titles == ["Summary"]
    assert report.duplicate_titles == ["Storage Classes"]
    assert report.services_under_other == ["AWS Thing"]


def test_the_check_finds_a_sub_section_cut_into_a_page() -> None:
    """A page that begins at a file's second heading, naming no service, is a cut sub-section."""
    files = [("a.md", f"# Topic A\n{TEXT}\n## Detail\n{TEXT}\n"), ("b.md", f"# Topic B\n{TEXT}\n")]
    notes = parse(files)
    detail = _page("detail", "Detail")
    detail.sources = [("a.md", 2, 4)]
    topic = _page("topic-a", "Topic A")
    topic.sources = [("a.md", 0, 2)]
    report = review(SitePlan([topic, detail], []), notes, CATALOGUE)
    assert report.cut_subsections == ["a.md:3: Detail"]


@pytest.mark.parametrize(
    ("title", "file_like"),
    [
        ("bgp", True),
        ("quantum ledger", True),
        ("08_Compute", True),
        ("a.md", True),
        ("BGP", False),
        ("Quantum ledger", False),
        ("Amazon S3", False),
    ],
)
def test_titles_that_look_like_file_names(title: str, file_like: bool) -> None:
    """Underscores, numbers, extensions and lower-case stems look like file names."""
    assert looks_like_file_name(title, {"bgp", "quantum ledger"}) is file_like
