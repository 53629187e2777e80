"""The notes' section tree: each file's token stream cut at its headings.

In: one parsed file's tokens. Out: ``Section``s (a heading, its tokens up to
the next heading, its lines), and the file's footnote definitions taken out
so that each page can be given the ones its own references need.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from markdown_it.token import Token

from notesite.reading.parse import inline_text


@dataclass(frozen=True)
class Heading:
    level: int
    text: str
    line: int  # 0-based, as markdown-it maps lines


@dataclass
class Section:
    """A heading and the tokens up to the next top-level heading."""

    heading: Heading | None
    heading_tokens: list[Token]
    body: list[Token]
    start: int  # 0-based first line (the heading's)
    end: int  # 0-based line after the last
    path: str = ""  # the notes file it comes from


def split_sections(tokens: list[Token], line_count: int, path: str = "") -> list[Section]:
    """Cut the token stream of one file at each top-level heading."""
    sections: list[Section] = []
    current = Section(None, [], [], 0, 0, path)
    i = 0
    while i < len(tokens):
        token = tokens[i]
        if token.type == "heading_open" and token.level == 0:
            line = token.map[0] if token.map else current.start
            current.end = line
            sections.append(current)
            text = inline_text(tokens[i + 1]).strip()
            heading = Heading(int(token.tag[1]), text, line)
            current = Section(heading, tokens[i : i + 3], [], line, line, path)
            i += 3
            continue
        current.body.append(token)
        i += 1
    current.end = line_count
    sections.append(current)
    # Text before the first heading is a section with no heading; drop it
    # only when it holds nothing.
    if sections[0].heading is None and not sections[0].body:
        sections = sections[1:]
        if sections:
            sections[0].start = 0
    return sections


def take_footnotes(tokens: list[Token]) -> tuple[list[Token], dict[str, list[Token]]]:
    """The tokens without front matter and footnote definitions, and the
    definitions by label. markdown-it gathers every definition of a file in
    one block at its end; pages are cut before that, so each page gets the
    definitions its own references need (see place_footnotes)."""
    body: list[Token] = []
    found: dict[str, list[Token]] = {}
    current: list[Token] | None = None
    for token in tokens:
        if token.type == "front_matter":
            continue  # metadata for tools, not text for readers
        if token.type in ("footnote_block_open", "footnote_block_close"):
            continue
        if token.type == "footnote_open":
            current = [token]
            found[str(token.meta.get("label", token.meta.get("id")))] = current
        elif current is not None:
            current.append(token)
            if token.type == "footnote_close":
                current = None
        else:
            body.append(token)
    return body, found


def place_footnotes(pages: list[Any], footnotes: dict[str, list[Token]]) -> None:
    """Append to each page the footnote definitions it refers to; definitions
    nobody refers to go to the last page, so none is lost."""
    used: set[str] = set()
    for page in pages:
        labels = [
            str(child.meta.get("label", child.meta.get("id")))
            for token in page.tokens
            if token.type == "inline"
            for child in token.children or []
            if child.type == "footnote_ref"
        ]
        wanted = [label for label in dict.fromkeys(labels) if label in footnotes]
        if wanted:
            page.tokens += _footnote_block([footnotes[label] for label in wanted])
            used.update(wanted)
    unused = [tokens for label, tokens in footnotes.items() if label not in used]
    if unused and pages:
        pages[-1].tokens += _footnote_block(unused)


def _footnote_block(definitions: list[list[Token]]) -> list[Token]:
    return [
        Token("footnote_block_open", "", 1),
        *(token for definition in definitions for token in definition),
        Token("footnote_block_close", "", -1),
    ]
