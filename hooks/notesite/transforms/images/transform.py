"""Transform: check the notes' pictures and carry the ones that exist into the site.

Looks at every picture of a page, Markdown ``![]()`` and raw HTML ``<img src>``
alike, under the same rules. A local path is read as GitHub reads it:
relative to the notes file, or from the root of the notes' repository when it
starts with ``/``, its ``..`` taken as a URL's and GitHub's ``?raw=true``
ignored. A picture found there is copied into the site under ``images/`` (at
its path in the repository, so two pictures never share a name) and the link
rewritten; raw HTML keeps its ``width``, ``height`` and ``alt``. A missing one
is reported with its file and line and replaced by a visible note that keeps
its alt text and title, instead of a broken picture. A remote (http(s))
picture is shown from its copy in the site when the build fetched one
(``remote.py``), with its URL as its title; else it is left as it is.

The notes are untrusted: a path is followed through ``..`` and symlinks, and
nothing outside the notes' root (their repository, their folder when there is
none, or ``extra.notes.root``) is ever read (``../../.aws/credentials`` would
otherwise be published). Only a real picture is copied, known by its first
bytes, not by its name; anything else is reported and shown as a note.
"""

from __future__ import annotations

import html
import os
import posixpath
import re
from dataclasses import dataclass
from pathlib import Path
from urllib.parse import quote, unquote, urlsplit

from markdown_it.token import Token

from notesite.reading.parse import RAW_MARKDOWN
from notesite.transforms.context import PageContext

SITE_IMAGE_DIR = "images"
# Set in the meta of a raw_markdown token whose pictures were checked already.
CHECKED = "pictures_checked"
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
# A start tag as the sanitiser writes it (reading.sanitise): every attribute
# value double-quoted and escaped, so a ">" never sits inside one.
RAW_IMG = re.compile(r"<img\b[^>]*>")
_RAW_ATTRIBUTE = re.compile(r'\s([^\s="]+)="([^"]*)"')
# In Markdown an earlier transform wrote (a table, a collapsed list), code
# spans and fences are left as written: only a tag outside them is a picture.
_CODE_OR_RAW_IMG = re.compile(r"(?P<code>(?P<fence>`+|~~~+)[\s\S]*?(?P=fence))|" + RAW_IMG.pattern)


def local_path(src: str, notes_file: Path, notes_root: Path) -> Path | None:
    """The file a picture link names, as GitHub reads it (``..`` taken as in a
    URL, symlinks not yet followed), or None for a remote or data: picture."""
    parts = urlsplit(src)
    path = unquote(parts.path)
    if parts.scheme or parts.netloc or not path:
        return None
    base = notes_root if path.startswith("/") else notes_file.parent
    return Path(os.path.normpath(base / path.lstrip("/")))


def missing_image(src: str, notes_file: Path, notes_root: Path | None = None) -> Path | None:
    """The local file a picture names when it is inside the notes' root and no
    file is there, else None (remote, found, or refused for leaving the root)."""
    root = notes_root or notes_file.parent
    local = local_path(src, notes_file, root)
    if local is None or not local.resolve().is_relative_to(root.resolve()):
        return None
    return None if local.resolve().is_file() else local


def picture_type(path: Path) -> str | None:
    """The picture format of a file by its first bytes, or None when it is not one."""
    with path.open("rb") as file:
        return head_picture_type(file.read(16))


def head_picture_type(head: bytes) -> str | None:
    """The picture format of the first 16 bytes of a file, or None when it is not one."""
    return next(
        (name for at, magic, name in PICTURE_SIGNATURES if head[at : at + len(magic)] == magic),
        None,
    )


# Why a local picture is not shown, and what the author can do about it.
OUTSIDE, MISSING, NOT_A_FILE, NOT_A_PICTURE = "outside", "missing", "not a file", "not a picture"
_FIXES = {
    OUTSIDE: "Put the picture in the notes' repository, or set extra.notes.root.",
    MISSING: "Add the file or remove the image.",
    NOT_A_FILE: "Point the image at a picture file.",
    NOT_A_PICTURE: "Save it as one of those kinds of picture.",
}


@dataclass(frozen=True)
class Picture:
    """What became of a local picture link: the file to copy and where it goes
    in the site, or why it is not shown."""

    source: Path | None = None  # the picture, resolved
    site_path: str = ""  # where it is copied, e.g. "images/Images/x.png"
    problem: str = ""  # OUTSIDE, MISSING, NOT_A_FILE or NOT_A_PICTURE; "" when shown


def find_picture(local: Path, notes_root: Path) -> Picture:
    """The picture a local path names, if it may be shown: inside the root once
    ``..`` and symlinks are followed (checked before anything is read there),
    a file, and a picture by its first bytes."""
    root = notes_root.resolve()
    resolved = local.resolve()
    if not resolved.is_relative_to(root):
        return Picture(problem=OUTSIDE)
    if not resolved.exists():
        return Picture(problem=MISSING)
    if not resolved.is_file():
        return Picture(problem=NOT_A_FILE)
    if picture_type(resolved) is None:
        return Picture(problem=NOT_A_PICTURE)
    site_path = posixpath.join(SITE_IMAGE_DIR, resolved.relative_to(root).as_posix())
    return Picture(resolved, site_path)


