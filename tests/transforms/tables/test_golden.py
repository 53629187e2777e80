"""Golden tests: each fixture's notes snippet gives exactly its expected page Markdown."""

from __future__ import annotations

import re
from pathlib import Path
from typing import Any

import pytest
from notesite.transforms.tables import page_pass
from notesite.transforms.tables.data import load_table_data

from tests.golden_files import UPDATE

from .golden import ROOT, Case, all_cases, data_root, run

CASES = all_cases()


@pytest.mark.parametrize("case", CASES, ids=[c.name for c in CASES])
def test_golden(case: Case, tmp_path: Path) -> None:
    """The transform's output and warnings match the fixture (UPDATE_GOLDEN=1 rewrites it)."""
    markdown, warnings = run(case.input, data_root(case, tmp_path))
    if UPDATE:
        case.rewrite(markdown, warnings)
        return
    assert case.expected is not None, (
        f"{case.path.name}: no expected block; run with UPDATE_GOLDEN=1"
    )
    assert markdown == case.expected
    assert warnings == case.warnings


def test_every_facet_has_a_golden(monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> None:
    """Each facet of facets.yml takes a fact of some table the goldens write."""
    written: set[str] = set()
    build = page_pass.build_table

    def recording(*args: Any) -> Any:
        table = build(*args)
        written.update(facet.id for facet in table.columns)
        return table

    monkeypatch.setattr(page_pass, "build_table", recording)
    for case in CASES:
        run(case.input, data_root(case, tmp_path / case.name))
    facets = {facet.id for facet in load_table_data(ROOT).facets}
    assert sorted(facets - written) == []


def _python_markdown(text: str) -> str:
    import markdown

    extensions = [
        "tables",
        "admonition",
        "attr_list",
        "md_in_html",
        "pymdownx.details",
        "pymdownx.superfences",
    ]
    return markdown.markdown(text, extensions=extensions)


_ITEM = re.compile(r"^\s*(?:[-*+]|\d+[.)])\s")


def _collapsed_item_counts(markdown: str) -> list[int]:
    """For each ``???`` block, how many list items its indented body holds."""
    counts = []
    lines = markdown.splitlines()
    for number, line in enumerate(lines):
        if not line.lstrip().startswith("??? "):
            continue
        depth = len(line) - len(line.lstrip())
        count = 0
        for body in lines[number + 1 :]:
            if body.strip() and len(body) - len(body.lstrip()) <= depth:
                break
            count += bool(_ITEM.match(body))
        counts.append(count)
    return counts


@pytest.mark.parametrize("case", CASES, ids=[c.name for c in CASES])
def test_collapsed_lists_hold_only_their_own_bullets(case: Case, tmp_path: Path) -> None:
    """Rendered as MkDocs does, a "From the notes" block holds its list and nothing after it."""
    from bs4 import BeautifulSoup

    markdown, _ = run(case.input, data_root(case, tmp_path))
    soup = BeautifulSoup(_python_markdown(markdown), "lxml")
    rendered = [len(block.find_all("li")) for block in soup.find_all("details")]
    assert rendered == _collapsed_item_counts(markdown)
    separators = [line for line in markdown.splitlines() if line.strip().startswith("| ---")]
    assert len(soup.find_all("table")) == len(separators)
