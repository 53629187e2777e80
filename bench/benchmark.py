"""Benchmark: how fast the site builds and how light its pages are.

Prints a table of figures and writes them as JSON (bench-output/benchmark.json).
It measures, on this machine, in one run:

- build time of the real site (median of warm in-process builds, the build
  cache filled by the first), the same with the build cache off, and the same
  pages written out as plain Markdown and built with no project hooks: the
  ratios are the hooks' overhead;
- the notes as the one page of a plain Material site, and the real build's
  ratios to it, warm and with the build cache off;
- the time to draw every diagram at build time: cold (Chromium started,
  mermaid draws each) and warm (every drawing from the cache);
- build time with the notes made 2x, 5x and 10x larger (the notes repeated
  with renamed headings, the catalogue extended to match), cache off;
- `mkdocs serve` rebuild time after a one-line edit of (a copy of) the notes;
- page weight of the home page, a page without diagrams and a page with
  diagrams: bytes raw and gzip of the HTML and everything it loads, what
  comes later when a diagram nears the screen, and how much is mermaid
  (none, when the diagrams are drawn at build time);
- size of the built site and of the search index, relative to the notes;
- search (`bench/search_speed.py`): the index and engine, raw and gzip, the
  time to build the engine's index, and the time per keystroke of every
  query of the search tests typed a character at a time, at 4x CPU
  slowdown (target: at most 50 ms);
- peak memory of a build (a child process's max RSS);
- what a phone-sized Chromium transfers for those pages over http (gzip),
  at load and on scrolling to every diagram;
- Lighthouse scores (mobile; the median of three runs) for those pages,
  served gzip-compressed as CloudFront serves them, when `bench/node_modules`
  has Lighthouse (`make bench` installs it);
- time and peak memory of a build from hostile or broken notes, and how it
  ended (bench/hostile.py, which also runs on its own);
- the PDF of the notes (size, sheets, time to print it and to take it from
  the cache) and the offline app (the service worker's precache, the time
  until the home page is offline ready): bench/read_anywhere.py, which also
  runs on its own.
- what an editor would mend, for the original notes and each corpus
  (bench/editor_figures.py): half-empty table columns, repeated cells, the
  widest table, cut diagram labels, the smallest diagram text at 1366 px and
  on a phone, headings ending in "." or ":", cut numbers entries.

It is a benchmark, not a test: it asserts nothing and only reports.
"""

from __future__ import annotations

import argparse
import contextlib
import copy
import dataclasses
import gzip
import io
import json
import os
import re
import shutil
import statistics
import subprocess
import sys
import tempfile
import threading
import time
from collections.abc import Callable, Iterator
from functools import partial
from http.server import SimpleHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path
from typing import Any

import yaml

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT / "hooks"))
os.environ.setdefault("NO_MKDOCS_2_WARNING", "1")

import corpora  # noqa: E402  (bench/corpora.py: other authors' notes)
import editor_figures  # noqa: E402  (bench/editor_figures.py: what an editor would mend)
import search_speed  # noqa: E402  (bench/search_speed.py: search per keystroke)
from mkdocs.commands.build import build  # noqa: E402
from mkdocs.config import load_config  # noqa: E402
from notesite.drawing.browser import ARGS  # noqa: E402

sys.path.insert(0, str(ROOT / "bench"))
import read_anywhere  # noqa: E402  (bench/read_anywhere.py: the PDF and offline app)
from hostile import hostile_figures, table_rows  # noqa: E402

CHROMIUM_FLAGS = list(ARGS)
PAGES = {"home": "index.html", "no diagrams": "rds.html", "diagrams": "sns.html"}
# The study features' own scripts (docs/assets/javascripts): what they add to a page.
STUDY_SCRIPTS = ("study.js", "previews.js")
STUDY_TARGET_GZIP = 10 * 1024
SCALES = (1, 2, 5, 10)
HEADING = re.compile(r"^( {0,3}#{1,6}[ \t]+)(.+?)\s*$")


@contextlib.contextmanager
def in_root() -> Iterator[None]:
    cwd = Path.cwd()
    os.chdir(ROOT)
    try:
        yield
    finally:
        os.chdir(cwd)


def quiet_build(
    config_file: Path,
    site_dir: Path,
    cache: bool = True,
    notes: dict[str, Any] | None = None,
    **overrides: Any,
) -> float:
    """One in-process build; returns seconds. ``cache=False`` turns the
    project's build cache off (``extra.notes.cache``): every hook does all its
    work; ``notes`` replaces settings of ``extra.notes``."""
    import logging

    logging.getLogger("mkdocs").setLevel(logging.ERROR)
    config = load_config(str(config_file), site_dir=str(site_dir), strict=False, **overrides)
    if notes:
        config.extra["notes"] = {**config.extra.get("notes", {}), **notes}
    if not cache and "notes" in config.extra:
        config.extra["notes"] = {**config.extra["notes"], "cache": False}
    start = time.perf_counter()
    build(config)
    return time.perf_counter() - start


def median_time(run: Callable[[], float], runs: int) -> float:
    run()  # warm-up: imports, caches
    return statistics.median(run() for _ in range(runs))


# --- scaled notes -----------------------------------------------------------


