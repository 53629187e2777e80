"""The study pages' Markdown (the glossary, numbers to remember, test
yourself, the print page) and the study parts of every page (its backlinks
and question cards).

Made from what the pipeline planned (the notes, the catalogue, the plan) and
the numbers' rules in ``docs/_data/numbers.yml``; the print page's body is
filled in later from the rendered pages (``print_page``).
"""

from __future__ import annotations

from pathlib import Path

from notesite.output.nav import pages_in_order
from notesite.state import NotesState
from notesite.transforms.links.backlinks import Backlink, find_backlinks
from notesite.transforms.links.crosslinks import load_settings
from notesite.transforms.study.abbreviations import (
    collect_abbreviations,
    glossary_markdown,
    uses,
)
from notesite.transforms.study.numbers import (
    PageRef,
    extract_facts,
    load_rules,
    numbers_markdown,
    text_markdown,
)
from notesite.transforms.study.questions import (
    Card,
    QuestionRules,
    all_cards,
    load_question_rules,
)
from notesite.transforms.study.text import passages

GLOSSARY, NUMBERS, PRINT = "glossary.md", "numbers.md", "print.md"
TEST = "test-yourself.md"

# The page's cards come from the theme (overrides/partials/cards.html), after this.
TEST_MARKDOWN = """\
---
search:
  exclude: true
---

# {title}

{intro}
{{ .notes-cards-intro }}
"""

PRINT_MARKDOWN = """\
---
search:
  exclude: true
---

# The whole notes

Every page of the site, in the order of the navigation, on one page: print it,
or save it as a PDF from your browser's print dialog. Links between pages lead
to their place on this page.
{ .notes-print-intro }
"""


def study_pages(state: NotesState, root: Path) -> dict[str, str]:
    """The Markdown of each study page, by its path in the docs."""
    found = list(passages(state.notes, state.plan))
    ordered = pages_in_order(state.catalogue, state.plan)
    titles = {page.slug: page.entry.short for page in ordered}
    abbreviations, _ = collect_abbreviations(state.catalogue)
    pages = {GLOSSARY: glossary_markdown(abbreviations, titles, uses(abbreviations, found))}
    rules = load_rules(root)  # NumberRulesError (a NotesSiteError) if unusable
    if rules is not None:
        refs = [PageRef(page.slug, page.entry.short) for page in ordered]
        pages[NUMBERS] = numbers_markdown(extract_facts(found, rules), refs)
    questions = load_question_rules(root)  # QuestionRulesError if unusable
    if questions is not None:
        pages[TEST] = TEST_MARKDOWN.format(
            title=text_markdown(questions.title),
            intro=text_markdown(questions.labels.get("intro", "")),
        )
    pages[PRINT] = PRINT_MARKDOWN
    return pages


def backlinks_by_page(state: NotesState, root: Path) -> tuple[str, dict[str, list[Backlink]]]:
    """The backlinks' title, and each page's backlinks by its path in the docs."""
    settings = load_settings(root)
    order = [page.slug for page in pages_in_order(state.catalogue, state.plan)]
    found = find_backlinks(passages(state.notes, state.plan), state.catalogue, settings, order)
    return settings.backlinks_title, {f"{slug}.md": links for slug, links in found.items()}


def question_cards(state: NotesState, root: Path) -> tuple[QuestionRules, list[Card]] | None:
    """The question rules and every card, by page in navigation order; None
    without questions.yml (or numbers.yml, whose facts the cards ask about)."""
    questions, numbers = load_question_rules(root), load_rules(root)
    if questions is None or numbers is None:
        return None
    found = list(passages(state.notes, state.plan))
    order = [(page.slug, page.entry.short) for page in pages_in_order(state.catalogue, state.plan)]
    abbreviations, _ = collect_abbreviations(state.catalogue)
    facts = extract_facts(found, numbers)
    return questions, all_cards(facts, found, abbreviations, state.markdown, order, questions)
