"""MkDocs hook: let mkdocs-mermaid2 load mermaid from the site itself, never a
CDN, and only when a reader comes near a diagram.

This is the path of a site built without Chromium: with one, every diagram
is drawn at build time (diagram_drawings.py) and no page loads mermaid.

mermaid2 adds a ``<script>`` to the pages that hold a diagram, and only to
them. Its ``javascript:`` option names the file. In this site that file is
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
"""

from __future__ import annotations

import logging
from pathlib import Path
from typing import TYPE_CHECKING

from mkdocs.exceptions import PluginError
from notesite.errors import NotesSiteError
from notesite.output.assets import PLUGIN, vendored_script

if TYPE_CHECKING:
    from mkdocs.config.defaults import MkDocsConfig


def on_config(config: MkDocsConfig) -> MkDocsConfig:
    plugin = config.plugins.get(PLUGIN)
    if plugin is None:
        return config
    # mermaid2 says twice per page, at INFO, that it found diagrams; its
    # warnings still show.
    logging.getLogger("mkdocs.plugins.mermaid2.util").setLevel(logging.WARNING)
    vendored = [str(item.get("to")) for item in config.extra.get("vendor") or ()]
    try:
        javascript = vendored_script(
            plugin.config.get("javascript"), vendored, Path(config.docs_dir)
        )
    except NotesSiteError as error:
        raise PluginError(str(error)) from error
    if javascript in vendored:
        # mermaid2 checks that a local `javascript` is under docs_dir when it
        # first needs it; a vendored file is copied from node_modules during
        # the build and never is. This is the value its `javascript` property
        # would compute after that check; it reads this cached value instead.
        plugin._javascript = javascript  # type: ignore[attr-defined]
    return config
