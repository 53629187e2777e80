"""Golden fixtures of the tables transform: read, run and (on request) rewrite.

A fixture is one Markdown file under ``fixtures/``, readable on its own: a
heading saying what it shows, then fenced blocks (five tildes) named
``input`` (a snippet of notes), ``expected`` (the page's Markdown after the
transform), ``warnings`` (one per line) and, optionally, ``tables`` (a
tables.yml used instead of the project's). Run the tests with
``UPDATE_GOLDEN=1`` to rewrite ``expected`` and ``warnings`` from the
current output, then review the diff.
"""

from __future__ import annotations

import shutil
from dataclasses import dataclass
from pathlib import Path

from notesite.reading.parse import make_parser, parse_notes, render_markdown
from notesite.transforms.context import PageContext
from notesite.transforms.tables.transform import transform_tables

from tests.golden_files import read_blocks, write_blocks

ROOT = Path(__file__).resolve().parents[3]
FIXTURES = Path(__file__).parent / "fixtures"
NOTES = "notes.md"


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
    def expected(self) -> str | None:
        return self.blocks.get("expected")

    @property
    def warnings(self) -> list[str]:
        return [line for line in self.blocks.get("warnings", "").splitlines() if line.strip()]

    def rewrite(self, expected: str, warnings: list[str]) -> None:
        """Write the current output into the fixture (``UPDATE_GOLDEN=1``)."""
        write_blocks(
            self.path,
            {
                "expected": ("markdown", expected),
                "warnings": ("text", "".join(f"{w}\n" for w in warnings)),
            },
        )


def load_case(path: Path) -> Case:
    return Case(path, read_blocks(path))


def all_cases() -> list[Case]:
    return [load_case(path) for path in sorted(FIXTURES.glob("*.md"))]


def data_root(case: Case, scratch: Path) -> Path:
    """The project's root, or a copy of its facets with the case's tables.yml."""
    if "tables" not in case.blocks:
        return ROOT
    data = scratch / "docs" / "_data"
    data.mkdir(parents=True, exist_ok=True)
    shutil.copy(ROOT / "docs/_data/facets.yml", data / "facets.yml")
    shutil.copy(ROOT / "docs/_data/catalogue.yml", data / "catalogue.yml")
    (data / "tables.yml").write_text(case.blocks["tables"], encoding="utf-8")
    return scratch


def run(text: str, root: Path = ROOT, slug: str = "notes") -> tuple[str, list[str]]:
    """The page's Markdown after the tables transform, and the warnings."""
    mdit = make_parser()
    notes = parse_notes(text, NOTES, mdit)
    context = PageContext(NOTES, slug, root, env=dict(notes.env), notes_tokens=notes.tokens)
    tokens = transform_tables(list(notes.tokens), context)
    return render_markdown(tokens, notes.env, mdit), [str(m) for m in context.messages]
