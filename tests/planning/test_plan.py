"""Parsing the notes and splitting them into pages, without MkDocs."""

from __future__ import annotations

import textwrap

import pytest
from notesite.output.page import page_markdown
from notesite.planning.catalogue import (
    CatalogueError,
    catalogue_from_data,
    normalise_heading,
    slugify,
)
from notesite.planning.plan import plan_site, split_sections
from notesite.reading.parse import parse_notes, render_markdown

CATALOGUE = catalogue_from_data(
    {
        "categories": [{"id": "storage", "title": "Storage"}, {"id": "db", "title": "Databases"}],
        "containers": ["Database"],
        "entries": [
            {"slug": "s3", "name": "Amazon S3", "category": "storage", "headings": ["S3"]},
            {"slug": "rds", "name": "Amazon RDS", "category": "db", "headings": ["RDS"]},
            {
                "slug": "dynamodb",
                "name": "Amazon DynamoDB",
                "category": "db",
                "headings": ["NoSQL DynamoDB", "Dynamo DB"],
            },
        ],
    }
)


def plan(text: str):
    notes = parse_notes(textwrap.dedent(text), "notes.md")
    return notes, plan_site(notes, CATALOGUE)


def page_text(text: str, slug: str) -> str:
    notes, site = plan(text)
    page = site.page(slug)
    assert page is not None, f"no page {slug}"
    return page_markdown(page, notes.env)


def test_heading_inside_code_fence_is_not_a_heading():
    """A `#` line inside a fence stays in the code block of its page."""
    notes, site = plan(
        """\
        # S3
        ```
        # RDS
        aws s3 ls
        ```
        """
    )
    assert [p.slug for p in site.pages] == ["s3"]
    assert "# RDS\naws s3 ls" in page_markdown(site.pages[0], notes.env)


def test_two_space_lists_nest_four_levels_with_four_space_indents():
    """2-space nested bullets come out nested with the 4-space indents Python-Markdown needs."""
    markdown = page_text(
        """\
        # S3
        - one
          - two
            - three
              - four
        """,
        "s3",
    )
    assert "- one\n    - two\n        - three\n            - four" in markdown


def test_list_without_blank_line_after_paragraph_gets_one():
    """A list that starts right after a paragraph is separated from it."""
    markdown = page_text("# S3\nTypes:\n  - Standard\n  - Glacier\n", "s3")
    assert "Types:\n\n- Standard\n- Glacier" in markdown


def test_setext_headings_split_like_atx_headings():
    """`Title` underlined with `===` starts a page as `# Title` does."""
    notes, site = plan("S3\n==\n\nbuckets\n\nLifecycle\n---\nrules\n")
    assert [p.slug for p in site.pages] == ["s3"]
    assert "## Lifecycle\n\nrules" in page_markdown(site.pages[0], notes.env)
    _, site = plan("S3\n==\nbuckets\n\nRDS\n===\nengines\n")
    assert [p.slug for p in site.pages] == ["s3", "rds"]


def test_section_with_no_body_still_gets_its_page():
    """A heading with nothing under it yields a page with just its title and source."""
    notes, site = plan("# S3\n# RDS\n")
    assert [p.slug for p in site.pages] == ["s3", "rds"]
    markdown = page_markdown(site.page("rds"), notes.env)
    assert markdown.startswith("# Amazon RDS\n\nFrom the notes: **RDS**")


def test_two_sections_with_the_same_heading_share_one_page_in_order():
    """The same service twice in the notes makes one page, in the author's order."""
    notes, site = plan("# S3\nfirst\n# RDS\nmiddle\n# S3\nsecond\n")
    assert [p.slug for p in site.pages] == ["s3", "rds"]
    markdown = page_markdown(site.page("s3"), notes.env)
    assert markdown.index("first") < markdown.index("## S3") < markdown.index("second")
    assert site.page("s3").line_ranges == [(0, 2), (4, 6)]


def test_text_before_the_first_heading_gets_an_introduction_page():
    """Text above the first heading is kept, on a page of its own."""
    notes, site = plan("Study notes for the exam.\n\n# S3\nbuckets\n")
    assert [p.slug for p in site.pages] == ["introduction", "s3"]
    assert "Study notes for the exam." in page_markdown(site.pages[0], notes.env)


