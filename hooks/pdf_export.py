"""MkDocs hook: the whole notes as one PDF file, printed at build time.

Glue only (the logic is ``notesite.output.pdf`` and
``notesite.drawing.browser.print_pdf``):

- on_config: finds the Chromium that draws the diagrams; with none, says so
  in one line, and the site carries no PDF and no link to it. So too when
  the diagrams are left to the reader's browser (``extra.diagrams.draw:
  browser``): a PDF would hold them undrawn.
- on_page_context: tells the templates where the PDF is (the header's and
  the home page's "Download PDF" links).
- on_post_build: prints the built print page (``print.html``) to the PDF,
  or takes the one kept in the cache folder while the print page, its style
  sheets and the browser are the same. Under ``mkdocs serve`` it prints in
  the background, so that a rebuild after an edit does not wait for it.

Settings, under ``extra.pdf`` in mkdocs.yml: ``file`` (the PDF's name in
the site; without it, no PDF), ``cache`` (a folder, or false). The browser
is ``extra.diagrams.chromium``'s.
"""

from __future__ import annotations

import logging
import threading
import time
from pathlib import Path
from typing import TYPE_CHECKING, Any

from mkdocs.plugins import event_priority
from notesite import run
from notesite.drawing.browser import browser_version, find_chromium, print_pdf
from notesite.drawing.settings import DrawingError
from notesite.output.pdf import OPTIONS, PREPARE, PdfStore, pdf_key, write_atomically

if TYPE_CHECKING:
    from mkdocs.config.defaults import MkDocsConfig
    from mkdocs.structure.nav import Navigation
    from mkdocs.structure.pages import Page

log = logging.getLogger("mkdocs.hooks.pdf_export")

KEY = "pdf_export"
PRINT_PAGE = "print.html"
DEFAULT_CACHE = ".cache/pdf"
# In the PDF's cache folder: the Chromium version, by the program file it was read from.
BROWSER_FILE = "browser-version.json"
# The home page's place for the link (docs/index.md), replaced by it or by nothing.
MARKER = "<!-- notes:pdf -->"
# One print at a time: under serve, a rebuild's print waits for the last one.
_printing = threading.Lock()


def on_startup(command: str, dirty: bool) -> None:
    run.started(command)


def on_shutdown() -> None:
    run.stopped()


def on_config(config: MkDocsConfig) -> MkDocsConfig:
    config[KEY] = None
    settings: dict[str, Any] = config.extra.get("pdf") or {}
    name = settings.get("file")
    if not name:
        return config
    diagrams: dict[str, Any] = config.extra.get("diagrams") or {}
    if diagrams.get("draw", "build") == "browser":
        log.info("No PDF of the notes: the diagrams are drawn in the reader's browser.")
        return config
    chromium = find_chromium(diagrams.get("chromium"))
    if chromium is None:
        log.info("No PDF of the notes: no browser to print it with (install chromium).")
        return config
    root = Path(config.config_file_path).parent
    cache = settings.get("cache", DEFAULT_CACHE)
    folder = root / str(cache) if cache else None
    config[KEY] = {"file": str(name), "chromium": chromium, "cache": folder}
    return config


def on_page_context(
    context: dict[str, Any], page: Page, config: MkDocsConfig, nav: Navigation
) -> dict[str, Any]:
    export = config.get(KEY)
    context["pdf_file"] = export["file"] if export else None
    return context


def on_page_markdown(markdown: str, page: Page, config: MkDocsConfig, files: Any) -> str:
    if MARKER not in markdown:
        return markdown
    export = config.get(KEY)
    # Raw HTML: the PDF is no page of the docs, so a Markdown link to it would be "not found".
    link = (
        f'<a href="{export["file"]}" download>Download PDF</a>: '
        "the whole notes in one file, with bookmarks and page numbers."
        if export
        else ""
    )
    return markdown.replace(MARKER, link)


@event_priority(-80)  # after the other hooks have written the print page
def on_post_build(config: MkDocsConfig) -> None:
    export = config.get(KEY)
    page_file = Path(config.site_dir) / PRINT_PAGE
    if not export or not page_file.is_file():
        return
    if run.serving():
        threading.Thread(target=_export, args=(export, page_file), daemon=True).start()
    else:
        _export(export, page_file)


def _export(export: dict[str, Any], page_file: Path) -> None:
    with _printing:
        _print(export, page_file)


def _print(export: dict[str, Any], page_file: Path) -> None:
    started = time.perf_counter()
    folder: Path | None = export["cache"]
    version = browser_version(export["chromium"], folder / BROWSER_FILE if folder else None)
    key = pdf_key(page_file, version)
    store = PdfStore(folder)
    data = store.get(key)
    kept = data is not None
    if data is None:
        try:
            data = print_pdf(
                page_file, chromium=export["chromium"], options=OPTIONS, prepare=PREPARE
            )
        except DrawingError as error:
            log.warning(f"No PDF of the notes: {error}")
            return
        store.put(key, data)
    write_atomically(page_file.parent / export["file"], data)
    log.info(
        f"PDF of the notes: {export['file']}, {len(data) / 1e6:.1f} MB, "
        f"{'from the cache' if kept else 'printed'} in {time.perf_counter() - started:.1f} s"
    )
