"""Printing, as a reader's browser does it: Chromium, print media, the site opened from disk."""

from __future__ import annotations

import re
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest

pytestmark = [pytest.mark.browser, pytest.mark.slow]

# A4 (210 mm) less print.css's 1.4 cm margins, in CSS pixels (96 per inch).
A4_TEXT_WIDTH = round((210 - 2 * 14) / 25.4 * 96)


@pytest.fixture
def printed(browser: Any, built_site: Path) -> Iterator[Any]:
    """A page opener: the site from disk, styled for print, with console errors recorded."""
    context = browser.new_context(viewport={"width": 1000, "height": 1400})
    page = context.new_page()
    page.errors = []
    page.on("pageerror", lambda error: page.errors.append(str(error)))
    page.on("console", lambda m: m.type == "error" and page.errors.append(m.text))

    def open_page(name: str, width: int = 1000) -> Any:
        page.set_viewport_size({"width": width, "height": 1400})
        page.goto((built_site / name).as_uri())
        page.emulate_media(media="print")
        return page

    yield open_page
    context.close()


def visible(page: Any, selector: str) -> bool:
    return bool(page.eval_on_selector(selector, "el => getComputedStyle(el).display !== 'none'"))


def test_a_page_prints_without_navigation_and_with_link_addresses(printed: Any) -> None:
    """In print, sidebars, header and footer are gone; external links show where they go."""
    page = printed("s3.html")
    assert not visible(page, ".md-sidebar--primary")
    assert not visible(page, ".md-header")
    assert not visible(page, ".md-footer")
    link = page.locator('article a[href^="https://"]').first
    after = link.evaluate("a => getComputedStyle(a, '::after').content")
    assert link.get_attribute("href") in after
    internal = page.locator('article a[href$=".html"]').first
    assert internal.evaluate("a => getComputedStyle(a, '::after').content") in ("none", "normal")


@pytest.mark.parametrize("name", ["s3.html", "auto-scaling.html", "dynamodb.html"])
def test_tables_print_whole(printed: Any, name: str) -> None:
    """On A4 paper, a comparison table fits the width of the text: no column is cut off,
    nothing is hidden in a scroll box."""
    page = printed(name, width=A4_TEXT_WIDTH)
    page.wait_for_selector("article table")
    cut = page.evaluate(
        """() => {
            const right = document.querySelector('article').getBoundingClientRect().right;
            return [...document.querySelectorAll('article table')].filter(table => {
                if (table.getBoundingClientRect().right > right + 1) return true;
                for (let box = table.parentElement; box.tagName !== 'ARTICLE';
                     box = box.parentElement) {
                    const hides = getComputedStyle(box).overflowX !== 'visible';
                    if (hides && box.scrollWidth > box.clientWidth + 1) return true;
                }
                return false;
            }).length;
        }"""
    )
    assert cut == 0


def test_the_whole_notes_print_one_page_per_service_with_lists_opened(printed: Any) -> None:
    """The print page opens its collapsed lists for print and makes a PDF of one sheet or
    more per section, without script errors."""
    page = printed("print.html")
    sections = page.locator("section.notes-print-page").count()
    assert sections > 40
    closed = page.locator("article details:not([open])").count()
    assert closed > 0
    page.evaluate("window.dispatchEvent(new Event('beforeprint'))")
    assert page.locator("article details:not([open])").count() == 0
    pdf = page.pdf(format="A4")
    assert len(re.findall(rb"/Type\s*/Page(?![s\w])", pdf)) >= sections
    assert page.errors == []
