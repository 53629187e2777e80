"""The PDF's key, its check for a whole file, and the folder that keeps it."""

from __future__ import annotations

from pathlib import Path

from notesite.output.pdf import PdfStore, is_whole_pdf, linked_stylesheets, pdf_key

WHOLE = b"%PDF-1.7\n1 0 obj\n<<>>\nendobj\ntrailer\n<<>>\n%%EOF\n"


def test_a_whole_pdf_has_its_header_and_its_trailer() -> None:
    """A PDF cut short (no %%EOF at its end) or not a PDF at all is not whole."""
    assert is_whole_pdf(WHOLE)
    assert not is_whole_pdf(WHOLE[: len(WHOLE) // 2])
    assert not is_whole_pdf(b"<html>%%EOF")
    assert not is_whole_pdf(b"")


def test_linked_stylesheets_are_the_local_ones_without_query() -> None:
    """Local style sheets are listed as written, without ?query; other sites' are not."""
    page = (
        '<link rel="stylesheet" href="assets/main.css?v=1">'
        '<link href="print.css" rel="stylesheet" media="print">'
        '<link rel="icon" href="favicon.svg">'
        '<link rel="stylesheet" href="https://cdn.example/x.css">'
    )
    assert linked_stylesheets(page) == ["assets/main.css", "print.css"]


def test_the_key_changes_with_the_page_its_style_sheets_and_the_browser(tmp_path: Path) -> None:
    """Any input of the print changes the key; the same inputs give the same key."""
    page = tmp_path / "print.html"
    sheet = tmp_path / "print.css"
    page.write_text('<link rel="stylesheet" href="print.css"><h1>Notes</h1>')
    sheet.write_text("h1 { color: red }")
    first = pdf_key(page, "Chromium 1")
    assert pdf_key(page, "Chromium 1") == first
    assert pdf_key(page, "Chromium 2") != first
    sheet.write_text("h1 { color: blue }")
    second = pdf_key(page, "Chromium 1")
    assert second != first
    page.write_text('<link rel="stylesheet" href="print.css"><h1>Notes, edited</h1>')
    assert pdf_key(page, "Chromium 1") not in {first, second}


def test_the_store_gives_back_only_a_whole_pdf_and_keeps_the_latest_two(tmp_path: Path) -> None:
    """A kept PDF comes back under its key; a truncated file is not taken; a new
    PDF replaces all but the latest other one; nothing is kept without a folder."""
    store = PdfStore(tmp_path / "pdf")
    assert store.get("a") is None
    store.put("a", WHOLE)
    assert store.get("a") == WHOLE
    kept = (tmp_path / "pdf" / "a.pdf").read_bytes()
    (tmp_path / "pdf" / "a.pdf").write_bytes(kept[:-8])  # cut short, as by a crash
    assert store.get("a") is None and not (tmp_path / "pdf" / "a.pdf").exists()
    store.put("b", WHOLE)
    store.put("c", WHOLE)
    assert sorted(p.name for p in (tmp_path / "pdf").iterdir()) == ["b.pdf", "c.pdf"]
    store.put("e", b"not a pdf")
    assert store.get("e") is None and store.get("c") == WHOLE
    PdfStore(None).put("d", WHOLE)
    assert PdfStore(None).get("d") is None


def test_a_whole_entry_that_is_not_a_pdf_is_dropped(tmp_path: Path) -> None:
    """A cache entry whose checksum holds but whose bytes are no whole PDF is dropped."""
    from notesite.cache_files import write_entry

    write_entry(tmp_path / "k.pdf", b"<html>%%EOF")
    assert PdfStore(tmp_path).get("k") is None
    assert not (tmp_path / "k.pdf").exists()
