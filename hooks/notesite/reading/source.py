"""Find and read the notes: one Markdown file, or a folder of them.

``extra.notes.source`` in mkdocs.yml names a file or a folder. A folder's
``.md`` files are read in the order its index file (``index.md``,
``README.md`` or ``SUMMARY.md``) links them, then the rest by name, numbers
in names compared as numbers ("2-s3.md" before "10-rds.md"); only the files
that ``extra.notes.include`` matches and ``extra.notes.exclude`` does not
(by default every ``.md`` file but a repository's boilerplate). Bytes that are
not UTF-8 are decoded with replacement and reported with their line, and so
are control characters (NUL and the like); a missing or unreadable source, or
one that is not a regular file (a FIFO, a device), is an error that says what
to fix, raised before anything is read from it.

``notes_root`` gives the folder the notes' local files (pictures) may come
from: the notes' own repository, as GitHub reads them.
"""

from __future__ import annotations

import fnmatch
import re
import stat
from dataclasses import dataclass
from pathlib import Path
from urllib.parse import unquote, urlsplit

from markdown_it import MarkdownIt

from notesite.errors import NotesSiteError
from notesite.reading.limits import check_file_size

INDEX_NAMES = ("index.md", "README.md", "readme.md", "SUMMARY.md")
# Which files of a notes folder are notes: globs over the path relative to the
# folder. A glob without "/" matches a file's name; one ending in "/" matches a
# folder's name at any depth; any other matches the whole relative path.
DEFAULT_INCLUDE = ("*.md",)
DEFAULT_EXCLUDE = (
    "LICENSE*",
    "CONTRIBUTING*",
    "CODE_OF_CONDUCT*",
    "SECURITY*",
    "CHANGELOG*",
    ".github/",
    "node_modules/",
)
# Control characters other than tab and line endings: markdown-it shows NUL
# as \ufffd, and Python-Markdown uses \x02 and \x03 as its own placeholders.
_CONTROL = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f\x7f]")


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


def matches(relative: str, globs: tuple[str, ...]) -> bool:
    """Whether a path relative to the notes folder ("a/b.md") matches one of ``globs``."""
    parts = relative.split("/")
    for glob in globs:
        if glob.endswith("/"):
            if any(fnmatch.fnmatchcase(part, glob[:-1]) for part in parts[:-1]):
                return True
        elif "/" in glob:
            if fnmatch.fnmatchcase(relative, glob.lstrip("/")):
                return True
        elif fnmatch.fnmatchcase(parts[-1], glob):
            return True
    return False


def discover_sources(
    root: Path,
    source: str,
    include: tuple[str, ...] = DEFAULT_INCLUDE,
    exclude: tuple[str, ...] = DEFAULT_EXCLUDE,
) -> list[Path]:
    """The notes files in reading order: ``source`` (relative to ``root``, or
    absolute) is a file, or a folder whose files ``include`` and ``exclude`` pick."""
    path = root / source
    if path.is_file():
        return [path]
    if path.is_dir():
        folder = path.resolve()

        def wanted(relative: str) -> bool:
            return matches(relative, include) and not matches(relative, exclude)

        # A folder the globs pick (one named like a Markdown file) is refused below.
        found = (p for p in path.rglob("*") if wanted(p.relative_to(path).as_posix()))
        files = sorted((p.resolve() for p in found), key=_natural_key)
        for file in files:
            _check_regular(file, shown_path(file, notes_base(root, source)))
        index = next((path / name for name in INDEX_NAMES if (path / name).is_file()), None)
        if index is None or not wanted(index.name):
            if not files:
                raise NotesSourceError(
                    f"The notes folder '{source}' has no notes files (.md files that "
                    f"extra.notes.include picks and extra.notes.exclude leaves)."
                )
            return files
        linked = [f for f in _index_order(index, folder) if f in files]
        rest = [f for f in files if f not in linked and f != index.resolve()]
        return [index.resolve(), *linked, *rest]
    if path.exists():
        _check_regular(path, source)
    raise NotesSourceError(
        f"The notes '{source}' do not exist (a relative path is read from the folder of "
        f"mkdocs.yml, {root}). Set NOTES (make) or NOTES_SOURCE, or extra.notes.source in "
        f"mkdocs.yml, to a Markdown file or a folder of them."
    )


