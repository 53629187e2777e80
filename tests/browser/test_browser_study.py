"""Studying with the site in Chromium: backlinks, question cards and their
schedule, from disk with the network blocked and served, by mouse and by
keyboard, printed, and with axe-core on the new parts."""

from __future__ import annotations

import json
import re
from pathlib import Path
from typing import Any

import pytest

from .conftest import AXE_SCRIPT, ReaderFactory
from .reader import Origin, Reader

pytestmark = pytest.mark.browser

STUDY_PARTS = ".notes-study"


def cards(reader: Reader) -> Any:
    return reader.page.locator("[data-notes-cards] [data-card]")


def current(reader: Reader) -> Any:
    """The card a Test yourself session shows now."""
    return reader.page.locator("[data-notes-cards] [data-card].notes-card--current")


def ids_in_order(reader: Reader) -> list[str]:
    return cards(reader).evaluate_all("els => els.map(e => e.dataset.card)")


def set_schedule(reader: Reader, schedule: dict[str, Any]) -> None:
    """Keep ``schedule`` as the cards' schedule in the browser, then reload."""
    reader.page.evaluate(
        "(cards) => localStorage.setItem(window.notesStudy.key,"
        " JSON.stringify({version: 1, cards: cards, read: {}}))",
        schedule,
    )
    reader.page.reload()


def stored(reader: Reader) -> dict[str, Any]:
    """What the study script keeps in the browser's storage."""
    raw = reader.page.evaluate("() => localStorage.getItem(window.notesStudy.key)")
    return json.loads(raw) if raw else {}


def test_backlinks_on_sqs_include_sns(origin: Origin, open_reader: ReaderFactory) -> None:
    """SQS's "Mentioned on" names SNS and quotes its sentence; its link leads to SNS."""
    reader = open_reader(origin)
    reader.open("sqs.html")
    aside = reader.page.locator("aside.notes-backlinks")
    assert aside.locator("h2").inner_text() == "Mentioned on"
    item = aside.locator("li", has=reader.page.get_by_role("link", name="Amazon SNS"))
    assert item.locator("mark").inner_text() == "SQS"
    link = item.get_by_role("link", name="Amazon SNS")
    link.click()
    assert reader.current_path() == "sns.html"
    assert reader.foreign_requests() == []


def test_a_self_test_session_keeps_its_schedule_across_a_reload(
    origin: Origin, open_reader: ReaderFactory
) -> None:
    """Show, then mark one card missed and one knew: after a reload the missed card
    is due again soon, the known one is scheduled for tomorrow, and both come after
    the new cards. The reveal button's name says what it does next."""
    reader = open_reader(origin)
    reader.open("test-yourself.html")
    assert cards(reader).count() > 50
    first, second = cards(reader).nth(0), cards(reader).nth(1)
    missed_id, knew_id = first.get_attribute("data-card"), second.get_attribute("data-card")
    answer = first.locator(".notes-card__answer")
    assert answer.is_hidden()
    first.get_by_role("button", name="Show answer").click()
    assert answer.is_visible()
    hide = first.get_by_role("button", name="Hide answer")
    assert hide.get_attribute("aria-expanded") == "true"
    hide.click()
    assert answer.is_hidden()
    first.get_by_role("button", name="Show answer").click()
    first.get_by_role("button", name="Missed it").click()
    assert second.is_visible() and first.is_hidden()
    second.get_by_role("button", name="Show answer").click()
    second.get_by_role("button", name="Knew it").click()
    schedule = stored(reader)["cards"]
    assert schedule[missed_id]["box"] == 0 and schedule[knew_id]["box"] == 1

    reader.page.reload()
    reader.page.wait_for_function("() => !document.querySelector('[data-due]:empty')")
    assert stored(reader)["cards"] == schedule
    known = reader.page.locator(f'[data-card="{knew_id}"] [data-due]')
    assert known.inner_text() == "Next tomorrow"
    missed = reader.page.locator(f'[data-card="{missed_id}"] [data-due]')
    assert missed.inner_text() == "Again in a few minutes"
    status = reader.page.locator("[data-notes-cards-status]").inner_text()
    assert status.endswith("2 later")
    # Known and missed-but-not-yet-due cards come after the new ones.
    order = cards(reader).evaluate_all("els => els.map(e => e.dataset.card)")
    assert order.index(knew_id) > order.index(next(i for i in order if i not in schedule))
    assert reader.foreign_requests() == []


