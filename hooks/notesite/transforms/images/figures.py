"""Pictures referenced vs shown: of the local pictures the notes show on GitHub,
how many a built site shows.

A reference is a Markdown image or a raw HTML ``<img src>`` with a local path,
found in a notes file's tokens as parsed (before sanitising, so a reference an
earlier build dropped still counts). It is *referenced* when the path names a
picture inside the notes' root, as GitHub would show it, and *shown* when a
page of the site shows a picture with the same bytes. ``count_pictures`` is the
pure count; ``reference_pictures`` and ``site_pictures`` read the files it
needs, and ``build_figures`` gives the figures of a build (``bench/pictures.py``
prints them for each corpus).
"""

from __future__ import annotations

import hashlib
from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from html.parser import HTMLParser
from pathlib import Path
from urllib.parse import unquote, urlsplit

from markdown_it.token import Token

from notesite.reading.parse import make_parser, parse_notes
from notesite.reading.source import discover_sources, notes_root, read_notes, shown_path
from notesite.transforms.images.transform import find_picture, local_path


@dataclass(frozen=True)
class PictureReference:
    path: str  # the notes file, as messages name it
    line: int  # 1-based
    src: str


@dataclass(frozen=True)
class PictureFigures:
    local: int  # local picture references in the notes
    referenced: int  # of those, naming a picture in the notes' root (GitHub shows them)
    shown: int  # of those, shown by a page of the site
    not_shown: tuple[str, ...]  # "file:line: src" of each referenced picture not shown


class _Images(HTMLParser):
    """The ``src`` of each ``<img>`` of an HTML fragment, with its 0-based line."""

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.found: list[tuple[int, str]] = []

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        src = dict(attrs).get("src") if tag == "img" else None
        if src:
            self.found.append((self.getpos()[0] - 1, src))


def html_images(fragment: str) -> list[tuple[int, str]]:
    """(0-based line within the fragment, src) of each ``<img>`` in raw HTML."""
    parser = _Images()
    parser.feed(fragment)
    parser.close()
    return parser.found


def _is_local(src: str) -> bool:
    parts = urlsplit(src)
    return not (parts.scheme or parts.netloc) and bool(unquote(parts.path))


def picture_references(tokens: list[Token], path: str) -> list[PictureReference]:
    """Each local picture a notes file's parsed tokens show as GitHub would:
    Markdown images and raw HTML ``<img src>``, in order."""
    found: list[tuple[int, str]] = []
    for token in tokens:
        line = token.map[0] if token.map else 0
        if token.type == "html_block":
            found += [(line + at, src) for at, src in html_images(token.content)]
        for child in token.children or [] if token.type == "inline" else []:
            line += child.type in ("softbreak", "hardbreak")
            if child.type == "image":
                found.append((line, str(child.attrGet("src") or "")))
            elif child.type == "html_inline":
                found += [(line, src) for _, src in html_images(child.content)]
    return [PictureReference(path, line + 1, src) for line, src in found if _is_local(src)]


def count_pictures(
    references: Iterable[tuple[PictureReference, str | None]], shown: Iterable[str]
) -> PictureFigures:
    """The figures for references, each with the digest of the picture it names
    (None when no picture of the notes' root is there), against the digests of
    the pictures the site's pages show."""
    on_site = set(shown)
    pairs = list(references)
    named = [(reference, digest) for reference, digest in pairs if digest is not None]
    missed = [ref for ref, digest in named if digest not in on_site]
    return PictureFigures(
        local=len(pairs),
        referenced=len(named),
        shown=len(named) - len(missed),
        not_shown=tuple(f"{ref.path}:{ref.line}: {ref.src}" for ref in missed),
    )


def _digest(path: Path) -> str:
    return hashlib.sha256(path.read_bytes()).hexdigest()


def reference_pictures(
    references: Iterable[PictureReference], files: Mapping[str, Path], notes_root: Path
) -> list[tuple[PictureReference, str | None]]:
    """Each reference with the digest of the picture it names, read only from
    inside ``notes_root`` (None when there is none); ``files`` maps each notes
    file as messages name it to where it is."""
    out = []
    for reference in references:
        local = local_path(reference.src, files[reference.path], notes_root)
        picture = find_picture(local, notes_root) if local is not None else None
        source = picture.source if picture is not None else None
        out.append((reference, _digest(source) if source is not None else None))
    return out


def site_pictures(site: Path) -> set[str]:
    """Digests of the local pictures the built site's pages show."""
    shown = set()
    for page in site.rglob("*.html"):
        for _, src in html_images(page.read_text(encoding="utf-8", errors="replace")):
            file = (page.parent / unquote(urlsplit(src).path)).resolve()
            if _is_local(src) and file.is_relative_to(site.resolve()) and file.is_file():
                shown.add(_digest(file))
    return shown


def build_figures(
    project: Path, source: str, site: Path, root: str | None = None
) -> PictureFigures:
    """The figures of a site built into ``site`` from the notes ``source``
    (``extra.notes.source`` and ``root``, relative to ``project``)."""
    mdit = make_parser()
    files = {shown_path(path, project): path for path in discover_sources(project, source)}
    references = [
        reference
        for shown, path in files.items()
        for reference in picture_references(
            parse_notes(read_notes(path, shown).text, shown, mdit).tokens, shown
        )
    ]
    pictures = reference_pictures(references, files, notes_root(project, source, root))
    return count_pictures(pictures, site_pictures(site))
