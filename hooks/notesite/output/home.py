"""The home page's overview: one card per category listing its pages.

Generated from the catalogue and the plan, so a service the notes gain or
lose appears or disappears here without anyone editing the home page.

Each page's line says how much the notes hold about it: its facts (the
notes' list items), and the comparison tables and diagrams the transforms
made of them, so a reader sees at a glance where the notes are rich and
where they are thin. Facts are counted in the notes as parsed (the tables
transform moves lists into generated Markdown); tables and diagrams in the
page's tokens after the transforms: the notes' own tables and mermaid
fences, and those inside generated Markdown.
"""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Iterable
from dataclasses import dataclass

from markdown_it.token import Token

from notesite.output.page import escape_markdown
from notesite.planning.catalogue import OTHER_CATEGORY, Catalogue, Category
from notesite.planning.plan import Page, SitePlan
from notesite.reading.parse import RAW_MARKDOWN, NotesSet

COUNTS_CLASS = "notes-counts"
_FENCE = re.compile(r"^ *(`{3,}|~{3,})\s*([\w-]*)")
_TABLE_RULE = re.compile(r"^ *\|? *:?-{3,}:? *(\| *:?-{3,}:? *)+\|? *$")


@dataclass(frozen=True)
class Counts:
    facts: int = 0
    tables: int = 0
    diagrams: int = 0

    def __add__(self, other: Counts) -> Counts:
        return Counts(
            self.facts + other.facts, self.tables + other.tables, self.diagrams + other.diagrams
        )

    def words(self) -> str:
        """Say "12 facts · 2 tables · 1 diagram": tables and diagrams only if there are any."""
        parts = [_count(self.facts, "fact")]
        if self.tables:
            parts.append(_count(self.tables, "table"))
        if self.diagrams:
            parts.append(_count(self.diagrams, "diagram"))
        return " · ".join(parts)


def _count(n: int, noun: str) -> str:
    return f"{n} {noun}" if n == 1 else f"{n} {noun}s"


def markdown_counts(markdown: str) -> tuple[int, int]:
    """(tables, mermaid diagrams) in generated Markdown; a table inside a code
    block is code, not a table."""
    tables = diagrams = 0
    fence: str | None = None
    for line in markdown.splitlines():
        found = _FENCE.match(line)
        if fence is None and found:
            fence = found.group(1)
            diagrams += found.group(2).lower() == "mermaid"
        elif fence is not None and line.strip().startswith(fence[0] * len(fence)):
            if not line.strip().strip(fence[0]):
                fence = None
        elif fence is None and _TABLE_RULE.match(line):
            tables += 1
    return tables, diagrams


def token_counts(tokens: Iterable[Token]) -> Counts:
    """Tables and diagrams of a page's tokens after the transforms."""
    tables = diagrams = 0
    for token in tokens:
        if token.type == "table_open":
            tables += 1
        elif token.type == "fence" and token.info.strip().lower() == "mermaid":
            diagrams += 1
        elif token.type == RAW_MARKDOWN:
            found = markdown_counts(token.content)
            tables, diagrams = tables + found[0], diagrams + found[1]
    return Counts(tables=tables, diagrams=diagrams)


ItemLines = Counter[tuple[str, int]]  # (notes file, 0-based line) -> list items opening there


def item_lines(notes: NotesSet) -> ItemLines:
    """Where the notes' list items are: one pass over the notes for every page."""
    return Counter(
        (parsed.path, token.map[0])
        for parsed in notes.files
        for token in parsed.tokens
        if token.type == "list_item_open" and token.map
    )


def fact_count(page: Page, items: ItemLines) -> int:
    """The notes' list items on the lines the page shows."""
    lines = ((path, line) for path, start, end in page.sources for line in range(start, end))
    return sum(items.get(at, 0) for at in lines)


def page_counts(page: Page, items: ItemLines | None = None) -> Counts:
    """What the page holds; without the notes' list items (``item_lines``), its
    facts are its remaining list items."""
    counts = token_counts(page.tokens)
    if items is None:
        facts = sum(1 for t in page.tokens if t.type == "list_item_open")
    else:
        facts = fact_count(page, items)
    return Counts(facts, counts.tables, counts.diagrams)


def _card(category: Category, pages: list[Page], counts: dict[str, Counts]) -> str:
    icon = f":{category.icon.replace('/', '-')}:{{ .lg .middle }} " if category.icon else ""
    total = sum((counts[p.slug] for p in pages), Counts())
    lines = [f"-   {icon}__{escape_markdown(category.title)}__", "", "    ---", ""]
    lines += [
        f"    {_count(len(pages), 'page')} · {total.words()}",
        "    { ." + COUNTS_CLASS + " }",
        "",
    ]
    for page in pages:
        summary = f" — {escape_markdown(page.entry.summary)}" if page.entry.summary else ""
        words = f' <span class="{COUNTS_CLASS}">({counts[page.slug].words()})</span>'
        lines.append(f"    - [{escape_markdown(page.entry.short)}]({page.src_uri}){summary}{words}")
    return "\n".join(lines)


def services_markdown(catalogue: Catalogue, plan: SitePlan, notes: NotesSet | None = None) -> str:
    """Grid cards (Material) for every category that has pages, with what each page holds."""
    categories = [*catalogue.categories, Category(OTHER_CATEGORY, "Other", "material/help-circle")]
    items = item_lines(notes) if notes is not None else None
    counts = {page.slug: page_counts(page, items) for page in plan.pages}
    cards = [
        _card(category, pages, counts)
        for category in categories
        if (pages := plan.pages_in(catalogue, category.id))
    ]
    return '<div class="grid cards" markdown>\n\n' + "\n\n".join(cards) + "\n\n</div>\n"