def test_cards_work_from_the_keyboard(file_origin: Origin, open_reader: ReaderFactory) -> None:
    """Tab reaches "Show answer", Enter shows the answer, the grade buttons follow in
    the tab order, and marking one returns focus to "Show answer"."""
    reader = open_reader(file_origin)
    reader.open("sqs.html")
    section = reader.page.locator("section.notes-cards")
    show = section.get_by_role("button", name="Show answer").first
    show.focus()
    reader.page.keyboard.press("Enter")
    card = section.locator("[data-card]").first
    assert card.locator(".notes-card__answer").is_visible()
    reader.page.keyboard.press("Tab")
    focused = reader.page.evaluate("() => document.activeElement.textContent.trim()")
    assert focused == "Knew it"
    reader.page.keyboard.press("Enter")
    assert reader.page.evaluate("() => document.activeElement.dataset.reveal") == ""
    assert card.locator("[data-due]").inner_text() == "Next tomorrow"


def test_test_yourself_shows_one_card_at_a_time_due_first_then_kinds_mixed(
    file_origin: Origin, open_reader: ReaderFactory
) -> None:
    """With one card due (the last in the page's own order), the session shows only
    that card, says where the reader is and which keys work, and the new cards that
    follow take every kind in turn before any kind comes twice."""
    reader = open_reader(file_origin)
    reader.open("test-yourself.html")
    written = ids_in_order(reader)
    due_id = written[-1]
    set_schedule(reader, {due_id: {"box": 0, "due": 0}})
    assert cards(reader).locator("visible=true").count() == 1
    assert current(reader).get_attribute("data-card") == due_id
    session = reader.page.locator(".notes-cards__session")
    assert session.locator(".notes-cards__position").inner_text() == (
        f"Card 1 of {len(written)}"
    )
    assert "1 knew it, 2 missed it" in session.locator(".notes-cards__keys").inner_text()
    kinds = cards(reader).evaluate_all("els => els.map(e => e.dataset.kind)")
    assert len(set(kinds)) > 1
    following = kinds[1 : 1 + len(set(kinds))]
    assert sorted(following) == sorted(set(kinds))


def test_a_session_runs_from_the_keyboard_and_ends_with_a_summary(
    file_origin: Origin, open_reader: ReaderFactory
) -> None:
    """With one card due and one new, Space shows the first answer, 2 marks it missed
    and moves focus to the next card, Enter shows that one, 1 marks it known; the end
    says one knew, one missed and when the soonest card comes back, and "Show every
    card" lists them all. A focused reveal button is described by its question and
    the session's position."""
    reader = open_reader(file_origin)
    reader.open("test-yourself.html")
    written = ids_in_order(reader)
    due_id, new_id = written[0], written[1]
    later = {"box": 3, "due": 4102444800000}  # far in the future
    set_schedule(
        reader,
        {i: dict(later) for i in written if i != new_id} | {due_id: {"box": 2, "due": 0}},
    )
    first = current(reader)
    assert first.get_attribute("data-card") == due_id
    reader.page.keyboard.press("Space")
    assert first.locator(".notes-card__answer").is_visible()
    reader.page.keyboard.press("2")
    second = current(reader)
    assert second.get_attribute("data-card") == new_id
    assert reader.page.evaluate("() => document.activeElement.dataset.reveal") == ""
    described = reader.page.evaluate(
        """() => document.activeElement.getAttribute('aria-describedby').split(' ')
            .map(id => document.getElementById(id).textContent).join(' | ')"""
    )
    question = second.locator(".notes-card__question").inner_text()
    assert described == f"{question} | Card 2 of 2"
    reader.page.keyboard.press("Enter")
    assert second.locator(".notes-card__answer").is_visible()
    reader.page.keyboard.press("1")
    done = reader.page.locator(".notes-cards__done")
    assert done.inner_text() == (
        "Session done: 1 knew, 1 missed. Soonest card: Again in a few minutes."
    )
    assert reader.page.evaluate("() => document.activeElement.className") == done.get_attribute(
        "class"
    )
    schedule = stored(reader)["cards"]
    assert schedule[due_id]["box"] == 0 and schedule[new_id]["box"] == 1
    assert cards(reader).locator("visible=true").count() == 0
    reader.page.get_by_role("button", name="Show every card").click()
    assert cards(reader).locator("visible=true").count() == len(written)


