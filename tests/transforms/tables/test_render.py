"""Cells: pipes escaped outside code, code blocks as inline code, references made inline."""

from __future__ import annotations

import pytest
from notesite.reading.parse import make_parser
from notesite.transforms.tables.render import code_span, escape_pipes, inline_references, rebase


@pytest.mark.parametrize(
    ("markdown", "escaped"),
    [
        ("A|B", "A\\|B"),
        ("`a|b` and c|d", "`a|b` and c\\|d"),
        ("``a`|`b`` |", "``a`|`b`` \\|"),
        ("already \\| escaped", "already \\| escaped"),
        ("an ` unclosed | tick", "an ` unclosed \\| tick"),
    ],
)
def test_escape_pipes(markdown: str, escaped: str) -> None:
    """A pipe ends a cell unless escaped; inside a code span it is left as written."""
    assert escape_pipes(markdown) == escaped


@pytest.mark.parametrize(
    ("code", "span"),
    [("aws s3 ls", "`aws s3 ls`"), ("echo `date`", "`` echo `date` ``"), ("a``b", "```a``b```")],
)
def test_code_span(code: str, span: str) -> None:
    """A code line becomes a code span whose fence is longer than any backtick run inside."""
    assert code_span(code) == span


def test_references_become_inline_links() -> None:
    """A reference link keeps its target when its definition is no longer beside it."""
    tokens = make_parser().parse("- See [docs][d].\n\n[d]: https://example.com\n", {})
    links = [
        c for t in inline_references(tokens) for c in t.children or [] if c.type == "link_open"
    ]
    assert links and all("label" not in link.meta for link in links)
    # The parser's own tokens are not changed.
    assert any(
        c.meta.get("label") for t in tokens for c in t.children or [] if c.type == "link_open"
    )


def test_rebase_moves_a_nested_list_to_the_top_level() -> None:
    """A nested list's copies start at level 0; the originals keep their level."""
    tokens = make_parser().parse("- a\n  - b\n    - c\n")
    nested = tokens[5:-2]
    assert nested[0].type == "bullet_list_open" and nested[0].level == 2
    moved = rebase(nested)
    assert moved[0].level == 0 and nested[0].level == 2
