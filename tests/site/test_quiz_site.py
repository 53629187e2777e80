"""The cloud-practitioner corpus (read in place) built whole: its 23 practice
exams in their own navigation section, each page with a quiz block per question
found, and the Anki deck holding every card."""

from __future__ import annotations

import io
import sqlite3
import zipfile
from pathlib import Path

import pytest
from bs4 import BeautifulSoup

from tests.site.builds import build_site
from tests.site.test_corpora_site import CORPORA, sparse_or_repeated

CORPUS = CORPORA / "cloud-practitioner-site"


@pytest.fixture(scope="module")
def exam_site(tmp_path_factory: pytest.TempPathFactory):
    """The corpus's site, built not strictly (its notes name pictures they lack)."""
    if not CORPUS.is_dir():
        pytest.skip(f"{CORPUS} is not there")
    site = tmp_path_factory.mktemp("exams") / "site"
    return site, build_site(site, source=str(CORPUS), cache=False)


@pytest.mark.slow
def test_each_exam_is_a_quiz_page_under_practice_exams(exam_site) -> None:
    """Each exam is only under "Practice exams", with a quiz block per question found."""
    site, config = exam_site
    state = config["notes_site"]
    sections = {title: value for item in config.nav for title, value in item.items()}
    exams = [uri for child in sections["Practice exams"] for uri in child.values()]
    assert len(exams) == 23
    for title, value in sections.items():
        if isinstance(value, list) and title != "Practice exams":
            assert not {uri for child in value for uri in child.values()} & set(exams)
    counts = {}
    for uri in exams:
        slug = uri.removesuffix(".md")
        soup = BeautifulSoup((site / f"{slug}.html").read_text(encoding="utf-8"), "lxml")
        quiz = state.quizzes[slug]
        assert len(soup.select(".notes-quiz")) == len(quiz.questions), slug
        assert len(soup.select(".notes-quiz-exam")) == 1
        assert len(soup.select(".notes-quiz-key li")) == len(quiz.questions)
        counts[slug] = len(quiz.questions)
    print(f"\nquiz blocks per exam page: {counts}")
    assert sum(counts.values()) >= 1140


@pytest.mark.slow
def test_the_deck_holds_every_generated_card_and_question(exam_site, tmp_path: Path) -> None:
    """The site's .apkg holds a note per question and per generated card, as the CSV does."""
    site, config = exam_site
    state = config["notes_site"]
    questions = sum(len(q.questions) + len(q.flashcards) for q in state.quizzes.values())
    with zipfile.ZipFile(io.BytesIO((site / "test-yourself.apkg").read_bytes())) as deck:
        (tmp_path / "deck.db").write_bytes(deck.read("collection.anki2"))
    notes = sqlite3.connect(tmp_path / "deck.db").execute("select tags from notes").fetchall()
    assert sum(1 for (tags,) in notes if "question" in tags.split()) == questions
    lines = (site / "test-yourself.csv").read_text(encoding="utf-8")
    assert len(notes) > questions and lines.count(",question\n") == questions


@pytest.mark.slow
def test_tables_have_no_half_empty_column_and_no_repeated_cell(exam_site) -> None:
    """The corpus's tables: each column, Notes included, is filled in most rows, and no
    row says a sentence twice."""
    site, _ = exam_site
    assert sparse_or_repeated(site) == []