def scaled_notes(text: str, catalogue: dict[str, Any], factor: int) -> tuple[str, dict[str, Any]]:
    """The notes repeated `factor` times, each copy's headings renamed, and a
    catalogue whose entries are copied to name the renamed headings."""
    if factor == 1:
        return text, catalogue
    parts, data = [text], copy.deepcopy(catalogue)
    for n in range(2, factor + 1):
        parts.append("\n".join(_rename_heading(line, n) for line in text.splitlines()))
        for entry in catalogue["entries"]:
            clone = copy.deepcopy(entry)
            clone["slug"] = f"{entry['slug']}-{n}"
            clone["name"] = f"{entry['name']} ({n})"
            clone.pop("short", None)
            clone["headings"] = [f"{h} {n}" for h in entry.get("headings", [])]
            data["entries"].append(clone)
        data["containers"] = [
            *data.get("containers", []),
            *(f"{c} {n}" for c in catalogue.get("containers", [])),
        ]
    return "\n".join(parts) + "\n", data


def _rename_heading(line: str, n: int) -> str:
    match = HEADING.match(line)
    if not match:
        return line
    title = match.group(2).rstrip(" .:")
    return f"{match.group(1)}{title} {n}"


def scaled_build_times(runs: int, work: Path) -> dict[str, float]:
    text = (ROOT / "notes" / "aws-notes.md").read_text(encoding="utf-8")
    catalogue_path = ROOT / "docs" / "_data" / "catalogue.yml"
    catalogue = yaml.safe_load(catalogue_path.read_text())
    times = {}
    for factor in SCALES:
        notes, data = scaled_notes(text, catalogue, factor)
        folder = work / f"x{factor}"
        # The catalogue beside a copy of the data it names (every service,
        # search, tables, ...), as in docs/_data.
        shutil.copytree(catalogue_path.parent, folder / "data", dirs_exist_ok=True)
        (folder / "notes.md").write_text(notes, encoding="utf-8")
        (folder / "data" / "catalogue.yml").write_text(yaml.safe_dump(data), encoding="utf-8")
        scaled = {
            "source": str(folder / "notes.md"),
            "catalogue": str(folder / "data" / "catalogue.yml"),
        }
        with in_root():
            build_it = partial(
                quiet_build, ROOT / "mkdocs.yml", folder / "site", cache=False, notes=scaled
            )
            times[f"{factor}x"] = median_time(build_it, runs)
    return times


# --- hooks overhead ---------------------------------------------------------


def plain_project(work: Path) -> Path:
    """The site's pages written out as MkDocs saw them after every project
    hook, with a config that has no project hooks: what MkDocs and Material
    alone cost for the same pages."""
    from notesite.output.nav import build_nav

    plain = work / "plain"
    os.environ["RECORD_PAGES_TO"] = str(plain)
    raw = (ROOT / "mkdocs.yml").read_text()
    recorder = f"  - {ROOT / 'bench' / 'record_pages.py'}\n"
    # Beside mkdocs.yml, so that every relative path in it still holds.
    recording = ROOT / f".bench-record-{os.getpid()}.yml"
    recording.write_text(raw.replace("\nhooks:\n", f"\nhooks:\n{recorder}", 1))
    try:
        with in_root():
            config = load_config(str(recording), site_dir=str(work / "record-site"), strict=False)
            build(config)
    finally:
        recording.unlink()
    state = config["notes_site"]
    nav = build_nav(state.catalogue, state.plan)
    extra_nav = [item for item in (config.nav or []) if item not in nav]
    # No project hooks; mermaid2 still adds the script to diagram pages.
    plain_raw = re.sub(r"(?m)^(hooks|watch):\n(?:  [-#].*\n)+", "", raw)
    plain_raw = plain_raw.replace("custom_dir: overrides", f"custom_dir: {ROOT / 'overrides'}")
    plain_yml = plain / "mkdocs.yml"
    plain_yml.write_text(plain_raw + f"\nnav:\n{yaml.safe_dump(nav + extra_nav, indent=2)}")
    return plain_yml


def one_page_material(work: Path) -> Path:
    """The notes as the one page of a plain Material site (no project hooks,
    no plugins but Material's search, no extensions): what MkDocs and
    Material alone cost for the same text."""
    folder = work / "one-page"
    (folder / "docs").mkdir(parents=True, exist_ok=True)
    shutil.copyfile(ROOT / "notes" / "aws-notes.md", folder / "docs" / "index.md")
    config = {
        "site_name": "Notes",
        "use_directory_urls": False,
        "theme": {"name": "material", "font": False},
    }
    yml = folder / "mkdocs.yml"
    yml.write_text(yaml.safe_dump(config), encoding="utf-8")
    return yml


# --- diagrams drawn at build time -------------------------------------------


