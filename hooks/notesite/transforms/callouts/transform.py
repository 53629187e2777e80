"""Transforms for note-taking dialects: GitHub alerts, Obsidian callouts and embeds.

- A block quote whose first line is ``[!NOTE]`` (GitHub alert) or
  ``[!tip]- Title`` (Obsidian callout, ``-``/``+`` folded or open) becomes a
  Material admonition of the matching kind, its body rendered as before
  (its embeds and pictures checked first, as the later transforms would).
- ``![[picture.png]]`` and ``![[picture.png|300]]`` (Obsidian embeds) become
  ordinary images, so the image check finds, copies or reports them.
A block quote without a marker, or text without an embed, is left unchanged.
"""

from __future__ import annotations

import re

from markdown_it.token import Token

from notesite.reading.parse import raw_markdown_token, render_markdown
from notesite.reading.sanitise import url_problem
from notesite.transforms.context import PageContext, block_end
from notesite.transforms.images.transform import CHECKED, check_images

_MARKER = re.compile(r"^\[!(?P<kind>[A-Za-z]+)\](?P<fold>[+-]?)[ \t]*(?P<title>.*)$")
_EMBED = re.compile(r"!\[\[(?P<target>[^\]|]+?)(?:\|(?P<size>[^\]]*))?\]\]")

# GitHub's and Obsidian's kinds -> Material's admonition types.
KINDS = {
    "note": "note", "info": "info", "tip": "tip", "hint": "tip", "important": "info",
    "warning": "warning", "caution": "danger", "danger": "danger", "error": "danger",
    "abstract": "abstract", "summary": "abstract", "tldr": "abstract", "todo": "info",
    "success": "success", "check": "success", "done": "success", "question": "question",
    "help": "question", "faq": "question", "failure": "failure", "fail": "failure",
    "missing": "failure", "bug": "bug", "example": "example", "quote": "quote", "cite": "quote",
}  # fmt: skip


def _indent(markdown: str) -> str:
    return "\n".join(f"    {line}" if line else "" for line in markdown.splitlines())


def convert_callouts(tokens: list[Token], context: PageContext) -> list[Token]:
    out: list[Token] = []
    index = 0
    while index < len(tokens):
        token = tokens[index]
        if token.type != "blockquote_open":
            out.append(token)
            index += 1
            continue
        end = block_end(tokens, index)
        inline = tokens[index + 2] if end - index > 3 else None
        first = (
            (inline.children or [None])[0]
            if inline is not None and inline.type == "inline"
            else None
        )
        match = _MARKER.match(first.content) if first is not None and first.type == "text" else None
        if match is None or match.group("kind").lower() not in KINDS:
            out.append(token)
            index += 1
            continue
        kind = match.group("kind").lower()
        title = match.group("title").strip() or kind.capitalize()
        assert inline is not None
        # Drop the marker (and the line break after it) from the first paragraph.
        children = (inline.children or [])[1:]
        if children and children[0].type in ("softbreak", "hardbreak"):
            children = children[1:]
            if inline.map:  # what is left starts on the next line
                inline.map = [inline.map[0] + 1, inline.map[1]]
        inline.children = children
        body_tokens = tokens[index + 1 : end - 1]
        if not children:
            body_tokens = body_tokens[3:]  # the paragraph held only the marker
        # The body is written as Markdown here, before the later transforms
        # see it: its embeds and pictures are read, confined and copied now.
        body_tokens = check_images(convert_embeds(body_tokens, context), context)
        body = render_markdown(body_tokens, context.env)
        opener = {"-": "???", "+": "???+"}.get(match.group("fold"), "!!!")
        quoted = title.replace('"', "&quot;")
        markdown = f'{opener} {KINDS[kind]} "{quoted}"\n\n{_indent(body)}'.rstrip() + "\n"
        out.append(raw_markdown_token(markdown, token.map))
        out[-1].meta[CHECKED] = True
        index = end
    return out


def convert_embeds(tokens: list[Token], context: PageContext) -> list[Token]:
    for token in tokens:
        if token.type != "inline" or not token.children:
            continue
        children: list[Token] = []
        for child in token.children:
            if child.type != "text" or "![[" not in child.content:
                children.append(child)
                continue
            position = 0
            for match in _EMBED.finditer(child.content):
                if url_problem(match.group("target").strip(), image=True):
                    continue  # not a file of the vault ("![[javascript:…]]"): text as written
                if match.start() > position:
                    children.append(
                        Token("text", "", 0, content=child.content[position : match.start()])
                    )
                children.append(_image(match.group("target").strip(), match.group("size")))
                position = match.end()
            if position < len(child.content):
                children.append(Token("text", "", 0, content=child.content[position:]))
        token.children = children
    return tokens


def _image(target: str, size: str | None) -> Token:
    image = Token("image", "img", 0, attrs={"src": target.replace(" ", "%20"), "alt": ""})
    alt = target.rsplit("/", 1)[-1]
    image.children = [Token("text", "", 0, content=alt)]
    image.content = alt
    if size and size.strip().isdigit():
        image.attrSet("title", f"{target} ({size.strip()} px)")
    return image
