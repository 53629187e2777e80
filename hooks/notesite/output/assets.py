"""Which mermaid script the site loads: checked to be local, classic and vendored.

mkdocs-mermaid2 adds a ``<script>`` to the pages that hold a diagram; its
``javascript:`` option names either the vendored classic ``mermaid.min.js`` or
a loader in ``docs/`` whose ``var MERMAID = "..."`` (and ``MERMAID_MODULE``)
names the vendored build it loads. ``vendored_script`` checks that, before
anything is built, and raises ``AssetError`` saying what to change.
"""

from __future__ import annotations

import posixpath
import re
from pathlib import Path, PurePosixPath

from notesite.errors import NotesSiteError


class AssetError(NotesSiteError, ValueError):
    """The site would load a script from the network, or one it does not ship."""


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
        raise AssetError(
            f"The {PLUGIN} plugin has no `javascript:` option, so it would load mermaid "
            f"from a CDN. Set it to assets/javascripts/mermaid-on-demand.js, or to the site "
            f"path of the vendored mermaid.min.js (see extra.vendor in mkdocs.yml)."
        )
    if "://" in javascript or javascript.startswith("//"):
        raise AssetError(
            f"{PLUGIN}'s `javascript: {javascript}` is remote; the site must load nothing "
            f"from a network."
        )
    if PurePosixPath(javascript).suffix != ".js":
        raise AssetError(
            f"{PLUGIN}'s `javascript: {javascript}` is not a classic script; use mermaid.min.js "
            f"(an ES module import fails when the site is opened from disk)."
        )
    if javascript in vendored:
        return javascript
    loader = docs_dir / javascript
    try:
        text = loader.read_text(encoding="utf-8")
    except OSError:
        raise AssetError(
            f"{PLUGIN}'s `javascript: {javascript}` is neither in docs/ nor copied into the "
            f"site: add it under extra.vendor in mkdocs.yml "
            f"(from: node_modules/mermaid/dist/mermaid.min.js)."
        ) from None
    target = loader_target(javascript, text)
    if target is None:
        raise AssetError(
            f'docs/{javascript}: no `var MERMAID = "..."` naming the mermaid it loads, '
            f"so it cannot be checked."
        )
    if PurePosixPath(target).suffix != ".js":
        raise AssetError(
            f"docs/{javascript} loads {target}, which is not a classic script; use "
            f"mermaid.min.js (an ES module import fails when the site is opened from disk)."
        )
    if target not in vendored:
        raise AssetError(
            f"docs/{javascript} loads {target}, which is not copied into the site: add it "
            f"under extra.vendor in mkdocs.yml (from: node_modules/mermaid/dist/mermaid.min.js)."
        )
    module = loader_target(javascript, text, "MERMAID_MODULE")
    if module is not None and module not in vendored:
        raise AssetError(
            f"docs/{javascript} imports {module} over http(s), which is not copied into the "
            f"site: add it, and the folder of its chunks, under extra.vendor in mkdocs.yml "
            f"(from: node_modules/mermaid/dist/mermaid.esm.min.mjs and "
            f"node_modules/mermaid/dist/chunks/mermaid.esm.min)."
        )
    return javascript
