"""The home page's overview: one card per category listing its pages.

Generated from the catalogue and the plan, so a service the notes gain or
lose appears or disappears here without anyone editing the home page.
"""

from __future__ import annotations

from catalogue import OTHER_CATEGORY, Catalogue, Category
from page_markdown import escape_markdown
from site_plan import Page, SitePlan


def _card(category: Category, pages: list[Page]) -> str:
    icon = f":{category.icon.replace('/', '-')}:{{ .lg .middle }} " if category.icon else ""
    lines = [f"-   {icon}__{escape_markdown(category.title)}__", "", "    ---", ""]
    for page in pages:
        summary = f" — {escape_markdown(page.entry.summary)}" if page.entry.summary else ""
        lines.append(f"    - [{escape_markdown(page.entry.short)}]({page.src_uri}){summary}")
    return "\n".join(lines)


def services_markdown(catalogue: Catalogue, plan: SitePlan) -> str:
    """Grid cards (Material) for every category that has pages."""
    categories = [*catalogue.categories, Category(OTHER_CATEGORY, "Other", "material/help-circle")]
    cards = [
        _card(category, pages)
        for category in categories
        if (pages := plan.pages_in(catalogue, category.id))
    ]
    return '<div class="grid cards" markdown>\n\n' + "\n\n".join(cards) + "\n\n</div>\n"
