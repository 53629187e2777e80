"""Fixtures for reading the built site in a real Chromium, as a reader does.

One browser (Debian's /usr/bin/chromium, driven by Playwright) serves the
whole session; every test gets its own fresh context, so no storage, cache or
colour-scheme choice leaks from one test into another. The site is the real
one, built strictly by ``built_site`` (tests/conftest.py), and is read either
from disk (``file://``) or from a local HTTP server on 127.0.0.1.

Set ``BROWSER_SITE_DIR`` to an already built site folder to skip the build
while working on these tests; the test command never sets it.
"""

from __future__ import annotations

import functools
import os
import re
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from http.server import SimpleHTTPRequestHandler
from pathlib import Path
from typing import Any

import pytest

from tests.local_server import serving

from .reader import Origin, Reader

ROOT = Path(__file__).resolve().parents[2]
AXE_SCRIPT = ROOT / "node_modules" / "axe-core" / "axe.min.js"
OUTPUT = ROOT / "test-output"

DESKTOP = {"viewport": {"width": 1280, "height": 900}}
PHONE = {
    "viewport": {"width": 390, "height": 844},
    "device_scale_factor": 2,
    "is_mobile": True,
    "has_touch": True,
}


@pytest.fixture(scope="session")
def site_dir(request: pytest.FixtureRequest) -> Path:
    """The built site: the strict build of the real notes, or BROWSER_SITE_DIR."""
    override = os.environ.get("BROWSER_SITE_DIR")
    if override:
        path = Path(override).resolve()
        assert (path / "index.html").is_file(), f"BROWSER_SITE_DIR={override} holds no index.html"
        return path
    built: Path = request.getfixturevalue("built_site")
    return built


class _QuietHandler(SimpleHTTPRequestHandler):
    def log_message(self, format: str, *args: Any) -> None:
        pass


@pytest.fixture(scope="session")
def http_base(site_dir: Path) -> Iterator[str]:
    """The site served over HTTP on 127.0.0.1 (a free port), as a static host would."""
    with serving(functools.partial(_QuietHandler, directory=str(site_dir))) as base:
        yield f"{base}/"


@pytest.fixture(scope="session")
def file_origin(site_dir: Path) -> Origin:
    return Origin("file", site_dir.as_uri() + "/")


@pytest.fixture(scope="session")
def http_origin(http_base: str) -> Origin:
    return Origin("http", http_base)


@pytest.fixture(params=["file", "http"])
def origin(request: pytest.FixtureRequest) -> Origin:
    """Each test that takes it runs twice: from disk, and from a local server."""
    fixture = "file_origin" if request.param == "file" else "http_origin"
    value: Origin = request.getfixturevalue(fixture)
    return value


ReaderFactory = Callable[..., Reader]


def new_reader(
    browser: Any, origin: Origin, *, phone: bool = False, scheme: str = "light"
) -> Reader:
    """A `Reader` in a fresh browser context (close it with `reader.context.close()`).

    The colour scheme is the system preference the page sees; the site's
    first palette follows it. From disk the context is also offline, so
    nothing could reach a network even if the request guard missed it.
    """
    context = browser.new_context(
        color_scheme=scheme,
        offline=origin.name == "file",
        reduced_motion="reduce",
        **(PHONE if phone else DESKTOP),
    )
    context.set_default_timeout(15_000)
    return Reader(context, origin)


@pytest.fixture
def open_reader(browser: Any) -> Iterator[ReaderFactory]:
    """Make readers for one test: `open_reader(origin, phone=False, scheme="light")`."""
    readers: list[Reader] = []

    def make(origin: Origin, *, phone: bool = False, scheme: str = "light") -> Reader:
        readers.append(new_reader(browser, origin, phone=phone, scheme=scheme))
        return readers[-1]

    yield make
    for reader in readers:
        reader.context.close()


def site_pages(site_dir: Path) -> list[str]:
    """Every HTML page of the built site, as site-relative paths."""
    return sorted(
        path.relative_to(site_dir).as_posix()
        for path in site_dir.rglob("*.html")
        if "assets" not in path.relative_to(site_dir).parts
    )


DIAGRAM_CLASS = re.compile(r"""class="[^"]*\b(?:mermaid|notes-diagram__drawing)\b""")


def diagram_pages(site_dir: Path) -> list[str]:
    """Pages whose HTML holds at least one diagram (drawn, or for the browser to draw)."""
    return [
        path
        for path in site_pages(site_dir)
        if DIAGRAM_CLASS.search((site_dir / path).read_text(encoding="utf-8"))
    ]


# -- one reading of every page -------------------------------------------------------


@dataclass
class PageVisit:
    """What a reader's browser showed on one page."""

    path: str
    titles: int  # <h1> in the content
    console_errors: list[str]
    diagrams: list[dict[str, Any]]  # Reader.diagrams()
    document: dict[str, float]  # Reader.overflow()
    tables: list[dict[str, Any]]  # Reader.tables()


