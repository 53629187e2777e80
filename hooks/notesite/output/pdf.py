"""The whole notes as one PDF file: what it is made from, and where it is kept.

The PDF is the print page (``print_page``) as Chromium prints it with the
site's print style sheet (``notesite.drawing.browser.print_pdf``): a bookmark
per heading (categories and pages among them, from the document's outline),
page numbers in the footer, drawings as vectors (inline SVG), links inside it.

Printing takes seconds, so the file is kept in a folder under a key of all
it is made from: the print page's HTML, the style sheets it links, the
browser's version and the print options. It is kept as every cache file is
(``notesite.cache_files``: written atomically, checksummed, checked before
use), and used only when it is also a whole PDF (it starts as a PDF does and
ends with the ``%%EOF`` trailer). The site's copy is written beside its
place and renamed into it, so a reader never gets half of one.
"""

from __future__ import annotations

import contextlib
import hashlib
import json
import os
import re
import tempfile
from pathlib import Path
from typing import Any

from notesite.cache_files import drop, read_entry, write_entry

# Page numbers at the foot of each sheet (Chromium fills the spans); the
# header stays empty. Their font size must be given: Chromium's default is tiny.
FOOTER = (
    '<div style="font: 9px sans-serif; color: #555; width: 100%; text-align: center;">'
    '<span class="pageNumber"></span> / <span class="totalPages"></span></div>'
)
OPTIONS: dict[str, Any] = {
    "format": "A4",
    "print_background": True,
    "display_header_footer": True,
    "header_template": "<span></span>",
    "footer_template": FOOTER,
    "outline": True,
    "tagged": True,
}
KEEP = 2  # PDFs kept in the folder
# Run in the page before it is printed. Collapsed <details> (the "From the
# notes" lists, a diagram's source list) are opened, as the theme opens them
# when a reader prints, but whatever the timing of its print event.
PREPARE = "document.querySelectorAll('details').forEach((details) => { details.open = true; })"
MAGIC = b"%PDF-"
TRAILER = b"%%EOF"
# The trailer may be followed by an end of line or two.
TAIL = 32
_STYLESHEET = re.compile(
    r"<link\b(?=[^>]*\brel=\"?stylesheet)[^>]*\bhref=\"?([^\"\s>]+)", re.IGNORECASE
)


def is_whole_pdf(data: bytes) -> bool:
    """Whether ``data`` is a PDF written to its end: its header, then its
    ``%%EOF`` trailer in the last bytes (a file cut short has none)."""
    return data.startswith(MAGIC) and TRAILER in data[-TAIL:]


def linked_stylesheets(page_html: str) -> list[str]:
    """The local style sheets a page links (``href`` as written, query left
    out); those of other sites are not the build's."""
    found = []
    for href in _STYLESHEET.findall(page_html):
        if "://" in href or href.startswith("//"):
            continue
        found.append(href.split("?", 1)[0].split("#", 1)[0])
    return found


def pdf_key(page_file: Path, browser: str, options: dict[str, Any] = OPTIONS) -> str:
    """A digest of all the PDF is made from: the page's bytes, those of the
    style sheets it links (a missing one counts as missing), the browser's
    version and the print options."""
    digest = hashlib.sha256()
    page = page_file.read_bytes()
    digest.update(page)
    for href in linked_stylesheets(page.decode("utf-8", "replace")):
        sheet = page_file.parent / href
        digest.update(b"\0" + href.encode() + b"\0")
        digest.update(sheet.read_bytes() if sheet.is_file() else b"-")
    digest.update(json.dumps([browser, options, PREPARE], sort_keys=True).encode())
    return digest.hexdigest()


class PdfStore:
    """PDF files kept under their key in ``folder`` (None: nothing is kept)."""

    def __init__(self, folder: Path | None) -> None:
        self.folder = folder

    def _path(self, key: str) -> Path | None:
        return self.folder / f"{key}.pdf" if self.folder is not None else None

    def get(self, key: str) -> bytes | None:
        """The kept PDF of this key, or None when there is none or it is not whole."""
        path = self._path(key)
        data = read_entry(path) if path is not None else None
        if path is None or data is None:
            return None
        if not is_whole_pdf(data):
            drop(path, "not a whole PDF")
            return None
        return data

    def put(self, key: str, data: bytes) -> None:
        """Keeps ``data`` under ``key``, with the latest other one (``KEEP`` in
        all): ``mkdocs build`` and ``mkdocs serve`` each print their own (their
        site URLs differ), and neither should push the other's out."""
        path = self._path(key)
        if path is None or not is_whole_pdf(data) or not write_entry(path, data):
            return
        with contextlib.suppress(OSError):
            others = sorted(
                (old for old in path.parent.glob("*.pdf") if old != path),
                key=lambda old: old.stat().st_mtime_ns,
                reverse=True,
            )
            for old in others[KEEP - 1 :]:
                old.unlink()


def write_atomically(path: Path, data: bytes) -> None:
    """``data`` written beside ``path`` and renamed into it: a reader sees the
    old file or the new one, never half of one."""
    handle, temporary = tempfile.mkstemp(dir=path.parent, suffix=".tmp")
    try:
        with os.fdopen(handle, "wb") as file:
            file.write(data)
        os.chmod(temporary, 0o644)  # readable as a site's file is, not private as mkstemp's
        os.replace(temporary, path)
    except BaseException:
        with contextlib.suppress(OSError):
            os.unlink(temporary)
        raise
