"""Other authors' notes (../shared/corpora, read in place) build into a site:
one page per service in AWS's categories, each reachable from the navigation."""

from __future__ import annotations

from pathlib import Path

import pytest
from bs4 import BeautifulSoup

from tests.site.builds import build_site

ROOT = Path(__file__).resolve().parents[2]
CORPORA = ROOT.parent / "shared" / "corpora"
# (corpus, its notes, pages with the category title the navigation files them under)
CASES = {
    "cantrill-saa-c02": (
        "cantrill-saa-c02/README.md",
        {"rds.html": "Databases", "kms.html": "Security, identity & compliance"},
    ),
    "devops-pro-vault": (
        "devops-pro-vault",
        {"codedeploy.html": "Developer tools", "eks.html": "Containers"},
    ),
}


@pytest.fixture(scope="module", params=sorted(CASES))
def corpus_site(request: pytest.FixtureRequest, tmp_path_factory: pytest.TempPathFactory):
    """The site built from one corpus in place of the original notes (not
    strictly: the corpora name pictures they do not include)."""
    source, expected = CASES[request.param]
    if not (CORPORA / source).exists():
        pytest.skip(f"{CORPORA / source} is not there")
    site = tmp_path_factory.mktemp(request.param) / "site"
    config = build_site(site, source=str(CORPORA / source), cache=False)
    return site, config, expected


def nav_categories(nav: list) -> dict[str, str]:
    """Each page of the built navigation (``page.html``) -> the title of its section."""
    found = {}
    for item in nav:
        for title, children in item.items():
            if isinstance(children, list):
                for child in children:
                    for uri in child.values():
                        found[str(uri).replace(".md", ".html")] = title
    return found


@pytest.mark.slow
def test_every_planned_page_is_built_and_in_the_navigation(corpus_site) -> None:
    """Each page the plan made is an HTML page with its catalogue title, and in the navigation."""
    site, config, _ = corpus_site
    state = config["notes_site"]
    assert len(state.plan.pages) >= 20
    listed = nav_categories(config.nav)
    for page in state.plan.pages:
        html = site / f"{page.slug}.html"
        assert html.is_file(), page.slug
        assert f"{page.slug}.html" in listed, page.slug
        heading = BeautifulSoup(html.read_text(encoding="utf-8"), "lxml").find("h1")
        assert heading is not None
        shown = "".join(heading.get_text().split())  # abbreviations split the text
        assert shown.startswith("".join(page.entry.name.split())), page.slug


@pytest.mark.slow
def test_services_are_filed_under_their_aws_category(corpus_site) -> None:
    """A service page sits in the navigation under its AWS category's title."""
    _, config, expected = corpus_site
    listed = nav_categories(config.nav)
    assert {href: listed.get(href) for href in expected} == expected


def _pages(site: Path) -> list[BeautifulSoup]:
    return [
        BeautifulSoup(page.read_text(encoding="utf-8"), "html.parser")
        for page in sorted(site.glob("*.html"))
    ]


def test_headings_and_contents_have_no_trailing_stop(corpus_site) -> None:
    """No heading of a page, nor its entry in the table of contents, ends in "." or ":"."""
    site, _, _ = corpus_site
    stops = [
        text
        for soup in _pages(site)
        for tag in soup.select("article :is(h1, h2, h3, h4, h5, h6), nav.md-nav--secondary a")
        if (text := tag.get_text(" ", strip=True).removesuffix("¶").strip()).endswith((".", ":"))
        and not text.endswith("..")
    ]
    assert stops == []


def sparse_or_repeated(site: Path) -> list[tuple[str, str, str]]:
    """The generated tables' columns (their first is "Option"), Notes included, that are
    at least half empty ("—"), and the rows that say a sentence twice: (page, problem,
    column or row). The author's own tables are theirs."""
    found = []
    for page in sorted(site.glob("*.html")):
        soup = BeautifulSoup(page.read_text(encoding="utf-8"), "html.parser")
        for table in soup.select("article table"):
            header = [th.get_text(strip=True) for th in table.select("thead th")]
            rows = [[td.get_text(" ", strip=True) for td in tr("td")] for tr in table("tr")[1:]]
            if not header or header[0] != "Option":
                continue
            for column, title in enumerate(header[1:], 1):
                if 2 * sum(row[column] == "—" for row in rows) >= len(rows):
                    found.append((page.name, "half empty", title))
            for row in rows:
                said = [cell for cell in row[1:] if cell != "—"]
                if len(set(said)) < len(said):
                    found.append((page.name, "repeated", row[0]))
    return found


def test_tables_have_no_half_empty_column_and_no_repeated_cell(corpus_site) -> None:
    """Each table column, Notes included, is filled in most rows; no row says a sentence
    twice."""
    site, _, _ = corpus_site
    assert sparse_or_repeated(site) == []
