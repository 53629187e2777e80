"""The practice exams of the cloud-practitioner corpus (read in place): every
question found, each answer the one its text gives, each exam a practice exam."""

from __future__ import annotations

import itertools
import re
from pathlib import Path

import pytest
from notesite.pipeline import compute_state
from notesite.reading.source import discover_sources

ROOT = Path(__file__).resolve().parents[3]
CORPUS = ROOT.parent / "shared" / "corpora" / "cloud-practitioner-site"
_QUESTION = re.compile(r"^\d+\. ", re.M)
_ANSWER = re.compile(r"correct answer:[ \t]*([A-E](?:[, ]*[A-E])*)\b", re.I)


@pytest.fixture(scope="module")
def state():
    """The corpus planned and transformed, as a build does it."""
    if not CORPUS.is_dir():
        pytest.skip(f"{CORPUS} is not there")
    sources = discover_sources(ROOT, str(CORPUS))
    return compute_state(ROOT, ROOT / "docs/_data/catalogue.yml", sources, frozenset(), CORPUS)


def written(path: Path) -> list[tuple[int, tuple[str, ...]]]:
    """Each numbered question of an exam file: its line and the letters of the
    first "Correct answer" after it (none if another question comes first)."""
    text = path.read_text(encoding="utf-8")
    starts = [m.start() for m in _QUESTION.finditer(text)] + [len(text)]
    found = []
    for start, end in itertools.pairwise(starts):
        answer = _ANSWER.search(text, start, end)
        letters = tuple(re.findall(r"[A-E]", answer[1].upper())) if answer else ()
        found.append((text.count("\n", 0, start) + 1, letters))
    return found


def test_every_exam_question_is_found_with_the_answer_its_text_gives(state) -> None:
    """Each exam's questions are found (or reported) with their text's answer letters."""
    exams = sorted((CORPUS / "practice-exam").glob("practice-exam-*.md"))
    assert len(exams) == 23
    reported = {(m.path, m.line) for m in state.messages if "question" in m.text}
    by_file = {}
    for quiz in state.quizzes.values():
        for question in quiz.questions:
            by_file.setdefault(question.path, {})[question.line] = question.answers
    counts = {}
    for exam in exams:
        shown = next(p for p in by_file if p.endswith(f"/{exam.name}"))
        questions = written(exam)
        missing = [line for line, _ in questions if line not in by_file[shown]]
        assert all((shown, line) in reported for line in missing), exam.name
        for line, letters in questions:
            if line in by_file[shown]:
                assert by_file[shown][line] == letters, f"{exam.name}:{line}"
        counts[exam.stem] = (len(by_file[shown]), len(questions))
    found, total = sum(c[0] for c in counts.values()), sum(c[1] for c in counts.values())
    print(f"\nquestions recognised: {found} of {total}; per exam: {counts}")
    assert total == 1142 and found >= total - 2


def test_each_exam_page_is_a_practice_exam_and_no_other_page_has_questions(state) -> None:
    """The 23 exam pages (and only they) hold questions, and each is a practice exam."""
    exams = {slug for slug, quiz in state.quizzes.items() if quiz.exam}
    with_questions = {slug for slug, quiz in state.quizzes.items() if quiz.questions}
    assert exams == with_questions
    assert len(exams) == 23
