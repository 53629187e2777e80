"""Numbers to remember: every limit, size, duration, percentage and count in the notes.

Looks through each passage of the notes' text (study.text: paragraphs, list
items, table cells; never code or URLs) for numbers that the rules of
``docs/_data/numbers.yml`` call worth remembering: a number with a unit
("256 KB", "15 minutes", "99.99%"), a number of counted things ("500 IAM
users"), or a bare number after a limit word ("upto 10"). Ranges are one
number ("1 to 35 days"). The page lists each fact that holds such numbers,
the numbers in bold, grouped by service in the site's order and by the
section of the page it comes from, with a link to that section.

The rules are data: the code knows how to match a number and its unit, the
data knows which units and words count, so other notes can bring their own.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from notesite import yaml_data
from notesite.errors import NotesSiteError
from notesite.transforms.study.text import Passage, Target, unsearched_page

NUMBERS_FILE = "docs/_data/numbers.yml"
COUNT = "count"  # the kind of a number of things, or of a bare limit


class NumberRulesError(NotesSiteError, ValueError):
    """numbers.yml is unusable; the message says where and why."""


@dataclass(frozen=True)
class Found:
    """A number to remember, in a passage's text."""

    start: int
    end: int
    text: str
    kind: str  # a unit kind of numbers.yml ("size", "duration", …) or "count"


def _alternation(words: Iterable[str], *, plural: bool = False) -> str:
    """A regex alternation of words, longest first; spaces match any spacing."""
    ordered = sorted(set(words), key=len, reverse=True)
    parts = [re.escape(w).replace(r"\ ", r"\s+") + ("(?:e?s)?" if plural else "") for w in ordered]
    return "|".join(parts) or "(?!)"


def _forms(noun: str) -> list[str]:
    """A counted thing as written and in the singular: "countries", "country"."""
    for plural, singular in (("ies", "y"), ("sses", "ss"), ("xes", "x"), ("ches", "ch"), ("s", "")):
        if noun.endswith(plural) and len(noun) > len(plural) + 1:
            return [noun, noun[: -len(plural)] + singular]
    return [noun]


@dataclass(frozen=True)
class NumberRules:
    """numbers.yml, compiled."""

    run: re.Pattern[str]  # a number or range, with its units and prefix
    unit_kinds: dict[str, str]  # unit as written in the data -> kind
    counted: re.Pattern[str]  # matched right after a run
    counted_glued: re.Pattern[str]
    before: re.Pattern[str]  # matched at the end of the text before a run
    after: re.Pattern[str]  # matched right after a run
    per: re.Pattern[str]  # "per second", right after the unit or thing
    unit_in_run: re.Pattern[str]

    @classmethod
    def from_data(cls, data: dict[str, Any], source: str = "numbers.yml") -> NumberRules:
        def strings(key: str) -> list[str]:
            value = data.get(key) or []
            if not isinstance(value, list) or not all(isinstance(v, str) for v in value):
                raise NumberRulesError(f"{source}: '{key}' must be a list of strings")
            return value

        words = strings("number_words")
        digits = r"(?:\d{1,3}(?:,\d{3})+|\d+)(?:\.\d+)?(?![.,]?\d)"
        number = rf"(?:{digits}|(?i:\b(?:{_alternation(words)})\b))" if words else digits
        suffix = rf"(?:{_alternation(strings('suffixes'))})?"
        unit_kinds: dict[str, str] = {}
        unit_parts: list[str] = []
        units = data.get("units") or {}
        if not isinstance(units, dict):
            raise NumberRulesError(f"{source}: 'units' must map kinds to their units")
        for kind, spec in units.items():
            if not isinstance(spec, dict) or not isinstance(spec.get("names"), list):
                raise NumberRulesError(f"{source}: units.{kind} needs a list of 'names'")
            names = [str(n) for n in spec["names"]]
            unit_kinds.update({n: str(kind) for n in names})
            for name in names:
                # A unit ends where a word would: "min" is not the start of "minimal".
                tail = r"(?![A-Za-z])" if name[-1].isalnum() else ""
                pattern = re.escape(name).replace(r"\ ", r"\s*") + tail
                unit_parts.append(pattern if spec.get("case_sensitive") else f"(?i:{pattern})")
        unit_parts.sort(key=len, reverse=True)
        unit = f"(?:{'|'.join(unit_parts) or '(?!)'})"
        joiner = rf"(?:{_alternation(strings('joiners'))})"
        prefix = rf"(?:(?:{_alternation(strings('prefixes'))})\s*)?"
        one = rf"{number}{suffix}(?:\s*{unit})?"
        # Not glued to what is before it: EC2, AES-256, HTTP/2, 10.0.0.0/16, tier15.
        run = rf"(?<![\w.,/\-#:]){prefix}{one}(?:\s*{joiner}\s*{one})*"
        counted = _alternation([f for n in strings("counted") for f in _forms(n)], plural=True)
        return cls(
            run=re.compile(run),
            unit_kinds=unit_kinds,
            counted=re.compile(rf"\s+(?:(?P<between>[A-Za-z]+)\s+)?(?i:{counted})\b"),
            counted_glued=re.compile(rf"(?i:{counted})\b"),
            before=re.compile(rf"(?i:\b(?:{_alternation(strings('before'))}))\s*$"),
            after=re.compile(rf"(?i:\s+(?:{'|'.join(strings('after')) or '(?!)'}))\b"),
            per=re.compile(rf"(?i:\s+(?:{_alternation(strings('per'))})\s+[A-Za-z]+\b)"),
            unit_in_run=re.compile(unit),
        )

    def unit_kind(self, text: str) -> str | None:
        """The kind of the last unit in a run's text, if it has one."""
        kind = None
        for match in self.unit_in_run.finditer(text):
            written = re.sub(r"\s+", " ", match.group(0))
            kind = self.unit_kinds.get(written) or next(
                (k for u, k in self.unit_kinds.items() if u.casefold() == written.casefold()), kind
            )
        return kind