def test_cards_print_as_questions_and_answers(
    file_origin: Origin, open_reader: ReaderFactory
) -> None:
    """Printed, every card and answer shows (not only the session's card) and no
    button, schedule or session line does."""
    reader = open_reader(file_origin)
    reader.open("test-yourself.html")
    reader.page.emulate_media(media="print")
    first = cards(reader).first
    assert first.locator(".notes-card__answer").is_visible()
    assert cards(reader).locator("visible=true").count() == cards(reader).count()
    assert reader.page.locator(".notes-cards__session").is_hidden()
    assert first.locator(".notes-card__actions").is_hidden()
    assert reader.page.locator("[data-notes-cards-status]").is_hidden()


@pytest.mark.parametrize("scheme", ["light", "dark"])
@pytest.mark.parametrize("path", ["sqs.html", "test-yourself.html", "index.html"])
def test_axe_finds_nothing_on_the_study_parts(
    path: str, scheme: str, file_origin: Origin, open_reader: ReaderFactory
) -> None:
    """axe-core reports no violation at all in the backlinks, question cards and
    progress, with an answer shown, in the light and the dark scheme."""
    reader = open_reader(file_origin, scheme=scheme)
    reader.open(path)
    show = reader.page.get_by_role("button", name="Show answer")
    if show.count():
        show.first.click()
    reader.page.add_script_tag(path=str(AXE_SCRIPT))
    violations = reader.page.evaluate(
        """async (selector) => {
            const results = await axe.run(
              { include: [[selector]] }, { resultTypes: ['violations'] });
            return results.violations.map(v => v.id + ': ' + v.nodes.map(n => n.target).join(' '));
        }""",
        STUDY_PARTS,
    )
    assert violations == []


# ---------------------------------------------------------------- progress


def category_line(reader: Reader, page: str) -> str:
    """The home page's progress line of the category card that lists ``page``."""
    link = reader.page.locator(f'a[href="{page}"]')
    card = reader.page.locator(".grid.cards > ul > li", has=link)
    return card.locator(".notes-progress-line").inner_text()


def test_reading_to_the_end_marks_a_page_read_and_the_home_page_counts_it(
    origin: Origin, open_reader: ReaderFactory
) -> None:
    """Scrolled to the end, SQS is marked read; after a reload it still is, and its
    category's card on the home page counts it, and one card fewer new once known."""
    reader = open_reader(origin)
    reader.open("index.html")
    before = category_line(reader, "sqs.html")
    read, pages, due, new = (int(n) for n in re.findall(r"\d+", before))
    assert read == 0 and pages >= 2 and due == 0 and new >= 1
    reader.open("sqs.html")
    box = reader.page.get_by_label("I have read this page")
    assert not box.is_checked()
    reader.page.evaluate("() => window.scrollTo(0, document.body.scrollHeight)")
    reader.page.wait_for_function("() => document.querySelector('[data-notes-read]').checked")
    section = reader.page.locator("section.notes-cards")
    section.get_by_role("button", name="Show answer").first.click()
    section.get_by_role("button", name="Knew it").first.click()
    reader.page.reload()
    assert reader.page.get_by_label("I have read this page").is_checked()
    reader.open("index.html")
    assert category_line(reader, "sqs.html") == (f"1 of {pages} pages read · 0 due, {new - 1} new")
    assert reader.foreign_requests() == []


def test_the_home_page_counts_cards_as_test_yourself_does(
    file_origin: Origin, open_reader: ReaderFactory
) -> None:
    """After a session (one card missed and due again, one known), the home page's
    cards add up to the due and new counts the Test yourself page shows, in its words;
    each card shows one line of progress in place of its page count."""
    reader = open_reader(file_origin)
    reader.open("test-yourself.html")
    for grade in ("Missed it", "Knew it"):
        card = current(reader)
        card.get_by_role("button", name="Show answer").click()
        card.get_by_role("button", name=grade).click()
    schedule = stored(reader)
    for record in schedule["cards"].values():
        if record["box"] == 0:
            record["due"] = 0  # the missed card's few minutes have passed
    reader.page.evaluate(
        "(value) => localStorage.setItem(window.notesStudy.key, JSON.stringify(value))",
        schedule,
    )
    reader.page.reload()
    status = reader.page.locator("[data-notes-cards-status]")
    status.wait_for()
    due, new = (int(n) for n in re.findall(r"(\d+) (?:due|new)", status.inner_text()))
    assert due == 1
    reader.open("index.html")
    lines = reader.page.locator(".notes-progress-line").all_inner_texts()
    assert lines and all(
        re.fullmatch(r"\d+ of \d+ pages read · \d+ due, \d+ new", x) for x in lines
    )
    home = [[int(n) for n in re.findall(r"(\d+) (?:due|new)", line)] for line in lines]
    assert [sum(c[0] for c in home), sum(c[1] for c in home)] == [due, new]
    assert reader.page.locator(".grid.cards .notes-counts:visible").count() == 0


