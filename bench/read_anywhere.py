"""Benchmark section: the PDF of the notes and the offline web app.

    python bench/read_anywhere.py    (also a section of `make bench`)

On a built site: the PDF's size and sheets, and the time to print it cold
(Chromium prints the print page, as a build with an empty PDF cache does)
and warm (the kept PDF found and checked, as a build with nothing new does);
the service worker's precache (files, bytes raw and gzip), and the time
from opening the home page over a local server to the page being offline
ready (its worker active and in control, every file kept), the median of
three fresh browser contexts. It asserts nothing.
"""

from __future__ import annotations

import contextlib
import functools
import gzip
import io
import json
import os
import statistics
import sys
import tempfile
import threading
import time
from collections.abc import Iterator
from http.server import SimpleHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT / "hooks"))
os.environ.setdefault("NO_MKDOCS_2_WARNING", "1")

from notesite.drawing.browser import ARGS, browser_version, find_chromium, print_pdf  # noqa: E402
from notesite.drawing.settings import DrawingError  # noqa: E402
from notesite.output.pdf import OPTIONS, PREPARE, PdfStore, pdf_key  # noqa: E402

PDF, PRINT_PAGE, WORKER = "notes.pdf", "print.html", "sw.js"
READY = "navigator.serviceWorker.ready.then(() => navigator.serviceWorker.controller !== null)"
RUNS = 3


def pdf_figures(site: Path, work: Path) -> dict[str, Any] | str:
    """The built PDF's bytes and sheets; seconds to print it cold and to take it warm."""
    chromium = find_chromium()
    if chromium is None or not (site / PRINT_PAGE).is_file():
        return "no Chromium: no PDF"
    started = time.perf_counter()
    try:
        data = print_pdf(site / PRINT_PAGE, chromium=chromium, options=OPTIONS, prepare=PREPARE)
    except DrawingError as error:
        return str(error)
    cold = time.perf_counter() - started
    store = PdfStore(work / "pdf-cache")
    # The build remembers the browser's version in its cache folder: asked once.
    version = browser_version(chromium)
    store.put(pdf_key(site / PRINT_PAGE, version), data)
    started = time.perf_counter()
    found = store.get(pdf_key(site / PRINT_PAGE, version))
    warm = time.perf_counter() - started
    import pypdf

    sheets = len(pypdf.PdfReader(io.BytesIO(data)).pages)
    return {
        "bytes": len(data),
        "sheets": sheets,
        "print_cold_s": round(cold, 2),
        "from_cache_s": round(warm, 3),
        "from_cache_ok": found == data,
    }


def precache_figures(site: Path) -> dict[str, Any] | str:
    """What the worker keeps: its files and their bytes, raw and gzip."""
    worker = site / WORKER
    if not worker.is_file():
        return "no service worker"
    listed = worker.read_text(encoding="utf-8").split("const FILES = ", 1)[1]
    files = json.loads(listed.split(";\n", 1)[0])
    raw = [(site / name).read_bytes() for name in files]
    return {
        "files": len(files),
        "bytes": sum(len(data) for data in raw),
        "gzip_bytes": sum(len(gzip.compress(data, 6)) for data in raw),
    }


class _Quiet(SimpleHTTPRequestHandler):
    def log_message(self, format: str, *args: Any) -> None:
        pass


@contextlib.contextmanager
def _served(site: Path) -> Iterator[str]:
    server = ThreadingHTTPServer(("127.0.0.1", 0), functools.partial(_Quiet, directory=str(site)))
    threading.Thread(target=server.serve_forever, daemon=True).start()
    try:
        yield f"http://127.0.0.1:{server.server_address[1]}/"
    finally:
        server.shutdown()
        server.server_close()


def offline_ready_seconds(site: Path) -> float | str:
    """Median seconds from opening the home page to its being offline ready."""
    chromium = find_chromium()
    if chromium is None or not (site / WORKER).is_file():
        return "n/a"
    from playwright.sync_api import sync_playwright

    times = []
    with _served(site) as base, sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=str(chromium), args=list(ARGS))
        try:
            for _ in range(RUNS):
                context = browser.new_context()
                page = context.new_page()
                started = time.perf_counter()
                page.goto(f"{base}index.html")
                page.wait_for_function(READY, timeout=120_000)
                times.append(time.perf_counter() - started)
                context.close()
        finally:
            browser.close()
    return round(statistics.median(times), 2)


def measure(site: Path, work: Path) -> dict[str, Any]:
    return {
        "pdf": pdf_figures(site, work),
        "precache": precache_figures(site),
        "offline_ready_s": offline_ready_seconds(site),
    }


def rows(figures: dict[str, Any]) -> list[tuple[str, str]]:
    pdf, cached = figures["pdf"], figures["precache"]
    found = []
    if isinstance(pdf, dict):
        found.append(
            (
                "PDF of the notes",
                f"{pdf['bytes'] / 1024 / 1024:.2f} MB, {pdf['sheets']} sheets; printed cold "
                f"in {pdf['print_cold_s']:.1f} s, from the cache in {pdf['from_cache_s']:.3f} s",
            )
        )
    else:
        found.append(("PDF of the notes", pdf))
    if isinstance(cached, dict):
        found.append(
            (
                "offline precache (sw.js)",
                f"{cached['files']} files, {cached['bytes'] / 1024 / 1024:.2f} MB raw, "
                f"{cached['gzip_bytes'] / 1024 / 1024:.2f} MB gzip",
            )
        )
    else:
        found.append(("offline precache (sw.js)", cached))
    ready = figures["offline_ready_s"]
    found.append(
        (
            "home page to offline ready (s)",
            f"{ready:.2f}  (127.0.0.1, median of {RUNS})" if isinstance(ready, float) else ready,
        )
    )
    return found


def main() -> int:
    from mkdocs.commands.build import build
    from mkdocs.config import load_config

    with tempfile.TemporaryDirectory() as tmp:
        site = Path(tmp) / "site"
        with contextlib.chdir(ROOT):
            build(load_config(str(ROOT / "mkdocs.yml"), site_dir=str(site)))
        figures = measure(site, Path(tmp))
    found = rows(figures)
    width = max(len(name) for name, _ in found)
    for name, value in found:
        print(f"{name:<{width}}  {value}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
