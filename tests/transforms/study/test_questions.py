"""Question cards: generated from the notes' facts by the rules of questions.yml."""

from __future__ import annotations

import pytest
from notesite.planning.catalogue import load_catalogue
from notesite.planning.plan import plan_site
from notesite.reading.parse import NotesSet, make_parser, parse_notes
from notesite.transforms.study.abbreviations import collect_abbreviations
from notesite.transforms.study.numbers import extract_facts, load_rules
from notesite.transforms.study.questions import (
    Card,
    QuestionRules,
    QuestionRulesError,
    all_cards,
    load_question_rules,
    table_cards,
    table_rows,
)
from notesite.transforms.study.text import passages

from .golden import PROJECT, ROOT, Case, cases

CATALOGUE = load_catalogue(PROJECT / "docs" / "_data" / "catalogue.yml")
NUMBERS = load_rules(ROOT)
RULES = load_question_rules(ROOT)
CASES = cases("questions")


def generate(notes: str, markdown: dict[str, str] | None = None) -> list[Card]:
    assert NUMBERS is not None and RULES is not None
    parsed = NotesSet([parse_notes(notes, "notes.md", make_parser())])
    plan = plan_site(parsed, CATALOGUE)
    found = list(passages(parsed, plan))
    abbreviations, _ = collect_abbreviations(CATALOGUE)
    order = [(page.slug, page.entry.short) for page in plan.pages]
    facts = extract_facts(found, NUMBERS)
    return all_cards(facts, found, abbreviations, markdown or {}, order, RULES)


def line(card: Card) -> str:
    return f"{card.kind} | {card.question} => {card.answer} | {card.href} | {card.quote}"


@pytest.mark.parametrize("case", CASES, ids=[c.name for c in CASES])
def test_golden(case: Case) -> None:
    """The cards of the fixture's notes are its expected ones (UPDATE_GOLDEN=1 rewrites)."""
    case.check("\n".join(line(card) for card in generate(case.input)) + "\n", "text")


def test_notes_without_facts_give_no_cards() -> None:
    """Plain sentences with no number or abbreviation give no card at all."""
    assert generate("# SQS\nQueues decouple parts.\n\n# SNS\nTopics fan out.\n") == []


TABLE = """\
## Storage classes

| Option | Availability | Minimum duration |
| --- | --- | --- |
| Standard | **99.99%** availability. | — |
| One Zone | **99.5%** availability. | **30 days** min. |
| Infrequent | **99.9%** availability. | **30 days** min. |
"""


def test_a_table_asks_which_option_alone_has_a_value() -> None:
    """Each value one option alone has is a question; one two options share is not."""
    assert RULES is not None
    notes = (
        "# S3\n## Storage classes\n- Standard\n    - 99.99% availability.\n"
        "- One Zone\n    - 99.5% availability.\n    - 30 days min.\n"
        "- Infrequent\n    - 99.9% availability.\n    - 30 days min.\n"
    )
    parsed = NotesSet([parse_notes(notes, "notes.md", make_parser())])
    found = list(passages(parsed, plan_site(parsed, CATALOGUE)))
    cards = table_cards("s3", TABLE, found, RULES)
    assert [(c.question, c.answer) for c in cards] == [
        ("Storage classes: which one has 99.99% availability?", "Standard"),
        ("Storage classes: which one has 99.5% availability?", "One Zone"),
        ("Storage classes: which one has 99.9% availability?", "Infrequent"),
    ]
    assert {c.href for c in cards} == {"s3.md#storage-classes"}
    assert cards[1].quote == "99.5% availability."


def test_table_rows_read_pipe_tables_under_their_heading() -> None:
    """Rows know their section, label and cells by column; text outside tables is skipped."""
    rows = table_rows("Intro.\n\n" + TABLE)
    assert [(r.section, r.label) for r in rows] == [
        ("Storage classes", "Standard"),
        ("Storage classes", "One Zone"),
        ("Storage classes", "Infrequent"),
    ]
    assert rows[1].cells["Minimum duration"] == "**30 days** min."


def test_a_table_cell_no_sentence_of_the_notes_holds_gives_no_card() -> None:
    """A card always links to the notes: without a matching sentence, no card."""
    assert RULES is not None
    assert table_cards("s3", TABLE, [], RULES) == []


def test_wording_is_data() -> None:
    """Another question wording in the data words every card that way."""
    rules = QuestionRules.from_data({"abbreviations": {"question": "{short} means?"}})
    assert rules.abbreviation_question.format(short="VIF") == "VIF means?"


def test_a_broken_rule_file_is_an_error_that_names_the_part() -> None:
    """A part that is not a mapping, or a bad pattern, stops the build with its place."""
    with pytest.raises(QuestionRulesError, match="'numbers' must be a mapping"):
        QuestionRules.from_data({"numbers": ["x"]})
    with pytest.raises(QuestionRulesError, match=r"numbers.never\[0\]"):
        QuestionRules.from_data({"numbers": {"never": ["("]}})


def test_card_ids_are_stable_and_unique() -> None:
    """The same notes give the same ids (a reader's schedule survives a rebuild)."""
    notes = "# Lambda\nExecutes upto 15 minutes.\n\n# Auto Scaling\n- An ASG in each AZ.\n"
    first, again = generate(notes), generate(notes)
    assert [c.id for c in first] == [c.id for c in again]
    assert len({c.id for c in first}) == len(first)
