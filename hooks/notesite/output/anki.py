"""Every card of the site as an Anki deck (``.apkg``) and a CSV file.

The generated question cards, the author's own questions (their options on
the front, the answer and explanation on the back) and their flashcards,
one sub-deck per page ("Site::Page"), each card linking back to its section
when the site's URL is known. A note's guid comes from its card's id, so
importing a newer deck updates the cards instead of adding them again; the
note and card ids come from a fixed clock and the zip carries fixed dates,
so the same notes give the same deck, byte for byte.
"""

from __future__ import annotations

import csv
import hashlib
import html
import io
import tempfile
import zipfile
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass
from pathlib import Path

DECK_FILE, CSV_FILE = "test-yourself.apkg", "test-yourself.csv"
# Anki reads note and card ids as creation times: one fixed time, so a
# rebuild gives the same ids.
CLOCK = 1_700_000_000.0
_ZIP_DATE = (2023, 11, 14, 22, 13, 20)


@dataclass(frozen=True)
class DeckCard:
    """One card, as plain text: what the deck and the CSV hold."""

    id: str
    page: str  # the page's title: its sub-deck
    front: str
    back: str
    url: str  # the section on the site ("sqs.html#messages")
    kind: str


def _number(text: str) -> int:
    """A stable 31-bit id for a model or deck name (Anki wants it positive)."""
    return int(hashlib.sha1(text.encode()).hexdigest()[:8], 16) & 0x7FFFFFFF or 1


def _lines(text: str) -> str:
    return "<br>".join(html.escape(line) for line in text.splitlines())


def anki_deck(name: str, cards: Sequence[DeckCard], site_url: str = "") -> bytes:
    """The cards as an ``.apkg`` file: a zip holding Anki's SQLite collection."""
    import genanki  # only a build that has cards to export needs it

    model = genanki.Model(
        _number(f"{name} card model"),
        f"{name} card",
        fields=[{"name": "Front"}, {"name": "Back"}, {"name": "Source"}, {"name": "Id"}],
        templates=[
            {
                "name": "Card",
                "qfmt": "{{Front}}",
                "afmt": '{{FrontSide}}<hr id="answer">{{Back}}<p>{{Source}}</p>',
            }
        ],
    )
    decks: dict[str, genanki.Deck] = {}
    for card in cards:
        title = f"{name}::{card.page}"
        deck = decks.get(title)
        if deck is None:
            deck = decks[title] = genanki.Deck(_number(title), title)
        link = f"{site_url.rstrip('/')}/{card.url}" if site_url else ""
        source = (
            f'<a href="{html.escape(link)}">{html.escape(card.page)}</a>'
            if link
            else html.escape(card.page)
        )
        deck.add_note(
            genanki.Note(
                model=model,
                fields=[_lines(card.front), _lines(card.back), source, html.escape(card.id)],
                guid=genanki.guid_for(name, card.id),
                tags=[card.kind],
            )
        )
    with tempfile.TemporaryDirectory() as folder:
        path = Path(folder) / "deck.apkg"
        genanki.Package(list(decks.values())).write_to_file(str(path), timestamp=CLOCK)
        return _same_dates(path.read_bytes())


def _same_dates(data: bytes) -> bytes:
    """The zip again with every entry dated alike (genanki dates them now)."""
    out = io.BytesIO()
    with zipfile.ZipFile(io.BytesIO(data)) as source, zipfile.ZipFile(out, "w") as target:
        for entry in source.infolist():
            info = zipfile.ZipInfo(entry.filename, _ZIP_DATE)
            info.compress_type = zipfile.ZIP_DEFLATED
            target.writestr(info, source.read(entry))
    return out.getvalue()


def deck_csv(cards: Iterable[DeckCard]) -> bytes:
    """The cards as CSV: id, deck, front, back, link, kind (Anki imports it too)."""
    out = io.StringIO()
    writer = csv.writer(out, lineterminator="\n")
    writer.writerow(["id", "deck", "front", "back", "link", "kind"])
    for card in cards:
        writer.writerow([card.id, card.page, card.front, card.back, card.url, card.kind])
    return out.getvalue().encode()


def deck_cards(
    generated: Sequence[object],
    quizzes: Mapping[str, object],
    titles: Mapping[str, str],
    order: Sequence[str],
    urls: Mapping[str, str],
    answer_word: str = "Answer",
) -> list[DeckCard]:
    """Every card in the navigation's order: each page's generated cards, then
    its own questions and flashcards. ``urls``: each page's file name on the
    site by its slug."""
    by_page: dict[str, list[DeckCard]] = {slug: [] for slug in order}
    for card in generated:
        page, _, anchor = card.href.partition("#")  # type: ignore[attr-defined]
        slug = card.slug  # type: ignore[attr-defined]
        url = urls.get(slug, page) + (f"#{anchor}" if anchor else "")
        by_page.setdefault(slug, []).append(
            DeckCard(card.id, titles.get(slug, slug), card.question, card.answer, url, card.kind)  # type: ignore[attr-defined]
        )
    for slug, quiz in quizzes.items():
        title, url = titles.get(slug, slug), urls.get(slug, f"{slug}.html")
        for question in quiz.questions:  # type: ignore[attr-defined]
            front = "\n".join(
                [question.stem_text, *(f"{o.letter}. {o.text}" for o in question.options)]
            )
            back = f"{answer_word}: {', '.join(question.answers)}"
            if question.explanation:
                back += f"\n{question.explanation}"
            link = f"{url}#quiz-{question.id}"
            by_page.setdefault(slug, []).append(
                DeckCard(question.id, title, front, back, link, "question")
            )
        for card in quiz.flashcards:  # type: ignore[attr-defined]
            by_page.setdefault(slug, []).append(
                DeckCard(
                    card.id,
                    title,
                    card.question_text,
                    card.answer_text,
                    f"{url}#card-{card.id}",
                    "flashcard",
                )
            )
    return [card for cards in by_page.values() for card in cards]
