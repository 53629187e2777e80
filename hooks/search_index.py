"""MkDocs hook: give the search index what the site's search engine needs.

Glue only. While pages are rendered it keeps each page's table of contents
(on the config, never in module state: ``mkdocs serve`` reuses this module);
after Material's search plugin has written ``search/search_index.json``, it
adds the names readers call each catalogue page by, each section's heading
path and the engine's settings (``notesite.output.search_index``). Material's
offline plugin runs later still and inlines the index for reading from disk.
The engine itself is ``docs/assets/javascripts/search-worker.js``, which
``overrides/main.html`` puts in place of Material's lunr worker.
"""

from __future__ import annotations

import json
from pathlib import Path
from typing import TYPE_CHECKING, Any

import yaml
from mkdocs.exceptions import PluginError
from mkdocs.plugins import event_priority
from notesite.output.search_index import Heading, PageSearch, enrich_index, page_search
from notesite.yaml_data import safe_load

if TYPE_CHECKING:
    from mkdocs.config.defaults import MkDocsConfig
    from mkdocs.structure.nav import Navigation
    from mkdocs.structure.pages import Page
    from mkdocs.structure.toc import AnchorLink

PAGES_KEY = "notes_search_pages"
SETTINGS = "search.yml"  # beside the catalogue


def _headings(links: list[AnchorLink]) -> tuple[Heading, ...]:
    return tuple(Heading(link.title, link.id, _headings(link.children)) for link in links)


def on_pre_build(config: MkDocsConfig) -> None:
    config[PAGES_KEY] = {}


def on_page_context(
    context: dict[str, Any], page: Page, config: MkDocsConfig, nav: Navigation
) -> dict[str, Any]:
    state = config.get("notes_site")
    planned = state.plan.page(page.file.src_uri.removesuffix(".md")) if state else None
    pages: dict[str, PageSearch] = config.get(PAGES_KEY) or {}
    pages[page.url or "index.html"] = page_search(
        page.title or "", planned.entry if planned else None, _headings(list(page.toc))
    )
    config[PAGES_KEY] = pages
    return context


@event_priority(-50)  # after the search plugin writes the index, before offline inlines it
def on_post_build(config: MkDocsConfig) -> None:
    path = Path(config.site_dir) / "search" / "search_index.json"
    if not path.is_file():
        return
    notes = config.extra.get("notes") or {}
    settings_file = Path(config.config_file_path).parent / Path(
        notes.get("catalogue", "docs/_data/catalogue.yml")
    ).with_name(SETTINGS)
    try:
        settings = safe_load(settings_file.read_text(encoding="utf-8")) or {}
    except (OSError, yaml.YAMLError) as error:
        raise PluginError(f"Cannot read the search settings {settings_file}: {error}") from error
    index = json.loads(path.read_text(encoding="utf-8"))
    enriched = enrich_index(index, config.get(PAGES_KEY) or {}, settings)
    path.write_text(
        json.dumps(enriched, ensure_ascii=False, separators=(",", ":")), encoding="utf-8"
    )
