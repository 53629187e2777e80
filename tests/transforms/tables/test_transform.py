"""The tables transform on token streams: what it leaves alone, and comparisons across pages."""

from __future__ import annotations

from pathlib import Path

import pytest
from notesite.reading.parse import RAW_MARKDOWN, make_parser, parse_notes
from notesite.transforms.context import PageContext
from notesite.transforms.tables.transform import transform_tables

from .golden import NOTES, ROOT

PLAIN = """\
# IAM
- Root account to have MFA to enabled.
- 500 IAM users per account.
  - A single user can only be in 10 group.

Some text, then a numbered list:

1. Login as IAM user on master account.
2. From the console, use switch the Role option.

```
aws sts assume-role --role-arn arn:aws:iam::123:role/x
```
"""


def _context(tokens: list, root: Path = ROOT, slug: str = "notes") -> PageContext:
    return PageContext(NOTES, slug, root, notes_tokens=tokens)


def test_nothing_to_transform_leaves_the_tokens_unchanged() -> None:
    """Lists that compare nothing come back as the very same token objects, in order."""
    notes = parse_notes(PLAIN, NOTES)
    context = _context(notes.tokens)
    result = transform_tables(list(notes.tokens), context)
    assert len(result) == len(notes.tokens)
    assert all(a is b for a, b in zip(result, notes.tokens, strict=True))
    assert context.messages == []


def test_a_comparison_becomes_one_raw_block_at_the_list_place() -> None:
    """The list's tokens are replaced by one raw Markdown block mapped to the list's lines."""
    text = "# S3\n- Standard.\n  - 99.99% availability.\n- Infrequent.\n  - 99.9% availability.\n"
    notes = parse_notes(text, NOTES)
    result = transform_tables(list(notes.tokens), _context(notes.tokens))
    assert [t.type for t in result] == ["heading_open", "inline", "heading_close", RAW_MARKDOWN]
    assert result[-1].map == [1, 5]
    assert "| Standard | **99.99%** availability. |" in result[-1].content


def test_a_named_comparison_gathers_rows_from_other_pages(tmp_path: Path) -> None:
    """Each page holding a row of a named comparison shows the table with all its rows."""
    data = tmp_path / "docs" / "_data"
    data.mkdir(parents=True)
    (data / "facets.yml").write_text((ROOT / "docs/_data/facets.yml").read_text())
    (data / "tables.yml").write_text(
        "comparisons:\n  - title: VPN and DX compared\n"
        "    rows: [When to choose VPN, When to choose DX]\n"
    )
    text = (
        "# VPN\n- Per hour cost.\n## When to choose VPN\n- Need Encryption\n- Urgent need\n"
        "# DX\n- Dedicated line.\n"
        "## When to choose DX\n- High throughputs.\n- Cheaper if high volume.\n"
    )
    notes = parse_notes(text, NOTES, make_parser())
    split = next(
        i for i, t in enumerate(notes.tokens) if t.type == "heading_open" and t.map == [5, 6]
    )
    pages = {"vpn": notes.tokens[:split], "dx": notes.tokens[split:]}
    for slug, tokens in pages.items():
        result = transform_tables(list(tokens), _context(notes.tokens, tmp_path, slug))
        tables = [t.content for t in result if t.type == RAW_MARKDOWN]
        assert len(tables) == 1, slug
        assert tables[0].startswith("## VPN and DX compared\n")
        rows = [
            line.split(" | ")[0] for line in tables[0].splitlines() if line.startswith("| When")
        ]
        assert rows == ["| When to choose VPN", "| When to choose DX"], slug


@pytest.mark.parametrize(
    ("marker", "facts", "tables"),
    [
        ("", ("Operates at layer 4.", "Operates at layer 7."), 1),
        ("<!-- no-table -->", ("Operates at layer 4.", "Operates at layer 7."), 0),
        ("", ("The older kind.", "The newer kind."), 0),
        ("<!--table-->", ("The older kind.", "The newer kind."), 1),
    ],
)
def test_markers_before_sibling_sections(marker: str, facts: tuple[str, str], tables: int) -> None:
    """A marker before the first of sibling sections turns their table off, or forces it."""
    text = f"# LB\n{marker}\n## CLB\n- {facts[0]}\n## ALB\n- {facts[1]}\n"
    notes = parse_notes(text, NOTES)
    result = transform_tables(list(notes.tokens), _context(notes.tokens))
    assert sum(t.type == RAW_MARKDOWN for t in result) == tables
