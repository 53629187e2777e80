"""Golden fixtures of the study aids: read, compare and (on request) rewrite.

A fixture is one Markdown file under ``fixtures/<area>/``, readable on its
own: a heading saying what it shows, then fenced blocks (five tildes) named
``input``, ``expected`` and, for some areas, ``page`` (the slug of the page
to transform). Run the tests with ``UPDATE_GOLDEN=1`` to rewrite
``expected`` from the current output, then review the diff.
"""

from __future__ import annotations

import os
import re
from dataclasses import dataclass
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
FIXTURES = Path(__file__).parent / "fixtures"
PROJECT = FIXTURES / "project"  # a small catalogue and cross-link settings
UPDATE = os.environ.get("UPDATE_GOLDEN") == "1"

FENCE = "~~~~~"
_BLOCK = re.compile(rf"^{FENCE} ?(?:\w+ )?(input|expected|page)\n(.*?)^{FENCE}$", re.M | re.S)


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
            text = _BLOCK.sub(
                lambda m: "" if m.group(1) == "expected" else m.group(0),
                self.path.read_text(encoding="utf-8"),
            )
            text = text.rstrip("\n") + f"\n\n{FENCE} {language} expected\n{output}{FENCE}\n"
            self.path.write_text(re.sub(r"\n{3,}", "\n\n", text), encoding="utf-8")
            return
        assert "expected" in self.blocks, f"{self.path.name}: no expected block; UPDATE_GOLDEN=1"
        assert output == self.blocks["expected"]


def cases(area: str) -> list[Case]:
    found = []
    for path in sorted((FIXTURES / area).glob("*.md")):
        blocks = {m.group(1): m.group(2) for m in _BLOCK.finditer(path.read_text("utf-8"))}
        if "input" not in blocks:
            raise ValueError(f"{path}: no '{FENCE} input' block")
        found.append(Case(path, blocks))
    return found
