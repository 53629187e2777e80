"""What the author is told: many problems of a kind in a file as one line."""

from __future__ import annotations

from notesite.planning.plan import Message
from notesite.reading.checks import Finding
from notesite.report import kind, told


def missing(path: str, line: int, anchor: str) -> Finding:
    return Finding(path, line, f"link to heading #{anchor}, which no heading of {path} has")


def test_many_problems_of_a_kind_in_a_file_are_one_line_with_count_and_lines():
    """Five broken anchors in one file: one line, the count, the first three lines."""
    problems = [missing("Study Notes/SQS.md", line, f"a{line}") for line in (4, 9, 9, 31, 40)]
    lines = told(problems)
    assert [line.text for line in lines] == [
        "Study Notes/SQS.md: 5 of this kind (lines 4, 9, 31, …); the first: "
        "link to heading #a4, which no heading of Study Notes/SQS.md has."
    ]
    assert lines[0].count == 5
    assert lines[0].warning


def test_a_few_problems_are_told_one_by_one_in_line_order():
    """Up to three of a kind stay separate, each with its own fix, among the others."""
    problems = [
        missing("a.md", 2, "x"),
        Message("a.md", 3, "image p.png not found"),
        missing("a.md", 5, "y"),
        missing("b.md", 1, "z"),
    ]
    assert [line.text for line in told(problems)] == [str(p) for p in problems]


def test_kinds_differ_by_their_fixed_words_not_their_names():
    """Two missing pictures are one kind; a missing picture and a broken link are not."""
    a = "image Pasted%20image%202024.png not found (looked for Study Notes/x.png); shown"
    b = "image diagram.png not found (looked for y.png); shown"
    assert kind(a) == kind(b)
    assert kind(a) != kind("link to heading #x, which no heading of a.md has")
