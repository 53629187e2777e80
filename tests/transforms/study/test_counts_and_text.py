"""The home page's counts, and the notes' passages the study aids read."""

from __future__ import annotations

from notesite.output.home import Counts, item_lines, markdown_counts, page_counts, services_markdown
from notesite.planning.catalogue import load_catalogue
from notesite.planning.plan import plan_site
from notesite.reading.parse import NotesSet, make_parser, parse_notes, raw_markdown_token
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


def test_generated_markdown_counts_tables_and_mermaid_fences() -> None:
    """Tables and mermaid fences count; a table or fence inside a code block does not."""
    markdown = (
        "| A | B |\n| --- | --- |\n| 1 | 2 |\n\n"
        "```mermaid\nflowchart LR\n```\n\n"
        "````text\n| X | Y |\n| --- | --- |\n```mermaid\n````\n\n"
        "??? note\n\n    | C | D |\n    |:---|---:|\n"
    )
    assert markdown_counts(markdown) == (2, 1)


def test_page_counts_facts_in_the_notes_and_tables_after_the_transforms() -> None:
    """Facts are the notes' list items on the page; tables those the transforms made."""
    parsed = notes()
    plan = plan_site(parsed, CATALOGUE)
    sqs = plan.page("sqs")
    assert sqs is not None
    sqs.tokens = [raw_markdown_token("| A | B |\n| --- | --- |\n", None)]  # lists became a table
    assert page_counts(sqs, item_lines(parsed)) == Counts(facts=3, tables=1, diagrams=0)
    assert page_counts(sqs) == Counts(facts=0, tables=1, diagrams=0)


def test_home_cards_show_counts_per_page_and_category() -> None:
    """Each card says how many pages and facts its category has, and each page its own."""
    parsed = notes()
    cards = services_markdown(CATALOGUE, plan_site(parsed, CATALOGUE), parsed)
    assert "    2 pages · 4 facts\n    { .notes-counts }" in cards
    assert '[Amazon SQS](sqs.md) <span class="notes-counts">(3 facts)</span>' in cards
    assert "(1 fact)" in cards
    assert Counts(1, 2, 1).words() == "1 fact · 2 tables · 1 diagram"


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
