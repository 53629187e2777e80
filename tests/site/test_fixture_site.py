"""A small notes site built in-process, in strict mode, from a fixture folder."""

from __future__ import annotations

from pathlib import Path

import pytest
from bs4 import BeautifulSoup

from tests.conftest import build_project

FIXTURE = Path(__file__).resolve().parents[1] / "fixtures" / "site-basic"


@pytest.fixture(scope="module")
def fixture_site(tmp_path_factory: pytest.TempPathFactory) -> Path:
    site = tmp_path_factory.mktemp("fixture-site")
    build_project(FIXTURE / "mkdocs.yml", site, strict=True)
    return site


def soup(site: Path, name: str) -> BeautifulSoup:
    return BeautifulSoup((site / name).read_text(encoding="utf-8"), "lxml")


def test_fixture_builds_one_page_per_entry_plus_introduction(fixture_site):
    """Strict build succeeds and writes a page per entry and one for the preamble."""
    pages = sorted(p.name for p in fixture_site.glob("*.html"))
    assert pages == [
        "404.html",
        "dynamodb.html",
        "index.html",
        "introduction.html",
        "rds.html",
        "s3.html",
    ]


def test_titles_come_from_the_catalogue_and_nav_groups_by_category(fixture_site):
    """The H1 is the canonical name; the nav shows categories with short names, preamble first."""
    page = soup(fixture_site, "s3.html")
    assert page.find("h1").get_text(strip=True).rstrip("¶") == "Amazon Simple Storage Service (S3)"
    nav = page.select_one("nav.md-nav--primary")
    sections = [
        (
            li.find("label").get_text(" ", strip=True),
            [a.get_text(strip=True) for a in li.select("a[href$='.html']")],
        )
        for li in nav.select(":scope > ul > li.md-nav__item--nested")
    ]
    assert sections == [
        ("Storage", ["Introduction", "Amazon S3"]),
        ("Databases", ["Amazon RDS", "Amazon DynamoDB"]),
    ]


def test_nested_lists_and_code_survive_the_round_trip(fixture_site):
    """Four-level 2-space lists stay nested and the fence's `#` line stays code."""
    article = soup(fixture_site, "s3.html").find("article")
    deepest = article.find(string="four levels deep")
    assert len([p for p in deepest.parents if p.name == "ul"]) == 4
    assert "# not a heading" in article.find("pre").get_text()
    assert [h.get_text(strip=True).rstrip("¶") for h in article.find_all("h2")] == [
        "Storage classes"
    ]


def test_generated_pages_link_to_the_notes_for_editing(fixture_site):
    """The edit button of a generated page opens the notes file in the repository."""
    link = soup(fixture_site, "rds.html").select_one("a.md-content__button[href*='edit']")
    assert link["href"] == "https://example.com/someone/notes/edit/main/notes/notes.md"


def test_home_page_lists_every_page_by_category(fixture_site):
    """The home page's cards link to each generated page under its category."""
    cards = soup(fixture_site, "index.html").select(".grid.cards > ul > li")
    titles = {c.find("strong").get_text(): [a["href"] for a in c.select("a")] for c in cards}
    assert titles["Storage"] == ["introduction.html", "s3.html"]
    assert titles["Databases"] == ["rds.html", "dynamodb.html"]
