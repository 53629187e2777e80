"""MkDocs hook: the words readers search a generated page by, under its title.

Glue only: ``notesite.output.search_terms`` writes the line from the
catalogue entry of the page.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from notesite.output.search_terms import page_keywords

if TYPE_CHECKING:
    from mkdocs.config.defaults import MkDocsConfig
    from mkdocs.structure.files import Files
    from mkdocs.structure.pages import Page


def on_page_markdown(markdown: str, page: Page, config: MkDocsConfig, files: Files) -> str:
    state = config.get("notes_site")
    if state is None or page.file.generated_by is None:
        return markdown
    planned = state.plan.page(page.file.src_uri.removesuffix(".md"))
    return page_keywords(markdown, planned.entry if planned else None)