def drawing_seconds(work: Path) -> dict[str, Any] | str:
    """Seconds to draw every diagram of the site at build time: cold (an
    empty drawing cache: Chromium starts and mermaid draws each), and warm
    (every drawing from the cache: no browser). The pages are those of a
    build that left the diagrams to the browser (``draw: browser``)."""
    from notesite.drawing.store import DrawingStore

    site = work / "browser-drawn-site"
    with in_root():
        config = load_config(str(ROOT / "mkdocs.yml"), site_dir=str(site), strict=False)
        config.extra["diagrams"] = {**config.extra.get("diagrams", {}), "draw": "build"}
        # The hook's own settings: which Chromium, mermaid and styles it draws with.
        config.plugins["hooks/diagram_drawings.py"].on_config(config)
        drawing = config.get("diagram_drawings")
        extra = {**config.extra, "diagrams": {**config.extra["diagrams"], "draw": "browser"}}
        quiet_build(ROOT / "mkdocs.yml", site, extra=extra)
    if drawing is None:
        return "no Chromium: diagrams are drawn in the browser"
    pages = {p.name: p.read_text(encoding="utf-8") for p in site.glob("*.html")}
    pages.pop("print.html", None)  # the same diagrams again
    drawing = dataclasses.replace(drawing, store=DrawingStore(work / "drawing-cache"))
    times = {}
    for run in ("cold", "warm"):
        start = time.perf_counter()
        outcome = drawing.draw_pages(pages)
        times[f"{run}_s"] = round(time.perf_counter() - start, 3)
        times[f"{run}_drawn"] = outcome.drawn
    times["diagrams"] = outcome.diagrams
    return times


# --- serve rebuild ----------------------------------------------------------


def serve_rebuild_seconds(work: Path, timeout: float = 60.0) -> float | None:
    """Seconds from a one-line edit of a copy of the notes to the end of the
    rebuild `mkdocs serve` makes for it."""
    project = work / "serve"
    shutil.copytree(
        ROOT,
        project,
        ignore=shutil.ignore_patterns(
            ".venv*", "node_modules", "site", ".git", ".cache", "bench-output", "test-output"
        ),
    )
    (project / "node_modules").symlink_to(ROOT / "node_modules")
    port = _free_port()
    process = subprocess.Popen(
        [
            sys.executable,
            "-m",
            "mkdocs",
            "serve",
            "--dev-addr",
            f"127.0.0.1:{port}",
        ],
        cwd=project,
        stdout=subprocess.PIPE,
        stderr=subprocess.STDOUT,
        text=True,
        env={**os.environ, "NO_MKDOCS_2_WARNING": "1"},
    )
    lines: list[tuple[float, str]] = []
    reader = threading.Thread(target=_read_lines, args=(process, lines), daemon=True)
    reader.start()
    try:
        if not _wait_for(lines, "Serving on", timeout):
            return None
        time.sleep(1.0)
        seen = len(lines)
        edited = time.perf_counter()
        with (project / "notes" / "aws-notes.md").open("a", encoding="utf-8") as notes:
            notes.write("\n- One more line, added by the benchmark.\n")
        done = _wait_for(lines, "Reloading browsers", timeout, after=seen)
        return (done - edited) if done else None
    finally:
        process.terminate()
        process.wait(10)


def _read_lines(process: subprocess.Popen[str], lines: list[tuple[float, str]]) -> None:
    assert process.stdout is not None
    for line in process.stdout:
        lines.append((time.perf_counter(), line))


def _wait_for(
    lines: list[tuple[float, str]], text: str, timeout: float, after: int = 0
) -> float | None:
    deadline = time.perf_counter() + timeout
    while time.perf_counter() < deadline:
        for stamp, line in lines[after:]:
            if text in line:
                return stamp
        time.sleep(0.05)
    return None


def _free_port() -> int:
    import socket

    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return int(sock.getsockname()[1])


# --- page weight ------------------------------------------------------------


def page_weight(site: Path, page: str) -> dict[str, Any]:
    """Bytes of the HTML and of each script, stylesheet, image and font it loads."""
    from bs4 import BeautifulSoup

    html_path = site / page
    soup = BeautifulSoup(html_path.read_text(encoding="utf-8"), "lxml")
    urls = [t.get("src") for t in soup.find_all(["script", "img"]) if t.get("src")]
    urls += [t.get("href") for t in soup.find_all("link", rel="stylesheet")]
    urls += [t.get("href") for t in soup.find_all("link", rel="icon")]
    files = [html_path]
    for url in urls:
        if re.match(r"^(https?:)?//|^data:", url):
            continue
        path = (html_path.parent / url.split("?")[0].split("#")[0]).resolve()
        if path.is_file() and path not in files:
            files.append(path)
            if path.suffix == ".css":
                files += [f for f in _css_assets(path) if f not in files]
    # Mermaid itself comes later, from the loader, once a diagram is near the screen.
    later = [t for f in files if f.suffix == ".js" and (t := _loaded_on_demand(f)) is not None]
    mermaid = [f for f in [*files, *later] if f.name == "mermaid.min.js"]
    return {
        "files": len(files),
        "raw_bytes": _raw(files),
        "gzip_bytes": _gzipped(files),
        "html_bytes": html_path.stat().st_size,
        "mermaid_bytes": _raw(mermaid),
        "mermaid_loads": len(mermaid),
        "on_diagram_files": len(later),
        "on_diagram_raw_bytes": _raw(later),
        "on_diagram_gzip_bytes": _gzipped(later),
    }


def _raw(files: list[Path]) -> int:
    return sum(f.stat().st_size for f in files)


def _gzipped(files: list[Path]) -> int:
    return sum(len(gzip.compress(f.read_bytes(), 9)) for f in files)


