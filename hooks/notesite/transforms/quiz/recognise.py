"""Recognising the author's questions and flashcards in a page's tokens.

A question is a stem, two or more options lettered in order from A ("A.",
"A)", "(a)", as lines of the stem's paragraph or as a list, "- A." or a task
list), and its answer, given by any of:

- a ``<details>`` block whose summary is "Answer" (``summary_words``);
- a line "Answer: B" / "Correct answer: A, C" (``answer_words``), also in a quote;
- the ticked items of a task list (``- [x] B. …``).

The stem is either an item of a list (its number is the item's) or a
paragraph starting "Q1." / "**Question 1:**" (``question_words``) or a bold
number. What follows the answer in the same block, the rest of the list
item, or a paragraph starting "Explanation" (``explanation_words``) is its
explanation. "(Choose TWO)" says how many options are right.

A flashcard is a paragraph starting "Q:" with a line, or a next paragraph,
starting "A:".

Each reader takes the blocks (``(start, end)`` into the token list) at one
level and returns what it found and how many blocks it used; a block run that
looks like a question (a stem with lettered options) but whose answer cannot
be read gives a problem instead, and the caller leaves it as written.
"""

from __future__ import annotations

import html
import re
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field

from markdown_it.token import Token

from notesite.transforms.context import block_end
from notesite.transforms.quiz.model import Flashcard, Option, Question, QuizRules, item_id

Blocks = Sequence[tuple[int, int]]
# Markdown of a run of block tokens, and of one paragraph's lines (inline children).
BlockWriter = Callable[[Sequence[Token]], str]
LineWriter = Callable[[Sequence[Sequence[Token]]], str]

_OPTION = re.compile(
    r"^\s*(?:\((?P<a>[A-Ha-h])\)|(?P<b>[A-H])[.)]|(?P<c>[a-h])\))\s+(?P<text>\S.*)$"
)
_LETTERS = "ABCDEFGH"
_TAGS = re.compile(r"<[^>]*>")
_DETAILS = re.compile(
    r"^\s*<details\b[^>]*>\s*<summary\b[^>]*>(?P<summary>.*?)</summary>(?P<rest>.*)$", re.I | re.S
)
_DETAILS_END = re.compile(r"</details\s*>", re.I)
_CHECKED = re.compile(r"<input\b[^>]*\bchecked\b", re.I)


@dataclass
class Found:
    """What one reader found in a run of blocks."""

    used: int = 0  # blocks taken
    question: Question | None = None
    flashcard: Flashcard | None = None
    problem: str | None = None  # looks like a question, cannot be read cleanly


@dataclass
class _Parts:
    """A question's stem and options, before its answer is read."""

    stem: list[list[Token]]  # the stem's lines
    options: list[Option]
    ticks: list[bool]  # a task list's ticks, [] for other options
    after: list[list[Token]]  # lines of the stem's paragraph after the options
    shape: str
    used: int  # blocks taken: the paragraph, and the list of options

    @property
    def stem_text(self) -> str:
        return " ".join(plain(line) for line in self.stem)


@dataclass
class _Answer:
    letters: tuple[str, ...]
    explanation: list[str] = field(default_factory=list)  # Markdown parts
    shape: str = ""
    used: int = 0  # blocks after the options


