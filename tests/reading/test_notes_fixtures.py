"""Notes written in many Markdown styles, each built into a site in-process.

Each folder under cases/ holds notes (a file, or a folder of them) and an
expect.yml: whether the build is clean under --strict, the pages it makes,
the warnings (file:line and text) it must give, and fragments the built
pages must or must not contain. Every case also checks that no line of its
notes is lost, and the same notes with CRLF line endings build the same pages.
"""

from __future__ import annotations

import logging
import os
import re
import shutil
from pathlib import Path

import pytest
import yaml
from bs4 import BeautifulSoup
from mkdocs.commands.build import build
from mkdocs.config import load_config
from mkdocs.exceptions import Abort

from tests.notes_text import line_texts, squash

ROOT = Path(__file__).resolve().parents[2]
HERE = Path(__file__).resolve().parent
CASES = sorted(p.name for p in (HERE / "cases").iterdir() if p.is_dir())

CONFIG = """\
site_name: Notes fixture
use_directory_urls: false
validation:
  omitted_files: warn
  absolute_links: warn
  unrecognized_links: warn
  anchors: warn
exclude_docs: |
  _data/
theme:
  name: material
  font: false
hooks:
{hooks}
extra:
  notes:
    source: {source}
    catalogue: docs/_data/catalogue.yml
markdown_extensions:
  - abbr
  - admonition
  - attr_list
  - footnotes
  - md_in_html
  - tables
  - toc:
      permalink: true
  - pymdownx.blocks.caption
  - pymdownx.details
  - pymdownx.emoji:
      emoji_index: !!python/name:material.extensions.emoji.twemoji
      emoji_generator: !!python/name:material.extensions.emoji.to_svg
  - pymdownx.highlight:
      pygments_lang_class: true
  - pymdownx.inlinehilite
  - pymdownx.superfences
"""


def make_project(case: str, tmp: Path, crlf: bool = False) -> tuple[Path, dict]:
    """A site folder around the case's notes, with the project's hooks and data."""
    expect = yaml.safe_load((HERE / "cases" / case / "expect.yml").read_text())
    project = tmp / case
    shutil.copytree(HERE / "cases" / case, project, ignore=shutil.ignore_patterns("expect.yml"))
    if crlf:
        for md in project.rglob("*.md"):
            md.write_bytes(md.read_bytes().replace(b"\n", b"\r\n"))
    data = project / "docs" / "_data"
    shutil.copytree(ROOT / "docs" / "_data", data)
    if expect.get("catalogue") != "project":
        shutil.copy(HERE / "catalogue.yml", data / "catalogue.yml")
    (project / "docs" / "index.md").write_text("# Notes\n\n<!-- notes:services -->\n")
    hooks = [
        line.strip()
        for line in (ROOT / "mkdocs.yml").read_text().split("hooks:\n", 1)[1].splitlines()
        if line.startswith("  - hooks/") and "vendor" not in line and "mermaid" not in line
    ]
    hook_lines = "\n".join(f"  - {ROOT / h.removeprefix('- ')}" for h in hooks)
    source = expect.get("source", "notes.md")
    (project / "mkdocs.yml").write_text(CONFIG.format(hooks=hook_lines, source=source))
    return project, expect


class Records(logging.Handler):
    def __init__(self) -> None:
        super().__init__(logging.INFO)
        self.records: list[logging.LogRecord] = []

    def emit(self, record: logging.LogRecord) -> None:
        self.records.append(record)


def build_case(project: Path, strict: bool):
    handler = Records()
    logger = logging.getLogger("mkdocs")
    logger.addHandler(handler)
    level = logger.level
    logger.setLevel(logging.INFO)
    cwd = Path.cwd()
    os.chdir(project)
    try:
        config = load_config(
            str(project / "mkdocs.yml"), site_dir=str(project / "site"), strict=strict
        )
        build(config)
    finally:
        os.chdir(cwd)
        logger.removeHandler(handler)
        logger.setLevel(level)
    return config, handler.records


def messages(records, level: int) -> list[str]:
    return [
        r.getMessage() for r in records if r.levelno == level and r.name.startswith("mkdocs.hooks")
    ]