def _loaded_on_demand(script: Path) -> Path | None:
    """The file a loader script (docs/assets/javascripts/mermaid-on-demand.js)
    loads when a diagram comes near the screen."""
    from notesite.output.assets import loader_target

    target = loader_target(script.name, script.read_text(encoding="utf-8", errors="replace"))
    path = (script.parent / target).resolve() if target else None
    return path if path is not None and path.is_file() else None


def _css_assets(css: Path) -> list[Path]:
    found = []
    for url in re.findall(r"url\(['\"]?([^'\")]+)", css.read_text(errors="replace")):
        if url.startswith(("data:", "http", "//", "#")):
            continue
        path = (css.parent / url.split("?")[0]).resolve()
        if path.is_file() and path.suffix in (".woff", ".woff2", ".ttf", ".png", ".svg"):
            found.append(path)
    return found


def study_weight(site: Path) -> dict[str, Any]:
    """What the study features add to the pages: the gzip bytes of their scripts on
    the page that loads the most of them (target <= 10 KB), the gzip bytes of the
    largest page's study parts (backlinks, cards, progress, preview data), and the
    question cards by kind."""
    from bs4 import BeautifulSoup

    script_gzip, parts_gzip, largest = 0, 0, ""
    for html_path in sorted(site.glob("*.html")):
        soup = BeautifulSoup(html_path.read_text(encoding="utf-8"), "lxml")
        scripts = {
            (html_path.parent / t["src"].split("?")[0]).resolve()
            for t in soup.find_all("script", src=True)
            if Path(t["src"].split("?")[0]).name in STUDY_SCRIPTS
        }
        script_gzip = max(script_gzip, _gzipped([p for p in scripts if p.is_file()]))
        parts = "".join(str(part) for part in soup.select(".notes-study, #notes-previews"))
        size = len(gzip.compress(parts.encode("utf-8"), 9)) if parts else 0
        if size > parts_gzip:
            parts_gzip, largest = size, html_path.name
    cards: dict[str, int] = {}
    test_page = site / "test-yourself.html"
    if test_page.is_file():
        soup = BeautifulSoup(test_page.read_text(encoding="utf-8"), "lxml")
        for card in soup.select("[data-notes-cards] [data-card]"):
            cards[card.get("data-kind", "?")] = cards.get(card.get("data-kind", "?"), 0) + 1
    return {
        "script_gzip_bytes_per_page": script_gzip,
        "script_target_gzip_bytes": STUDY_TARGET_GZIP,
        "largest_parts_gzip_bytes": parts_gzip,
        "largest_parts_page": largest,
        "cards": {"total": sum(cards.values()), **cards},
    }


def study_rows(study: dict[str, Any]) -> list[tuple[str, str]]:
    cards = ", ".join(f"{n} {kind}" for kind, n in study["cards"].items() if kind != "total")
    return [
        (
            "study scripts per page (gzip)",
            f"{study['script_gzip_bytes_per_page'] / 1024:.1f} KB  (target <= "
            f"{study['script_target_gzip_bytes'] / 1024:.0f} KB)",
        ),
        (
            "study parts, largest page (gzip)",
            f"{study['largest_parts_gzip_bytes'] / 1024:.1f} KB ({study['largest_parts_page']})",
        ),
        ("question cards", f"{study['cards']['total']} ({cards})"),
    ]


def site_sizes(site: Path) -> dict[str, Any]:
    notes = (ROOT / "notes" / "aws-notes.md").stat().st_size
    index = site / "search" / "search_index.json"
    total = sum(f.stat().st_size for f in site.rglob("*") if f.is_file())
    return {
        "site_bytes": total,
        "site_files": sum(1 for f in site.rglob("*") if f.is_file()),
        "html_pages": sum(1 for _ in site.glob("*.html")),
        "search_index_bytes": index.stat().st_size if index.is_file() else 0,
        "notes_bytes": notes,
        "search_index_to_notes": round(index.stat().st_size / notes, 2)
        if index.is_file()
        else None,
    }


def peak_memory_mb() -> float:
    """Max RSS of a child process that builds the site once, with the build
    cache off (all the hooks' work done: the most a build needs). The child
    reports its own high-water mark (VmHWM, of its own address space): this
    process's RUSAGE_CHILDREN figure is the largest of every child so far
    (Chromium, mkdocs serve), and a child's ru_maxrss starts from this
    process's size, as Linux keeps it across the exec."""
    code = (
        "import os, sys; sys.path.insert(0, 'hooks');"
        "os.environ['NO_MKDOCS_2_WARNING']='1';"
        "import logging; logging.disable(logging.WARNING);"
        "from mkdocs.commands.build import build; from mkdocs.config import load_config;"
        "import tempfile;"
        "config = load_config('mkdocs.yml', site_dir=tempfile.mkdtemp(), strict=False);"
        "config.extra['notes'] = {**config.extra['notes'], 'cache': False};"
        "build(config);"
        "status = open('/proc/self/status').read();"
        "print(next(l.split()[1] for l in status.splitlines() if l.startswith('VmHWM:')))"
    )
    out = subprocess.run(
        [sys.executable, "-c", code], cwd=ROOT, check=True, capture_output=True, text=True
    )
    return round(int(out.stdout.strip().splitlines()[-1]) / 1024, 1)


# --- lighthouse -------------------------------------------------------------


# What CloudFront compresses (its list of compressible types, by the site's suffixes).
COMPRESSIBLE = {".html", ".css", ".js", ".json", ".svg", ".xml", ".txt", ".map"}


