"""What a reader should see of each line of some Markdown, per CommonMark.

Shared by the tests that check no line of the notes is lost on the way to
the site: the text of every line (inline text, code lines, raw HTML), as
markdown-it-py reads it, keyed by 0-based line number.
"""

from __future__ import annotations

import re
from collections import defaultdict

from bs4 import BeautifulSoup
from markdown_it import MarkdownIt
from notesite.transforms.images.captions import is_noise


def squash(text: str) -> str:
    return re.sub(r"\s+", " ", text).strip()


def line_texts(text: str) -> dict[int, list[str]]:
    texts: dict[int, list[str]] = defaultdict(list)
    for token in MarkdownIt("commonmark").enable("table").parse(text):
        if token.map is None:
            continue
        if token.type in ("fence", "code_block"):
            first = token.map[0] + (1 if token.type == "fence" else 0)
            for offset, line in enumerate(token.content.splitlines()):
                texts[first + offset].append(line)
        elif token.type == "html_block":
            # Raw HTML shows its text, not its tags.
            for offset, line in enumerate(token.content.splitlines()):
                texts[token.map[0] + offset].append(BeautifulSoup(line, "lxml").get_text())
        elif token.type == "inline":
            # One string per line of each inline token (a table row has one per cell).
            line, current = token.map[0], ""
            for child in token.children or []:
                if child.type in ("softbreak", "hardbreak"):
                    texts[line].append(current)
                    line, current = line + 1, ""
                elif child.type in ("text", "code_inline", "html_inline"):
                    current += child.content
                elif child.type == "image":
                    # Alt text a tool wrote ("Alt text", "image") is never shown.
                    alt = "".join(c.content for c in child.children or [])
                    current += "" if is_noise(alt) else alt
            texts[line].append(current)
    return {
        line: [part for part in parts if squash(part)]
        for line, parts in texts.items()
        if any(squash(part) for part in parts)
    }
