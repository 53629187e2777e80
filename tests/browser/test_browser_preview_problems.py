"""The preview's banner of the notes' problems, in Chromium: shown, read out
to the console, accessible (axe-core) and dismissible."""

from __future__ import annotations

from pathlib import Path

import pytest

from tests.site.test_preview_problems import HOSTILE, build, make_notes

from .conftest import AXE_SCRIPT, ReaderFactory
from .reader import Origin

pytestmark = pytest.mark.browser

BLOCKING = {"serious", "critical"}


@pytest.fixture(scope="module")
def served(tmp_path_factory: pytest.TempPathFactory) -> Origin:
    """The site a preview serves of notes with problems, read from disk."""
    notes = make_notes(tmp_path_factory.mktemp("notes"))
    site: Path = build(notes, tmp_path_factory.mktemp("served"), "serve")
    return Origin("file", site.as_uri() + "/")


def test_banner_shows_the_pages_problems_and_tells_the_console(
    served: Origin, open_reader: ReaderFactory
) -> None:
    """The banner opens to the page's problem as text, and each line goes to console.warn."""
    reader = open_reader(served)
    warned: list[str] = []
    reader.page.on("console", lambda m: warned.append(m.text) if m.type == "warning" else None)
    reader.open("sns.html")
    banner = reader.page.locator(".notes-problems")
    assert banner.locator("summary").inner_text() == "3 problems in the notes — show"
    banner.locator("summary").click()
    items = banner.locator("li").all_inner_texts()
    assert len(items) == 1 and items[0].startswith(f"Study/{HOSTILE}.md:5: image b.png not found")
    assert banner.locator("img").count() == 0
    reader.page.get_by_role("button", name="Dismiss").wait_for()  # shown by the script, once run
    assert items[0] in warned
    assert any(line.startswith("2 more in other notes files") for line in warned)


def test_banner_is_accessible_and_dismissible(served: Origin, open_reader: ReaderFactory) -> None:
    """axe-core finds no serious problem with the banner open; its button hides it."""
    reader = open_reader(served)
    reader.open("s3.html")
    reader.page.locator(".notes-problems summary").click()
    violations = reader.axe(AXE_SCRIPT)
    blocking = [f"{v['id']}: {v['nodes'][:3]}" for v in violations if v["impact"] in BLOCKING]
    assert blocking == []
    reader.page.get_by_role("button", name="Dismiss").click()
    assert not reader.page.locator(".notes-problems").is_visible()
