"""What mermaid is given to draw a site's diagrams, and what names the renderer.

The drawings look as Material's own mermaid integration draws them in the
reader's browser: mermaid's default theme, Material's font sizes, and
Material's style sheet for diagrams (``themeCSS``), whose colours are CSS
variables (``var(--md-mermaid-node-bg-color)``, ...). An inline SVG takes
those variables from the page, so a drawing follows the reader's light or
dark palette with no script. The style sheet is read from Material's own
bundle, so the drawings keep up with the installed Material.
"""

from __future__ import annotations

import json
import re
from dataclasses import dataclass
from typing import Any

from notesite.errors import NotesSiteError


class DrawingError(NotesSiteError):
    """The diagrams cannot be drawn at build time (the browser draws them instead)."""


# In Material's bundle: mermaid.initialize({startOnLoad:!1,themeCSS:Xn,sequence:{...}})
# with Xn a string literal elsewhere in the bundle.
_THEME_NAME = re.compile(r"mermaid\.initialize\(\{[^}]*?themeCSS:([A-Za-z_$][\w$]*)")
# Material's sequence diagram text sizes (its mermaid.initialize call).
SEQUENCE = {"actorFontSize": "16px", "messageFontSize": "16px", "noteFontSize": "16px"}


def material_theme_css(bundle: str) -> str:
    """Material's style sheet for mermaid diagrams, from its JavaScript bundle."""
    name = _THEME_NAME.search(bundle)
    if name is None:
        raise DrawingError("Material's bundle has no mermaid.initialize({themeCSS: ...}) call")
    literal = re.search(rf'(?:^|[,;\s{{(]){re.escape(name[1])}=("(?:[^"\\]|\\.)*")', bundle)
    if literal is None:
        raise DrawingError(f"Material's bundle does not define its mermaid style sheet {name[1]}")
    css = json.loads(literal[1])
    if not isinstance(css, str) or "--md-mermaid-" not in css:
        raise DrawingError("Material's mermaid style sheet names none of its colour variables")
    return css


@dataclass(frozen=True)
class Renderer:
    """Everything that changes a drawing besides its source."""

    mermaid_version: str
    theme_css: str
    # What the browser says it is (``chromium --version``): another Chromium
    # lays text out differently, so its drawings are not the same.
    browser_version: str = ""

    def initialize(self) -> dict[str, Any]:
        """The argument of ``mermaid.initialize``: Material's, with strict security
        (no script and no click handlers in a drawing)."""
        return {
            "startOnLoad": False,
            "securityLevel": "strict",
            "themeCSS": self.theme_css,
            "sequence": dict(SEQUENCE),
        }

    def identity(self) -> str:
        """The renderer's part of every drawing's cache key."""
        return json.dumps(
            {
                "mermaid": self.mermaid_version,
                "browser": self.browser_version,
                "initialize": self.initialize(),
            },
            sort_keys=True,
        )
