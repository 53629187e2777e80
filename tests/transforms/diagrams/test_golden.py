"""Golden tests: a snippet of notes in, the page's Markdown with its diagrams out.

Each ``fixtures/cases/<name>.md`` is a piece of notes; ``<name>.out.md`` is
what the flow transform makes of it (the mermaid source included), preceded
by one ``<!-- warning: ... -->`` line per build warning. Run with
``UPDATE_GOLDEN=1`` to rewrite the expected files after a deliberate change,
then review the diff.
"""

from __future__ import annotations

import os
import re
import textwrap
from pathlib import Path

import pytest
from notesite.transforms.diagrams.mermaid import check_mermaid

from .conftest import FIXTURES, transform

CASES = sorted((FIXTURES / "cases").glob("*.md"))
CASES = [c for c in CASES if not c.name.endswith(".out.md")]
UPDATE = os.environ.get("UPDATE_GOLDEN") == "1"
FENCE = re.compile(r"^( *)```mermaid\n(.*?)^\1```", re.DOTALL | re.MULTILINE)


def expected_text(case: Path) -> str:
    result = transform(case.read_text(encoding="utf-8"))
    header = "".join(f"<!-- warning: {w} -->\n" for w in result.warnings)
    return header + result.markdown


@pytest.mark.parametrize("case", CASES, ids=[c.stem for c in CASES])
def test_golden(case: Path) -> None:
    """The transform turns each fixture into exactly its expected page Markdown."""
    expected_file = case.with_suffix(".out.md")
    actual = expected_text(case)
    if UPDATE:
        expected_file.write_text(actual, encoding="utf-8")
    assert expected_file.exists(), f"run UPDATE_GOLDEN=1 to create {expected_file.name}"
    assert actual == expected_file.read_text(encoding="utf-8")


@pytest.mark.parametrize("case", CASES, ids=[c.stem for c in CASES])
def test_golden_diagrams_parse(case: Path) -> None:
    """Every diagram in the expected files is mermaid this renderer vouches for."""
    expected_file = case.with_suffix(".out.md")
    sources = FENCE.findall(expected_file.read_text(encoding="utf-8"))
    for indent, source in sources:
        source = textwrap.dedent(source) if indent else source
        assert check_mermaid(source) == [], source
