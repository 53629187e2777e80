"""The author's own questions as a quiz in Chromium: tick and check (right,
wrong, "choose TWO"), the practice exam's score and its missed questions, the
schedule kept across a reload and counted on Test yourself, flashcards, the
keyboard, print, axe-core; from disk offline and served. The site is built
from a small folder of notes with a practice exam (tests/fixtures/quiz-notes)."""

from __future__ import annotations

import functools
import threading
from collections.abc import Iterator
from http.server import ThreadingHTTPServer
from pathlib import Path
from typing import Any

import pytest

from .conftest import AXE_SCRIPT, ReaderFactory, _QuietHandler
from .reader import Origin, Reader

pytestmark = pytest.mark.browser

NOTES = Path(__file__).resolve().parents[1] / "fixtures" / "quiz-notes"
EXAM = "practice-exam-1.html"


@pytest.fixture(scope="module")
def quiz_site(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The site built from the quiz notes."""
    from tests.site.builds import build_site

    site = tmp_path_factory.mktemp("quiz") / "site"
    build_site(site, source=str(NOTES), cache=False)
    return site


@pytest.fixture(scope="module")
def quiz_http(quiz_site: Path) -> Iterator[str]:
    handler = functools.partial(_QuietHandler, directory=str(quiz_site))
    server = ThreadingHTTPServer(("127.0.0.1", 0), handler)
    threading.Thread(target=server.serve_forever, daemon=True).start()
    yield f"http://127.0.0.1:{server.server_address[1]}/"
    server.shutdown()
    server.server_close()


@pytest.fixture(params=["file", "http"])
def quiz_origin(request: pytest.FixtureRequest, quiz_site: Path) -> Origin:
    """Each test that takes it runs from disk and served."""
    if request.param == "file":
        return Origin("file", quiz_site.as_uri() + "/")
    return Origin("http", request.getfixturevalue("quiz_http"))


def question(reader: Reader, number: int) -> Any:
    return reader.page.locator(".notes-quiz").nth(number - 1)


def answer(reader: Reader, number: int, *letters: str) -> Any:
    """Tick the letters' options of a question and press its check button."""
    block = question(reader, number)
    for letter in letters:
        block.locator(f"input[value='{letter}']").check()
    block.get_by_role("button", name="Check").click()
    return block


def test_right_wrong_and_the_exam_score_survive_a_reload(
    quiz_origin: Origin, open_reader: ReaderFactory
) -> None:
    """Right and wrong checks mark the options and feed a score that survives a reload."""
    reader = open_reader(quiz_origin)
    reader.open(EXAM)
    first = question(reader, 1)
    assert first.locator(".notes-quiz__answer").is_hidden()
    assert first.get_by_role("radio").count() == 3
    answer(reader, 1, "B")
    assert first.locator("[data-quiz-result]").inner_text() == "Right."
    assert first.locator(".notes-quiz__answer").is_visible()
    third = answer(reader, 3, "C")
    assert third.locator("[data-quiz-result]").inner_text() == "Not quite: the answer is A."
    right = third.locator(".notes-quiz__option--right")
    assert right.count() == 1 and right.inner_text().strip() == "A. Amazon RDS"
    assert third.locator(".notes-quiz__option--wrong").inner_text().strip() == "C. Amazon SNS"
    score = reader.page.locator(".notes-quiz-exam")
    assert "1 right of 2 answered (5 questions)" in score.inner_text()
    missed = score.locator("[data-quiz-missed] a")
    assert missed.count() == 1 and "Which service is a managed relational" in missed.inner_text()
    reader.page.reload()
    assert "1 right of 2 answered (5 questions)" in score.inner_text()
    assert reader.foreign_requests() == []
    assert reader.console_errors == []


def test_choose_two_takes_checkboxes_and_both_answers(
    quiz_origin: Origin, open_reader: ReaderFactory
) -> None:
    """A "Choose TWO" question has checkboxes; one tick asks for two; both right is right."""
    reader = open_reader(quiz_origin)
    reader.open(EXAM)
    block = answer(reader, 2, "A")
    assert block.get_by_role("checkbox").count() == 4
    assert block.locator("[data-quiz-result]").inner_text() == "Tick 2 options."
    block.locator("input[value='C']").check()
    block.get_by_role("button", name="Check").click()
    assert block.locator("[data-quiz-result]").inner_text() == "Right."
    assert "Lambda and Fargate run code" in block.locator(".notes-quiz__answer").inner_text()


def test_missed_questions_are_retried_and_counted_on_test_yourself(
    quiz_site: Path, open_reader: ReaderFactory
) -> None:
    """A missed question is listed to retry on Test yourself, and "try again" resets it."""
    reader = open_reader(Origin("file", quiz_site.as_uri() + "/"))
    reader.open(EXAM)
    answer(reader, 4, "A")
    reader.open("test-yourself.html")
    deck = reader.page.get_by_role("link", name="Download every card for Anki")
    assert deck.get_attribute("href") == "test-yourself.apkg"
    retry = reader.page.locator(".notes-quiz-retry")
    assert "Practice questions to retry: 1" in retry.inner_text()
    retry.get_by_role("link").click()
    assert reader.current_path() == EXAM
    reader.page.get_by_role("button", name="Try the missed ones again").click()
    fourth = question(reader, 4)
    assert fourth.locator(".notes-quiz__answer").is_hidden()
    assert fourth.locator("input:checked").count() == 0
    assert fourth.locator("input").first.evaluate("e => e === document.activeElement")


def test_the_quiz_works_by_keyboard(quiz_site: Path, open_reader: ReaderFactory) -> None:
    """Arrow keys choose among the options, Tab reaches Check, Enter checks."""
    reader = open_reader(Origin("file", quiz_site.as_uri() + "/"))
    reader.open(EXAM)
    block = question(reader, 5)
    block.locator("input[value='A']").focus()
    reader.page.keyboard.press("Space")
    reader.page.keyboard.press("ArrowDown")
    assert block.locator("input[value='B']").is_checked()
    reader.page.keyboard.press("ArrowUp")
    reader.page.keyboard.press("Tab")
    assert block.get_by_role("button", name="Check").evaluate("e => e === document.activeElement")
    reader.page.keyboard.press("Enter")
    assert block.locator("[data-quiz-result]").inner_text() == "Right."


def test_flashcards_hide_their_answer_until_revealed(
    quiz_site: Path, open_reader: ReaderFactory
) -> None:
    """Each Q:/A: card shows its answer on request and joins the schedule when graded."""
    reader = open_reader(Origin("file", quiz_site.as_uri() + "/"))
    reader.open("s3.html")
    card = reader.page.locator(".notes-flashcard").first
    assert card.locator(".notes-flashcard__answer").is_hidden()
    card.get_by_role("button", name="Show answer").click()
    assert card.locator(".notes-flashcard__answer").inner_text() == "A: Objects, in buckets."
    card.get_by_role("button", name="Missed it").click()
    stored = reader.page.evaluate("() => window.notesStudy.load().cards")
    assert stored[card.get_attribute("data-flashcard")]["box"] == 0


def test_an_exam_prints_its_questions_then_the_answers(
    quiz_site: Path, open_reader: ReaderFactory
) -> None:
    """Printed (alone or in the whole notes), an exam's answers come only at its end."""
    reader = open_reader(Origin("file", quiz_site.as_uri() + "/"))
    reader.open(EXAM)
    assert reader.page.locator(".notes-quiz-key").is_hidden()
    reader.page.emulate_media(media="print")
    assert reader.page.locator(".notes-quiz-key").is_visible()
    assert "3. A" in reader.page.locator(".notes-quiz-key").inner_text()
    assert reader.page.locator(".notes-quiz__actions").first.is_hidden()
    answer_block = question(reader, 1).locator(".notes-quiz__answer")
    assert answer_block.is_hidden()
    reader.open("print.html")
    reader.page.emulate_media(media="print")
    assert reader.page.locator(".notes-quiz-key").is_visible()
    assert reader.page.locator(".notes-quiz__answer").first.is_hidden()


def test_practice_exams_have_their_own_navigation_section(
    quiz_site: Path, open_reader: ReaderFactory
) -> None:
    """The exam is listed under "Practice exams" in the navigation."""
    reader = open_reader(Origin("file", quiz_site.as_uri() + "/"))
    reader.open("index.html")
    section = reader.page.locator(
        ".md-nav--primary .md-nav__item--nested", has_text="Practice exams"
    )
    assert section.locator(f"a[href$='{EXAM}']").count() == 1


@pytest.mark.parametrize("path", [EXAM, "s3.html", "test-yourself.html"])
def test_quiz_pages_have_no_accessibility_violation(
    path: str, quiz_site: Path, open_reader: ReaderFactory
) -> None:
    """axe-core finds no violation on an exam after a check, flashcards, Test yourself."""
    reader = open_reader(Origin("file", quiz_site.as_uri() + "/"))
    reader.open(path)
    if path == EXAM:
        answer(reader, 3, "B")
    assert reader.axe(AXE_SCRIPT) == []
