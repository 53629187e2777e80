"""MkDocs hook: let mkdocs-mermaid2 load mermaid from the site itself, never a
CDN, and only when a reader comes near a diagram.

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
import posixpath
import re
from pathlib import Path, PurePosixPath
from typing import TYPE_CHECKING

from mkdocs.exceptions import PluginError

if TYPE_CHECKING:
    from mkdocs.config.defaults import MkDocsConfig

PLUGIN = "mermaid2"


def loader_target(javascript: str, text: str, name: str = "MERMAID") -> str | None:
    """The site path a loader script names in ``var <name> = "..."`` (relative
    to itself), or None if it names none: ``MERMAID`` is the classic build,
    ``MERMAID_MODULE`` the ES module build."""
    match = re.search(rf"""\bvar\s+{name}\s*=\s*["']([^"']+)["']""", text)
    if match is None:
        return None
    joined = posixpath.join(posixpath.dirname(javascript), match.group(1))
    return posixpath.normpath(joined)


def vendored_script(javascript: str | None, vendored: list[str], docs_dir: Path) -> str:
    """The mermaid script's site path, checked: local, classic (not ESM), and
    either vendored mermaid or a loader in docs_dir whose target is vendored."""
    if not javascript:
        raise PluginError(
            f"The {PLUGIN} plugin has no `javascript:` option, so it would load mermaid "
            f"from a CDN. Set it to assets/javascripts/mermaid-on-demand.js, or to the site "
            f"path of the vendored mermaid.min.js (see extra.vendor in mkdocs.yml)."
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
    if javascript in vendored:
        return javascript
    loader = docs_dir / javascript
    try:
        text = loader.read_text(encoding="utf-8")
    except OSError:
        raise PluginError(
            f"{PLUGIN}'s `javascript: {javascript}` is neither in docs/ nor copied into the "
            f"site: add it under extra.vendor in mkdocs.yml "
            f"(from: node_modules/mermaid/dist/mermaid.min.js)."
        ) from None
    target = loader_target(javascript, text)
    if target is None:
        raise PluginError(
            f'docs/{javascript}: no `var MERMAID = "..."` naming the mermaid it loads, '
            f"so it cannot be checked."
        )
    if PurePosixPath(target).suffix != ".js":
        raise PluginError(
            f"docs/{javascript} loads {target}, which is not a classic script; use "
            f"mermaid.min.js (an ES module import fails when the site is opened from disk)."
        )
    if target not in vendored:
        raise PluginError(
            f"docs/{javascript} loads {target}, which is not copied into the site: add it "
            f"under extra.vendor in mkdocs.yml (from: node_modules/mermaid/dist/mermaid.min.js)."
        )
    module = loader_target(javascript, text, "MERMAID_MODULE")
    if module is not None and module not in vendored:
        raise PluginError(
            f"docs/{javascript} imports {module} over http(s), which is not copied into the "
            f"site: add it, and the folder of its chunks, under extra.vendor in mkdocs.yml "
            f"(from: node_modules/mermaid/dist/mermaid.esm.min.mjs and "
            f"node_modules/mermaid/dist/chunks/mermaid.esm.min)."
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
    javascript = vendored_script(plugin.config.get("javascript"), vendored, Path(config.docs_dir))
    if javascript in vendored:
        # mermaid2 checks that a local `javascript` is under docs_dir when it
        # first needs it; a vendored file is copied from node_modules during
        # the build and never is. This is the value its `javascript` property
        # would compute after that check; it reads this cached value instead.
        plugin._javascript = javascript  # type: ignore[attr-defined]
    return config
