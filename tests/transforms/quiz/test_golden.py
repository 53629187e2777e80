"""Golden tests of the quiz transform: each fixture's notes give exactly its
expected page Markdown and warnings (``UPDATE_GOLDEN=1`` rewrites them)."""

from __future__ import annotations

from pathlib import Path

import pytest
from notesite.reading.parse import make_parser, parse_notes, render_markdown
from notesite.reading.sanitise import sanitise_tokens
from notesite.transforms.context import PageContext
from notesite.transforms.quiz.model import PageQuiz
from notesite.transforms.quiz.transform import transform_quiz

from tests.golden_files import UPDATE, read_blocks, write_blocks

ROOT = Path(__file__).resolve().parents[3]
FIXTURES = sorted((Path(__file__).parent / "fixtures").glob("*.md"))
NOTES = "notes.md"


def run(text: str) -> tuple[str, list[str], PageQuiz | None]:
    """The page Markdown, warnings and what was found, for a notes snippet."""
    mdit = make_parser()
    notes = parse_notes(text, NOTES, mdit)
    sanitise_tokens(notes.tokens, NOTES)
    context = PageContext(notes_path=NOTES, slug="page", root=ROOT, cache={"mdit": mdit})
    tokens = transform_quiz(notes.tokens, context)
    markdown = render_markdown(tokens, notes.env, mdit)
    return markdown, [str(m) for m in context.messages], context.quiz


@pytest.mark.parametrize("path", FIXTURES, ids=[p.stem for p in FIXTURES])
def test_golden(path: Path) -> None:
    """The transform's output and warnings match the fixture."""
    blocks = read_blocks(path)
    markdown, warnings, _ = run(blocks["input"])
    if UPDATE:
        text = "".join(f"{w}\n" for w in warnings)
        write_blocks(path, {"expected": ("markdown", markdown), "warnings": ("text", text)})
        return
    assert "expected" in blocks, f"{path.name}: no expected block; run with UPDATE_GOLDEN=1"
    assert markdown == blocks["expected"]
    assert warnings == [w for w in blocks.get("warnings", "").splitlines() if w.strip()]


def test_nothing_to_recognise_leaves_the_tokens_as_they_were() -> None:
    """A page without questions renders exactly as it did before the transform."""
    text = read_blocks(Path(__file__).parent / "fixtures" / "nothing.md")["input"]
    mdit = make_parser()
    notes = parse_notes(text, NOTES, mdit)
    markdown, _, quiz = run(text)
    assert quiz is None
    assert markdown == render_markdown(notes.tokens, notes.env, mdit)