def repository_root(start: Path) -> Path | None:
    """The git work tree that holds ``start``: the nearest folder at or above it
    with a ``.git`` folder (a clone) or file (a worktree, a submodule); found
    without running git. None when there is none."""
    for folder in (start, *start.parents):
        if (folder / ".git").exists():
            return folder
    return None


def notes_root(root: Path, source: str, setting: str | None = None) -> Path:
    """The folder whose files the notes may show (resolved): ``setting``
    (``extra.notes.root``, relative to the project) when given, else the
    repository that holds the notes, else the notes' folder (the source
    folder, or the folder of the one notes file)."""
    path = (root / source).resolve()
    folder = path if path.is_dir() else path.parent
    if setting is None:
        return repository_root(folder) or folder
    chosen = (root / setting).resolve()
    if not chosen.is_dir() or not folder.is_relative_to(chosen):
        raise NotesSourceError(
            f"extra.notes.root '{setting}' is not a folder that holds the notes '{source}'. "
            f"Set it to the folder the notes' pictures may come from, or remove it."
        )
    return chosen


def _check_regular(path: Path, shown: str) -> None:
    """Refuse what is not a regular file (or folder): reading a FIFO would wait forever."""
    mode = path.stat().st_mode
    if not (stat.S_ISREG(mode) or stat.S_ISDIR(mode)):
        raise NotesSourceError(
            f"The notes '{shown}' are not a regular file (a FIFO, socket or device), "
            f"so they are not read. Point extra.notes.source at a Markdown file or a folder."
        )
    if stat.S_ISDIR(mode) and path.suffix == ".md":
        raise NotesSourceError(
            f"The notes '{shown}' are a folder named like a Markdown file. Rename it, "
            f"or move the notes out of it."
        )


def _control_problems(lines: list[str]) -> list[tuple[int, str]]:
    return [
        (
            number,
            f"control character U+{ord(match.group(0)):04X} (column {match.start() + 1}); "
            f"such characters are shown as \ufffd. Remove them.",
        )
        for number, line in enumerate(lines, start=1)
        if (match := _CONTROL.search(line))
    ]


def read_notes(path: Path, shown: str) -> NotesText:
    """Read one notes file; bytes that are not UTF-8 and control characters are
    replaced and reported; a file over the size limit is refused unread."""
    try:
        _check_regular(path, shown)
        check_file_size(path.stat().st_size, shown)
        raw = path.read_bytes()
    except NotesSiteError:
        raise
    except OSError as error:
        raise NotesSourceError(
            f"Cannot read the notes file '{shown}': {error.strerror or error}. "
            f"Check that it exists and is readable."
        ) from error
    try:
        return _without_controls(NotesText(shown, raw.decode("utf-8-sig")))
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
    return _without_controls(NotesText(shown, text.removeprefix("\ufeff"), tuple(problems)))


def _without_controls(notes: NotesText) -> NotesText:
    """The text with control characters replaced by \ufffd, each line reported."""
    if not _CONTROL.search(notes.text):
        return notes
    problems = sorted([*notes.problems, *_control_problems(notes.text.split("\n"))])
    return NotesText(notes.path, _CONTROL.sub("\ufffd", notes.text), tuple(problems))


def notes_base(root: Path, source: str) -> Path:
    """The folder the notes' paths are shown relative to, on the site and in
    messages: the project when the notes are inside it, else the notes' own
    folder (the source folder, or the folder of the one notes file). Nothing
    the site shows names a folder above it (a home folder, a user name)."""
    path = (root / source).resolve()
    if path.is_relative_to(root.resolve()):
        return root.resolve()
    return path if path.is_dir() else path.parent


def shown_path(path: Path, base: Path) -> str:
    """A path as the site and messages show it: relative to ``base`` (see
    notes_base); a path outside it by its name alone."""
    try:
        return path.resolve().relative_to(base.resolve()).as_posix()
    except ValueError:
        return path.name
