"""The preview shows the author the notes' problems: a banner on each page
under `mkdocs serve`, never in a built site."""

from __future__ import annotations

import html
import socket
import urllib.request
from pathlib import Path

import pytest
from notesite.output.problems import page_problems
from notesite.reading.checks import Finding

from tests.conftest import ROOT, build_project
from tests.site.test_own_notes import mkdocs_serve

pytestmark = pytest.mark.slow

HOSTILE = "<img src=x onerror=alert(1)>"


def make_notes(folder: Path) -> Path:
    """Notes with a problem in each of three files, one of them named as markup."""
    (folder / "Study").mkdir(parents=True)
    (folder / "README.md").write_text("# My notes\n\nWhat I learnt.\n", encoding="utf-8")
    (folder / "Study" / "SQS.md").write_text(
        "# SQS\n\n- Visibility timeout: 30 seconds\n\nSee [S3](S3.md#lifecycle).\n",
        encoding="utf-8",
    )
    (folder / "Study" / "S3.md").write_text("# S3\n\n- Buckets\n\n![a](a.png)\n", encoding="utf-8")
    (folder / "Study" / f"{HOSTILE}.md").write_text(
        "# SNS\n\n- Topics\n\n![b](b.png)\n", encoding="utf-8"
    )
    return folder


def build(notes: Path, site: Path, command: str) -> Path:
    build_project(
        ROOT / "mkdocs.yml",
        site,
        strict=False,
        command=command,
        notes={"source": str(notes), "cache": False},
        diagrams={"draw": "browser"},
    )
    return site


@pytest.fixture(scope="module")
def notes(tmp_path_factory: pytest.TempPathFactory) -> Path:
    return make_notes(tmp_path_factory.mktemp("notes"))


@pytest.fixture(scope="module")
def served(notes: Path, tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The site a preview serves, built in-process as `mkdocs serve` starts it."""
    return build(notes, tmp_path_factory.mktemp("served"), "serve")


def banner(page: str) -> str:
    """The banner's markup in a page, or "" when it has none."""
    start = page.find('<div class="notes-problems"')
    return page[start : page.index("</div>", start)] if start >= 0 else ""


def test_page_problems_are_its_files_lines_and_a_count_of_the_rest():
    """A page gets the lines of its own files, as the build tells them, and counts the others."""
    problems = [
        Finding("a.md", 3, "link to heading #x, which no heading of a.md has"),
        Finding("b.md", 1, "image c.png not found"),
        Finding("b.md", 9, "image d.png not found"),
    ]
    got = page_problems(problems, {"b.md"})
    assert got.lines == [str(problems[1]), str(problems[2])]
    assert (got.count, got.rest, got.total) == (2, 1, 3)
    assert page_problems(problems, set()).lines == []


def test_a_preview_page_lists_its_notes_problems(served):
    """Under serve, the page of a file with a problem lists it at file:line and counts the rest."""
    page = (served / "s3.html").read_text(encoding="utf-8")
    shown = banner(page)
    assert "3 problems in the notes — show" in shown
    assert "Study/S3.md:5: image a.png not found" in shown
    assert "and 2 in other notes files" in shown
    assert "assets/javascripts/problems.js" in page
    assert (served / "assets" / "javascripts" / "problems.js").is_file()
    # A page made from no notes file (the home page) still counts them all.
    assert "3 in other notes files" in banner((served / "index.html").read_text(encoding="utf-8"))


def test_hostile_problem_text_is_shown_as_text(served):
    """A problem naming a file called as markup shows that name escaped, never as an element."""
    page = (served / "sns.html").read_text(encoding="utf-8")
    shown = banner(page)
    assert html.escape(HOSTILE, quote=False) in shown
    assert HOSTILE not in page
    assert "<img src=x" not in page


def test_a_built_site_has_no_banner(notes, tmp_path):
    """`mkdocs build` of the same notes leaves the banner and its script out."""
    site = build(notes, tmp_path / "site", "build")
    for name in ("index.html", "s3.html", "sns.html"):
        page = (site / name).read_text(encoding="utf-8")
        assert banner(page) == "" and "problems.js" not in page
    assert not (site / "assets" / "javascripts" / "problems.js").exists()


def free_port() -> int:
    """A port nothing listens on now (MkDocs does not say which port 0 gave it)."""
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


def test_mkdocs_serve_shows_the_banner(notes):
    """A real `mkdocs serve` serves the page with the banner listing its file's problem."""
    address = f"127.0.0.1:{free_port()}"
    url = f"http://{address}/s3.html"
    with mkdocs_serve(notes, address), urllib.request.urlopen(url, timeout=30) as response:
        page = response.read().decode("utf-8")
    assert "Study/S3.md:5: image a.png not found" in banner(page)


def test_the_serve_flag_ends_with_its_run(notes, tmp_path):
    """After a preview's run ends, a build started without on_startup has no banner."""
    from mkdocs.commands.build import build as mkdocs_build
    from mkdocs.config import load_config

    build(notes, tmp_path / "served", "serve")
    config = load_config(str(ROOT / "mkdocs.yml"), site_dir=str(tmp_path / "site"))
    config.extra["notes"] = {**config.extra["notes"], "source": str(notes), "cache": False}
    config.extra["diagrams"] = {**config.extra["diagrams"], "draw": "browser"}
    mkdocs_build(config)
    assert banner((tmp_path / "site" / "s3.html").read_text(encoding="utf-8")) == ""
