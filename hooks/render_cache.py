"""MkDocs hook: convert a page's Markdown to HTML only when something it is
made from has changed.

Glue only (the key and the record are ``notesite.output.rendered``): the
last on_page_markdown gives each page a ``render`` that looks the page up
in ``.cache/notes-site/pages/`` first, by its Markdown, its place, the
site's files and the configuration and code that convert it. A page found
there gets what MkDocs' ``Page.render`` would have left on it, and the
messages rendering logged are logged again; any other page is rendered by
MkDocs as usual, and kept. Likewise, Material's search plugin is handed
each page's search entries from ``.cache/notes-site/search/`` when the page
is as it was (``notesite.output.indexed``), instead of reading its HTML
again. ``cache: false`` under ``extra.notes`` turns this off with the rest
of the build cache.
"""

from __future__ import annotations

import logging
from functools import partial
from pathlib import Path
from typing import TYPE_CHECKING, Any

from mkdocs.plugins import event_priority
from mkdocs.structure.pages import Page
from mkdocs.structure.toc import get_toc
from notesite.cache import BuildCache
from notesite.output.indexed import Indexed, index_key, settings_key
from notesite.output.rendered import Rendered, page_key, site_key, toc_tokens
from notesite.pipeline import CODE_DIR, DATA_DIR, DEFAULT_CACHE

if TYPE_CHECKING:
    from mkdocs.config.defaults import MkDocsConfig
    from mkdocs.structure.files import Files
    from mkdocs.structure.nav import Navigation

KEY = "render_cache"
FOLDER = "pages"
SEARCH_FOLDER = "search"
KEEP = 400  # entries: every page, a few times over (a page edited under `serve`)
SEARCH_PLUGINS = ("material/search", "search")


class _Records(logging.Handler):
    """Keeps what MkDocs and its extensions log while a page renders."""

    def __init__(self) -> None:
        super().__init__(logging.DEBUG)
        self.records: list[tuple[str, int, str]] = []

    def emit(self, record: logging.LogRecord) -> None:
        if record.levelno >= logging.INFO:
            self.records.append((record.name, record.levelno, record.getMessage()))


class _Cache:
    """The build's page cache; the site's part of the key is made once."""

    def __init__(self, config: MkDocsConfig, folder: Path) -> None:
        self.config = config
        self.store = BuildCache(folder / FOLDER, keep=KEEP)
        self.search = BuildCache(folder / SEARCH_FOLDER, keep=KEEP)
        self._site: str | None = None

    def site(self, files: Files) -> str:
        if self._site is None:
            root = Path(self.config.config_file_path).parent
            data = root / DATA_DIR
            self._site = site_key(
                Path(self.config.config_file_path),
                sorted(CODE_DIR.rglob("*.py")),
                sorted(p for p in data.rglob("*") if p.is_file()),
                {f.src_uri: f.url for f in files},
            )
        return self._site


def on_config(config: MkDocsConfig) -> MkDocsConfig:
    settings = config.extra.get("notes") or {}
    folder = settings.get("cache", DEFAULT_CACHE)
    root = Path(config.config_file_path).parent
    folder = DEFAULT_CACHE if folder is True else folder
    config[KEY] = _Cache(config, root / str(folder)) if folder else None
    return config


@event_priority(50)  # before Material's search plugin indexes the page
def on_page_context(
    context: dict[str, Any], page: Page, config: MkDocsConfig, nav: Navigation
) -> dict[str, Any]:
    cache: _Cache | None = config.get(KEY)
    plugin = next((config.plugins[n] for n in SEARCH_PLUGINS if n in config.plugins), None)
    index = getattr(plugin, "search_index", None)
    if cache is not None and index is not None and "add_entry_from_context" in vars(index):
        return context  # already handed over for this build
    if cache is not None and index is not None:
        build = settings_key(getattr(index, "config", {}))
        adds = index.add_entry_from_context
        index.add_entry_from_context = partial(_index, index, adds, cache.search, build)
    return context


def _index(index: Any, adds: Any, store: BuildCache, build: str, page: Page) -> None:
    """Material's ``add_entry_from_context``, with the page's entries kept."""
    key = index_key(
        build,
        page.url,
        str(page.title or ""),
        dict(page.meta),
        toc_tokens(page.toc),
        page.content or "",
    )
    found = store.load(key)
    if isinstance(found, Indexed):
        index.entries.extend(dict(entry) for entry in found.entries)
        return
    before = len(index.entries)
    adds(page)
    store.store(key, Indexed(tuple(dict(entry) for entry in index.entries[before:])))


@event_priority(-100)  # the Markdown as every other hook left it
def on_page_markdown(markdown: str, page: Page, config: MkDocsConfig, files: Files) -> str:
    cache: _Cache | None = config.get(KEY)
    if cache is not None:
        page.render = partial(_render, page, cache)  # type: ignore[method-assign]
    return markdown


def _render(page: Page, cache: _Cache, config: MkDocsConfig, files: Files) -> None:
    key = page_key(cache.site(files), page.file.src_uri, page.file.dest_uri, page.markdown or "")
    found = cache.store.load(key)
    if isinstance(found, Rendered):
        _restore(page, found, files)
        return
    records = _Records()
    logger = logging.getLogger("mkdocs")
    logger.addHandler(records)
    try:
        Page.render(page, config, files)
    finally:
        logger.removeHandler(records)
    links = page.links_to_anchors
    cache.store.store(
        key,
        Rendered(
            content=page.content or "",
            toc_tokens=toc_tokens(page.toc),
            title=page._title_from_render,
            anchors=frozenset(page.present_anchor_ids or ()),
            links_to_anchors=None
            if links is None
            else {f.src_uri: dict(anchors) for f, anchors in links.items()},
            messages=tuple(records.records),
        ),
    )


def _restore(page: Page, found: Rendered, files: Files) -> None:
    page.content = found.content
    page.toc = get_toc(found.toc_tokens)  # type: ignore[arg-type]
    page._title_from_render = found.title
    page.present_anchor_ids = set(found.anchors)
    if found.links_to_anchors is not None:
        links: dict[Any, dict[str, str]] = {}
        for src_uri, anchors in found.links_to_anchors.items():
            target = files.get_file_from_path(src_uri)
            if target is not None:
                links[target] = dict(anchors)
        page.links_to_anchors = links
    for name, level, message in found.messages:
        logging.getLogger(name).log(level, message)
