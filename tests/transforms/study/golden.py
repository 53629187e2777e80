"""Golden fixtures of the study aids: read, compare and (on request) rewrite.

A fixture is one Markdown file under ``fixtures/<area>/``, readable on its
own: a heading saying what it shows, then fenced blocks (five tildes) named
``input``, ``expected`` and, for some areas, ``page`` (the slug of the page
to transform). Run the tests with ``UPDATE_GOLDEN=1`` to rewrite
``expected`` from the current output, then review the diff.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from tests.golden_files import UPDATE, read_blocks, write_blocks

ROOT = Path(__file__).resolve().parents[3]
FIXTURES = Path(__file__).parent / "fixtures"
PROJECT = FIXTURES / "project"  # a small catalogue and cross-link settings


@dataclass
class Case:
    path: Path
    blocks: dict[str, str]

    @property
    def name(self) -> str:
        return self.path.stem

    @property
    def input(self) -> str:
        return self.blocks["input"]

    @property
    def page(self) -> str:
        return self.blocks.get("page", "").strip()

    def check(self, output: str, language: str = "markdown") -> None:
        """Compare with the expected block; with UPDATE_GOLDEN=1, write it instead."""
        if UPDATE:
            write_blocks(self.path, {"expected": (language, output)})
            return
        assert "expected" in self.blocks, f"{self.path.name}: no expected block; UPDATE_GOLDEN=1"
        assert output == self.blocks["expected"]


def cases(area: str) -> list[Case]:
    return [Case(path, read_blocks(path)) for path in sorted((FIXTURES / area).glob("*.md"))]
