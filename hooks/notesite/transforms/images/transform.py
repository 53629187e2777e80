"""Transform: check the notes' images and carry the ones that exist into the site.

Looks at every image in a page. An image file that exists (a path relative to
the notes file, or absolute from the notes' folder as GitHub reads it, with
GitHub's ``?raw=true`` ignored) is copied into the site under ``images/`` and
the link rewritten. A missing one is reported with its file and line and
replaced by a visible note that keeps its alt text and title, instead of a
broken picture. Remote images are left as they are.

The notes are untrusted: a path is followed through ``..`` and symlinks, and
a file outside the notes' folder is never copied (``../../.aws/credentials``
would otherwise be published). Only a real picture is copied, known by its
first bytes, not by its name; anything else is reported and shown as a note.
"""

from __future__ import annotations

import os
import posixpath
from pathlib import Path
from urllib.parse import unquote, urlsplit

from markdown_it.token import Token

from notesite.transforms.context import PageContext

SITE_IMAGE_DIR = "images"
# The first bytes of the picture formats a page may show (an SVG is not among
# them: it is a document that can carry script).
PICTURE_SIGNATURES: tuple[tuple[int, bytes, str], ...] = (
    (0, b"\x89PNG\r\n\x1a\n", "PNG"),
    (0, b"\xff\xd8\xff", "JPEG"),
    (0, b"GIF87a", "GIF"),
    (0, b"GIF89a", "GIF"),
    (8, b"WEBP", "WebP"),
    (4, b"ftypavif", "AVIF"),
    (0, b"BM", "BMP"),
)


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


def picture_type(path: Path) -> str | None:
    """The picture format of a file by its first bytes, or None when it is not one."""
    with path.open("rb") as file:
        head = file.read(16)
    return next(
        (name for at, magic, name in PICTURE_SIGNATURES if head[at : at + len(magic)] == magic),
        None,
    )


def _inside(path: Path, folder: Path) -> bool:
    return path.resolve().is_relative_to(folder.resolve())


def refusal(local: Path, notes_dir: Path) -> str | None:
    """Why an existing local file is not copied into the site, or None when it may be."""
    if not _inside(local, notes_dir):
        return f"points outside the notes' folder ({local.resolve()})"
    if not local.is_file():
        return "is not a file"
    if picture_type(local) is None:
        return "is not a PNG, JPEG, GIF, WebP, AVIF or BMP picture (by its content)"
    return None


def _missing_note(image: Token) -> str:
    alt = "".join(child.content for child in image.children or []) or "image"
    title = image.attrGet("title") or ""
    caption = f"{alt} — {title}" if title and title != alt else alt
    src = image.attrGet("src") or ""
    return f"*[Image not available: {caption} (`{src}`)]*"


def check_images(tokens: list[Token], context: PageContext) -> list[Token]:
    notes_dir = context.notes_dir or context.notes_file().parent
    for token in tokens:
        if token.type != "inline" or not token.children:
            continue
        # Relative image paths are relative to the file the paragraph is in.
        notes_file = context.notes_file(token.meta.get("source"))
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
            problem = refusal(local, notes_dir) if local.exists() else None
            if local.exists() and problem is None:
                site_path = posixpath.join(SITE_IMAGE_DIR, local.name)
                context.assets.append((local.resolve(), site_path))
                child.attrSet("src", site_path)
                continue
            if problem:
                text = (
                    f"image {src} {problem}, so it is not copied into the site; it is shown "
                    "as a note with its alt text. Put the picture in the notes' folder."
                )
            else:
                shown = os.path.relpath(local, context.notes_base or context.root)
                text = (
                    f"image {src} not found (looked for {shown}); "
                    "it is shown as a note with its alt text. Add the file or remove the image."
                )
            context.warn(line, path=token.meta.get("source"), text=text)
            note = Token("text", "", 0, content=_missing_note(child))
            # Rendered as Markdown source, so the note's emphasis and code show.
            note.type = "raw_inline"
            token.children[index] = note
    return tokens
