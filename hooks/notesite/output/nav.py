"""The navigation: the planned pages grouped by category, in catalogue order.

Home first, then each category (the catalogue's order, "Other" last) with its
pages; the study pages and the print page follow (added by their hook).
"""

from __future__ import annotations

import re
from typing import Any

from notesite.planning.catalogue import OTHER_CATEGORY, Catalogue, Category
from notesite.planning.plan import Page, SitePlan


def categories(catalogue: Catalogue) -> list[Category]:
    """The catalogue's categories, then "Other" for what none of them takes."""
    return [*catalogue.categories, Category(OTHER_CATEGORY, "Other")]


def pages_in_order(catalogue: Catalogue, plan: SitePlan) -> list[Page]:
    """The generated pages in the navigation's order."""
    return [p for c in categories(catalogue) for p in plan.pages_in(catalogue, c.id)]


def build_nav(catalogue: Catalogue, plan: SitePlan, home: str = "index.md") -> list[Any]:
    """MkDocs' ``nav``: home first, then each category with its pages."""
    nav: list[Any] = [{"Home": home}]
    for category in categories(catalogue):
        pages = plan.pages_in(catalogue, category.id)
        if pages:
            nav.append({category.title: [{p.entry.short: p.src_uri} for p in pages]})
    return nav


def cover_links(catalogue: Catalogue, plan: SitePlan) -> list[tuple[str, str, str]]:
    """For each service a group page stands for ("EC2 and EBS") that has no
    page of its own and is in another category: (its category's title, its
    short name, the group page's ``src_uri``), so the navigation finds it
    where AWS files it."""
    planned = {page.slug for page in plan.pages}
    found: dict[str, tuple[str, str, str]] = {}
    for page in plan.pages:
        for entry in page.covers:
            # In the group page's own category its title already names it.
            if (
                entry.slug in planned
                or entry.slug in found
                or entry.category == page.entry.category
            ):
                continue
            found[entry.slug] = (
                catalogue.category(entry.category).title,
                entry.short,
                page.src_uri,
            )
    return list(found.values())


def _natural(title: str) -> list[Any]:
    """A sort key that puts "Exam 2" before "Exam 10"."""
    return [
        (0, int(part), "") if part.isdigit() else (1, 0, part.lower())
        for part in re.split(r"(\d+)", title)
    ]


def exams_apart(nav: list[Any], exams: list[tuple[str, str]], title: str) -> list[Any]:
    """The navigation with the practice exams (``(title, src_uri)``) out of their
    categories and in a section of their own after the categories, in the order
    of their titles' numbers ("Exam 2" before "Exam 10")."""
    exams = sorted(exams, key=lambda exam: _natural(exam[0]))
    uris = {uri for _, uri in exams}
    if not uris:
        return nav
    kept: list[Any] = []
    last = 0
    for item in nav:
        (name, value), *_ = item.items()
        if isinstance(value, list):
            rest = [child for child in value if not set(child.values()) & uris]
            if rest:
                kept.append({name: rest})
            last = len(kept)
        else:
            kept.append(item)
    section = {title: [{name: uri} for name, uri in exams]}
    return [*kept[:last], section, *kept[last:]]