@pytest.mark.parametrize("case", CASES)
def test_case_builds_with_the_expected_pages_and_warnings(case, tmp_path):
    """The case builds (strictly if clean), with its pages, warnings and content."""
    project, expect = make_project(case, tmp_path)
    config, records = build_case(project, strict=expect["strict"])
    plan = config["notes_site"].plan
    assert [p.slug for p in plan.pages] == expect["pages"]
    warnings = messages(records, logging.WARNING)
    assert len(warnings) == len(expect.get("warnings", [])), warnings
    for wanted, got in zip(expect.get("warnings", []), warnings, strict=True):
        assert got.startswith(wanted), got
    infos = messages(records, logging.INFO)
    for wanted in expect.get("infos", []):
        assert any(i.startswith(wanted) for i in infos), infos
    site = project / "site"
    for page, fragments in (expect.get("contains") or {}).items():
        html = (site / page).read_text(encoding="utf-8")
        for fragment in fragments:
            assert fragment in html, f"{page} lacks {fragment!r}"
    for page, fragments in (expect.get("text") or {}).items():
        text = squash(BeautifulSoup((site / page).read_text(), "lxml").find("article").get_text(""))
        for fragment in fragments:
            assert fragment in text, f"{page} does not read {fragment!r}"
    for page, fragments in (expect.get("absent") or {}).items():
        html = (site / page).read_text(encoding="utf-8")
        for fragment in fragments:
            assert fragment not in html, f"{page} has {fragment!r}"


def reader_text(page: Path) -> str:
    """The article's text, with each image's alt text in its place."""
    article = BeautifulSoup(page.read_text(encoding="utf-8"), "lxml").find("article")
    for image in article.find_all("img"):
        image.replace_with(image.get("alt", ""))
    return squash(article.get_text(""))


@pytest.mark.parametrize("case", CASES)
def test_no_line_of_the_case_is_lost(case, tmp_path):
    """Every non-blank line's text is on the page that owns it."""
    project, _expect = make_project(case, tmp_path)
    config, _ = build_case(project, strict=False)
    state = config["notes_site"]
    html = {p.slug: reader_text(project / "site" / f"{p.slug}.html") for p in state.plan.pages}
    # Syntax that a transform turns into markup: callout markers, embeds.
    # and footnote references and emoji shortcodes, which become markup.
    markers = (
        re.compile(r"\[![A-Za-z]+\][+-]? ?"),
        re.compile(r"!\[\[[^\]]*\]\]"),
        re.compile(r"\[\^[^\]]+\]"),
        re.compile(r":[a-z0-9_+-]+:"),
    )
    for notes in state.notes.files:
        owner = {
            line: p.slug
            for p in state.plan.pages
            for path, start, end in p.sources
            if path == notes.path
            for line in range(start, end)
        }
        front_matter = {
            line for t in notes.tokens if t.type == "front_matter" for line in range(*t.map)
        }
        for line, parts in line_texts(notes.text).items():
            if line in front_matter:
                continue
            assert line in owner, f"{notes.path}:{line + 1} belongs to no page"
            for part in parts:
                text = squash(part)
                if text.startswith("[^"):
                    continue  # footnote definitions move to the page that cites them
                for marker in markers:
                    text = squash(marker.sub("", text))
                if not text:
                    continue
                page = owner[line]
                assert text in html[page], f"{notes.path}:{line + 1} {text!r} not on {page}"


@pytest.mark.parametrize("case", ["lists", "headings", "blocks", "folder"])
def test_crlf_line_endings_build_the_same_pages(case, tmp_path):
    """Windows line endings change nothing a reader sees."""
    lf, expect = make_project(case, tmp_path / "lf")
    crlf, _ = make_project(case, tmp_path / "crlf", crlf=True)
    build_case(lf, strict=expect["strict"])
    build_case(crlf, strict=expect["strict"])
    for page in (lf / "site").glob("*.html"):
        if page.name in ("404.html", "sitemap.xml"):
            continue
        a = BeautifulSoup(page.read_text(), "lxml").find("article")
        b = BeautifulSoup((crlf / "site" / page.name).read_text(), "lxml").find("article")
        assert squash(a.get_text(" ")) == squash(b.get_text(" ")), page.name


def test_a_missing_notes_path_stops_the_build_with_what_to_fix(tmp_path, caplog):
    """A notes source that does not exist is an error naming it, the folder it is
    read from and the settings that name it."""
    project, _ = make_project("lists", tmp_path)
    (project / "notes.md").unlink()
    with pytest.raises(Abort):
        build_case(project, strict=True)
    assert "The notes 'notes.md' do not exist" in caplog.text
    assert f"read from the folder of mkdocs.yml, {project})" in caplog.text
    assert "or extra.notes.source in mkdocs.yml" in caplog.text


def test_bytes_that_are_not_utf8_are_replaced_and_reported_with_their_line(tmp_path):
    """A Latin-1 byte is shown as a replacement character and reported at its line."""
    project, _ = make_project("lists", tmp_path)
    notes = project / "notes.md"
    notes.write_bytes(notes.read_bytes().replace(b"star item", b"star \xe9tem"))
    _config, records = build_case(project, strict=False)
    assert messages(records, logging.WARNING) == [
        "notes.md:3: bytes that are not UTF-8 (column 8); they are shown as \ufffd. "
        "Save the file as UTF-8."
    ]
    assert "star \ufffdtem" in (project / "site" / "s3.html").read_text()