def _problem_text(picture: Picture, local: Path, root: Path, context: PageContext) -> str:
    if picture.problem == OUTSIDE:
        why = f"points outside the folder the notes may show files from ({root}), so it is not read"
    elif picture.problem == MISSING:
        why = f"not found (looked for {os.path.relpath(local, context.notes_base or context.root)})"
    elif picture.problem == NOT_A_FILE:
        why = "is not a file"
    else:
        why = "is not a PNG, JPEG, GIF, WebP, AVIF or BMP picture (by its content)"
    return f"{why}; it is shown as a note with its alt text. {_FIXES[picture.problem]}"


def _missing_text(alt: str, title: str) -> str:
    alt = alt or "image"
    return f"{alt} — {title}" if title and title != alt else alt


def _missing_note(image: Token) -> str:
    alt = "".join(child.content for child in image.children or [])
    caption = _missing_text(alt, image.attrGet("title") or "")
    src = image.attrGet("src") or ""
    return f"*[Image not available: {caption} (`{src}`)]*"


def _missing_html(attrs: dict[str, str]) -> str:
    caption = html.escape(_missing_text(attrs.get("alt", ""), attrs.get("title", "")))
    src = html.escape(attrs.get("src", ""))
    return f"<em>[Image not available: {caption} (<code>{src}</code>)]</em>"


@dataclass(frozen=True)
class _Place:
    """Where a picture link is in the notes: the file it is relative to, the
    0-based line, the file as messages name it."""

    notes_file: Path
    line: int | None
    source: str | None


def _show(src: str, place: _Place, context: PageContext) -> str | None:
    """The URL a picture is shown from: its copy in the site for a local one,
    ``src`` itself for a remote one; None when it is not shown (reported)."""
    root = context.notes_root or place.notes_file.parent
    local = local_path(src, place.notes_file, root)
    if local is None:
        return _remote(src, context)
    picture = find_picture(local, root)
    if picture.problem != OUTSIDE:
        context.looked_at.append(local)
    if picture.source is not None:
        context.assets.append((picture.source, picture.site_path))
        return quote(picture.site_path)
    text = _problem_text(picture, local, root.resolve(), context)
    context.warn(place.line, path=place.source, text=f"image {src} {text}")
    return None


def _remote(src: str, context: PageContext) -> str:
    """The site copy of a remote picture when the build keeps one, else ``src``."""
    if context.remote is None or urlsplit(src).scheme not in ("http", "https"):
        return src
    copy = context.remote.copy(src)
    if copy is None:
        return src
    context.assets.append((copy.file, copy.site_path))
    context.looked_at.append(copy.file)
    return quote(copy.site_path)


def _titled(src: str, shown: str, title: str) -> str:
    """A picture's title: a remote one shown from its copy names its URL."""
    if shown == src or not urlsplit(src).scheme:
        return title
    return f"{title} ({src})" if title else src


def _raw_images(fragment: str, place: _Place, context: PageContext, markdown: bool = False) -> str:
    """Raw HTML with each local ``<img>`` pointed at its copy in the site, or
    replaced by a note keeping its alt text when it is not shown; in
    ``markdown`` (a transform's), outside code, reported at the block's line."""

    def replace(match: re.Match[str]) -> str:
        tag = match.group(0)
        if markdown and match.group("code"):
            return tag
        attrs = {name: html.unescape(value) for name, value in _RAW_ATTRIBUTE.findall(tag)}
        if "src" not in attrs:
            return tag
        line = place.line
        if line is not None and not markdown:
            line += fragment.count("\n", 0, match.start())
        shown = _show(attrs["src"], _Place(place.notes_file, line, place.source), context)
        if shown is None:
            return _missing_html(attrs)
        title = _titled(attrs["src"], shown, attrs.get("title", ""))
        if title:
            attrs["title"] = title
        attrs["src"] = shown
        kept = "".join(f' {name}="{html.escape(value)}"' for name, value in attrs.items())
        return f"<img{kept}>"

    return (_CODE_OR_RAW_IMG if markdown else RAW_IMG).sub(replace, fragment)


def check_images(tokens: list[Token], context: PageContext) -> list[Token]:
    for token in tokens:
        source = token.meta.get("source")
        # Relative picture paths are relative to the file the block is in.
        notes_file = context.notes_file(source)
        line = token.map[0] if token.map else None
        if token.type == "html_block" and "<img" in token.content:
            token.content = _raw_images(token.content, _Place(notes_file, line, source), context)
        elif token.type == RAW_MARKDOWN and "<img" in token.content and not token.meta.get(CHECKED):
            # Raw HTML a transform copied before this one ran: checked the same way.
            place = _Place(notes_file, line, source)
            token.content = _raw_images(token.content, place, context, markdown=True)
        for index, child in enumerate(token.children or [] if token.type == "inline" else []):
            if child.type in ("softbreak", "hardbreak") and line is not None:
                line += 1
            place = _Place(notes_file, line, source)
            if child.type == "html_inline" and "<img" in child.content:
                child.content = _raw_images(child.content, place, context)
            if child.type != "image":
                continue
            src = child.attrGet("src") or ""
            shown = _show(src, place, context)
            if shown is not None:
                title = _titled(src, shown, str(child.attrGet("title") or ""))
                if title:
                    child.attrSet("title", title)
                child.attrSet("src", shown)
                continue
            note = Token("text", "", 0, content=_missing_note(child))
            # Rendered as Markdown source, so the note's emphasis and code show.
            note.type = "raw_inline"
            assert token.children is not None
            token.children[index] = note
    return tokens
