"""MkDocs hook: let mkdocs-mermaid2 load mermaid from the site itself, never a CDN.

mermaid2 adds a ``<script>`` for mermaid only to pages that hold a diagram.
Its ``javascript:`` option names the file; this hook checks that the option
names the classic UMD build (``mermaid.min.js``: an ES module ``import``
fails on ``file://``) that ``extra.vendor`` copies into the site (see
vendor_assets.py), not a URL.

mermaid2 also checks that a local ``javascript`` file exists under
``docs_dir`` when it first needs it; a vendored file is copied from
node_modules during the build and is never in ``docs_dir``. The hook hands
mermaid2 the checked path in advance, which is all that check would do.

Material renders the diagrams (into its own palette colours) with the
``window.mermaid`` that script defines, so it never fetches its own copy:
one load, local, only where there is a diagram.
"""

from __future__ import annotations

import logging
from pathlib import PurePosixPath
from typing import TYPE_CHECKING

from mkdocs.exceptions import PluginError

if TYPE_CHECKING:
    from mkdocs.config.defaults import MkDocsConfig

PLUGIN = "mermaid2"


def vendored_script(javascript: str | None, vendored: list[str]) -> str:
    """The mermaid script path, checked: local, classic (not ESM), copied into the site."""
    if not javascript:
        raise PluginError(
            f"The {PLUGIN} plugin has no `javascript:` option, so it would load mermaid "
            f"from a CDN. Set it to the site path of the vendored mermaid.min.js (see "
            f"extra.vendor in mkdocs.yml)."
        )
    if "://" in javascript or javascript.startswith("//"):
        raise PluginError(
            f"{PLUGIN}'s `javascript: {javascript}` is remote; the site must load nothing "
            f"from a network."
        )
    if PurePosixPath(javascript).suffix != ".js":
        raise PluginError(
            f"{PLUGIN}'s `javascript: {javascript}` is not a classic script; use mermaid.min.js "
            f"(an ES module import fails when the site is opened from disk)."
        )
    if javascript not in vendored:
        raise PluginError(
            f"{PLUGIN}'s `javascript: {javascript}` is not copied into the site: add it "
            f"under extra.vendor in mkdocs.yml (from: node_modules/mermaid/dist/mermaid.min.js)."
        )
    return javascript


def on_config(config: MkDocsConfig) -> MkDocsConfig:
    plugin = config.plugins.get(PLUGIN)
    if plugin is None:
        return config
    # mermaid2 says twice per page, at INFO, that it found diagrams; its
    # warnings still show.
    logging.getLogger("mkdocs.plugins.mermaid2.util").setLevel(logging.WARNING)
    vendored = [str(item.get("to")) for item in config.extra.get("vendor") or ()]
    # What mermaid2's `javascript` property would compute after finding the
    # file under docs_dir; it reads this cached value instead.
    plugin._javascript = vendored_script(plugin.config.get("javascript"), vendored)  # type: ignore[attr-defined]
    return config
