"""The built site read from disk with no network, and from a local server.

Every test here runs twice (the ``origin`` fixture): from ``file://`` in an
offline context, and over HTTP from 127.0.0.1. Any request that would leave
the site is blocked and makes the test fail, as does any console error.
"""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from .conftest import ReaderFactory, site_pages
from .reader import Origin

pytestmark = [pytest.mark.browser, pytest.mark.slow]

MERMAID_CLASS = re.compile(r"""class="[^"]*\bmermaid\b""")


def diagram_pages(site_dir: Path) -> list[str]:
    """Pages whose HTML holds at least one mermaid diagram."""
    return [
        path
        for path in site_pages(site_dir)
        if MERMAID_CLASS.search((site_dir / path).read_text(encoding="utf-8"))
    ]


def test_every_page_loads_without_errors_or_network(
    origin: Origin, open_reader: ReaderFactory, site_dir: Path
) -> None:
    """Every page loads, shows its content, logs no console error and asks nothing of the network."""
    reader = open_reader(origin)
    pages = site_pages(site_dir)
    assert "index.html" in pages and len(pages) > 10
    problems: dict[str, list[str]] = {}
    for path in pages:
        reader.console_errors.clear()
        reader.open(path)
        found = []
        if reader.page.locator("article.md-content__inner h1").count() != 1:
            found.append("no page title (h1) in the content")
        found += reader.console_errors
        if found:
            problems[path] = found
    assert problems == {}
    assert reader.foreign_requests() == []


def test_navigation_between_pages(origin: Origin, open_reader: ReaderFactory) -> None:
    """A reader gets from the home page to a service, across the menu, to the next page and back."""
    reader = open_reader(origin)
    reader.open("index.html")
    reader.page.locator(".md-content a[href='s3.html']").first.click()
    reader.page.wait_for_load_state()
    assert reader.current_path() == "s3.html"
    assert "Amazon Simple Storage Service" in reader.page.locator("h1").first.inner_text()

    reader.page.locator(".md-sidebar--primary .md-nav__link[href='dynamodb.html']").click()
    reader.page.wait_for_load_state()
    assert reader.current_path() == "dynamodb.html"

    next_link = reader.page.locator(".md-footer__link--next")
    next_title = next_link.get_attribute("aria-label") or ""
    next_link.click()
    reader.page.wait_for_load_state()
    assert reader.current_path() not in ("dynamodb.html", "index.html")
    assert reader.page.locator("h1").first.inner_text().strip() in next_title

    reader.page.go_back()
    assert reader.current_path() == "dynamodb.html"
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
    reader.page.locator(".md-search-result__item a[href*='s3.html']").first.click()
    reader.page.wait_for_load_state()
    assert reader.current_path() == "s3.html"
    marked = reader.page.locator(".md-content mark").all_inner_texts()
    assert any(text.casefold() == "glacier" for text in marked), marked
    assert reader.console_errors == []
    assert reader.foreign_requests() == []


def test_diagrams_render(origin: Origin, open_reader: ReaderFactory, site_dir: Path) -> None:
    """Every mermaid diagram on every page is drawn as an SVG, without a syntax error."""
    pages = diagram_pages(site_dir)
    if not pages:
        pytest.skip("the site has no mermaid diagrams")
    reader = open_reader(origin)
    problems: dict[str, object] = {}
    for path in pages:
        reader.console_errors.clear()
        reader.open(path)
        diagrams = reader.diagrams()
        bad = [d for d in diagrams if not d["svg"] or d["error"]]
        if not diagrams or bad or reader.console_errors:
            problems[path] = {"diagrams": diagrams, "errors": reader.console_errors[:]}
    assert problems == {}
    assert reader.foreign_requests() == []


def test_mermaid_loads_only_on_diagram_pages(
    origin: Origin, open_reader: ReaderFactory, site_dir: Path
) -> None:
    """Mermaid (about 1 MB gzip) is fetched once on a page with a diagram and not at all elsewhere."""
    with_diagrams = diagram_pages(site_dir)
    if not with_diagrams:
        pytest.skip("the site has no mermaid diagrams")
    without = [p for p in ("index.html", "lambda.html") if p not in with_diagrams]
    reader = open_reader(origin)
    loads: dict[str, int] = {}
    for path in [with_diagrams[0], *without]:
        before = len(reader.requests)
        reader.open(path)
        if path in with_diagrams:
            reader.diagrams()
        loads[path] = sum(
            1 for url in reader.requests[before:] if re.search(r"mermaid[^/]*\.js(\?|$)", url)
        )
    assert loads == {path: (1 if path in with_diagrams else 0) for path in loads}
