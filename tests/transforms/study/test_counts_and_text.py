"""The home page's cards, and the notes' passages the study aids read."""

from __future__ import annotations

from notesite.output.home import services_markdown
from notesite.planning.catalogue import load_catalogue
from notesite.planning.plan import plan_site
from notesite.reading.parse import NotesSet, make_parser, parse_notes
from notesite.transforms.study.text import passages

from .golden import PROJECT

CATALOGUE = load_catalogue(PROJECT / "docs" / "_data" / "catalogue.yml")
NOTES = """\
# SQS
- Messages
  - up to 256 KB, `max 10` in code
- Polling
## Long polling
Waits up to 20 seconds, see https://example.com/20-seconds.

# SNS
- Topics
"""


def notes() -> NotesSet:
    return NotesSet([parse_notes(NOTES, "notes.md", make_parser())])


def test_home_cards_name_their_pages_without_machine_counts() -> None:
    """Each card says how many pages its category has and lists them; no facts,
    tables or diagrams are counted."""
    parsed = notes()
    cards = services_markdown(CATALOGUE, plan_site(parsed, CATALOGUE))
    assert "    2 pages\n    { .notes-counts }" in cards
    assert "[Amazon SQS](sqs.md)" in cards and "[Amazon SNS](sns.md)" in cards
    assert "fact" not in cards and "table" not in cards


def test_passages_know_their_page_section_and_list_context() -> None:
    """Each list item and paragraph is placed on its page, under its heading, after its parent."""
    parsed = notes()
    found = list(passages(parsed, plan_site(parsed, CATALOGUE)))
    by_text = {p.text: p for p in found}
    item = by_text["up to 256 KB, max 10 in code"]
    assert (item.slug, item.context, item.section.href) == ("sqs", "Messages", "sqs.md")
    assert item.text[item.skip[0][0] : item.skip[0][1]] == "max 10"
    paragraph = by_text["Waits up to 20 seconds, see https://example.com/20-seconds."]
    assert paragraph.section.href == "sqs.md#long-polling" and paragraph.context == ""
    assert paragraph.text[slice(*paragraph.skip[0])] == "https://example.com/20-seconds"
    assert by_text["Topics"].slug == "sns"


def test_a_context_is_a_whole_sentence_or_clause() -> None:
    """A long item's context is its first sentence, or a clause of three words or more,
    never a cut: a long sentence without a clause stays whole."""
    text = (
        "# S3\n\n"
        "- Global health check system that checks an endpoint in an agreed way always.\n"
        "  - Healthy when 18% of checks pass\n"
        "- Backups are performed automatically and retention is long, with a window daily.\n"
        "  - Kept for 35 days\n"
        "- Short label. Then a second sentence that goes on.\n"
        "  - Upto 10 messages\n"
    )
    notes = NotesSet([parse_notes(text, "notes.md")])
    plan = plan_site(notes, load_catalogue(PROJECT / "docs/_data/catalogue.yml"))
    contexts = [p.context for p in passages(notes, plan) if p.context]
    assert contexts == [
        "Global health check system that checks an endpoint in an agreed way always",
        "Backups are performed automatically and retention is long",
        "Short label",
    ]
