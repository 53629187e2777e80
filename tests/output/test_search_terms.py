"""The keyword line hooks/search_terms.py puts under each service page's title."""

from __future__ import annotations

from pathlib import Path

import pytest
from bs4 import BeautifulSoup
from notesite.output.search_terms import (
    insert_after_title,
    keywords,
    keywords_markdown,
    page_keywords,
)
from notesite.planning.catalogue import Entry, load_catalogue

ROOT = Path(__file__).resolve().parents[2]

DYNAMODB = Entry(
    slug="dynamodb",
    name="Amazon DynamoDB",
    short="DynamoDB",
    category="databases",
    abbreviations=(("DDB", "DynamoDB"), ("RCU", "Read Capacity Unit")),
    aliases=("DDB", "dynamo table", "Amazon DynamoDB"),
)

PAGE = """# Amazon DynamoDB

From the notes: **NoSQL DynamoDB** · `notes/aws-notes.md` lines 960–1100
{ .notes-source }

- DDB consists of tables.
"""


def test_keywords_are_aliases_then_abbreviations_with_their_meaning() -> None:
    """Aliases come first; each abbreviation is followed by what it stands for."""
    assert keywords(DYNAMODB) == ["dynamo table", "DDB (DynamoDB)", "RCU (Read Capacity Unit)"]


def test_alias_repeating_a_name_or_abbreviation_is_left_out() -> None:
    """An alias equal to the entry's name or to an abbreviation is not listed twice."""
    words = keywords(DYNAMODB)
    assert "Amazon DynamoDB" not in words
    assert sum(word.startswith("DDB") for word in words) == 1


def test_what_the_title_already_says_is_not_repeated() -> None:
    """An abbreviation spelt out in the title, or an alias the title holds, is left out."""
    sqs = Entry(
        slug="sqs",
        name="Amazon Simple Queue Service (SQS)",
        short="Amazon SQS",
        category="integration",
        abbreviations=(("SQS", "Simple Queue Service"), ("FIFO", "First In, First Out")),
        aliases=("Simple Queue", "visibility timeout"),
    )
    assert keywords(sqs) == ["visibility timeout", "FIFO (First In, First Out)"]


def test_keyword_line_goes_under_the_title_and_source_line() -> None:
    """The line follows the title and the "From the notes" line, before the notes' text."""
    result = page_keywords(PAGE, DYNAMODB)
    assert result == PAGE.replace(
        "{ .notes-source }\n\n",
        "{ .notes-source }\n\n"
        "Keywords: dynamo table · DDB \\(DynamoDB\\) · RCU \\(Read Capacity Unit\\)\n"
        "{ .notes-keywords }\n\n",
    )


def test_keyword_line_goes_under_a_title_without_source_line() -> None:
    """With no source line the keywords come straight after the title."""
    assert insert_after_title("# T\n\nText.\n", "K") == "# T\n\nK\n\nText.\n"


def test_markdown_characters_in_keywords_are_escaped() -> None:
    """A keyword with Markdown syntax in it shows as written."""
    assert keywords_markdown(["a*b*", "[x]"]) == (
        "Keywords: a\\*b\\* · \\[x\\]\n{ .notes-keywords }"
    )


@pytest.mark.parametrize(
    ("markdown", "entry"),
    [
        (PAGE, None),
        (PAGE, Entry(slug="x", name="X", short="X", category="c")),
        ("No title here.\n", DYNAMODB),
        ("", DYNAMODB),
    ],
    ids=["no-entry", "entry-without-keywords", "no-title", "empty"],
)
def test_nothing_to_add_leaves_the_page_unchanged(markdown: str, entry: Entry | None) -> None:
    """Pages the catalogue does not describe, or gives no keywords, are returned as they were."""
    assert page_keywords(markdown, entry) == markdown


@pytest.mark.slow
def test_every_abbreviation_and_alias_is_on_its_built_page(built_site: Path) -> None:
    """In the real site each page's keyword line names its entry's abbreviations and aliases."""
    catalogue = load_catalogue(ROOT / "docs" / "_data" / "catalogue.yml")
    missing: dict[str, list[str]] = {}
    checked = 0
    for entry in catalogue.entries:
        page = built_site / f"{entry.slug}.html"
        if not page.is_file() or not (entry.abbreviations or entry.aliases):
            continue
        line = BeautifulSoup(page.read_text(encoding="utf-8"), "lxml").select_one(".notes-keywords")
        text = line.get_text() if line else ""
        wanted = [short for short, _ in entry.abbreviations] + list(entry.aliases)
        absent = [word for word in wanted if word not in text and word not in entry.name]
        if absent:
            missing[entry.slug] = absent
        checked += 1
    assert checked > 20
    assert missing == {}