class _Reader:
    """The page's tokens, the rules' patterns, the writers, and small readings of blocks."""

    def __init__(
        self,
        tokens: list[Token],
        rules: QuizRules,
        write_blocks: BlockWriter,
        write_lines: LineWriter,
        slug: str,
        path: str,
    ) -> None:
        self.tokens, self.rules, self.slug, self.path = tokens, rules, slug, path
        self.write_blocks, self.write_lines = write_blocks, write_lines
        words = rules.alternatives
        self.answer = re.compile(
            rf"^\W*(?:{words(rules.answer_words)})\W*?\s*[:：\-–]\W*\s*"
            r"\(?(?P<letters>[A-Ha-h](?:\s*(?:,|&|/|\band\b|\s)\s*[A-Ha-h]|[A-H])*)\)?"
            r"(?=$|[\s.,;:)*])\W*(?P<rest>.*)$",
            re.I,
        )
        self.stem = re.compile(
            rf"^\s*(?:(?:{words(rules.question_words)})\s*(?P<n>\d+)\s*[.):]|(?P<m>\d+)\s*[.):])\s*\S",
            re.I,
        )
        self.choose = re.compile(rf"\b(?:{words(rules.choose_words)})\s+(?P<n>\w+)\b", re.I)
        self.explanation = re.compile(rf"^\W*(?:{words(rules.explanation_words)})\b", re.I)
        self.summary = re.compile(rf"^\s*(?:{words(rules.summary_words)})\s*$", re.I)
        self.card_q = re.compile(rf"^\s*(?:{words(rules.flashcard_question)})\s*:\s*\S", re.I)
        self.card_a = re.compile(rf"^\s*(?:{words(rules.flashcard_answer)})\s*:\s*\S", re.I)
        self.seen: dict[str, int] = {}

    # ---- small readings of tokens -------------------------------------

    def kind(self, block: tuple[int, int]) -> str:
        return self.tokens[block[0]].type

    def line_of(self, block: tuple[int, int]) -> int:
        found = self.tokens[block[0]].map
        return found[0] + 1 if found else 0

    def paragraph_lines(self, block: tuple[int, int]) -> list[list[Token]]:
        """The inline children of a paragraph block, split at its line breaks."""
        inline = self.tokens[block[0] + 1]
        lines: list[list[Token]] = [[]]
        for child in inline.children or []:
            if child.type in ("softbreak", "hardbreak"):
                lines.append([])
            else:
                lines[-1].append(child)
        return [line for line in lines if line]

    def unique(self, prefix: str, *texts: str) -> str:
        """The item's id; a second item of the same words on the page gets its own."""
        key = item_id(prefix, self.slug, *texts)
        count = self.seen.get(key, 0)
        self.seen[key] = count + 1
        return key if count == 0 else item_id(prefix, self.slug, *texts, str(count))

    # ---- questions -----------------------------------------------------