@contextlib.contextmanager
def serve_folder(folder: Path) -> Iterator[str]:
    """The site on a local server that, like CloudFront in front of the bucket
    (deploy/template.yaml: Compress), sends text files gzip-compressed to a
    browser that accepts it, so Lighthouse sees the bytes a reader transfers."""

    class Compressing(SimpleHTTPRequestHandler):
        def log_message(self, format: str, *args: Any) -> None:
            pass

        def send_head(self) -> Any:
            path = Path(self.translate_path(self.path))
            accepts = "gzip" in self.headers.get("Accept-Encoding", "")
            if not (accepts and path.is_file() and path.suffix in COMPRESSIBLE):
                return super().send_head()
            body = gzip.compress(path.read_bytes(), 6)
            self.send_response(200)
            self.send_header("Content-Type", self.guess_type(str(path)))
            self.send_header("Content-Encoding", "gzip")
            self.send_header("Content-Length", str(len(body)))
            self.send_header("Vary", "Accept-Encoding")
            self.end_headers()
            return io.BytesIO(body)

    handler = partial(Compressing, directory=str(folder))
    server = ThreadingHTTPServer(("127.0.0.1", 0), handler)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    try:
        yield f"http://127.0.0.1:{server.server_address[1]}"
    finally:
        server.shutdown()


# Scrolls to each diagram in turn and waits until it is drawn: a drawing made
# at build time is there at once; in a site built without Chromium,
# mermaid-on-demand.js draws a diagram when it comes near the screen.
_DRAW_ALL = """async () => {
  const drawn = (el) => el && el.tagName === 'DIV';
  const all = () => [...document.querySelectorAll('.mermaid, .notes-diagram__drawing')];
  const end = Date.now() + 30000;
  for (let i = 0; i < all().length; i++) {
    all()[i].scrollIntoView({ block: 'center' });
    while (!drawn(all()[i]) && Date.now() < end) await new Promise((r) => setTimeout(r, 50));
  }
  return all().filter(drawn).length;
}"""


def transferred(site: Path) -> dict[str, Any] | str:
    """What a phone-sized Chromium transfers for each measured page, served
    gzip-compressed as CloudFront serves it: at load (until the network is
    idle), and then on scrolling to every diagram (mermaid, on demand)."""
    try:
        from playwright.sync_api import sync_playwright
    except ImportError:
        return "playwright is not installed"
    results: dict[str, Any] = {}
    with serve_folder(site) as base, sync_playwright() as playwright:
        browser = playwright.chromium.launch(
            executable_path="/usr/bin/chromium", args=CHROMIUM_FLAGS
        )
        try:
            for label, page_name in PAGES.items():
                context = browser.new_context(viewport={"width": 412, "height": 823})
                page = context.new_page()
                sizes: list[tuple[str, int]] = []

                def record(request: Any, into: list[tuple[str, int]] = sizes) -> None:
                    into.append((request.url, request.sizes()["responseBodySize"]))

                page.on("requestfinished", record)
                page.goto(f"{base}/{page_name}", wait_until="networkidle")
                at_load = list(sizes)
                drawn = page.evaluate(_DRAW_ALL)
                page.wait_for_load_state("networkidle")
                later = sizes[len(at_load) :]
                results[label] = {
                    "load_requests": len(at_load),
                    "load_bytes": sum(n for _, n in at_load),
                    "diagrams_drawn": drawn,
                    "on_diagram_requests": len(later),
                    "on_diagram_bytes": sum(n for _, n in later),
                    "mermaid_bytes": sum(n for url, n in sizes if "/vendor/mermaid/" in url),
                }
                context.close()
        finally:
            browser.close()
    return results


LIGHTHOUSE_RUNS = 3  # per page; Lighthouse's own advice: report the median run
ARTICLE = re.compile(r'<article class="md-content__inner md-typeset">(.*?)</article>', re.S)


def site_config() -> dict[str, Any]:
    """mkdocs.yml as plain data (its !ENV and !!python tags dropped)."""
    raw = (ROOT / "mkdocs.yml").read_text()
    return yaml.safe_load(raw.replace("!ENV", "").replace("!!python/name:", ""))


# Material with nothing of the project's: "default" with Material's default
# settings; "themed" with the site's own theme settings (its palette toggle,
# navigation and search features), which are Material's code, not the project's.
BARE_KINDS = ("default", "themed")


def bare_material_site(site: Path, work: Path, kind: str) -> Path:
    """The measured pages' text in a bare Material site: each page's rendered
    article (diagrams included) as the whole content of a page of a Material
    site with no extra style sheets, scripts, templates or hooks, and no web
    fonts (which the real site does not load either). Lighthouse on it is the
    ceiling that Material itself sets for the same text."""
    folder = work / f"bare-material-{kind}"
    docs = folder / "docs"
    docs.mkdir(parents=True, exist_ok=True)
    for page in PAGES.values():
        article = ARTICLE.search((site / page).read_text(encoding="utf-8"))
        body = article.group(1) if article else ""
        (docs / page.replace(".html", ".md")).write_text(
            f'<div class="bare-page">\n{body}\n</div>\n', encoding="utf-8"
        )
    theme: dict[str, Any] = {"name": "material", "font": False}
    if kind == "themed":
        theme = {
            k: v for k, v in site_config()["theme"].items() if k not in ("custom_dir", "favicon")
        }
    config = {"site_name": "Notes", "use_directory_urls": False, "theme": theme}
    (folder / "mkdocs.yml").write_text(yaml.safe_dump(config), encoding="utf-8")
    with contextlib.chdir(folder):
        quiet_build(folder / "mkdocs.yml", folder / "site")
    return folder / "site"


