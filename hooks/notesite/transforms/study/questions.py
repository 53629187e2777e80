"""Question cards: self-test questions generated from the notes' own facts.

Three sources, each read from what the other study aids already found:

- numbers to remember (``numbers.extract_facts``): the fact with its number
  blanked out ("AWS Lambda: Executes upto _____." → "15 minutes");
- comparison tables (the pages' generated Markdown): "which one has 99.5%
  availability?" → "S3 One zone Infrequent Access", asked only where exactly
  one option has that value;
- abbreviations the notes use ("What does VIF stand for?").

How a question is worded, and which facts can be worded cleanly, is data
(``docs/_data/questions.yml``); a fact the rules cannot phrase is left out.
Each card links to the section its fact comes from and quotes its sentence.
"""

from __future__ import annotations

import hashlib
import re
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from notesite import yaml_data
from notesite.errors import NotesSiteError
from notesite.transforms.study.abbreviations import Abbreviation
from notesite.transforms.study.numbers import COUNT, Fact
from notesite.transforms.study.text import Passage

QUESTIONS_FILE = "docs/_data/questions.yml"
_WORD = re.compile(r"[^\W_]+(?:['’][^\W_]+)?")
# The number at the start of a count ("500 IAM users" → "500", "3+ Az" → "3+").
_LEADING_NUMBER = re.compile(r"^[~<>=]*\s*[\w.,]+\+?(?:\s*(?:-|–|to|or)\s*[\w.,]+\+?)?")
_BOLD = re.compile(r"\*\*(.+?)\*\*")
_HEADING = re.compile(r"^(#{2,6})\s+(.+?)\s*#*\s*$")
_ROW = re.compile(r"^\s*\|(.*)\|\s*$")
_RULE = re.compile(r"^\s*\|(?:\s*:?-{3,}:?\s*\|)+\s*$")


class QuestionRulesError(NotesSiteError, ValueError):
    """questions.yml is unusable; the message says where and why."""


@dataclass(frozen=True)
class Card:
    """One question card."""

    id: str  # stable while its question and answer stay the same
    kind: str  # "number", "table" or "abbreviation"
    slug: str  # the page it is about
    question: str
    answer: str
    href: str  # the section its fact comes from ("sqs.md#messages")
    quote: str  # the notes' sentence it was made from


@dataclass(frozen=True)
class QuestionRules:
    """questions.yml, read."""

    title: str = "Test yourself"
    per_page: int = 4
    blank: str = "_____"
    labels: Mapping[str, str] = field(default_factory=dict)
    progress: Mapping[str, str] = field(default_factory=dict)  # the progress parts' words
    number_question: str = "{where}: {cloze}"
    one_number: bool = True
    min_words: int = 2
    max_words: int = 28
    blank_count_only: bool = True
    never: tuple[re.Pattern[str], ...] = ()
    table_question: str = "{section}: which one has {phrase}?"
    columns: Mapping[str, str] = field(default_factory=dict)
    value_needs: re.Pattern[str] = re.compile(r"\d")
    abbreviation_question: str = "What does {short} stand for?"

    @classmethod
    def from_data(cls, data: Mapping[str, Any], source: str = QUESTIONS_FILE) -> QuestionRules:
        def part(key: str) -> Mapping[str, Any]:
            value = data.get(key) or {}
            if not isinstance(value, Mapping):
                raise QuestionRulesError(f"{source}: '{key}' must be a mapping")
            return value

        def regex(value: Any, where: str) -> re.Pattern[str]:
            try:
                return re.compile(str(value), re.IGNORECASE)
            except re.error as error:
                raise QuestionRulesError(f"{source}: {where}: {error}") from error

        numbers, tables, abbreviations = part("numbers"), part("tables"), part("abbreviations")
        defaults = cls()
        try:
            return cls(
                title=str(data.get("title") or defaults.title),
                per_page=int(data.get("per_page", defaults.per_page)),
                blank=str(data.get("blank") or defaults.blank),
                labels={str(k): str(v) for k, v in part("labels").items()},
                progress={str(k): str(v) for k, v in part("progress").items()},
                number_question=str(numbers.get("question") or defaults.number_question),
                one_number=bool(numbers.get("one_number", True)),
                min_words=int(numbers.get("min_words", defaults.min_words)),
                max_words=int(numbers.get("max_words", defaults.max_words)),
                blank_count_only=bool(numbers.get("blank_count_only", True)),
                never=tuple(
                    regex(v, f"numbers.never[{i}]")
                    for i, v in enumerate(numbers.get("never") or ())
                ),
                table_question=str(tables.get("question") or defaults.table_question),
                columns={str(k): str(v) for k, v in (tables.get("columns") or {}).items()},
                value_needs=regex(tables.get("value_needs", r"\d"), "tables.value_needs"),
                abbreviation_question=str(
                    abbreviations.get("question") or defaults.abbreviation_question
                ),
            )
        except (TypeError, ValueError) as error:
            raise QuestionRulesError(f"{source}: {error}") from error