def test_a_page_is_marked_read_from_the_keyboard(
    file_origin: Origin, open_reader: ReaderFactory
) -> None:
    """The box is a checkbox: Space ticks and unticks it, and storage follows."""
    reader = open_reader(file_origin)
    reader.open("sns.html")
    box = reader.page.get_by_label("I have read this page")
    box.focus()
    reader.page.wait_for_timeout(300)  # focus scrolls: the end may have marked it read
    was = box.is_checked()
    reader.page.keyboard.press("Space")
    assert box.is_checked() is not was
    assert ("sns" in stored(reader)["read"]) is not was
    reader.page.keyboard.press("Space")
    assert box.is_checked() is was


def test_progress_survives_export_reset_and_import(
    origin: Origin, open_reader: ReaderFactory, tmp_path: Path
) -> None:
    """Exported to a file, reset (after a confirmation), then imported from that
    file, the progress is what it was, and the home page shows it again."""
    reader = open_reader(origin)
    reader.open("sqs.html")
    reader.page.evaluate("() => window.scrollTo(0, document.body.scrollHeight)")
    reader.page.wait_for_function("() => document.querySelector('[data-notes-read]').checked")
    reader.open("index.html")
    kept = stored(reader)
    tools = reader.page.locator("section.notes-progress")
    with reader.page.expect_download() as download:
        tools.get_by_role("button", name="Export progress").click()
    saved = tmp_path / "progress.json"
    download.value.save_as(saved)
    assert json.loads(saved.read_text(encoding="utf-8"))["read"] == kept["read"]

    reader.page.once("dialog", lambda dialog: dialog.accept())
    tools.get_by_role("button", name="Reset progress").click()
    assert category_line(reader, "sqs.html").startswith("0 of")
    assert stored(reader).get("read") in (None, {})

    with reader.page.expect_file_chooser() as chooser:
        tools.get_by_role("button", name="Import progress").click()
    chooser.value.set_files(str(saved))
    reader.page.wait_for_function(
        "() => document.querySelector('[data-progress-status]').textContent.includes('imported')"
    )
    assert category_line(reader, "sqs.html").startswith("1 of")
    assert stored(reader)["read"] == kept["read"]

    bad = tmp_path / "other.json"
    bad.write_text('{"something": "else"}', encoding="utf-8")
    with reader.page.expect_file_chooser() as chooser:
        tools.get_by_role("button", name="Import progress").click()
    chooser.value.set_files(str(bad))
    reader.page.wait_for_function(
        "() => document.querySelector('[data-progress-status]').textContent.includes('no progress')"
    )
    assert stored(reader)["read"] == kept["read"]


# ---------------------------------------------------------------- previews

PREVIEW = "#notes-preview"


def heading_text(reader: Reader, page: str, anchor: str) -> str:
    """The text of a heading of another page, as that page shows it."""
    reader.open(page)
    heading = reader.page.locator(f"article [id='{anchor}']" if anchor else "article h1")
    return heading.first.evaluate(
        "el => [...el.childNodes].filter(n => !(n.classList && n.classList.contains('headerlink')))"
        ".map(n => n.textContent).join('').trim()"
    )


