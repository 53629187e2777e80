"""Find and read the notes: one Markdown file, or a folder of them.

``extra.notes.source`` in mkdocs.yml names a file or a folder. A folder's
``.md`` files are read in the order its index file (``index.md``,
``README.md`` or ``SUMMARY.md``) links them, then the rest by name, numbers
in names compared as numbers ("2-s3.md" before "10-rds.md"). Bytes that are
not UTF-8 are decoded with replacement and reported with their line; a
missing or unreadable source is an error that says what to fix.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from pathlib import Path
from urllib.parse import unquote, urlsplit

from markdown_it import MarkdownIt

from notesite.errors import NotesSiteError

INDEX_NAMES = ("index.md", "README.md", "readme.md", "SUMMARY.md")


class NotesSourceError(NotesSiteError, OSError):
    """The notes cannot be read at all; the message names the path and the fix."""


@dataclass(frozen=True)
class NotesText:
    path: str  # as shown in messages: relative to the project, with "/"
    text: str
    problems: tuple[tuple[int, str], ...] = ()  # (1-based line, message)


def _natural_key(path: Path) -> list[object]:
    return [
        int(part) if part.isdigit() else part.casefold() for part in re.split(r"(\d+)", path.name)
    ]


def _index_order(index: Path, folder: Path) -> list[Path]:
    """The .md files of the folder that the index links, in link order."""
    ordered: list[Path] = []
    tokens = MarkdownIt("commonmark").parse(index.read_text(encoding="utf-8", errors="replace"))
    for token in tokens:
        for child in token.children or []:
            href = child.attrGet("href") if child.type == "link_open" else None
            if not href or urlsplit(href).scheme or urlsplit(href).netloc:
                continue
            target = (folder / unquote(urlsplit(href).path)).resolve()
            if target.suffix == ".md" and target.is_file() and target not in ordered:
                ordered.append(target)
    return ordered


def discover_sources(root: Path, source: str) -> list[Path]:
    """The notes files in reading order."""
    path = root / source
    if path.is_file():
        return [path]
    if path.is_dir():
        files = sorted((p.resolve() for p in path.rglob("*.md")), key=_natural_key)
        index = next((path / name for name in INDEX_NAMES if (path / name).is_file()), None)
        if index is None:
            if not files:
                raise NotesSourceError(f"The notes folder '{source}' has no .md files.")
            return files
        linked = _index_order(index, path.resolve())
        rest = [f for f in files if f not in linked and f != index.resolve()]
        return [index.resolve(), *linked, *rest]
    raise NotesSourceError(
        f"The notes '{source}' do not exist. Set extra.notes.source in mkdocs.yml "
        f"to a Markdown file or a folder of them."
    )


def read_notes(path: Path, shown: str) -> NotesText:
    """Read one notes file; bytes that are not UTF-8 are replaced and reported."""
    try:
        raw = path.read_bytes()
    except OSError as error:
        raise NotesSourceError(
            f"Cannot read the notes file '{shown}': {error.strerror or error}. "
            f"Check that it exists and is readable."
        ) from error
    try:
        return NotesText(shown, raw.decode("utf-8-sig"))
    except UnicodeDecodeError:
        pass
    problems = []
    text_lines = []
    for number, line in enumerate(raw.split(b"\n"), start=1):
        try:
            text_lines.append(line.decode("utf-8"))
        except UnicodeDecodeError as error:
            text_lines.append(line.decode("utf-8", errors="replace"))
            problems.append(
                (
                    number,
                    f"bytes that are not UTF-8 (column {error.start + 1}); they are shown "
                    f"as \ufffd. Save the file as UTF-8.",
                )
            )
    text = "\n".join(text_lines)
    return NotesText(shown, text.removeprefix("\ufeff"), tuple(problems))


def shown_path(path: Path, root: Path) -> str:
    """A path as messages show it: relative to the project when inside it."""
    try:
        return path.resolve().relative_to(root.resolve()).as_posix()
    except ValueError:
        return path.as_posix()