def lighthouse(site: Path, work: Path, runs: int = LIGHTHOUSE_RUNS) -> dict[str, Any] | str:
    """Lighthouse, mobile settings, for each measured page of the site and of
    the same pages in a bare Material site, runs interleaved: for each, the
    run with the median performance score of ``runs`` (scores move from run
    to run)."""
    cli = ROOT / "bench" / "node_modules" / ".bin" / "lighthouse"
    if not cli.exists():
        return "not installed (make bench installs it)"
    flags = " ".join(["--headless=new", *CHROMIUM_FLAGS])
    sites = {
        "": site,
        **{f", bare Material ({k})": bare_material_site(site, work, k) for k in BARE_KINDS},
    }
    reports: dict[str, list[dict[str, Any]]] = {}
    with contextlib.ExitStack() as stack:
        bases = {suffix: stack.enter_context(serve_folder(root)) for suffix, root in sites.items()}
        for label, page in PAGES.items():
            for _ in range(runs):
                for suffix, base in bases.items():
                    report = _lighthouse_once(cli, f"{base}/{page}", flags)
                    if isinstance(report, str):
                        return f"{label}{suffix}: {report}"
                    reports.setdefault(f"{label}{suffix}", []).append(report)
    results: dict[str, Any] = {}
    for key, runs_of_page in reports.items():
        runs_of_page.sort(key=lambda r: r["performance"])
        results[key] = {
            **runs_of_page[len(runs_of_page) // 2],
            "performance_runs": [r["performance"] for r in runs_of_page],
        }
    return results


def _lighthouse_once(cli: Path, url: str, flags: str) -> dict[str, Any] | str:
    out = subprocess.run(
        [
            str(cli),
            url,
            "--quiet",
            "--output=json",
            "--output-path=stdout",
            f"--chrome-flags={flags}",
            "--form-factor=mobile",
        ],
        capture_output=True,
        text=True,
        env={**os.environ, "CHROME_PATH": "/usr/bin/chromium"},
        timeout=240,
    )
    if out.returncode != 0:
        return f"failed: {out.stderr.strip().splitlines()[-1:]}"
    report = json.loads(out.stdout)
    cats = report["categories"]
    audits = report["audits"]
    return {
        **{
            k: round(cats[k]["score"] * 100)
            for k in ("performance", "accessibility", "best-practices", "seo")
        },
        "FCP_ms": round(audits["first-contentful-paint"]["numericValue"]),
        "SI_ms": round(audits["speed-index"]["numericValue"]),
        "LCP_ms": round(audits["largest-contentful-paint"]["numericValue"]),
        "TBT_ms": round(audits["total-blocking-time"]["numericValue"]),
        "CLS": round(audits["cumulative-layout-shift"]["numericValue"], 3),
    }


# --- main -------------------------------------------------------------------


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=5, help="timed builds per figure (median)")
    parser.add_argument("--out", default=str(ROOT / "bench-output" / "benchmark.json"))
    parser.add_argument("--skip-lighthouse", action="store_true")
    parser.add_argument(
        "--study-only", action="store_true", help="build once and print only the study figures"
    )
    parser.add_argument(
        "--lighthouse-only",
        action="store_true",
        help="build once and print only Lighthouse, beside the same pages in bare Material",
    )
    parser.add_argument(
        "--ratios-only",
        action="store_true",
        help="print only the whole-process build times against plain Material",
    )
    args = parser.parse_args()
    if args.ratios_only:
        with tempfile.TemporaryDirectory() as tmp:
            work = Path(tmp)
            whole = whole_process_seconds(work, one_page_material(work), args.runs)
        figures = {
            "whole_process_s": whole,
            "whole_vs_one_page": round(whole["warm"] / whole["one page"], 2),
            "whole_vs_one_page_nocache": round(whole["cache off"] / whole["one page"], 2),
        }
        for name, value in whole_process_rows(figures):
            print(f"{name:<36}  {value}")
        return 0
    if args.lighthouse_only:
        with tempfile.TemporaryDirectory() as tmp, in_root():
            quiet_build(ROOT / "mkdocs.yml", Path(tmp) / "site")
            for name, value in lighthouse_rows(lighthouse(Path(tmp) / "site", Path(tmp))):
                print(f"{name:<40}  {value}")
        return 0
    if args.study_only:
        with tempfile.TemporaryDirectory() as tmp, in_root():
            quiet_build(ROOT / "mkdocs.yml", Path(tmp) / "site")
            study = study_weight(Path(tmp) / "site")
        for name, value in study_rows(study):
            print(f"{name:<34}  {value}")
        return 0

    figures: dict[str, Any] = {}
    with tempfile.TemporaryDirectory() as tmp:
        work = Path(tmp)
        site = work / "site"
        with in_root():
            # The first (warm-up) build fills the build cache, as a first
            # `mkdocs serve` or `make build` does; the timed ones use it.
            figures["build_s_median"] = median_time(
                partial(quiet_build, ROOT / "mkdocs.yml", site), args.runs
            )
            figures["build_nocache_s_median"] = median_time(
                partial(quiet_build, ROOT / "mkdocs.yml", work / "nocache-site", cache=False),
                args.runs,
            )
            plain_yml = plain_project(work)
        with contextlib.chdir(plain_yml.parent):
            figures["plain_build_s_median"] = median_time(
                partial(quiet_build, plain_yml, work / "plain-site"), args.runs
            )
        figures.update(one_page_ratios(work, figures, args.runs))
        figures["drawing_s"] = drawing_seconds(work)
        for key, build_key in (("", "build_s_median"), ("_nocache", "build_nocache_s_median")):
            figures[f"hooks_overhead{key}"] = round(
                figures[build_key] / figures["plain_build_s_median"] - 1, 3
            )
        figures["scaling_s"] = scaled_build_times(args.runs, work / "scaled")
        one = figures["scaling_s"]["1x"]
        figures["scaling_ratio"] = {k: round(v / one, 2) for k, v in figures["scaling_s"].items()}
        figures["serve_rebuild_s"] = serve_rebuild_seconds(work)
        figures["page_weight"] = {label: page_weight(site, page) for label, page in PAGES.items()}
        figures["transferred"] = transferred(site)
        figures["sizes"] = site_sizes(site)
        figures["study"] = study_weight(site)
        figures["search"] = search_speed.measure(site)
        figures["peak_memory_mb"] = peak_memory_mb()
        figures["lighthouse"] = "skipped" if args.skip_lighthouse else lighthouse(site, work)
        figures["hostile"] = hostile_figures(work / "hostile")
        figures["read_anywhere"] = read_anywhere.measure(site, work)
    figures["notes"] = corpora.measure()
    figures["editor"] = editor_figures.measure_sources()

    out = Path(args.out)
    out.parent.mkdir(parents=True, exist_ok=True)
    out.write_text(json.dumps(figures, indent=2) + "\n")
    print_table(figures)
    print(f"\nwritten to {out}")
    return 0


