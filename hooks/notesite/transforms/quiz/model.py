"""What the quiz transform finds: questions, flashcards and the words that
mark them (``docs/_data/quiz.yml``)."""

from __future__ import annotations

import hashlib
import re
from collections.abc import Mapping
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from notesite import yaml_data
from notesite.errors import NotesSiteError

QUIZ_FILE = "docs/_data/quiz.yml"


class QuizRulesError(NotesSiteError):
    """docs/_data/quiz.yml cannot be used."""


@dataclass(frozen=True)
class Option:
    letter: str  # "A"
    markdown: str  # as the author wrote it, marker included ("A. AWS CLI.")
    text: str  # plain text, marker left out


@dataclass(frozen=True)
class Question:
    id: str
    number: str  # as written or as its list counts ("4")
    stem: str  # Markdown
    stem_text: str  # plain text
    options: tuple[Option, ...]
    answers: tuple[str, ...]  # right letters
    explanation: str  # Markdown, "" for none
    line: int  # 1-based, in ``path``
    path: str
    shape: str  # how it was written: "list", "lines", "task list"; then "+details", …

    @property
    def choose(self) -> int:
        return len(self.answers)


@dataclass(frozen=True)
class Flashcard:
    id: str
    question: str  # Markdown
    answer: str  # Markdown
    question_text: str
    answer_text: str
    line: int
    path: str


@dataclass
class PageQuiz:
    """One page's questions and flashcards, in the page's order."""

    slug: str
    title: str = ""
    questions: list[Question] = field(default_factory=list)
    flashcards: list[Flashcard] = field(default_factory=list)
    exam: bool = False


@dataclass(frozen=True)
class QuizRules:
    answer_words: tuple[str, ...]
    summary_words: tuple[str, ...]
    explanation_words: tuple[str, ...]
    choose_words: tuple[str, ...]
    numbers: Mapping[str, int]
    question_words: tuple[str, ...]
    flashcard_question: tuple[str, ...]
    flashcard_answer: tuple[str, ...]
    min_questions: int
    share: float
    section: str
    labels: Mapping[str, str]

    def alternatives(self, words: tuple[str, ...]) -> str:
        """A regular expression matching any of ``words`` (longest first)."""
        ordered = sorted(words, key=len, reverse=True)
        return "|".join(re.escape(w).replace(r"\ ", r"\s+") for w in ordered)


def _words(data: Mapping[str, Any], key: str) -> tuple[str, ...]:
    found = data.get(key)
    if (
        not isinstance(found, list)
        or not found
        or not all(isinstance(w, (str, int)) for w in found)
    ):
        raise QuizRulesError(f"{QUIZ_FILE}: {key} must be a list of words")
    return tuple(str(w).lower() for w in found)


def load_quiz_rules(root: Path) -> QuizRules | None:
    """The rules of ``docs/_data/quiz.yml``; None when the file is absent
    (then no question is recognised)."""
    path = root / QUIZ_FILE
    if not path.is_file():
        return None
    data = yaml_data.load_mapping(path, QuizRulesError)
    exam = data.get("exam") or {}
    numbers = data.get("numbers") or {}
    labels = data.get("labels") or {}
    try:
        return QuizRules(
            answer_words=_words(data, "answer_words"),
            summary_words=_words(data, "summary_words"),
            explanation_words=_words(data, "explanation_words"),
            choose_words=_words(data, "choose_words"),
            numbers={str(k).lower(): int(v) for k, v in numbers.items()},
            question_words=_words(data, "question_words"),
            flashcard_question=_words(data, "flashcard_question"),
            flashcard_answer=_words(data, "flashcard_answer"),
            min_questions=int(exam.get("min_questions", 5)),
            share=float(exam.get("share", 0.6)),
            section=str(exam.get("section", "Practice exams")),
            labels={str(k): str(v) for k, v in labels.items()},
        )
    except (TypeError, ValueError, AttributeError) as error:
        raise QuizRulesError(f"{QUIZ_FILE}: {error}") from None


def item_id(prefix: str, slug: str, *texts: str) -> str:
    """A stable id from the page and the item's own words, not its place:
    a rebuild, or a question added before it, gives it the same id."""
    digest = hashlib.sha1("\x1f".join((slug, *texts)).encode()).hexdigest()
    return f"{prefix}{digest[:12]}"
