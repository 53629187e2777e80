"""The Anki deck: an .apkg (a zip holding Anki's SQLite collection) with every
card, one sub-deck per page, the same ids and bytes on every build; and its CSV."""

from __future__ import annotations

import csv
import io
import json
import sqlite3
import zipfile
from pathlib import Path

from notesite.output.anki import anki_deck, deck_cards, deck_csv
from notesite.transforms.study.questions import Card

from tests.golden_files import read_blocks
from tests.transforms.quiz.test_golden import FIXTURES, run


def quizzes() -> dict:
    """Each golden fixture as a page of its own: its questions and flashcards."""
    found = {}
    for path in FIXTURES:
        _, _, quiz = run(read_blocks(path)["input"])
        if quiz is not None:
            quiz.slug = path.stem
            found[path.stem] = quiz
    return found


def generated() -> list[Card]:
    return [
        Card("c-1", "number", "sqs", "SQS: messages up to _____.", "256 KB", "sqs.md#limits", "")
    ]


def cards():
    pages = quizzes()
    titles = {slug: slug.replace("-", " ").title() for slug in pages} | {"sqs": "SQS"}
    urls = {slug: f"{slug}.html" for slug in titles}
    return deck_cards(generated(), pages, titles, ["sqs", *pages], urls), pages


def open_deck(data: bytes, folder: Path) -> sqlite3.Connection:
    with zipfile.ZipFile(io.BytesIO(data)) as deck:
        (folder / "collection.anki2").write_bytes(deck.read("collection.anki2"))
    return sqlite3.connect(folder / "collection.anki2")


def test_the_deck_holds_every_card_in_a_sub_deck_per_page(tmp_path: Path) -> None:
    """Every question, flashcard and generated card is a note; each page is a sub-deck."""
    found, pages = cards()
    expected = 1 + sum(len(q.questions) + len(q.flashcards) for q in pages.values())
    assert len(found) == expected
    db = open_deck(anki_deck("Notes", found, "https://example.org/"), tmp_path)
    rows = db.execute("select guid, flds, tags from notes").fetchall()
    assert len(rows) == expected
    assert db.execute("select count(*) from cards").fetchone()[0] == expected
    decks = {
        d["name"] for d in json.loads(db.execute("select decks from col").fetchone()[0]).values()
    }
    assert {"Notes::SQS", "Notes::Flashcards", "Notes::List Details"} <= decks
    fields = {row[1].split("\x1f")[3]: row[1].split("\x1f") for row in rows}
    question = next(q for q in pages["list-details"].questions if q.answers == ("B", "D"))
    front, back, source, _ = fields[question.id]
    assert "Which are about reliability?" in front and "D. Recovering from failures." in front
    assert back.startswith("Answer: B, D")
    assert f"https://example.org/list-details.html#quiz-{question.id}" in source
    assert fields["c-1"][1] == "256 KB"


def test_a_rebuild_gives_the_same_deck(tmp_path: Path) -> None:
    """Two builds from the same notes give the same file, hence the same note ids and guids."""
    first, second = anki_deck("Notes", cards()[0]), anki_deck("Notes", cards()[0])
    assert first == second
    (tmp_path / "a").mkdir()
    ids = open_deck(first, tmp_path / "a").execute("select id, guid from notes").fetchall()
    assert len(set(ids)) == len(ids) > 0


def test_the_csv_has_a_row_per_card() -> None:
    """The CSV lists every card with its deck, front, back and link."""
    found, _ = cards()
    rows = list(csv.reader(io.StringIO(deck_csv(found).decode())))
    assert rows[0] == ["id", "deck", "front", "back", "link", "kind"]
    assert [row[0] for row in rows[1:]] == [card.id for card in found]
    assert {row[5] for row in rows[1:]} == {"number", "question", "flashcard"}
