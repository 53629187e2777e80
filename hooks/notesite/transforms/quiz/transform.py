"""The quiz transform: the author's questions and flashcards become a quiz.

Looks at the page's top-level blocks: a list whose items are questions (a
stem, lettered options, an answer), a paragraph starting "Q1." with its
options and answer, and "Q:"/"A:" flashcards. Each becomes the Markdown of
``render``; a list item or paragraph that looks like a question but whose
answer cannot be read stays as written, with a warning naming its line.
A page that is mostly questions is a practice exam: it ends with its score
and the answers (for print). What was found goes on ``context.quiz``.
"""

from __future__ import annotations

from collections.abc import Sequence

from markdown_it.token import Token

from notesite.reading.parse import raw_markdown_token, render_markdown
from notesite.transforms.context import PageContext, block_end
from notesite.transforms.quiz.model import PageQuiz, QuizRules, load_quiz_rules
from notesite.transforms.quiz.recognise import Found, Recogniser, children
from notesite.transforms.quiz.render import (
    answers_markdown,
    exam_markdown,
    flashcard_markdown,
    question_markdown,
)

_LISTS = ("ordered_list_open", "bullet_list_open")


def transform_quiz(tokens: list[Token], context: PageContext) -> list[Token]:
    rules = context.cached("quiz rules", lambda: load_quiz_rules(context.root))
    if rules is None:
        return tokens
    mdit = context.cache.get("mdit")

    def write_blocks(run: Sequence[Token]) -> str:
        return render_markdown(list(run), context.env, mdit).strip()

    def write_lines(lines: Sequence[Sequence[Token]]) -> str:
        return lines_markdown(lines, context.env, mdit)

    path = tokens[0].meta.get("source", context.notes_path) if tokens else context.notes_path
    reader = Recogniser(tokens, rules, write_blocks, write_lines, context.slug, path)
    quiz = PageQuiz(context.slug)
    out: list[Token] = []
    blocks = top_blocks(tokens)
    covered = 0
    index = 0
    while index < len(blocks):
        block = blocks[index]
        kind = tokens[block[0]].type
        if kind in _LISTS:
            replaced = _read_list(reader, block, quiz, context, rules)
            if replaced is not None:
                out.append(raw_markdown_token(replaced, tokens[block[0]].map))
                covered += _lines(tokens, [block])
                index += 1
                continue
        found = reader.read_question(blocks[index:], None, rest_is_explanation=False)
        if found.question is None and found.problem is None:
            found = reader.read_flashcard(blocks[index:])
        if found.problem is not None:
            context.warn(reader.line_of(block) - 1, found.problem, path)
        if found.question is None and found.flashcard is None:
            out.extend(tokens[block[0] : block[1]])
            index += 1
            continue
        used = blocks[index : index + found.used]
        markdown = _markdown(found, rules)
        out.append(raw_markdown_token(markdown, tokens[block[0]].map))
        _keep(found, quiz)
        covered += _lines(tokens, used) if found.question else 0
        index += found.used
    if not quiz.questions and not quiz.flashcards:
        return tokens
    total = _lines(tokens, blocks)
    quiz.exam = len(quiz.questions) >= rules.min_questions and covered >= rules.share * total
    if quiz.exam:
        out.append(raw_markdown_token(exam_markdown(rules), None))
    if quiz.questions:
        out.append(raw_markdown_token(answers_markdown(quiz.questions, rules), None))
    context.quiz = quiz
    return out


def _read_list(
    reader: Recogniser,
    block: tuple[int, int],
    quiz: PageQuiz,
    context: PageContext,
    rules: QuizRules,
) -> str | None:
    """A list with question items: each question as a quiz, the other items
    as written (in lists of their own, numbered as before). None when no item
    is a question."""
    tokens = reader.tokens
    opening = tokens[block[0]]
    ordered = opening.type == "ordered_list_open"
    start = int(opening.attrs.get("start", 1) or 1) if ordered else 1
    items = children(tokens, block)
    found = [
        reader.read_question(
            children(tokens, item), str(start + n) if ordered else None, rest_is_explanation=True
        )
        for n, item in enumerate(items)
    ]
    if not any(f.question for f in found):
        for item, result in zip(items, found, strict=True):
            if result.problem is not None:
                context.warn(reader.line_of(item) - 1, result.problem, reader.path)
        return None
    parts: list[str] = []
    run: list[int] = []

    def flush() -> None:
        if run:
            first, last = items[run[0]], items[run[-1]]
            opened = _copy(opening, start + run[0] if ordered else None)
            closed = tokens[block[1] - 1]
            parts.append(
                render_markdown([opened, *tokens[first[0] : last[1]], closed], context.env)
            )
            run.clear()

    for n, (item, result) in enumerate(zip(items, found, strict=True)):
        if result.problem is not None:
            context.warn(reader.line_of(item) - 1, result.problem, reader.path)
        if result.question is None:
            run.append(n)
            continue
        flush()
        parts.append(_markdown(result, rules))
        _keep(result, quiz)
    flush()
    return "\n\n".join(part.strip() for part in parts) + "\n"


def _copy(opening: Token, start: int | None) -> Token:
    token = Token(opening.type, opening.tag, opening.nesting, markup=opening.markup)
    token.map, token.block = opening.map, True
    if start is not None and start != 1:
        token.attrs = {"start": start}
    return token


def _markdown(found: Found, rules: QuizRules) -> str:
    if found.question is not None:
        return question_markdown(found.question, rules)
    assert found.flashcard is not None
    return flashcard_markdown(found.flashcard, rules)


def _keep(found: Found, quiz: PageQuiz) -> None:
    if found.question is not None:
        quiz.questions.append(found.question)
    elif found.flashcard is not None:
        quiz.flashcards.append(found.flashcard)


def top_blocks(tokens: list[Token]) -> list[tuple[int, int]]:
    """(start, end) of each top-level block of the page."""
    found, index = [], 0
    while index < len(tokens):
        end = block_end(tokens, index)
        found.append((index, end))
        index = end
    return found


def _lines(tokens: list[Token], blocks: Sequence[tuple[int, int]]) -> int:
    """How many lines of the notes the blocks take."""
    total = 0
    for start, end in blocks:
        spans = [t.map for t in tokens[start:end] if t.map]
        if spans:
            total += max(s[1] for s in spans) - min(s[0] for s in spans)
    return total


def lines_markdown(lines: Sequence[Sequence[Token]], env: dict, mdit: object) -> str:
    """Markdown of some lines of a paragraph (its inline children between breaks)."""
    children_: list[Token] = []
    for number, line in enumerate(lines):
        if number:
            children_.append(Token("softbreak", "br", 0))
        children_.extend(line)
    # A task item's text starts after its box: "[x] A. …".
    while (
        children_
        and children_[0].type in ("text", "html_inline")
        and not children_[0].content.strip()
    ):
        children_.pop(0)
    if children_ and children_[0].type == "text":
        children_[0] = children_[0].copy(content=children_[0].content.lstrip())
    inline = Token("inline", "", 0, children=children_, block=True)
    opened, closed = (
        Token("paragraph_open", "p", 1, block=True),
        Token("paragraph_close", "p", -1, block=True),
    )
    return render_markdown([opened, inline, closed], env, mdit).strip()  # type: ignore[arg-type]
