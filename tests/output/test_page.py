"""A page's Markdown: the notes first, where they come from after them, and
headings without a trailing "." or ":"."""

from __future__ import annotations

from notesite.output.page import page_markdown

from tests.planning.test_plan import plan

NOTES = "# S3\n\n## S3 Upload.\n\nparts\n\n## Encryption:\n\nkeys\n\n## Wait...\n\n## `put`.\n"


def test_the_source_line_follows_the_notes() -> None:
    """The "From the notes" line comes after the page's notes, not under its title."""
    notes, site = plan(NOTES)
    markdown = page_markdown(site.pages[0], notes.env)
    assert markdown.startswith("# Amazon S3\n\n## S3 Upload\n")
    assert markdown.rstrip().splitlines()[-1] == "{ .notes-source }"
    assert markdown.index("From the notes: **S3**") > markdown.index("keys")


def test_headings_lose_a_trailing_stop_and_keep_their_words() -> None:
    """ "S3 Upload." and "Encryption:" lose the stop; an ellipsis and code stay as written."""
    notes, site = plan(NOTES)
    markdown = page_markdown(site.pages[0], notes.env)
    headings = [line for line in markdown.splitlines() if line.startswith("## ")]
    assert headings == ["## S3 Upload", "## Encryption", "## Wait...", "## `put`."]


def test_the_notes_tokens_are_not_changed() -> None:
    """Leaving the stop out of the page leaves the parsed notes as they were."""
    notes, site = plan(NOTES)
    page_markdown(site.pages[0], notes.env)
    inline = [t.content for t in site.pages[0].tokens if t.type == "inline"]
    assert "S3 Upload." in inline and "Encryption:" in inline