def load_question_rules(root: Path) -> QuestionRules | None:
    """The rules of the project at ``root``; None if it has no questions.yml."""
    path = root / QUESTIONS_FILE
    if not path.is_file():
        return None
    return QuestionRules.from_data(yaml_data.load_mapping(path, QuestionRulesError))


def card_id(*parts: str) -> str:
    return hashlib.sha1("\x1f".join(parts).encode("utf-8")).hexdigest()[:10]


def _squash(text: str) -> str:
    return re.sub(r"\s+", " ", text).strip()


def _words(text: str) -> int:
    return len(_WORD.findall(text))


# ------------------------------------------------------------------ numbers


def number_card(fact: Fact, title: str, rules: QuestionRules) -> Card | None:
    """The fact with its number blanked out, or None if it makes no clean question."""
    passage = fact.passage
    if not fact.numbers or (rules.one_number and len(fact.numbers) != 1):
        return None
    text = _squash(passage.text)
    if any(pattern.search(text) for pattern in rules.never):
        return None
    number = fact.numbers[0]
    start, end = number.start, number.end
    answer = passage.text[start:end]
    if number.kind == COUNT and rules.blank_count_only:
        lead = _LEADING_NUMBER.match(answer)
        if lead is not None and lead.end() < len(answer):
            answer = lead.group(0)
            end = start + lead.end()
    answer = _squash(answer)
    cloze = _squash(f"{passage.text[:start]}{rules.blank}{passage.text[end:]}")
    kept = _words(passage.text[:start]) + _words(passage.text[end:])
    if not answer or kept < rules.min_words or kept > rules.max_words:
        return None
    context = passage.context if passage.context and not passage.context.endswith("…") else ""
    where = f"{title} › {context}" if context else title
    question = rules.number_question.format(where=where, cloze=cloze)
    return Card(
        card_id("number", passage.slug, question, answer),
        "number",
        passage.slug,
        question,
        answer,
        passage.section.href,
        text,
    )


def number_cards(
    facts: Iterable[Fact], titles: Mapping[str, str], rules: QuestionRules
) -> list[Card]:
    cards = []
    for fact in facts:
        title = titles.get(fact.passage.slug)
        card = number_card(fact, title, rules) if title else None
        if card is not None:
            cards.append(card)
    return cards


# ------------------------------------------------------------------- tables


@dataclass(frozen=True)
class TableRow:
    """One option of a generated comparison table: its label and cells by column."""

    section: str  # the heading above the table
    label: str
    cells: Mapping[str, str]  # column -> the cell's Markdown


def table_rows(markdown: str) -> list[TableRow]:
    """The rows of the pipe tables of a page's Markdown, under their headings."""
    rows: list[TableRow] = []
    section, header = "", None
    lines = markdown.splitlines()
    for index, line in enumerate(lines):
        heading = _HEADING.match(line)
        if heading:
            section, header = heading.group(2), None
            continue
        row = _ROW.match(line)
        if row is None:
            header = None
            continue
        if _RULE.match(line):
            continue
        cells = [c.strip() for c in re.split(r"(?<!\\)\|", row.group(1))]
        following = lines[index + 1] if index + 1 < len(lines) else ""
        if header is None and _RULE.match(following):
            header = [_plain(c) for c in cells]
            continue
        if header is not None and len(cells) == len(header):
            by_column = dict(zip(header[1:], cells[1:], strict=True))
            rows.append(TableRow(section, _plain(cells[0]), by_column))
    return rows