@dataclass
class Survey:
    """Every page of the site, read once from one origin on one device."""

    origin: Origin
    device: str
    visits: dict[str, PageVisit]
    foreign_requests: list[str]


def survey_site(reader: Reader, pages: list[str], device: str) -> Survey:
    visits = {}
    for path in pages:
        reader.console_errors.clear()
        reader.open(path)
        diagrams = reader.diagrams()  # waits until they are drawn
        visits[path] = PageVisit(
            path=path,
            titles=reader.page.locator("article.md-content__inner h1").count(),
            console_errors=reader.console_errors[:],
            diagrams=diagrams,
            document=reader.overflow(),
            tables=reader.tables(),
        )
    return Survey(reader.origin, device, visits, reader.foreign_requests())


SurveyOf = Callable[[Origin, str], Survey]


@pytest.fixture(scope="session")
def _surveys() -> dict[tuple[str, str], Survey]:
    """What has been read so far this session (plain data, no browser objects)."""
    return {}


@pytest.fixture(scope="module")
def survey(browser: Any, site_dir: Path, _surveys: dict[tuple[str, str], Survey]) -> SurveyOf:
    """`survey(origin, "desktop" | "phone")`: every page read once, in one fresh context.

    Reading every page is the slow part of the browser tests, so each origin and
    device is read once
    per session and the tests that judge what was seen share the reading.
    """
    cache = _surveys

    def get(origin: Origin, device: str) -> Survey:
        key = (origin.base, device)
        if key not in cache:
            pages = site_pages(site_dir)
            if origin.name == "file":
                # 404.html is what a server answers for a missing path; its links
                # are root-absolute on purpose, and from disk no reader lands on it.
                pages.remove("404.html")
            reader = new_reader(browser, origin, phone=device == "phone")
            try:
                cache[key] = survey_site(reader, pages, device)
            finally:
                reader.context.close()
        return cache[key]

    return get


# -- search report -----------------------------------------------------------------

SEARCH_REPORT = pytest.StashKey[list[dict[str, Any]]]()


def pytest_configure(config: pytest.Config) -> None:
    config.stash[SEARCH_REPORT] = []


@pytest.fixture(scope="session")
def search_log(pytestconfig: pytest.Config) -> Iterator[list[dict[str, Any]]]:
    """Where search tests put each query's rank; written to test-output/ at the end."""
    log = pytestconfig.stash[SEARCH_REPORT]
    yield log
    if log:
        write_search_report(log, OUTPUT / "search-report.md")


def _found(row: dict[str, Any]) -> bool:
    """Found as the row asks: its page in its top 1 or 3, with its section first."""
    if "found" in row:
        return bool(row["found"])
    return row["rank"] is not None and row["rank"] <= 3


def _share(log: list[dict[str, Any]]) -> str:
    found = sum(1 for row in log if _found(row))
    return f"{found} of {len(log)} queries ({found / len(log):.0%})"


def write_search_report(log: list[dict[str, Any]], path: Path) -> None:
    notes = [row for row in log if "corpus" not in row]
    corpora = [row for row in log if "corpus" in row]
    lines = ["# Search: does each query find its page?", ""]
    if notes:
        lines.append(f"The notes' site: {_share(notes)} found.")
    if corpora:
        lines.append(f"Other authors' notes: {_share(corpora)} found.")
    lines += [
        "",
        "| Query | Kind | Expected page | Section | Rank (wanted) | Found | Top results |",
        "| --- | --- | --- | --- | --- | --- | --- |",
    ]
    for row in sorted(log, key=lambda r: (r.get("corpus", ""), r["query"].casefold())):
        rank = row["rank"] if row["rank"] is not None else "not found"
        top = ", ".join(row["results"][:5]) or "(none)"
        page = f"{row['corpus']}: {row['page']}" if "corpus" in row else row["page"]
        section = ""
        if "section" in row:
            section = f"#{row['section']} (shown: #{row.get('shown') or ''})"
        wanted = row.get("top", 3)
        lines.append(
            f"| `{row['query']}` | {row.get('kind', '')} | {page} | {section} "
            f"| {rank} ({wanted}) | {'yes' if _found(row) else 'no'} | {top} |"
        )
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")


def pytest_terminal_summary(terminalreporter: Any, config: pytest.Config) -> None:
    log = config.stash.get(SEARCH_REPORT, [])
    if not log:
        return
    terminalreporter.write_sep("-", "search quality")
    notes = [row for row in log if "corpus" not in row]
    corpora = [row for row in log if "corpus" in row]
    if notes:
        terminalreporter.write_line(
            f"{_share(notes)} find their page (and section) as wanted: top 1 or top 3"
        )
    if corpora:
        terminalreporter.write_line(f"other authors' notes: {_share(corpora)} as wanted")
    terminalreporter.write_line(f"table in {(OUTPUT / 'search-report.md').relative_to(ROOT)}")