def load_rules(root: Path) -> NumberRules | None:
    """The rules of the project at ``root``; None if it has no numbers.yml."""
    path = root / NUMBERS_FILE
    if not path.is_file():
        return None
    return NumberRules.from_data(yaml_data.load_mapping(path, NumberRulesError), NUMBERS_FILE)


def find_numbers(
    text: str, rules: NumberRules, skip: Sequence[tuple[int, int]] = ()
) -> list[Found]:
    """The numbers to remember in a text, in order; none inside the ``skip`` spans."""
    found: list[Found] = []
    for match in rules.run.finditer(text):
        start, end = match.span()
        if not match.group(0).strip() or not any(ch.isalnum() for ch in match.group(0)):
            continue
        kind = rules.unit_kind(match.group(0))
        rest = text[end:]
        if kind is None:
            glued = rest[:1].isalpha()
            thing = (rules.counted_glued if glued else rules.counted).match(rest)
            written_number = match.group(0).lstrip("~<>= ")[:1].isdigit()
            if thing and (written_number or not thing.groupdict().get("between")):
                end += thing.end()
                kind = COUNT
            elif glued:
                continue  # "4k", "5GGB": a number glued to a word that is no unit
            elif rules.before.search(text[:start]):
                kind = COUNT
            elif after := rules.after.match(rest):
                end += after.end()
                kind = COUNT
            else:
                continue
        if per := rules.per.match(text, end):
            end = per.end()
        if any(not (end <= a or start >= b) for a, b in skip):
            continue
        found.append(Found(start, end, text[start:end], kind))
    return found


@dataclass(frozen=True)
class Fact:
    """A passage that states numbers to remember."""

    passage: Passage
    numbers: tuple[Found, ...]


def extract_facts(passages: Iterable[Passage], rules: NumberRules) -> list[Fact]:
    """The passages that hold numbers to remember, with those numbers."""
    facts = []
    for passage in passages:
        numbers = find_numbers(passage.text, rules, passage.skip)
        if numbers:
            facts.append(Fact(passage, tuple(numbers)))
    return facts


# ----------------------------------------------------------------- the page

# Characters Python-Markdown reads as markup and takes a backslash escape for
# in any configuration; the rest become entities, which every reader takes.
_MARKDOWN = re.compile(r"([\\`*_{}\[\]()#+!])")
_ENTITIES = {"&": "&amp;", "<": "&lt;", ">": "&gt;", "|": "&#124;", "~": "&#126;"}
_LIST_START = re.compile(r"^(\d+)([.)])(\s)|^([-=])")


def text_markdown(text: str) -> str:
    """Plain text as Markdown that reads the same: markup characters escaped."""
    text = _MARKDOWN.sub(r"\\\1", re.sub(r"\s+", " ", text))
    text = "".join(_ENTITIES.get(ch, ch) for ch in text)  # after: entities hold "#"
    # "1. " or "- " at the start would begin a list of its own.
    return _LIST_START.sub(lambda m: f"{m[1]}\\{m[2]}{m[3]}" if m[1] else f"\\{m[4]}", text)


def fact_markdown(fact: Fact) -> str:
    """The fact's text with its numbers in bold, after its list context."""
    text, pieces, position = fact.passage.text, [], 0
    for number in fact.numbers:
        pieces.append(text_markdown(text[position : number.start]))
        pieces.append(f"**{text_markdown(number.text).strip()}**")
        position = number.end
    pieces.append(text_markdown(text[position:]))
    body = "".join(pieces).strip()
    context = fact.passage.context
    return f"*{text_markdown(context)}* › {body}" if context else body


@dataclass(frozen=True)
class PageRef:
    """A page of the site, as the numbers page names it."""

    slug: str
    title: str


def numbers_markdown(facts: Sequence[Fact], pages: Sequence[PageRef]) -> str:
    """The Markdown of the numbers page: by page in the given order, then by section."""
    by_page: dict[str, list[Fact]] = {}
    for fact in facts:
        by_page.setdefault(fact.passage.slug, []).append(fact)
    count = sum(len(f.numbers) for f in facts)
    kinds: dict[str, int] = {}
    for fact in facts:
        for number in fact.numbers:
            kinds[number.kind] = kinds.get(number.kind, 0) + 1
    listed = ", ".join(f"{n} {kind}" for kind, n in sorted(kinds.items(), key=lambda kv: -kv[1]))
    shown = [page for page in pages if page.slug in by_page]
    lines = [
        *unsearched_page("Numbers to remember"),
        f"Every limit, size, duration, percentage and count the notes state: {count} numbers "
        f"in {len(facts)} facts on {len(shown)} pages ({listed}). Each group links back to "
        "the section of the notes it comes from.",
        "{ .notes-numbers-summary }",
    ]
    for page in shown:
        lines += ["", f"## {text_markdown(page.title)}"]
        section: Target | None = None
        for fact in by_page[page.slug]:
            if fact.passage.section != section:
                section = fact.passage.section
                lines += [
                    "",
                    f"[{text_markdown(section.title)}]({section.href})",
                    "{ .notes-numbers-section }",
                    "",
                ]
            lines.append(f"- {fact_markdown(fact)}")
    return "\n".join(lines) + "\n"