def _plain(markdown: str) -> str:
    text = re.sub(r"<br\s*/?>", " ", markdown)
    text = re.sub(r"\\(.)", r"\1", text.replace("**", ""))
    return _squash(text.replace("&#124;", "|"))


def table_cards(
    slug: str, markdown: str, found: Sequence[Passage], rules: QuestionRules
) -> list[Card]:
    """ "Which one has …?" for each value (bold in its cell) that one option alone has."""
    rows = table_rows(markdown)
    mine = [p for p in found if p.slug == slug]
    cards = []
    for column, phrase in rules.columns.items():
        values: dict[tuple[str, str], list[TableRow]] = {}
        for row in rows:
            bold = _BOLD.search(row.cells.get(column, ""))
            if bold is not None and rules.value_needs.search(bold.group(1)):
                key = (row.section, _plain(bold.group(1)).casefold())
                values.setdefault(key, []).append(row)
        for (section, _), same in values.items():
            if len(same) != 1 or not section:
                continue
            row = same[0]
            cell = _plain(row.cells[column])
            value = _plain(_BOLD.search(row.cells[column]).group(1))  # type: ignore[union-attr]
            source = next((p for p in mine if cell and cell in _squash(p.text)), None)
            if source is None:
                continue  # no sentence of the notes to point to
            question = rules.table_question.format(
                section=_plain(section), phrase=phrase.format(value=value)
            )
            cards.append(
                Card(
                    card_id("table", slug, question, row.label),
                    "table",
                    slug,
                    question,
                    row.label,
                    source.section.href,
                    _squash(source.text),
                )
            )
    return cards


# ------------------------------------------------------------ abbreviations


def abbreviation_cards(
    abbreviations: Iterable[Abbreviation], found: Sequence[Passage], rules: QuestionRules
) -> list[Card]:
    """ "What does VIF stand for?" for each abbreviation the notes use (on a
    page that defines it, else the first that uses it); not for one whose
    meaning holds it ("S3" for "Amazon S3")."""
    cards = []
    for abbreviation in abbreviations:
        short, long = abbreviation.short, abbreviation.long
        if re.search(rf"\b{re.escape(short)}\b", long, re.IGNORECASE):
            continue
        pattern = re.compile(rf"\b{re.escape(short)}s?\b")
        uses = [
            p
            for p in found
            # The plain substring test first: most passages do not hold it.
            if short in p.text
            and (m := pattern.search(p.text)) is not None
            and p.outside_skip(*m.span())
        ]
        if not uses:
            continue
        source = next((p for p in uses if p.slug in abbreviation.slugs), uses[0])
        question = rules.abbreviation_question.format(short=short)
        cards.append(
            Card(
                card_id("abbreviation", short, long),
                "abbreviation",
                source.slug,
                question,
                long,
                source.section.href,
                _squash(source.text),
            )
        )
    return cards


def all_cards(
    facts: Iterable[Fact],
    found: Sequence[Passage],
    abbreviations: Iterable[Abbreviation],
    markdown: Mapping[str, str],
    order: Sequence[tuple[str, str]],
    rules: QuestionRules,
) -> list[Card]:
    """Every card, by page in ``order`` (slug, title): numbers, tables, abbreviations."""
    titles = dict(order)
    cards = number_cards(facts, titles, rules)
    for slug, _ in order:
        cards += table_cards(slug, markdown.get(slug, ""), found, rules)
    cards += [c for c in abbreviation_cards(abbreviations, found, rules) if c.slug in titles]
    rank = {slug: index for index, (slug, _) in enumerate(order)}
    kinds = {"number": 0, "table": 1, "abbreviation": 2}
    unique = {card.id: card for card in cards}  # the same question twice is one card
    return sorted(unique.values(), key=lambda c: (rank[c.slug], kinds[c.kind]))