class _Answers(_Reader):
    """Readers of a question's answer: a line, a quote, a <details> block."""

    def _answer_in_lines(self, lines: list[list[Token]]) -> _Answer | None:
        """An answer line first among ``lines``; the lines after it explain."""
        match = self.answer.match(plain(lines[0]))
        if match is None:
            return None
        explanation = [self._rest_markdown(match["rest"], lines[1:])]
        return _Answer(_split_letters(match["letters"]), explanation)

    def _rest_markdown(self, rest: str, lines: list[list[Token]]) -> str:
        head = rest.strip()
        from notesite.transforms.study.numbers import text_markdown

        parts = [text_markdown(head)] if head else []
        if lines:
            parts.append(self.write_lines(lines))
        return "\n".join(parts)

    def _answer_in_blocks(self, blocks: Blocks) -> _Answer | None:
        """The answer in the block after the options: a paragraph, a quote or a <details>."""
        if not blocks:
            return None
        first = blocks[0]
        kind = self.kind(first)
        if kind == "paragraph_open":
            found = self._answer_in_lines(self.paragraph_lines(first))
            if found is not None:
                found.used, found.shape = 1, "+line"
            return found
        if kind == "blockquote_open":
            inner = list(children(self.tokens, first))
            if not inner or self.kind(inner[0]) != "paragraph_open":
                return None
            found = self._answer_in_lines(self.paragraph_lines(inner[0]))
            if found is not None and len(inner) > 1:
                found.explanation.append(self.write_blocks(self.tokens[inner[1][0] : inner[-1][1]]))
            if found is not None:
                found.used, found.shape = 1, "+quote"
            return found
        if kind == "html_block":
            return self._answer_in_details(blocks)
        return None

    def _answer_in_details(self, blocks: Blocks) -> _Answer | None:
        """``<details><summary>Answer</summary>`` … ``</details>``: in one HTML
        block, or opening one and closing a later one with Markdown between."""
        opening = self.tokens[blocks[0][0]].content
        match = _DETAILS.match(opening)
        if match is None or not self.summary.match(_text_of_html(match["summary"])):
            return None
        rest = match["rest"]
        closed = _DETAILS_END.search(rest) is not None
        head = [
            line.strip()
            for line in _text_of_html(_DETAILS_END.split(rest)[0]).splitlines()
            if line.strip()
        ]
        if closed:
            found = self._answer_in_text(head) if head else None
            if found is not None:
                found.used, found.shape = 1, "+details"
            return found
        ends = [
            at
            for at, block in enumerate(blocks[1:], start=1)
            if self.kind(block) == "html_block"
            and _DETAILS_END.search(self.tokens[block[0]].content)
        ]
        if not ends:
            return None
        end = ends[0]
        inside = list(blocks[1:end])
        if head:
            found = self._answer_in_text(head)
        elif inside and self.kind(inside[0]) == "paragraph_open":
            found = self._answer_in_lines(self.paragraph_lines(inside.pop(0)))
        else:
            found = None
        if found is None:
            return None
        if inside:
            found.explanation.append(self.write_blocks(self.tokens[inside[0][0] : inside[-1][1]]))
        found.used, found.shape = end + 1, "+details"
        return found

    def _answer_in_text(self, lines: list[str]) -> _Answer | None:
        from notesite.transforms.study.numbers import text_markdown

        match = self.answer.match(lines[0])
        if match is None:
            return None
        explanation = [text_markdown(" ".join([match["rest"], *lines[1:]]).strip())]
        return _Answer(_split_letters(match["letters"]), [e for e in explanation if e])

    # ---- flashcards ----------------------------------------------------


class _Options(_Answers):
    """Readers of a question's lettered options: lines of its paragraph, or a list."""

    def _line_options(
        self, lines: list[list[Token]], texts: list[str], first: int
    ) -> tuple[list[Option], list[list[Token]]]:
        """Options as lines of the stem's paragraph, from line ``first``; the lines after them."""
        options: list[Option] = []
        index = first
        while index < len(texts):
            match = _OPTION.match(texts[index])
            letter = _letter(match) if match else None
            if letter is None or letter != _LETTERS[len(options) % len(_LETTERS)]:
                break
            options.append(Option(letter, self.write_lines([lines[index]]), match["text"].strip()))  # type: ignore[index]
            index += 1
        return options, lines[index:]

    def _misread_options(self, block: tuple[int, int], number: str) -> Found:
        """A list of options that are not lettered in order from A (one missing,
        or written on the stem's line) is a problem; any other list is not a question."""
        items = children(self.tokens, block)
        lettered = [
            item
            for item in items
            if self.kind((item[0] + 1, item[1] - 1)) == "paragraph_open"
            and _OPTION.match(plain(self.paragraph_lines((item[0] + 1, item[1] - 1))[0]))
        ]
        if len(lettered) < 2 or len(lettered) < len(items) / 2:
            return Found()
        return Found(
            used=2,
            problem=f"question {number}: its options are not lettered in order from A "
            "(is one of them on the question's line?); it is shown as written",
        )

    def _list_options(self, block: tuple[int, int]) -> tuple[list[Option], list[bool], str] | None:
        """Options as a list: each item one paragraph, lettered in order (or a task list)."""
        items = list(children(self.tokens, block))
        options: list[Option] = []
        ticks: list[bool] = []
        task = False
        for index, item in enumerate(items):
            inner = list(children(self.tokens, item))
            if len(inner) != 1 or self.kind(inner[0]) != "paragraph_open":
                return None
            lines = self.paragraph_lines(inner[0])
            text = " ".join(plain(line) for line in lines).strip()
            tick = ticked(self.tokens[item[0]], self.tokens[inner[0][0] + 1])
            task = task or tick is not None
            match = _OPTION.match(text)
            letter = _letter(match) if match else None
            if letter is None and tick is not None:
                letter, shown = _LETTERS[index % len(_LETTERS)], text
            elif letter is None or letter != _LETTERS[index % len(_LETTERS)]:
                return None
            else:
                shown = match["text"].strip()  # type: ignore[index]
            written = self.write_lines(lines)
            if match is None:  # an unlettered task list: the quiz names its options
                written = f"{letter}. {written}"
            options.append(Option(letter, written, shown))
            ticks.append(bool(tick))
        return options, ticks, "task list" if task else "list"


