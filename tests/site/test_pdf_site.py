"""The PDF of the whole notes, as the real site's build makes it, read with a PDF library."""

from __future__ import annotations

import logging
import re
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import pytest
from bs4 import BeautifulSoup

from tests.conftest import LoggedBuild

pytestmark = pytest.mark.slow

PDF = "notes.pdf"


def _words(text: str) -> str:
    """Text with its spacing made even; no space before punctuation, as an
    element's text joined with spaces (``<abbr>HA</abbr>:``) would have."""
    return re.sub(r"\s+([:;,.!?)])", r"\1", re.sub(r"\s+", " ", text)).strip()


@dataclass
class Read:
    """The PDF's pages, outline (depth, title) and text, and the print page it was made from."""

    pages: int
    outline: list[tuple[int, str]]
    sheets: list[str]  # each sheet's text
    text: str
    images: int
    internal_links: int
    print_page: BeautifulSoup


def _outline(items: list[Any], depth: int = 0) -> list[tuple[int, str]]:
    found: list[tuple[int, str]] = []
    for item in items:
        if isinstance(item, list):
            found += _outline(item, depth + 1)
        else:
            found.append((depth, _words(item.title)))
    return found


@pytest.fixture(scope="module")
def read(built_site: Path) -> Read:
    import pypdf

    reader = pypdf.PdfReader(built_site / PDF)
    links = 0
    for page in reader.pages:
        for annotation in page.get("/Annots") or []:
            target = annotation.get_object()
            action = target.get("/A")
            if target.get("/Subtype") == "/Link" and (
                "/Dest" in target or (action is not None and action.get("/S") == "/GoTo")
            ):
                links += 1
    sheets = [page.extract_text() for page in reader.pages]
    return Read(
        pages=len(reader.pages),
        outline=_outline(reader.outline),
        sheets=sheets,
        text=_words(" ".join(sheets)),
        images=sum(len(page.images) for page in reader.pages),
        internal_links=links,
        print_page=BeautifulSoup((built_site / "print.html").read_text(encoding="utf-8"), "lxml"),
    )


def test_each_page_of_the_notes_starts_a_sheet(read: Read) -> None:
    """At least as many sheets as the print page has pages (each starts a new sheet)."""
    sections = read.print_page.select("section.notes-print-page")
    assert len(sections) > 10
    assert read.pages >= len(sections)


def test_every_sheet_is_numbered(read: Read) -> None:
    """Each sheet's footer says "n / total"."""
    unnumbered = [
        number
        for number, text in enumerate(read.sheets, start=1)
        if not re.search(rf"(^|\s){number} / {read.pages}\s*$", text)
    ]
    assert unnumbered == []


def test_the_outline_has_every_category_with_its_pages_under_it(read: Read) -> None:
    """A bookmark per category, and under it one per page of that category, in order."""
    expected: list[tuple[str, str]] = []  # (its category or "", page title)
    category = ""
    for section in read.print_page.select("section.notes-print-page"):
        group = section.find(class_="notes-print-group")
        category = _words(group.get_text()) if group else category
        heading = next(h for h in section.find_all(["h2", "h3"]) if h is not group)
        for permalink in heading.select(".headerlink"):
            permalink.decompose()
        expected.append((category if heading.name == "h3" else "", _words(heading.get_text())))
    outline = read.outline
    for category, page in expected:
        at = next((i for i, (_, title) in enumerate(outline) if title == page), None)
        assert at is not None, f"no bookmark for {page!r}"
        if category:
            parent = next(t for d, t in reversed(outline[:at]) if d < outline[at][0])
            assert parent == category, f"{page!r} is under {parent!r}, not {category!r}"


def test_the_notes_text_is_in_it(read: Read) -> None:
    """The first words of every page's first paragraph are text in the PDF."""
    missing = []
    for section in read.print_page.select("section.notes-print-page"):
        paragraph = section.find("p")
        if paragraph is not None and _words(paragraph.get_text(" ")):
            start = _words(paragraph.get_text(" "))[:30]
            if start not in read.text:
                missing.append(start)
    assert missing == []


def test_the_diagrams_are_vectors(read: Read) -> None:
    """Every drawing's labels are text in the PDF, and the PDF holds no more raster
    pictures than the print page has <img>: no diagram was turned into pixels."""
    drawings = read.print_page.select("section .notes-diagram__drawing svg")
    assert drawings
    for svg in drawings:
        label = max(re.findall(r"[A-Za-z]{4,}", svg.get_text(" ")), key=len)
        assert label in read.text
    assert read.images <= len(read.print_page.select("section img"))


def test_its_links_lead_inside_it(read: Read) -> None:
    """The contents' links (one per page at least) are links within the PDF."""
    assert read.internal_links >= len(read.print_page.select("nav.notes-print-contents a"))


def test_the_header_and_the_home_page_link_to_it(built_site: Path) -> None:
    """Every page's header has the Download PDF button; the home page's text links it too."""
    home = BeautifulSoup((built_site / "index.html").read_text(encoding="utf-8"), "lxml")
    assert home.select_one(f'header a[href="{PDF}"][download]') is not None
    assert home.select_one(f'article a[href="{PDF}"]') is not None
    s3 = (built_site / "s3.html").read_text(encoding="utf-8")
    assert f'href="{PDF}"' in s3 and "<!-- notes:pdf -->" not in s3


def test_without_chromium_there_is_no_pdf_nor_link_and_the_build_says_so(
    fallback_build: LoggedBuild,
) -> None:
    """No Chromium: one INFO line says there is no PDF; no page links one."""
    said = [r for r in fallback_build.messages if r.getMessage().startswith("No PDF")]
    assert [r.levelno for r in said] == [logging.INFO]
    assert not (fallback_build.site / PDF).exists()
    for page in fallback_build.site.glob("*.html"):
        assert PDF not in page.read_text(encoding="utf-8"), page.name
