"""The last check before a page is written: no live markup in its content.

The notes are sanitised right after parsing (``reading.sanitise``), so a
page's rendered content should hold no script, no inline event handler, no
``javascript:`` URL, no frame, base, meta or form. Python-Markdown and its
extensions run after that stage, though, and a syntax one of them reads in
a way the sanitiser did not foresee could still make some. This finds such
markup in the HTML that MkDocs rendered from a page's Markdown, so the build
stops instead of publishing it.
"""

from __future__ import annotations

import re
from html.parser import HTMLParser

# Elements that run, load or redirect something, whatever their attributes.
LIVE_ELEMENTS = frozenset(
    {"script", "iframe", "frame", "object", "embed", "base", "meta", "form", "link", "style"}
)
_URL_ATTRIBUTES = frozenset({"href", "src", "action", "formaction", "xlink:href", "data"})
_CODE_URL = re.compile(r"^\s*(javascript|vbscript|data:(?!image/(png|gif|jpe?g|webp|avif|bmp)))")
# What browsers ignore in a URL's scheme ("java\tscript:").
_IGNORED = re.compile(r"[\x00-\x20\x7f]+")
# What URL parsers drop anywhere in a URL: "javas\tcript:" is "javascript:".
_URL_NOISE = re.compile(r"[\t\n\r]")
# A cheap first look: most pages have none of these strings at all.
_MAYBE = re.compile(
    r"<(script|iframe|frame|object|embed|base|meta|form|link|style)\b"
    r"|\son[a-z]+\s*=|script:|data:",
    re.I,
)


class _Live(HTMLParser):
    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.found: list[str] = []

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        if tag in LIVE_ELEMENTS:
            self.found.append(f"<{tag}>")
        for name, value in attrs:
            if name.startswith("on"):
                self.found.append(f"{name}= on <{tag}>")
            elif name in _URL_ATTRIBUTES and _CODE_URL.match(_IGNORED.sub("", value or "")):
                self.found.append(f"{name}={(value or '')[:40]} on <{tag}>")


def live_markup(html: str) -> list[str]:
    """What in a page's rendered content could run or load something; [] for none."""
    if not _MAYBE.search(_URL_NOISE.sub("", html)):
        return []
    parser = _Live()
    parser.feed(html)
    parser.close()
    return parser.found
