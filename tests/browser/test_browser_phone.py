"""On a phone (390×844): the menu drawer works and nothing is wider than the screen.

Tables scroll sideways inside their own box instead of widening the page;
diagrams fit the screen or scroll in their own box, and are never shrunk past
legibility (checked on the desktop too). Every page of the site is checked,
from one reading of each (the ``survey`` fixture).
"""

from __future__ import annotations

from pathlib import Path

import pytest

from .conftest import PHONE, ReaderFactory, SurveyOf, diagram_pages
from .reader import Origin

pytestmark = [pytest.mark.browser, pytest.mark.slow]

WIDTH = PHONE["viewport"]["width"]  # type: ignore[index]
SLACK = 1  # px: sub-pixel rounding of layout boxes


def test_drawer_opens_and_navigates(file_origin: Origin, open_reader: ReaderFactory) -> None:
    """The menu button opens the navigation drawer, and a page can be reached through it."""
    reader = open_reader(file_origin, phone=True)
    reader.open("index.html")
    drawer = reader.page.locator(".md-sidebar--primary")
    assert drawer.bounding_box()["x"] < 0, "the drawer is open before the menu button is pressed"  # type: ignore[index]

    reader.page.locator("label.md-header__button[for='__drawer']").click()
    reader.page.wait_for_function(
        "() => document.querySelector('.md-sidebar--primary').getBoundingClientRect().left >= 0"
    )
    assert reader.page.locator("#__drawer").is_checked()

    # Outside the reader's category, each category is one link to its first page.
    link = reader.page.locator(".md-sidebar--primary a.md-nav__link", has_text="Storage").first
    link.wait_for(state="visible")
    link.click()
    reader.page.wait_for_load_state()
    assert reader.current_path() == "s3.html"
    assert reader.console_errors == []


def _off_screen(box: dict[str, float]) -> bool:
    return box["left"] < -SLACK or box["right"] > WIDTH + SLACK


def test_no_page_is_wider_than_the_phone(file_origin: Origin, survey: SurveyOf) -> None:
    """On every page the document is no wider than the screen: nothing scrolls the page sideways."""
    visits = survey(file_origin, "phone").visits
    too_wide = {
        path: visit.document
        for path, visit in visits.items()
        if visit.document["scrollWidth"] > visit.document["viewport"]
    }
    assert too_wide == {}


def test_tables_scroll_inside_the_screen(file_origin: Origin, survey: SurveyOf) -> None:
    """Every table sits in a box within the screen; a wider table scrolls inside that box."""
    visits = survey(file_origin, "phone").visits
    tables = [(path, table) for path, visit in visits.items() for table in visit.tables]
    if not tables:
        pytest.skip("the site has no tables")
    outside = [
        (path, t)
        for path, t in tables
        if _off_screen({"left": t["boxLeft"], "right": t["boxRight"]})
    ]
    assert outside == []


@pytest.mark.parametrize("device", ["desktop", "phone"])
def test_a_wide_table_shows_that_it_scrolls(
    device: str, file_origin: Origin, survey: SurveyOf
) -> None:
    """Every table wider than its box shows the scroll cue above it."""
    visits = survey(file_origin, device).visits
    uncued = [
        (path, t["tableWidth"])
        for path, visit in visits.items()
        for t in visit.tables
        if t["overflows"] and not t["cue"]
    ]
    assert uncued == []


def test_first_column_stays_while_a_table_scrolls(
    file_origin: Origin, open_reader: ReaderFactory
) -> None:
    """On a phone, scrolling the storage-class table sideways keeps its options in view."""
    reader = open_reader(file_origin, phone=True)
    reader.open("s3.html")
    box = reader.page.locator(".md-typeset__scrollwrap[role=region]").first
    box.wait_for()
    before = box.evaluate("b => b.querySelector('td').getBoundingClientRect().left")
    box.evaluate("b => { b.scrollLeft = b.scrollWidth; }")
    reader.page.wait_for_function(
        "() => document.querySelector('.md-typeset__scrollwrap[role=region]')"
        ".hasAttribute('data-scrolled-end')"
    )
    after = box.evaluate("b => b.querySelector('td').getBoundingClientRect().left")
    last = box.evaluate("b => b.querySelector('td:last-child').getBoundingClientRect().left")
    assert abs(after - before) <= SLACK + 16  # 16: the box's padding, scrolled away
    assert last < WIDTH


def test_diagrams_fit_the_phone(file_origin: Origin, survey: SurveyOf, site_dir: Path) -> None:
    """Every diagram is drawn within the screen, or scrolls sideways in a box that is."""
    pages = diagram_pages(site_dir)
    if not pages:
        pytest.skip("the site has no mermaid diagrams")
    visits = survey(file_origin, "phone").visits
    misfits = {
        path: bad
        for path in pages
        if (
            bad := [
                d for d in visits[path].diagrams if not d["svg"] or _off_screen(d["scrollsIn"] or d)
            ]
        )
    }
    assert misfits == {}


# Below half its natural size a diagram's 16px labels drop under 8px: unreadable.
MIN_SCALE = 0.5


@pytest.mark.parametrize("device", ["desktop", "phone"])
def test_diagrams_stay_legible(
    device: str, file_origin: Origin, survey: SurveyOf, site_dir: Path
) -> None:
    """No diagram is shrunk below half its natural size to fit the page (it scrolls instead)."""
    pages = diagram_pages(site_dir)
    if not pages:
        pytest.skip("the site has no mermaid diagrams")
    visits = survey(file_origin, device).visits
    scales = {
        path: [round(d["scale"], 2) for d in visits[path].diagrams if d["scale"] is not None]
        for path in pages
    }
    assert {
        path: found for path, found in scales.items() if min(found, default=1) < MIN_SCALE
    } == {}


def test_the_source_line_ends_the_notes_on_one_line(
    file_origin: Origin, open_reader: ReaderFactory
) -> None:
    """On a phone the "From the notes" line comes after the notes, not under the title,
    and takes one line, even with the notes' longest heading trail."""
    reader = open_reader(file_origin, phone=True)
    reader.open("database-migration-service.html")
    line = reader.page.evaluate(
        """() => {
          const source = document.querySelector("article .notes-source");
          const title = document.querySelector("article h1");
          return {
            lines: source.clientHeight / parseFloat(getComputedStyle(source).lineHeight),
            afterTitle: title.nextElementSibling === source,
            text: source.textContent,
          };
        }"""
    )
    assert "Database migration service" in line["text"]
    assert not line["afterTitle"] and line["lines"] < 1.5
