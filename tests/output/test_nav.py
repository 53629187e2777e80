"""The navigation: pages by category, and the services a group page stands
for linked from their own categories."""

from __future__ import annotations

from pathlib import Path

from notesite.output.nav import build_nav, cover_links
from notesite.planning.catalogue import load_catalogue
from notesite.planning.plan import plan_site
from notesite.reading.parse import NotesSet, parse_notes

ROOT = Path(__file__).resolve().parents[2]
CATALOGUE = load_catalogue(ROOT / "docs" / "_data" / "catalogue.yml")
TEXT = "A paragraph long enough to be a section of its own. " * 8


def test_a_group_page_is_linked_from_each_covered_services_category() -> None:
    """`EC2 and EBS` is a Compute page; EBS, with no page of its own, links to it from Storage."""
    notes = f"# EC2 and EBS\n{TEXT}\n# Amazon S3\n{TEXT}\n"
    plan = plan_site(NotesSet([parse_notes(notes, "notes.md")]), CATALOGUE)
    links = cover_links(CATALOGUE, plan)
    storage = CATALOGUE.category("storage").title
    compute = CATALOGUE.category("compute").title
    group = plan.pages[0]
    assert links == [(storage, "EBS", group.src_uri)]  # EC2: the page's own title names it
    nav = build_nav(CATALOGUE, plan)
    assert {compute: [{"EC2 and EBS": group.src_uri}]} in nav


def test_a_covered_service_with_a_page_of_its_own_needs_no_link() -> None:
    """When S3 has its own page too, `S3 and Lambda` adds a link for Lambda only."""
    notes = f"# S3 and Lambda\n{TEXT}\n# S3\n{TEXT}\n"
    plan = plan_site(NotesSet([parse_notes(notes, "notes.md")]), CATALOGUE)
    assert [title for _, title, _ in cover_links(CATALOGUE, plan)] == ["AWS Lambda"]


def test_practice_exams_leave_their_category_for_a_section_after_the_categories() -> None:
    """Exams move, by number, to a section after the categories; emptied ones go."""
    from notesite.output.nav import exams_apart

    nav = [
        {"Home": "index.md"},
        {"Foundations": [{"Cloud": "cloud.md"}, {"Exam 2": "exam-2.md"}]},
        {"Other": [{"Exam 1": "exam-1.md"}, {"Exam 10": "exam-10.md"}]},
        {"Test yourself": "test-yourself.md"},
    ]
    exams = [("Exam 1", "exam-1.md"), ("Exam 10", "exam-10.md"), ("Exam 2", "exam-2.md")]
    moved = exams_apart(nav, exams, "Practice exams")
    assert moved == [
        {"Home": "index.md"},
        {"Foundations": [{"Cloud": "cloud.md"}]},
        {
            "Practice exams": [
                {"Exam 1": "exam-1.md"},
                {"Exam 2": "exam-2.md"},
                {"Exam 10": "exam-10.md"},
            ]
        },
        {"Test yourself": "test-yourself.md"},
    ]
    assert exams_apart(nav, [], "Practice exams") == nav