def one_page_ratios(work: Path, figures: dict[str, Any], runs: int) -> dict[str, Any]:
    """The builds against plain Material building the notes as one page: in
    this process (after a warm-up), and as whole processes (`mkdocs build`,
    imports and start-up included, the three commands taking turns)."""
    yml = one_page_material(work)
    with contextlib.chdir(yml.parent):
        one_page = median_time(partial(quiet_build, yml, work / "one-page-site"), runs)
    whole = whole_process_seconds(work, yml, runs)
    return {
        "one_page_material_s_median": one_page,
        "vs_one_page": round(figures["build_s_median"] / one_page, 2),
        "vs_one_page_nocache": round(figures["build_nocache_s_median"] / one_page, 2),
        "whole_process_s": whole,
        "whole_vs_one_page": round(whole["warm"] / whole["one page"], 2),
        "whole_vs_one_page_nocache": round(whole["cache off"] / whole["one page"], 2),
    }


def whole_process_seconds(work: Path, one_page_yml: Path, runs: int) -> dict[str, float]:
    """Median wall time of whole `mkdocs build` processes, taking turns: the
    site warm (its build cache filled by a first build), the site with the
    build cache off (``extra.notes.cache: false``: the notes' work, the
    rendered pages and what is made from them; the drawings still come from
    their own cache, timed apart in "drawing the diagrams"), and plain
    Material with the notes as one page."""
    mkdocs = [sys.executable, "-m", "mkdocs", "build", "--quiet"]
    # Beside mkdocs.yml, so that every relative path in it still holds.
    nocache = ROOT / f".bench-nocache-{os.getpid()}.yml"
    nocache.write_text("INHERIT: mkdocs.yml\nextra:\n  notes:\n    cache: false\n")
    commands = {
        "warm": [*mkdocs, "-f", str(ROOT / "mkdocs.yml"), "-d", str(work / "whole-warm")],
        "cache off": [*mkdocs, "-f", str(nocache), "-d", str(work / "whole-nocache")],
        "one page": [*mkdocs, "-f", str(one_page_yml), "-d", str(work / "whole-one-page")],
    }
    times: dict[str, list[float]] = {name: [] for name in commands}
    # As mkdocs normally runs: writing and reading compiled bytecode.
    env = {k: v for k, v in os.environ.items() if k != "PYTHONDONTWRITEBYTECODE"}
    env["NO_MKDOCS_2_WARNING"] = "1"
    try:
        for attempt in range(runs + 1):  # the first round warms the caches and the disk
            for name, command in commands.items():
                start = time.perf_counter()
                subprocess.run(command, cwd=ROOT, env=env, check=True, capture_output=True)
                if attempt:
                    times[name].append(time.perf_counter() - start)
    finally:
        nocache.unlink()
    return {name: round(statistics.median(values), 3) for name, values in times.items()}


def whole_process_rows(figures: dict[str, Any]) -> list[tuple[str, str]]:
    whole = figures["whole_process_s"]
    return [
        (
            "whole processes (s)",
            f"warm {whole['warm']:.2f}, cache off {whole['cache off']:.2f}, "
            f"plain Material one page {whole['one page']:.2f}",
        ),
        ("whole: build / plain one page", f"{figures['whole_vs_one_page']}x  (target ≤ 1.5x)"),
        (
            "whole: cache off / plain one page",
            f"{figures['whole_vs_one_page_nocache']}x  (target ≤ 3x)",
        ),
    ]