def test_hovering_a_cross_link_previews_its_page(
    origin: Origin, open_reader: ReaderFactory
) -> None:
    """On SNS, hovering the link to SQS shows SQS's title and first lines and a link
    there; Escape closes it."""
    reader = open_reader(origin)
    expected = heading_text(reader, "sqs.html", "")
    reader.open("sns.html")
    link = reader.page.locator("article a[href='sqs.html']").first
    link.hover()
    card = reader.page.locator(PREVIEW)
    card.wait_for(state="visible")
    assert card.locator(".notes-preview__title").inner_text() == expected
    assert "queue" in card.locator(".notes-preview__text").inner_text().lower()
    assert card.locator("a").get_attribute("href").endswith("sqs.html")
    reader.page.keyboard.press("Escape")
    assert card.is_hidden()
    assert reader.foreign_requests() == []


def test_a_numbers_link_previews_the_right_section(
    origin: Origin, open_reader: ReaderFactory
) -> None:
    """A link of the numbers page to a section shows that section's heading."""
    reader = open_reader(origin)
    reader.open("numbers.html")
    link = reader.page.locator("article .notes-numbers-section a[href*='#']").first
    href = link.get_attribute("href")
    link.hover()
    card = reader.page.locator(PREVIEW)
    card.wait_for(state="visible")
    shown = card.locator(".notes-preview__title").inner_text()
    page, _, anchor = href.partition("#")
    assert shown == heading_text(reader, page, anchor)


def test_previews_from_the_keyboard_never_trap_focus(
    file_origin: Origin, open_reader: ReaderFactory
) -> None:
    """Focusing a link shows its preview, which describes the link; Escape closes
    it, and Tab goes on to the next link, not into the card."""
    reader = open_reader(file_origin)
    reader.open("sns.html")
    link = reader.page.locator("article a[href='sqs.html']").first
    link.focus()
    card = reader.page.locator(PREVIEW)
    card.wait_for(state="visible")
    assert link.get_attribute("aria-describedby") == "notes-preview-text"
    reader.page.keyboard.press("Escape")
    assert card.is_hidden() and link.get_attribute("aria-describedby") is None
    reader.page.keyboard.press("Tab")
    inside = reader.page.evaluate("() => !!document.activeElement.closest('#notes-preview')")
    assert not inside
    assert reader.page.evaluate("() => document.activeElement.tagName") == "A"


def test_on_a_phone_a_tap_shows_the_preview_and_a_second_follows(
    file_origin: Origin, open_reader: ReaderFactory
) -> None:
    """The first tap on a previewed link shows its card and stays; the second goes."""
    reader = open_reader(file_origin, phone=True)
    reader.open("sns.html")
    link = reader.page.locator("article a[href='sqs.html']").first
    link.scroll_into_view_if_needed()
    link.tap()
    reader.page.locator(PREVIEW).wait_for(state="visible")
    assert reader.current_path() == "sns.html"
    link.tap()
    reader.page.wait_for_url("**/sqs.html")
    assert reader.current_path() == "sqs.html"


def test_axe_finds_nothing_on_an_open_preview(
    file_origin: Origin, open_reader: ReaderFactory
) -> None:
    """axe-core reports no violation in an open preview card."""
    reader = open_reader(file_origin)
    reader.open("sns.html")
    reader.page.locator("article a[href='sqs.html']").first.focus()
    reader.page.locator(PREVIEW).wait_for(state="visible")
    reader.page.add_script_tag(path=str(AXE_SCRIPT))
    violations = reader.page.evaluate(
        """async () => {
            const results = await axe.run(
              { include: [['#notes-preview']] }, { resultTypes: ['violations'] });
            return results.violations.map(v => v.id);
        }"""
    )
    assert violations == []


def test_a_preview_and_an_abbreviation_tooltip_never_show_together(
    file_origin: Origin, open_reader: ReaderFactory
) -> None:
    """Hovering an abbreviation inside a previewed link opens the preview, and
    Material's tooltip for the abbreviation stays hidden while it shows."""
    reader = open_reader(file_origin)
    reader.open("athena.html")
    abbr = reader.page.locator("article a[href] abbr").first
    abbr.hover()
    reader.page.locator(PREVIEW).wait_for(state="visible")
    tooltips = reader.page.locator(".md-tooltip2, .md-tooltip")
    reader.page.wait_for_function(
        "() => document.querySelector('.md-tooltip2, .md-tooltip') !== null"
    )
    assert tooltips.locator("visible=true").count() == 0
    # The tooltip is there, held back only by the open preview.
    reader.page.evaluate("() => document.body.classList.remove('notes-previewing')")
    assert tooltips.locator("visible=true").count() >= 1