class Recogniser(_Options):
    """The readers of questions and flashcards, over one page's blocks."""

    def read_question(self, blocks: Blocks, number: str | None, rest_is_explanation: bool) -> Found:
        """A question at ``blocks[0]``: a list item's blocks (``number`` its
        number; what follows the answer is its explanation), or a paragraph
        starting with a question number (``number`` None)."""
        if not blocks or self.kind(blocks[0]) != "paragraph_open":
            return Found()
        lines = self.paragraph_lines(blocks[0])
        numbered = number is not None  # by its list: the stem does not say it
        if number is None:
            match = self.stem.match(plain(lines[0])) if lines else None
            if match is None:
                return Found()
            number = match["n"] or match["m"]
        parts = self._parts(blocks, lines, number)
        if not isinstance(parts, _Parts):
            return parts
        answer = self._answer_in_lines(parts.after) if parts.after else None
        if answer is None and any(parts.ticks):
            ticked_ = (o.letter for o, t in zip(parts.options, parts.ticks, strict=True) if t)
            answer = _Answer(tuple(ticked_))
        if answer is None:
            answer = self._answer_in_blocks(blocks[parts.used :])
        used = parts.used + (answer.used if answer else 0)
        problem = self._problem(number, parts, answer)
        if problem is not None or answer is None:
            return Found(used=used, problem=problem)
        taken = self._explanation_blocks(blocks[used:], rest_is_explanation)
        explanation = list(answer.explanation)
        if taken:
            explanation.append(self.write_blocks(self.tokens[taken[0][0] : taken[-1][1]]))
        letters = [o.letter for o in parts.options]
        question = Question(
            id=self.unique("q-", parts.stem_text, *(o.text for o in parts.options)),
            number=number,
            stem=(f"**{number}.** " if numbered else "") + self.write_lines(parts.stem),
            stem_text=parts.stem_text,
            options=tuple(parts.options),
            answers=tuple(sorted(set(answer.letters), key=letters.index)),
            explanation="\n\n".join(part for part in explanation if part.strip()),
            line=self.line_of(blocks[0]),
            path=self.path,
            shape=parts.shape + answer.shape,
        )
        return Found(used=used + len(taken), question=question)

    def _parts(self, blocks: Blocks, lines: list[list[Token]], number: str) -> _Parts | Found:
        """The stem and its options: as lines of its paragraph, or as the list after it."""
        texts = [plain(line) for line in lines]
        first = next((i for i, t in enumerate(texts) if i and _OPTION.match(t)), None)
        if first is not None:
            options, after = self._line_options(lines, texts, first)
            parts = _Parts(lines[:first], options, [], after, "lines", 1)
        elif len(blocks) > 1 and self.kind(blocks[1]) in ("bullet_list_open", "ordered_list_open"):
            found = self._list_options(blocks[1])
            if found is None:
                return self._misread_options(blocks[1], number)
            options, ticks, shape = found
            parts = _Parts(lines, options, ticks, [], shape, 2)
        else:
            return Found()
        return parts if len(parts.options) >= 2 else Found()

    def _problem(self, number: str, parts: _Parts, answer: _Answer | None) -> str | None:
        """Why the question cannot be read cleanly; None when it can."""
        where = f"question {number}"
        if answer is None:
            return (
                f"{where} has lettered options but no answer this site can read "
                "(write 'Answer: B' after the options, or tick the right ones in a task list); "
                "it is shown as written"
            )
        letters = [o.letter for o in parts.options]
        wrong = [letter for letter in answer.letters if letter not in letters]
        if wrong:
            return (
                f"{where}: its answer names {', '.join(wrong)}, which is not one of its "
                f"options ({', '.join(letters)}); it is shown as written"
            )
        choose = self.choose.search(parts.stem_text)
        wanted = self.rules.numbers.get(choose["n"].lower()) if choose else None
        if wanted is not None and wanted != len(answer.letters):
            return (
                f"{where} asks to choose {wanted} but its answer gives "
                f"{len(answer.letters)} ({', '.join(answer.letters)}); it is shown as written"
            )
        return None

    def _explanation_blocks(self, rest: Blocks, all_of_it: bool) -> list[tuple[int, int]]:
        """The blocks after the answer that explain it: all of them (in a list
        item), else the paragraphs that start with an explanation word."""
        if all_of_it:
            return list(rest)
        taken = []
        for block in rest:
            if self.kind(block) != "paragraph_open":
                break
            if not self.explanation.match(plain(self.paragraph_lines(block)[0])):
                break
            taken.append(block)
        return taken

    def read_flashcard(self, blocks: Blocks) -> Found:
        """ "Q: …" then "A: …", in one paragraph or two."""
        if not blocks or self.kind(blocks[0]) != "paragraph_open":
            return Found()
        lines = self.paragraph_lines(blocks[0])
        if not lines or not self.card_q.match(plain(lines[0])):
            return Found()
        at = next((i for i, line in enumerate(lines) if i and self.card_a.match(plain(line))), None)
        if at is not None:
            question, answer, used = lines[:at], lines[at:], 1
        elif len(blocks) > 1 and self.kind(blocks[1]) == "paragraph_open":
            answer = self.paragraph_lines(blocks[1])
            if not answer or not self.card_a.match(plain(answer[0])):
                return Found()
            question, used = lines, 2
        else:
            return Found()
        question_text = " ".join(plain(line) for line in question)
        answer_text = " ".join(plain(line) for line in answer)
        card = Flashcard(
            id=self.unique("f-", question_text, answer_text),
            question=self.write_lines(question),
            answer=self.write_lines(answer),
            question_text=question_text,
            answer_text=answer_text,
            line=self.line_of(blocks[0]),
            path=self.path,
        )
        return Found(used=used, flashcard=card)