def lighthouse_rows(lh: dict[str, Any] | str) -> list[tuple[str, str]]:
    """Each page's scores, then the same page in bare Material, side by side."""
    if not isinstance(lh, dict):
        return [("lighthouse", lh)]
    rows = []
    for key, r in lh.items():
        rows.append(
            (
                f"lighthouse '{key}'",
                f"perf {r['performance']} {r['performance_runs']} (target ≥ 98, or within 2 "
                f"of bare Material), a11y {r['accessibility']}, best practices "
                f"{r['best-practices']}, SEO {r['seo']}; FCP {r['FCP_ms']} ms, SI {r['SI_ms']} ms, "
                f"LCP {r['LCP_ms']} ms, "
                f"TBT {r['TBT_ms']} ms, CLS {r['CLS']}"
                if "bare" not in key
                else f"perf {r['performance']} {r['performance_runs']}, FCP {r['FCP_ms']} ms, "
                f"SI {r['SI_ms']} ms, LCP {r['LCP_ms']} ms, "
                f"TBT {r['TBT_ms']} ms, CLS {r['CLS']}",
            )
        )
    return rows


def print_table(figures: dict[str, Any]) -> None:
    rows = [
        ("build, median (s)", f"{figures['build_s_median']:.3f}  (target < 2 s)"),
        ("build, cache off, median (s)", f"{figures['build_nocache_s_median']:.3f}"),
        ("same pages, no hooks (s)", f"{figures['plain_build_s_median']:.3f}"),
        ("hooks overhead", f"{figures['hooks_overhead']:+.1%}  (target ≤ +15%)"),
        ("hooks overhead, cache off", f"{figures['hooks_overhead_nocache']:+.1%}"),
        ("notes as one page, plain Material (s)", f"{figures['one_page_material_s_median']:.3f}"),
        ("in process: build / plain one page", f"{figures['vs_one_page']}x"),
        ("in process: cache off / plain one page", f"{figures['vs_one_page_nocache']}x"),
        *whole_process_rows(figures),
    ]
    drawing = figures["drawing_s"]
    if isinstance(drawing, dict):
        rows.append(
            (
                "drawing the diagrams (s)",
                f"{drawing['diagrams']} diagrams: cold {drawing['cold_s']:.2f} "
                f"({drawing['cold_drawn']} drawn), warm {drawing['warm_s']:.3f} "
                f"({drawing['warm_drawn']} drawn)",
            )
        )
    else:
        rows.append(("drawing the diagrams", drawing))
    rows += [
        (f"notes {k}, cache off (s)", f"{v:.3f}  ({figures['scaling_ratio'][k]}x of 1x)")
        for k, v in figures["scaling_s"].items()
    ]
    rebuild = figures["serve_rebuild_s"]
    rows.append(("serve rebuild after edit (s)", f"{rebuild:.2f}" if rebuild else "n/a"))
    for label, w in figures["page_weight"].items():
        rows.append(
            (
                f"page '{label}'",
                f"{w['files']} files, {w['raw_bytes'] / 1024:.0f} KB raw, "
                f"{w['gzip_bytes'] / 1024:.0f} KB gzip at load; from disk, near a "
                f"diagram +{w['on_diagram_gzip_bytes'] / 1024:.0f} KB gzip "
                f"(mermaid {w['mermaid_bytes'] / 1024:.0f} KB x{w['mermaid_loads']})",
            )
        )
    moved = figures["transferred"]
    if isinstance(moved, dict):
        for label, t in moved.items():
            rows.append(
                (
                    f"transferred '{label}' (http, gzip)",
                    f"{t['load_requests']} requests, {t['load_bytes'] / 1024:.0f} KB at load; "
                    f"{t['diagrams_drawn']} diagrams: +{t['on_diagram_requests']} requests, "
                    f"+{t['on_diagram_bytes'] / 1024:.0f} KB "
                    f"(mermaid {t['mermaid_bytes'] / 1024:.0f} KB)",
                )
            )
    else:
        rows.append(("transferred", moved))
    s = figures["sizes"]
    rows += [
        (
            "site",
            f"{s['site_bytes'] / 1024 / 1024:.2f} MB in {s['site_files']} files, "
            f"{s['html_pages']} pages",
        ),
        (
            "search index",
            f"{s['search_index_bytes'] / 1024:.0f} KB = {s['search_index_to_notes']}x the notes",
        ),
        ("peak memory of a build", f"{figures['peak_memory_mb']} MB"),
        *study_rows(figures["study"]),
    ]
    rows += search_speed.rows(figures["search"])
    rows += lighthouse_rows(figures["lighthouse"])
    rows += table_rows(figures["hostile"])
    rows += read_anywhere.rows(figures["read_anywhere"])
    rows += corpora.rows(figures["notes"])
    rows += editor_figures.all_rows(figures["editor"])
    width = max(len(r[0]) for r in rows)
    for name, value in rows:
        print(f"{name:<{width}}  {value}")


if __name__ == "__main__":
    sys.exit(main())
