"""MkDocs hook: draw every diagram at build time, into the page, as inline SVG.

Glue only (the logic is ``notesite.drawing``):

- on_config: finds a Chromium and the renderer's settings (the vendored
  mermaid, Material's diagram styles); with no Chromium, says so once and
  leaves the diagrams to the reader's browser (mermaid_assets.py then loads
  mkdocs-mermaid2 for the pages that hold one).
- on_env: once every page is rendered and before any is written, draws all
  the diagrams of the build in one browser session (those the cache holds
  are not drawn again) and puts a placeholder in place of each block. When
  no page is left with a block, the files only a browser-drawn diagram
  needs (``extra.vendor`` items marked ``browser_diagrams``, and mermaid2's
  loader) are not copied into the site.
- on_post_page, last of all: puts each drawing in place of its placeholder.
  Until then the search index and the print page (which copies every
  page's content) read a short placeholder, not the whole SVG.

Settings, under ``extra.diagrams`` in mkdocs.yml: ``draw`` (``build``, the
default, or ``browser``), ``chromium`` (a path; default: an installed
Chromium), ``mermaid`` (the mermaid script to draw with), ``cache`` (a
folder, or false).
"""

from __future__ import annotations

import json
import logging
from pathlib import Path
from typing import TYPE_CHECKING, Any

from mkdocs.plugins import event_priority
from notesite.drawing.browser import browser_version, find_chromium
from notesite.drawing.pages import Drawing
from notesite.drawing.settings import DrawingError, Renderer, material_theme_css
from notesite.drawing.store import DrawingStore
from notesite.drawing.svg import put_drawings
from notesite.settings import CONFIG_KEY, DiagramSettings, diagram_settings

if TYPE_CHECKING:
    from jinja2 import Environment
    from mkdocs.config.defaults import MkDocsConfig
    from mkdocs.structure.files import Files
    from mkdocs.structure.pages import Page

log = logging.getLogger("mkdocs.hooks.diagram_drawings")

KEY = "diagram_drawings"
DRAWINGS = "diagram_drawings_svg"  # the build's drawings, by placeholder number
PLUGIN = "mermaid2"
BLOCK_MARK = 'class="mermaid"'
# In the cache folder: the Chromium version, by the program file it was read from.
BROWSER_FILE = "browser-version.json"


def on_config(config: MkDocsConfig) -> MkDocsConfig:
    config[KEY] = None
    config[DRAWINGS] = []
    settings = _settings(config)
    if settings.draw == "browser":
        return config
    chromium = find_chromium(settings.chromium)
    if chromium is None:
        log.info(
            "No Chromium found: the diagrams are drawn in the reader's browser "
            "(install chromium to draw them at build time)."
        )
        return config
    root = Path(config.config_file_path).parent
    mermaid_js = root / settings.mermaid
    folder = root / settings.cache if settings.cache else None
    version = browser_version(chromium, folder / BROWSER_FILE if folder else None)
    try:
        renderer, stylesheets = _renderer(config, mermaid_js, version)
    except DrawingError as error:
        log.info(f"The diagrams are drawn in the reader's browser: {error}")
        return config
    store = DrawingStore(folder)
    config[KEY] = Drawing(chromium, mermaid_js, stylesheets, renderer, store)
    return config


def _settings(config: MkDocsConfig) -> DiagramSettings:
    """``extra.diagrams``, as notes_site checked it (or checked here, when it did not run)."""
    found = config.get(CONFIG_KEY)
    return found.diagrams if found is not None else diagram_settings(config.extra.get("diagrams"))


def _renderer(
    config: MkDocsConfig, mermaid_js: Path, browser: str
) -> tuple[Renderer, tuple[Path, ...]]:
    package = mermaid_js.parent.parent / "package.json"
    try:
        version = json.loads(package.read_text(encoding="utf-8"))["version"]
    except (OSError, ValueError, KeyError) as error:
        raise DrawingError(f"no mermaid at {mermaid_js} ({error})") from None
    if not mermaid_js.is_file():
        raise DrawingError(f"no mermaid at {mermaid_js}")
    bundles = _theme_files(config, "assets/javascripts/bundle.*.min.js")
    sheets = _theme_files(config, "assets/stylesheets/main.*.min.css")
    if not bundles:
        raise DrawingError("the theme has no Material bundle to take its diagram styles from")
    theme_css = material_theme_css(bundles[0].read_text(encoding="utf-8"))
    return Renderer(version, theme_css, browser), tuple(sheets[:1])


def _theme_files(config: MkDocsConfig, pattern: str) -> list[Path]:
    return [path for folder in config.theme.dirs for path in sorted(Path(folder).glob(pattern))]


def on_env(env: Environment, config: MkDocsConfig, files: Files) -> Environment:
    drawing: Drawing | None = config.get(KEY)
    pages = {
        file.src_uri: file.page
        for file in files.documentation_pages()
        if file.page is not None and file.page.content
    }
    if drawing is not None:
        contents = {name: page.content or "" for name, page in pages.items()}
        outcome = drawing.draw_pages(contents, placeholders=True)
        config[DRAWINGS] = outcome.drawings
        for name, content in outcome.pages.items():
            pages[name].content = content
        for problem in outcome.problems:
            log.warning(f"{problem}; the reader's browser draws it")
        if outcome.unavailable:
            log.info(f"The diagrams are drawn in the reader's browser: {outcome.unavailable}")
        log.debug(
            f"{outcome.diagrams} diagrams: {outcome.from_store} from the cache, "
            f"{outcome.drawn} drawn, {outcome.left} left to the browser"
        )
    if not any(BLOCK_MARK in (page.content or "") for page in pages.values()):
        for file in _browser_only_files(config, files):
            files.remove(file)
    return env


@event_priority(-200)  # after study_aids puts in the print page's body (-100)
def on_post_page(output: str, page: Page, config: MkDocsConfig) -> str:
    return put_drawings(output, config.get(DRAWINGS) or ())


def _browser_only_files(config: MkDocsConfig, files: Files) -> list[Any]:
    """The files only a diagram drawn in the reader's browser needs."""
    wanted = [
        str(item["to"]).rstrip("/")
        for item in config.extra.get("vendor") or ()
        if item.get("browser_diagrams")
    ]
    plugin = config.plugins.get(PLUGIN)
    options = plugin.config if plugin is not None else _settings(config).mermaid2
    loader = options.get("javascript")
    if loader:
        wanted.append(str(loader))
    return [
        file
        for file in files
        if any(file.src_uri == path or file.src_uri.startswith(f"{path}/") for path in wanted)
    ]
