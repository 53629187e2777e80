"""The served site as an offline web app: after one visit, every page, search and
the diagrams work with the network gone; a newer build is offered, not forced;
from disk nothing of it runs.

Each test serves its own copy of the built site on 127.0.0.1 (a secure
context, as https is) and reads it in a fresh browser context, so no worker
or cache is shared between tests.
"""

from __future__ import annotations

import contextlib
import functools
import json
import shutil
import threading
from collections.abc import Iterator
from http.server import ThreadingHTTPServer
from pathlib import Path
from typing import Any

import pytest
from bs4 import BeautifulSoup
from notesite.output.offline_app import precache, worker_script

from .conftest import DESKTOP, _QuietHandler, diagram_pages, site_pages
from .reader import Origin, Reader

pytestmark = [pytest.mark.browser, pytest.mark.slow]

WORKER = "sw.js"
# Resolves once the page is controlled by a worker, which is active only once it
# has kept every file of its build.
READY = "navigator.serviceWorker.ready.then(() => navigator.serviceWorker.controller !== null)"
CACHES = "caches.keys()"
# Counts the page's calls to navigator.serviceWorker.register (which, from
# file://, would fail with an error rather than do nothing).
COUNT_REGISTRATIONS = """window.notesRegistrations = 0;
if (navigator.serviceWorker) {
  const register = navigator.serviceWorker.register.bind(navigator.serviceWorker);
  navigator.serviceWorker.register = (...args) => {
    window.notesRegistrations += 1;
    return register(...args);
  };
}"""


@contextlib.contextmanager
def _served(folder: Path) -> Iterator[str]:
    handler = functools.partial(_QuietHandler, directory=str(folder))
    server = ThreadingHTTPServer(("127.0.0.1", 0), handler)
    threading.Thread(target=server.serve_forever, daemon=True).start()
    try:
        yield f"http://127.0.0.1:{server.server_address[1]}/"
    finally:
        server.shutdown()
        server.server_close()


@pytest.fixture
def copy(site_dir: Path, tmp_path: Path) -> Path:
    """A copy of the built site this test may change."""
    return Path(shutil.copytree(site_dir, tmp_path / "site"))


def _reader(browser: Any, origin: Origin) -> Reader:
    context = browser.new_context(reduced_motion="reduce", **DESKTOP)
    context.set_default_timeout(30_000)
    reader = Reader(context, origin)
    # The reader's request guard would see the worker's requests; they stay on
    # 127.0.0.1, and a route would stand between the page and its worker.
    context.unroute("**/*")
    return reader


def _wait_until_offline_ready(reader: Reader) -> None:
    reader.page.wait_for_function(READY, timeout=60_000)


def _title(site: Path, page: str) -> str:
    soup = BeautifulSoup((site / page).read_text(encoding="utf-8"), "lxml")
    heading = soup.select_one("article h1")
    assert heading is not None, page
    for permalink in heading.select(".headerlink"):
        permalink.decompose()
    return " ".join(heading.get_text().split())


def _newer_build(site: Path, text: str) -> None:
    """The site as a later build makes it: the home page's text changed, and the
    worker written again over the same files (as hooks/offline_app.py writes it)."""
    home = site / "index.html"
    home.write_text(
        home.read_text(encoding="utf-8").replace("</h1>", f"</h1><p>{text}</p>", 1),
        encoding="utf-8",
    )
    listed = (site / WORKER).read_text(encoding="utf-8").split("const FILES = ", 1)[1]
    kept = set(json.loads(listed.split(";\n", 1)[0]))
    others = [path.relative_to(site).as_posix() for path in site.rglob("*") if path.is_file()]
    cached = precache(site, [name for name in others if name not in kept])
    (site / WORKER).write_text(worker_script(cached), encoding="utf-8")


def test_after_one_visit_pages_search_and_diagrams_work_offline(browser: Any, copy: Path) -> None:
    """Visit the home page, go offline: pages never opened load, with their
    diagrams drawn, and search finds a page by its title."""
    with _served(copy) as base:
        reader = _reader(browser, Origin("http", base))
        try:
            reader.open("index.html")
            _wait_until_offline_ready(reader)
            reader.context.set_offline(True)
            with_diagram = diagram_pages(copy)[0]
            reader.open(with_diagram)
            assert reader.page.locator("article h1").first.is_visible()
            drawn = reader.diagrams()
            assert drawn and all(d["svg"] and not d["error"] for d in drawn)
            others = [p for p in site_pages(copy) if p not in {"index.html", with_diagram}]
            other = next(p for p in others if p.endswith(".html") and p != "404.html")
            reader.open(other)
            title = _title(copy, other)
            assert title in reader.page.locator("article h1").first.inner_text()
            assert with_diagram in reader.search(_title(copy, with_diagram))[:3]
            assert reader.console_errors == []
        finally:
            reader.context.close()


def test_a_newer_build_is_offered_and_its_text_shown_after_reload(browser: Any, copy: Path) -> None:
    """A reader whose copy is older sees the "newer version" prompt; reloading from
    it shows the new text, and only the newer build's cache is left."""
    with _served(copy) as base:
        reader = _reader(browser, Origin("http", base))
        try:
            reader.open("index.html")
            _wait_until_offline_ready(reader)
            before = reader.page.evaluate(CACHES)
            assert len(before) == 1
            assert reader.page.locator("#notes-update").count() == 0
            _newer_build(copy, "Written by a newer build.")
            reader.context.set_offline(True)
            reader.page.reload()  # the older copy, from the cache
            reader.context.set_offline(False)
            reader.page.reload()
            prompt = reader.page.locator("#notes-update")
            prompt.wait_for(timeout=60_000)
            assert "newer version of the notes is available" in prompt.inner_text()
            assert "Written by a newer build." not in reader.page.content()
            with reader.page.expect_navigation():
                prompt.get_by_role("button").click()
            reader.page.get_by_text("Written by a newer build.").wait_for()
            after = reader.page.evaluate(CACHES)
            assert len(after) == 1 and after != before
        finally:
            reader.context.close()


def test_from_disk_no_worker_and_no_manifest(browser: Any, site_dir: Path) -> None:
    """Opened from file://, the page registers no worker and links no manifest."""
    reader = _reader(browser, Origin("file", site_dir.as_uri() + "/"))
    reader.context.add_init_script(COUNT_REGISTRATIONS)
    try:
        reader.open("index.html")
        # The registration waits for load and an idle moment: give it both.
        reader.page.evaluate(
            "new Promise(done => requestIdleCallback(() => setTimeout(done, 500)))"
        )
        registered = reader.page.evaluate("window.notesRegistrations")
        assert registered == 0
        assert reader.page.locator('link[rel="manifest"]').count() == 0
        assert reader.console_errors == []
    finally:
        reader.context.close()
