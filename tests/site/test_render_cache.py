"""Pages rendered once and taken from the build cache after: the same site, the same warnings."""

from __future__ import annotations

import logging
import shutil
from pathlib import Path

import pytest
from mkdocs.structure.toc import get_toc
from notesite.output.rendered import page_key, toc_tokens

from tests.conftest import build_project

ROOT = Path(__file__).resolve().parents[2]
FIXTURE = ROOT / "tests" / "fixtures" / "site-basic"
BROKEN = "contains a link 'missing.md'"

pytestmark = pytest.mark.slow


class Records(logging.Handler):
    def __init__(self) -> None:
        super().__init__(logging.INFO)
        self.messages: list[str] = []

    def emit(self, record: logging.LogRecord) -> None:
        self.messages.append(record.getMessage())


@pytest.fixture
def project(tmp_path: Path) -> Path:
    """The fixture site with the page cache, and a page with a broken link."""
    project = tmp_path / "project"
    shutil.copytree(FIXTURE, project)
    config = (project / "mkdocs.yml").read_text(encoding="utf-8")
    hooks = f"  - {ROOT / 'hooks/notes_site.py'}\n  - {ROOT / 'hooks/render_cache.py'}\n"
    config = config.replace("  - ../../../hooks/notes_site.py\n", hooks)
    (project / "mkdocs.yml").write_text(config, encoding="utf-8")
    (project / "docs" / "extra.md").write_text(
        "# Extra\n\n## Part\n\nSee [nothing](missing.md) and [part](#part).\n", encoding="utf-8"
    )
    return project


def build_once(project: Path, site: Path) -> list[str]:
    records = Records()
    logger = logging.getLogger("mkdocs")
    level = logger.level
    logger.addHandler(records)
    logger.setLevel(logging.INFO)
    try:
        build_project(project / "mkdocs.yml", site, strict=False)
    finally:
        logger.removeHandler(records)
        logger.setLevel(level)
    said = records.messages
    return [m for m in said if not m.startswith(("Documentation built", "Building documentation"))]


def pages(site: Path) -> dict[str, bytes]:
    return {
        p.relative_to(site).as_posix(): p.read_bytes()
        for p in sorted(site.rglob("*"))
        if p.is_file() and p.suffix in (".html", ".json")
    }


def test_a_second_build_takes_every_page_from_the_cache_and_says_the_same(project: Path) -> None:
    """The second build renders nothing, writes the same pages and logs the same warnings."""
    first = build_once(project, project / "site-1")
    kept = sorted((project / ".cache/notes-site/pages").iterdir())
    assert len(kept) == len([p for p in pages(project / "site-1") if p.endswith(".html")]) - 1
    second = build_once(project, project / "site-2")
    assert [m for m in first if BROKEN in m] and first == second
    assert pages(project / "site-1") == pages(project / "site-2")
    assert sorted((project / ".cache/notes-site/pages").iterdir()) == kept


def test_an_edited_page_is_rendered_again(project: Path) -> None:
    """Editing a page's Markdown renders that page afresh; the others come from the cache."""
    build_once(project, project / "site-1")
    page = project / "docs" / "extra.md"
    page.write_text(page.read_text(encoding="utf-8").replace("Part", "Section"), encoding="utf-8")
    build_once(project, project / "site-2")
    assert 'id="section"' in (project / "site-2" / "extra.html").read_text(encoding="utf-8")
    assert len(list((project / ".cache/notes-site/pages").iterdir())) == len(
        [p for p in pages(project / "site-1") if p.endswith(".html")]
    )


def test_the_key_changes_with_each_input() -> None:
    """The site, the page's place and its Markdown each make a different key."""
    key = page_key("site", "a.md", "a.html", "# A")
    others = [
        page_key("site2", "a.md", "a.html", "# A"),
        page_key("site", "b.md", "a.html", "# A"),
        page_key("site", "a.md", "b.html", "# A"),
        page_key("site", "a.md", "a.html", "# B"),
    ]
    assert key == page_key("site", "a.md", "a.html", "# A")
    assert key not in others and len(set(others)) == len(others)


def test_a_table_of_contents_survives_as_tokens() -> None:
    """toc_tokens gives back what get_toc was made from."""
    tokens = [
        {"level": 1, "id": "a", "name": "A", "children": [
            {"level": 2, "id": "b", "name": "B &amp; C", "children": []},
        ]},
    ]  # fmt: skip
    assert toc_tokens(get_toc(tokens)) == tokens  # type: ignore[arg-type]
