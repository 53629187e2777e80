"""Numbers to remember: the extraction rules of docs/_data/numbers.yml, and the page."""

from __future__ import annotations

import pytest
from notesite.reading.parse import make_parser, parse_notes
from notesite.transforms.study.numbers import (
    Fact,
    NumberRules,
    NumberRulesError,
    PageRef,
    find_numbers,
    load_rules,
    numbers_markdown,
    text_markdown,
)
from notesite.transforms.study.text import Passage, Target, text_and_skips

from .golden import ROOT, Case, cases

RULES = load_rules(ROOT)
CASES = cases("numbers")


def annotate(line: str, rules: NumberRules) -> str:
    """The line's text with each number to remember as [[number|kind]]."""
    mdit = make_parser()
    out = []
    for token in parse_notes(line, "notes.md", mdit).tokens:
        if token.type != "inline":
            continue
        text, skips = text_and_skips(token.children or [])
        position = 0
        for found in find_numbers(text, rules, skips):
            out.append(text[position : found.start] + f"[[{found.text}|{found.kind}]]")
            position = found.end
        out.append(text[position:])
    return "".join(out)


@pytest.mark.parametrize("case", CASES, ids=[c.name for c in CASES])
def test_golden(case: Case) -> None:
    """Each line's numbers to remember, and their kinds, are the fixture's (UPDATE_GOLDEN=1)."""
    assert RULES is not None
    lines = [annotate(line, RULES) for line in case.input.splitlines() if line.strip()]
    case.check("\n".join(lines) + "\n", "text")


def test_a_text_without_numbers_gives_none() -> None:
    """Plain words, and digits inside names, give no numbers."""
    assert RULES is not None
    assert find_numbers("Queues decouple the web tier from EC2 workers.", RULES) == []


def test_rules_are_data() -> None:
    """Another unit in the data is found; without it, the same text gives nothing."""
    data = {"units": {"distance": {"names": ["km"]}}}
    assert [f.text for f in find_numbers("About 40 km away.", NumberRules.from_data(data))] == [
        "40 km"
    ]
    assert find_numbers("About 40 km away.", NumberRules.from_data({})) == []


def test_a_broken_rule_file_is_an_error_that_names_the_key() -> None:
    """A list of rules that is not a list of strings stops the build with the key named."""
    with pytest.raises(NumberRulesError, match="'counted' must be a list"):
        NumberRules.from_data({"counted": "users"})


def _passage(text: str, section: Target, context: str = "") -> Passage:
    return Passage("sqs", "notes.md", 0, text, (), section, context)


def test_page_groups_by_page_then_section_and_links_each_section() -> None:
    """The page has a heading per page in the given order, a link per section, numbers in bold."""
    assert RULES is not None
    polling = Target("sqs", "polling", "Polling")
    facts = [
        Fact(p, tuple(find_numbers(p.text, RULES)))
        for p in [
            _passage("Messages are up to 256 KB.", Target("sqs", "", "Amazon SQS")),
            _passage("Waits up to 20 seconds.", polling, "Long polling"),
        ]
    ]
    markdown = numbers_markdown(facts, [PageRef("s3", "Amazon S3"), PageRef("sqs", "Amazon SQS")])
    body = markdown.split("---\n", 2)[2]
    assert "## Amazon SQS" in body and "## Amazon S3" not in body
    assert "[Amazon SQS](sqs.md)" in body
    assert "[Polling](sqs.md#polling)" in body
    assert "- Messages are up to **256 KB**." in body
    assert "- *Long polling* › Waits up to **20 seconds**." in body
    assert "2 numbers in 2 facts on 1 pages" in body


def test_text_is_escaped_so_it_reads_as_written() -> None:
    """Markup characters in the notes' text are shown, not read as Markdown or HTML."""
    assert text_markdown("<18% of *checks* | ~3000") == r"&lt;18% of \*checks\* &#124; &#126;3000"
    assert text_markdown("1. first") == r"1\. first"
