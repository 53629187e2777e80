"""The built site read from disk with no network, and from a local server.

Every test here runs twice (the ``origin`` fixture): from ``file://`` in an
offline context, and over HTTP from 127.0.0.1. Any request that would leave
the site is blocked and makes the test fail, as does any console error. The
page-by-page checks judge one reading of every page (the ``survey`` fixture).
"""

from __future__ import annotations

from pathlib import Path

import pytest

from .conftest import ReaderFactory, SurveyOf, diagram_pages, site_pages
from .reader import Origin

pytestmark = [pytest.mark.browser, pytest.mark.slow]


def test_every_page_loads_without_errors(origin: Origin, survey: SurveyOf) -> None:
    """Every page loads and shows its title, and no page logs a console error."""
    reading = survey(origin, "desktop")
    assert "index.html" in reading.visits and len(reading.visits) > 10
    problems = {
        path: (["no page title (h1) in the content"] if visit.titles != 1 else [])
        + visit.console_errors
        for path, visit in reading.visits.items()
    }
    assert {path: found for path, found in problems.items() if found} == {}


def test_no_page_asks_anything_of_the_network(origin: Origin, survey: SurveyOf) -> None:
    """Reading every page requests nothing but the site's own files (from disk: only file://)."""
    assert survey(origin, "desktop").foreign_requests == []


def test_navigation_between_pages(origin: Origin, open_reader: ReaderFactory) -> None:
    """A reader gets from the home page to a service, across the menu, to the next page and back."""
    reader = open_reader(origin)
    reader.open("index.html")
    reader.page.locator(".md-content a[href='s3.html']").first.click()
    reader.page.wait_for_load_state()
    assert reader.current_path() == "s3.html"
    assert "Amazon Simple Storage Service" in reader.page.locator("h1").first.inner_text()

    # The menu lists every page of the reader's own category...
    reader.page.locator(".md-sidebar--primary .md-nav__link[href='efs.html']").click()
    reader.page.wait_for_load_state()
    assert reader.current_path() == "efs.html"
    # ...and each other category as one link, to its first page.
    sidebar = reader.page.locator(".md-sidebar--primary a.md-nav__link", has_text="Databases")
    sidebar.first.click()
    reader.page.wait_for_load_state()
    assert reader.current_path() == "database-models.html"

    next_link = reader.page.locator(".md-footer__link--next")
    next_path = next_link.get_attribute("href")
    next_link.click()
    reader.page.wait_for_load_state()
    assert reader.current_path() == next_path != "database-models.html"

    reader.page.go_back()
    assert reader.current_path() == "database-models.html"
    reader.page.locator(".md-header__button.md-logo").click()
    reader.page.wait_for_load_state()
    assert reader.current_path() == "index.html"
    assert reader.console_errors == []
    assert reader.foreign_requests() == []


def test_search_finds_and_highlights(origin: Origin, open_reader: ReaderFactory) -> None:
    """Search answers from this origin, and the result opens its page with the term highlighted."""
    reader = open_reader(origin)
    reader.open("index.html")
    results = reader.search("glacier")
    assert "s3.html" in results
    reader.page.locator(".md-search-result__item a[href*='s3.html?h=glacier']").first.click()
    reader.page.wait_for_load_state()
    assert reader.current_path() == "s3.html"
    reader.page.locator(".md-content mark").first.wait_for()
    marked = reader.page.locator(".md-content mark").all_inner_texts()
    assert any(text.casefold() == "glacier" for text in marked), marked
    assert reader.console_errors == []
    assert reader.foreign_requests() == []


def test_diagrams_render(origin: Origin, survey: SurveyOf, site_dir: Path) -> None:
    """Every mermaid diagram on every page is drawn as an SVG, without a syntax error."""
    pages = diagram_pages(site_dir)
    if not pages:
        pytest.skip("the site has no mermaid diagrams")
    visits = survey(origin, "desktop").visits
    problems = {
        path: visits[path].diagrams
        for path in pages
        if not visits[path].diagrams
        or any(not d["svg"] or d["error"] for d in visits[path].diagrams)
    }
    assert problems == {}


def test_no_page_loads_mermaid(origin: Origin, open_reader: ReaderFactory, site_dir: Path) -> None:
    """The diagrams are drawn at build time: no page fetches any mermaid script,
    neither a page with diagrams (whose drawings are there at once) nor one without."""
    with_diagrams = diagram_pages(site_dir)
    assert with_diagrams
    without = [p for p in site_pages(site_dir) if p not in with_diagrams and p != "404.html"][:3]
    reader = open_reader(origin)
    loads: dict[str, list[str]] = {}
    for path in [with_diagrams[0], *without]:
        before = len(reader.requests)
        reader.open(path)
        if path in with_diagrams:
            assert all(d["svg"] for d in reader.diagrams(timeout=0))
        loads[path] = [url for url in reader.requests[before:] if "mermaid" in url]
    assert loads == {path: [] for path in loads}
    assert reader.page.evaluate("typeof window.mermaid") == "undefined"


def test_colour_scheme_toggle_sticks_across_pages(
    origin: Origin, open_reader: ReaderFactory
) -> None:
    """The header toggle switches to dark, and the next page opened stays dark."""
    reader = open_reader(origin, scheme="light")
    reader.open("index.html")
    assert reader.color_scheme() == "default"
    toggle = reader.page.locator("form[data-md-component='palette'] label:visible")
    seen = []
    for _ in range(2):  # system preference -> light -> dark
        toggle.first.click()
        seen.append(reader.color_scheme())
    assert seen == ["default", "slate"]
    reader.open("billing.html")
    assert reader.color_scheme() == "slate"
    assert reader.console_errors == []