def test_unknown_heading_gets_an_other_page_and_a_warning_with_its_line():
    """A top-level heading the catalogue lacks gets a page under Other and a file:line warning."""
    _, site = plan("# S3\nbuckets\n\n# Quantum Ledger\nledgers\n")
    assert [p.slug for p in site.pages] == ["s3", "quantum-ledger"]
    assert site.page("quantum-ledger").entry.category == "other"
    assert [str(m).split(": heading")[0] for m in site.messages] == ["notes.md:4"]
    assert "'Quantum Ledger' is not in the catalogue" in str(site.messages[0])


def test_unknown_deeper_heading_is_a_subsection_without_warning():
    """`## Lifecycle` under `# S3` stays on the S3 page as a level-2 heading."""
    notes, site = plan("# S3\n## Lifecycle\nrules\n### Transitions\none way\n")
    assert site.messages == []
    markdown = page_markdown(site.page("s3"), notes.env)
    assert "## Lifecycle" in markdown and "### Transitions" in markdown


def test_service_under_a_container_starts_at_its_own_level_and_keeps_the_trail():
    """`# Database` / `## RDS` / `### NoSQL DynamoDB`: two pages, headings shifted to the page."""
    notes, site = plan(
        "# Database\n## RDS\nengines\n### Backups\nsnapshots\n"
        "### NoSQL DynamoDB.\nitems\n#### Streams\nchanges\n"
    )
    assert [p.slug for p in site.pages] == ["rds", "dynamodb"]
    rds, ddb = site.page("rds"), site.page("dynamodb")
    assert rds.trail == ("Database", "RDS")
    assert ddb.trail == ("Database", "RDS", "NoSQL DynamoDB.")
    assert rds.line_ranges == [(0, 5)]  # the container heading belongs to the first page
    assert "## Backups" in page_markdown(rds, notes.env)
    assert "## Streams" in page_markdown(ddb, notes.env)


def test_every_line_is_owned_by_exactly_one_page():
    """Line ranges of all pages cover the notes once, with no gap and no overlap."""
    notes, site = plan("intro\n# Database\n# RDS\nx\n# Unknown\ny\n# S3\nz\n# RDS\nw\n")
    owned = sorted(line for p in site.pages for a, b in p.line_ranges for line in range(a, b))
    assert owned == list(range(len(notes.lines)))


def test_split_sections_cuts_only_at_top_level_headings():
    """A heading-looking line in a list item or block quote does not cut a section."""
    notes = parse_notes("# S3\n- item\n\n  # not top\n> # quoted\n", "n.md")
    sections = split_sections(notes.tokens, len(notes.lines))
    assert [s.heading.text for s in sections] == ["S3"]


def test_nothing_to_transform_renders_the_same_markdown_again():
    """Canonical Markdown is a fixed point: rendering it again changes nothing."""
    text = "# S3\n\n- a\n    - b\n\n```\ncode\n```\n"
    notes = parse_notes(text, "n.md")
    assert render_markdown(notes.tokens, notes.env) == text


def test_headings_match_ignoring_case_spacing_and_trailing_punctuation():
    """ "## NoSQL  DynamoDB." names the same entry as "NoSQL DynamoDB"."""
    assert CATALOGUE.match("NoSQL  dynamodb.").slug == "dynamodb"
    assert CATALOGUE.match("Dynamo DB:").slug == "dynamodb"
    assert CATALOGUE.match("Amazon DynamoDB").slug == "dynamodb"
    assert CATALOGUE.match("DynamoDB").slug == "dynamodb"  # its name without "Amazon"
    assert normalise_heading(" S3 Storage Classes: ") == "s3 storage classes"
    assert slugify("Identity Federation (IDF) & SSO") == "identity-federation-idf-sso"


def test_catalogue_rejects_a_heading_claimed_by_two_entries():
    """One heading naming two services is a catalogue error that says which."""
    with pytest.raises(CatalogueError, match=r"heading 's3\.' names both a and b"):
        catalogue_from_data(
            {
                "categories": [{"id": "c", "title": "C"}],
                "entries": [
                    {"slug": "a", "name": "A", "category": "c", "headings": ["S3"]},
                    {"slug": "b", "name": "B", "category": "c", "headings": ["s3."]},
                ],
            }
        )


def test_catalogue_rejects_an_unknown_category():
    """An entry in a category that does not exist is reported with its position."""
    with pytest.raises(CatalogueError, match="entry 1: unknown category 'nope'"):
        catalogue_from_data(
            {"categories": [], "entries": [{"slug": "a", "name": "A", "category": "nope"}]}
        )
