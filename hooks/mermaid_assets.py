"""MkDocs hook: the diagrams a reader's browser draws (the path of a site
built without Chromium, or with ``extra.diagrams.draw: browser``, and of a
diagram mermaid could not draw at build time).

mkdocs-mermaid2 then adds a ``<script>`` to the pages that hold a diagram,
and only to them. It is loaded only when a page is left with a diagram to
draw, after diagram_drawings.py has drawn what it could: a build that draws
every diagram never imports it (it brings BeautifulSoup and requests, a
fifth of a warm build). Its options are under ``extra.diagrams.mermaid2``
in mkdocs.yml; a ``mermaid2`` entry under ``plugins:`` is used as it is.

Its ``javascript:`` option names the script. In this site that file is
``assets/javascripts/mermaid-on-demand.js`` (in ``docs/``): a small stand-in
for ``window.mermaid`` that loads the vendored mermaid (3.5 MB) when a diagram
comes near the screen; Material renders the diagrams with it, in its palette's
colours. The stand-in names the vendored file in its ``MERMAID`` constant,
relative to itself.

This hook checks, before anything is built, that the option names a local
classic script (an ES module ``import`` fails when the site is opened from
disk), and that the mermaid it ends up loading is the classic UMD build that
``extra.vendor`` copies into the site (see vendor_assets.py), and that the
ES module build it imports instead over http(s), if it names one, is too. ``javascript:``
may also name the vendored ``mermaid.min.js`` itself, to load it with the page.
mermaid2's own page pass (a BeautifulSoup parse and rewrite of the whole
page) runs only on the pages that still hold a diagram.
"""

from __future__ import annotations

import logging
from pathlib import Path
from typing import TYPE_CHECKING, Any

from mkdocs.exceptions import PluginError
from mkdocs.plugins import event_priority
from notesite.errors import NotesSiteError
from notesite.output.assets import PLUGIN, vendored_script

if TYPE_CHECKING:
    from jinja2 import Environment
    from mkdocs.config.defaults import MkDocsConfig
    from mkdocs.plugins import BasePlugin, PluginCollection
    from mkdocs.structure.files import Files

BLOCK_MARK = 'class="mermaid"'
KEY = "mermaid_assets_javascript"  # the checked `javascript:` option


def _options(config: MkDocsConfig) -> dict[str, Any]:
    """mermaid2's options: its entry under plugins, else extra.diagrams.mermaid2."""
    plugin = config.plugins.get(PLUGIN)
    if plugin is not None:
        return dict(plugin.config)
    return dict((config.extra.get("diagrams") or {}).get(PLUGIN) or {})


def on_config(config: MkDocsConfig) -> MkDocsConfig:
    vendored = [str(item.get("to")) for item in config.extra.get("vendor") or ()]
    try:
        config[KEY] = vendored_script(
            _options(config).get("javascript"), vendored, Path(config.docs_dir)
        )
    except NotesSiteError as error:
        raise PluginError(str(error)) from error
    plugin = config.plugins.get(PLUGIN)
    if plugin is not None:
        _prepare(plugin, config)
    return config


@event_priority(-50)  # after diagram_drawings has drawn what it could
def on_env(env: Environment, config: MkDocsConfig, files: Files) -> Environment:
    if config.plugins.get(PLUGIN) is not None:
        return env
    left = any(
        BLOCK_MARK in (file.page.content or "")
        for file in files.documentation_pages()
        if file.page is not None
    )
    if left:
        _load(config)
    return env


def _load(config: MkDocsConfig) -> None:
    """Load mermaid2 with its options and register it for the rest of the build."""
    from mermaid2.plugin import MarkdownMermaidPlugin

    plugin = MarkdownMermaidPlugin()
    errors, warnings = plugin.load_config(_options(config), config.config_file_path)
    for name, problem in [*errors, *warnings]:
        raise PluginError(f"extra.diagrams.{PLUGIN}.{name}: {problem}")
    config.plugins[PLUGIN] = plugin
    for event in ("config", "env"):  # past events: on_config is run here
        config.plugins.events[event] = [
            method
            for method in config.plugins.events[event]
            if getattr(method, "__self__", None) is not plugin
        ]
    plugin.on_config(config)
    _prepare(plugin, config)


def _prepare(plugin: BasePlugin, config: MkDocsConfig) -> None:
    # mermaid2 says twice per page, at INFO, that it found diagrams; its
    # warnings still show.
    logging.getLogger("mkdocs.plugins.mermaid2.util").setLevel(logging.WARNING)
    javascript = config[KEY]
    vendored = [str(item.get("to")) for item in config.extra.get("vendor") or ()]
    if javascript in vendored:
        # mermaid2 checks that a local `javascript` is under docs_dir when it
        # first needs it; a vendored file is copied from node_modules during
        # the build and never is. This is the value its `javascript` property
        # would compute after that check; it reads this cached value instead.
        plugin._javascript = javascript  # type: ignore[attr-defined]
    _gate_page_pass(config.plugins, plugin)


def _gate_page_pass(plugins: PluginCollection, plugin: BasePlugin) -> None:
    """Run mermaid2's on_post_page only on pages that hold a mermaid block."""
    events = plugins.events["post_page"]
    for position, method in enumerate(events):
        if getattr(method, "__self__", None) is not plugin:
            continue

        def gated(output: str, *, _inner: Any = method, **kwargs: Any) -> str:
            result: str = _inner(output, **kwargs) if BLOCK_MARK in output else output
            return result

        events[position] = gated
        plugins._event_origins[gated] = plugins._event_origins.get(method, PLUGIN)
