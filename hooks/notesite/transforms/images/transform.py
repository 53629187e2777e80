"""Transform: check the notes' images and carry the ones that exist into the site.

Looks at every image in a page. An image file that exists (a path relative to
the notes file, or absolute from the notes' folder as GitHub reads it, with
GitHub's ``?raw=true`` ignored) is copied into the site under ``images/`` and
the link rewritten. A missing one is reported with its file and line and
replaced by a visible note that keeps its alt text and title, instead of a
broken picture. Remote images are left as they are.
"""

from __future__ import annotations

import os
import posixpath
from pathlib import Path
from urllib.parse import unquote, urlsplit

from markdown_it.token import Token

from notesite.transforms.context import PageContext

SITE_IMAGE_DIR = "images"


def _resolve(src: str, notes_file: Path) -> Path | None:
    """The local file an image link names, or None for a remote image."""
    parts = urlsplit(src)
    if parts.scheme or parts.netloc or src.startswith("data:"):
        return None
    path = unquote(parts.path)
    base = notes_file.parent
    return (base / path.lstrip("/")) if path.startswith("/") else (base / path)


def missing_image(src: str, notes_file: Path) -> Path | None:
    """The local file an image names when that file does not exist, else None."""
    local = _resolve(src, notes_file)
    return local if local is not None and not local.is_file() else None


def _missing_note(image: Token) -> str:
    alt = "".join(child.content for child in image.children or []) or "image"
    title = image.attrGet("title") or ""
    caption = f"{alt} — {title}" if title and title != alt else alt
    src = image.attrGet("src") or ""
    return f"*[Image not available: {caption} (`{src}`)]*"


def check_images(tokens: list[Token], context: PageContext) -> list[Token]:
    for token in tokens:
        if token.type != "inline" or not token.children:
            continue
        # Relative image paths are relative to the file the paragraph is in.
        notes_file = context.root / token.meta.get("source", context.notes_path)
        for index, child in enumerate(token.children):
            if child.type != "image":
                continue
            src = child.attrGet("src") or ""
            local = _resolve(src, notes_file)
            if local is None:
                continue
            line = None
            if token.map:
                breaks = sum(c.type in ("softbreak", "hardbreak") for c in token.children[:index])
                line = token.map[0] + breaks
            context.looked_at.append(local)
            if local.is_file():
                site_path = posixpath.join(SITE_IMAGE_DIR, local.name)
                context.assets.append((local, site_path))
                child.attrSet("src", site_path)
                continue
            context.warn(
                line,
                path=token.meta.get("source"),
                text=f"image {src} not found (looked for {os.path.relpath(local, context.root)}); "
                "it is shown as a note with its alt text. Add the file or remove the image.",
            )
            note = Token("text", "", 0, content=_missing_note(child))
            # Rendered as Markdown source, so the note's emphasis and code show.
            note.type = "raw_inline"
            token.children[index] = note
    return tokens
