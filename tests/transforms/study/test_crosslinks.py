"""Cross-links: the first mention of another service links to its page."""

from __future__ import annotations

import re

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from markdown_it.token import Token
from notesite.planning.catalogue import load_catalogue
from notesite.planning.plan import plan_site
from notesite.reading.parse import make_parser, parse_notes, raw_markdown_token, render_markdown
from notesite.transforms.context import PageContext
from notesite.transforms.links.crosslinks import (
    Settings,
    entry_terms,
    link_services,
    name_variants,
    trie_pattern,
)

from .golden import PROJECT, Case, cases

CATALOGUE = load_catalogue(PROJECT / "docs" / "_data" / "catalogue.yml")
CASES = cases("crosslinks")


def page_tokens(notes: str, slug: str) -> tuple[list[Token], PageContext, dict]:
    """The page's tokens as planned from the notes, and a context for it."""
    parsed = parse_notes(notes, "notes.md", make_parser())
    page = plan_site(parsed, CATALOGUE).page(slug)
    assert page is not None, f"no page {slug}"
    context = PageContext("notes.md", slug, PROJECT, notes_tokens=parsed.tokens)
    return page.tokens, context, dict(parsed.env)


@pytest.mark.parametrize("case", CASES, ids=[c.name for c in CASES])
def test_golden(case: Case) -> None:
    """The page's Markdown after the transform is the fixture's (UPDATE_GOLDEN=1 rewrites it)."""
    tokens, context, env = page_tokens(case.input, case.page)
    case.check(render_markdown(link_services(tokens, context), env))


def test_nothing_to_link_leaves_the_tokens_unchanged() -> None:
    """A page that names no other service gets back the very same token list."""
    tokens, context, _ = page_tokens("# SQS\n- Queues and `sns` in code.\n\n# SNS\n- x\n", "sqs")
    assert link_services(tokens, context) is tokens


def test_without_a_catalogue_nothing_changes(tmp_path) -> None:
    """A project with no catalogue to read links nothing."""
    tokens, context, _ = page_tokens("# SQS\n- Send to SNS.\n\n# SNS\n- x\n", "sqs")
    context.root = tmp_path
    assert link_services(tokens, context) is tokens


def test_the_notes_tokens_are_not_changed() -> None:
    """Linking works on copies: the parsed notes keep their text for other readers."""
    tokens, context, _ = page_tokens("# SQS\n- Send to SNS.\n\n# SNS\n- x\n", "sqs")
    before = [child.type for t in context.notes_tokens if t.children for child in t.children]
    linked = link_services(tokens, context)
    after = [child.type for t in context.notes_tokens if t.children for child in t.children]
    assert after == before
    assert any(c.type == "link_open" for t in linked if t.children for c in t.children)


def test_generated_markdown_is_not_linked_but_its_services_are_related() -> None:
    """A table another transform generated keeps its text; the services it names are listed."""
    tokens, context, env = page_tokens("# Lambda\n- x\n\n# SQS\n- q\n\n# SNS\n- t\n", "lambda")
    table = raw_markdown_token("| Source | Note |\n| --- | --- |\n| SQS | `SNS` code |\n", [1, 2])
    markdown = render_markdown(link_services([*tokens, table], context), env)
    assert "| SQS | `SNS` code |" in markdown
    assert markdown.rstrip().endswith("{ .notes-related data-search-exclude }")
    assert "[Amazon SQS](sqs.md)" in markdown.splitlines()[-2]
    assert "sns.md" not in markdown


def test_name_variants_drop_vendor_and_brackets() -> None:
    """'Amazon Simple Storage Service (S3)' is also found without Amazon, or as S3."""
    assert set(name_variants("Amazon Simple Storage Service (S3)", ["Amazon", "AWS"])) == {
        "Amazon Simple Storage Service (S3)",
        "Simple Storage Service (S3)",
        "Amazon Simple Storage Service",
        "Simple Storage Service",
        "S3",
    }


def test_only_abbreviations_that_stand_for_the_service_name_it() -> None:
    """Auto Scaling is named by ASG (Auto Scaling Group), not by EC2 or AZ, which it explains."""
    entry = next(e for e in CATALOGUE.entries if e.slug == "auto-scaling")
    terms = entry_terms(entry, Settings())
    assert "ASG" in terms
    assert "EC2" not in terms and "AZ" not in terms


# -- the terms' pattern ----------------------------------------------------------------

_TERM = st.text(alphabet="abS3 -", min_size=1, max_size=6).map(lambda t: " ".join(t.split()))


@st.composite
def terms_and_text(draw: st.DrawFn) -> tuple[set[str], str]:
    """Terms, and a text made of them (cased any way) and of stray characters."""
    terms = draw(st.sets(_TERM.filter(bool), min_size=1, max_size=12))
    pieces = st.one_of(
        st.sampled_from(sorted(terms)).map(lambda t: t.upper() if len(t) % 2 else t),
        st.text(alphabet="abS3 -.\n", max_size=3),
    )
    return terms, "".join(draw(st.lists(pieces, max_size=12)))


@settings(max_examples=400, deadline=None)
@given(terms_and_text())
def test_the_trie_finds_what_longest_first_alternatives_find(
    case: tuple[set[str], str],
) -> None:
    """The one-branch-per-character pattern matches exactly what the plain
    alternation of the terms, longest first, matches."""
    terms, text = case
    folded = {t.casefold() for t in terms}
    longest_first = "|".join(
        re.escape(t).replace(r"\ ", r"\s+") for t in sorted(folded, key=len, reverse=True)
    )
    edges = (r"(?<![\w\-./:@#])", r"(?![\w\-@]|[.:/]\w)")
    plain = re.compile(f"{edges[0]}(?:{longest_first}){edges[1]}", re.IGNORECASE)
    trie = re.compile(f"{edges[0]}{trie_pattern(folded)}{edges[1]}", re.IGNORECASE)
    assert [m.span() for m in trie.finditer(text)] == [m.span() for m in plain.finditer(text)]
