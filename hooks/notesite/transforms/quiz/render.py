"""The Markdown a question or flashcard becomes.

Readable as it stands (a stem, its options as a list, the answer in a
collapsed "Answer" block), so the page reads well without a script, in
search and printed; ``docs/assets/javascripts/quiz.js`` turns each
``notes-quiz`` block into options to tick with a check button, from the
parts ``overrides/partials/quiz.html`` holds. The blocks' classes and data
attributes are written here only: the notes' own HTML cannot carry a class or
a data attribute (``reading.sanitise``), so no note can pose as a question.
"""

from __future__ import annotations

from collections.abc import Sequence

from notesite.transforms.quiz.model import Flashcard, Question, QuizRules
from notesite.transforms.study.numbers import text_markdown


def _indent(markdown: str) -> str:
    return "\n".join(f"    {line}" if line else "" for line in markdown.splitlines())


def _title(text: str) -> str:
    return text.replace("\\", "\\\\").replace('"', '\\"')


def question_markdown(question: Question, rules: QuizRules) -> str:
    """A question: its stem, options and collapsed answer, in a ``notes-quiz`` block."""
    letters = ", ".join(question.answers)
    options = "\n".join(f"- {option.markdown}" for option in question.options)
    answer = (
        f"**{text_markdown(rules.labels.get('answer_is', '{answer}').format(answer=letters))}**"
    )
    if question.explanation:
        answer += "\n\n" + question.explanation
    return (
        f'<div class="notes-quiz" id="quiz-{question.id}" data-quiz="{question.id}"'
        f' data-answer="{",".join(question.answers)}"'
        f' data-options="{",".join(o.letter for o in question.options)}" markdown>\n\n'
        f"{question.stem}\n{{ .notes-quiz__stem }}\n\n"
        f'<div class="notes-quiz__options" markdown>\n\n{options}\n\n</div>\n\n'
        f'??? success notes-quiz__answer "{_title(rules.labels.get("answer", "Answer"))}"\n\n'
        f"{_indent(answer)}\n\n</div>\n"
    )


def flashcard_markdown(card: Flashcard, rules: QuizRules) -> str:
    """A flashcard: its question, and its answer (hidden by the script until revealed)."""
    return (
        f'<div class="notes-flashcard" id="card-{card.id}" data-flashcard="{card.id}" markdown>\n\n'
        f"{card.question}\n{{ .notes-flashcard__question }}\n\n"
        f"{card.answer}\n{{ .notes-flashcard__answer }}\n\n</div>\n"
    )


def exam_markdown(rules: QuizRules) -> str:
    """Where a practice exam's score goes (filled in by the script)."""
    title = text_markdown(rules.labels.get("exam_title", "Your score"))
    return f'<div class="notes-quiz-exam" markdown>\n\n**{title}**\n\n</div>\n'


def answers_markdown(questions: Sequence[Question], rules: QuizRules) -> str:
    """Every question's answer, at the end of the page: shown in print only,
    where the answers under the questions are left out."""
    title = text_markdown(rules.labels.get("answers_title", "Answers"))
    rows = "\n".join(f"- **{text_markdown(q.number)}.** {', '.join(q.answers)}" for q in questions)
    return f'<div class="notes-quiz-key" markdown>\n\n**{title}**\n\n{rows}\n\n</div>\n'
