"""Helpers for the diagram tests: run the flow transform on a snippet of notes."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

import pytest
from markdown_it.token import Token
from notesite.reading.parse import parse_notes, render_markdown
from notesite.transforms.context import PageContext
from notesite.transforms.diagrams.data import DiagramRules, load_rules
from notesite.transforms.diagrams.transform import transform_flows

HERE = Path(__file__).resolve().parent
FIXTURES = HERE / "fixtures"
# A project of its own (docs/_data/actors.yml, flows.yml): the golden tests do
# not change when the real data is tuned for the real notes.
PROJECT = FIXTURES / "project"
NOTES = "notes.md"


@dataclass
class Transformed:
    before: list[Token]
    after: list[Token]
    markdown: str
    warnings: list[str]


def transform(text: str, root: Path = PROJECT) -> Transformed:
    """The notes snippet through transform_flows, rendered back to Markdown."""
    notes = parse_notes(text, NOTES)
    context = PageContext(
        notes_path=NOTES, slug="case", root=root, env=dict(notes.env), notes_tokens=notes.tokens
    )
    before = list(notes.tokens)
    after = transform_flows(before, context)
    return Transformed(
        before, after, render_markdown(after, notes.env), [str(m) for m in context.messages]
    )


@pytest.fixture(scope="session")
def rules() -> DiagramRules:
    """The rules and actors of the fixture project."""
    loaded = load_rules(PROJECT)
    assert loaded is not None
    return loaded
