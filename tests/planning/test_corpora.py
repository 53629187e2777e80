"""Other authors' notes (../shared/corpora, read in place) become a real site:
pages found in their heading trees, services recognised however they are
written, in AWS's categories, and every line on exactly one page."""

from __future__ import annotations

from pathlib import Path

import pytest
from notesite.planning.catalogue import OTHER_CATEGORY, load_catalogue
from notesite.planning.plan import SitePlan, page_text_sizes, plan_site
from notesite.reading.parse import NotesSet, make_parser, parse_notes
from notesite.reading.source import discover_sources, read_notes

ROOT = Path(__file__).resolve().parents[2]
CORPORA = ROOT.parent / "shared" / "corpora"
CATALOGUE = load_catalogue(ROOT / "docs" / "_data" / "catalogue.yml")

# (folder, source inside it, services and the category each must land in)
CASES = {
    "cantrill-saa-c02": (
        "README.md",
        {"rds": "databases", "kms": "security", "route-53": "networking", "ec2": "compute"},
    ),
    "devops-pro-vault": (
        ".",
        {"sqs": "integration", "codedeploy": "devtools", "eks": "containers", "kms": "security"},
    ),
    "cloud-practitioner-site": (
        ".",
        {
            "sqs": "integration",
            "waf": "security",
            "redshift": "databases",
            "cloudtrail": "management",
        },
    ),
}
MAX_PAGE_SHARE = 0.15
MAX_OTHER_SHARE = 0.10


def plan_corpus(name: str) -> tuple[NotesSet, SitePlan]:
    folder = CORPORA / name
    if not folder.is_dir():
        pytest.skip(f"{folder} is not there")
    source, _ = CASES[name]
    paths = discover_sources(folder, source)
    mdit = make_parser()
    names = [p.resolve().relative_to(folder.resolve()).as_posix() for p in paths]
    notes = NotesSet(
        [parse_notes(read_notes(p, n).text, n, mdit) for p, n in zip(paths, names, strict=True)]
    )
    return notes, plan_site(notes, CATALOGUE)


@pytest.mark.parametrize("name", sorted(CASES))
def test_no_page_holds_more_than_its_share(name: str) -> None:
    """No page holds over 15% of a whole-course corpus, and several pages are made."""
    notes, plan = plan_corpus(name)
    sizes = page_text_sizes(plan, notes)
    total = sum(sizes.values())
    largest = max(sizes, key=lambda slug: sizes[slug])
    assert len(plan.pages) >= 20
    assert sizes[largest] / total <= MAX_PAGE_SHARE, largest


@pytest.mark.parametrize("name", sorted(CASES))
def test_little_lands_under_other(name: str) -> None:
    """At most 10% of the text is on pages under Other."""
    notes, plan = plan_corpus(name)
    sizes = page_text_sizes(plan, notes)
    other = sum(sizes[p.slug] for p in plan.pages if p.entry.category == OTHER_CATEGORY)
    assert other / sum(sizes.values()) <= MAX_OTHER_SHARE


@pytest.mark.parametrize("name", sorted(CASES))
def test_named_services_land_in_their_category(name: str) -> None:
    """Services written in the author's own way get their page in AWS's category."""
    _, plan = plan_corpus(name)
    categories = {page.slug: page.entry.category for page in plan.pages}
    _, expected = CASES[name]
    assert {slug: categories.get(slug) for slug in expected} == expected


@pytest.mark.parametrize("name", sorted(CASES))
def test_every_line_is_on_exactly_one_page(name: str) -> None:
    """The pages' line ranges cover every line of every file once."""
    notes, plan = plan_corpus(name)
    for parsed in notes.files:
        owned = sorted(
            (a, b) for page in plan.pages for path, a, b in page.sources if path == parsed.path
        )
        covered = [line for a, b in owned for line in range(a, b)]
        assert covered == list(range(len(parsed.lines))), parsed.path
