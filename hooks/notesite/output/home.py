"""The home page's overview: one card per category listing its pages.

Generated from the catalogue and the plan, so a service the notes gain or
lose appears or disappears here without anyone editing the home page.

A card is calm: the category's name, how many pages it has, its pages (each
with the catalogue's summary), and one line of progress that the study
script adds in the reader's browser (pages read, cards due and new, in the
words of the Test yourself page).
"""

from __future__ import annotations

from notesite.output.page import escape_markdown
from notesite.planning.catalogue import OTHER_CATEGORY, Catalogue, Category
from notesite.planning.plan import Page, SitePlan

COUNTS_CLASS = "notes-counts"


def _count(n: int, noun: str) -> str:
    return f"{n} {noun}" if n == 1 else f"{n} {noun}s"


def _card(category: Category, pages: list[Page]) -> str:
    icon = f":{category.icon.replace('/', '-')}:{{ .lg .middle }} " if category.icon else ""
    lines = [f"-   {icon}__{escape_markdown(category.title)}__", "", "    ---", ""]
    lines += [f"    {_count(len(pages), 'page')}", "    { ." + COUNTS_CLASS + " }", ""]
    for page in pages:
        summary = f" — {escape_markdown(page.entry.summary)}" if page.entry.summary else ""
        lines.append(f"    - [{escape_markdown(page.entry.short)}]({page.src_uri}){summary}")
    return "\n".join(lines)


def services_markdown(catalogue: Catalogue, plan: SitePlan) -> str:
    """Grid cards (Material) for every category that has pages, listing them."""
    categories = [*catalogue.categories, Category(OTHER_CATEGORY, "Other", "material/help-circle")]
    cards = [
        _card(category, pages)
        for category in categories
        if (pages := plan.pages_in(catalogue, category.id))
    ]
    return '<div class="grid cards" markdown>\n\n' + "\n\n".join(cards) + "\n\n</div>\n"