def plain(children: Sequence[Token]) -> str:
    """What a reader sees of some inline children, without markup."""
    parts = []
    for child in children:
        if child.type in ("text", "code_inline"):
            parts.append(child.content)
        elif child.children:
            parts.append(plain(child.children))
    return "".join(parts)


def children(tokens: list[Token], block: tuple[int, int]) -> list[tuple[int, int]]:
    """The blocks directly inside the block ``block`` (a list's items, an item's blocks)."""
    found = []
    index = block[0] + 1
    while index < block[1] - 1:
        end = block_end(tokens, index)
        found.append((index, end))
        index = end
    return found


def ticked(item: Token, inline: Token) -> bool | None:
    """True or False for a task-list item (ticked or not), None for any other item.
    The tick is read from the item's ``meta["task"]`` (kept by the reading
    stage) or from the checkbox the task-list plugin wrote."""
    if "task" in item.meta:
        return bool(item.meta["task"])
    for child in inline.children or []:
        if child.type == "html_inline" and "task-list-item-checkbox" in child.content:
            return bool(_CHECKED.search(child.content))
    return None


def _letter(match: re.Match[str]) -> str:
    return (match["a"] or match["b"] or match["c"]).upper()


def _split_letters(text: str) -> tuple[str, ...]:
    return tuple(
        letter.upper() for letter in re.findall(r"[A-Ha-h]", re.sub(r"\band\b", " ", text))
    )


def _text_of_html(fragment: str) -> str:
    return html.unescape(_TAGS.sub("", fragment))
