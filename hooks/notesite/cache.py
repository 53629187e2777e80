"""A cache of one build's work for the next build, kept on disk.

The hooks' own work on the notes (parse, plan, tables, diagrams, links) is
most of what they add to a build, and its result depends on files only. A
result is stored under a key, a digest of what it was made from (the caller
names those files and values); it also remembers other files it looked at
without reading them (a picture that was there, or was missing), by size and
modification time. It is used again only under the same key, and only if those
files are as they were: ``mkdocs serve`` after an edit of the notes, or any
change of data or code, computes afresh.

Entries are pickles the project wrote itself into its own cache folder
(``.cache/`` by default, as Material's plugins do), written and read by
``cache_files``: an entry is used only when its checksum holds and it loads
whole; one that does not (cut short, overwritten, from another version of
Python) is dropped, logged as damaged and made again. A cache folder that
cannot be written to only costs the time the cache would have saved.
"""

from __future__ import annotations

import contextlib
import hashlib
import pickle
import sys
from collections.abc import Iterable
from dataclasses import dataclass
from importlib import metadata
from pathlib import Path
from typing import Any

from notesite.cache_files import drop, read_entry, write_entry

SUFFIX = ".pickle"
FORMAT = 1  # of the entries; a change makes every old entry a miss


Stamp = tuple[int, int] | None  # (size, mtime in ns), None when the file is missing


def stamp(path: Path) -> Stamp:
    try:
        info = path.stat()
    except OSError:
        return None
    return (info.st_size, info.st_mtime_ns)


def versions(distributions: Iterable[str]) -> list[str]:
    """ "name==version" of each installed distribution, for a key: a library
    that parses or writes Markdown changes what the build makes."""
    found = [f"python=={sys.version}"]
    for name in distributions:
        try:
            found.append(f"{name}=={metadata.version(name)}")
        except metadata.PackageNotFoundError:
            found.append(f"{name}==none")
    return found


def digest_parts(parts: Iterable[str]) -> str:
    """A key of strings alone, each length-prefixed so no two lists collide."""
    sha = hashlib.sha256()
    for part in parts:
        sha.update(f"{len(part)}\n{part}\n".encode())
    return sha.hexdigest()


def digest(files: Iterable[Path], values: Iterable[str] = ()) -> str:
    """A key: the content of each file (a missing one counts as missing) and
    each value, in the order given."""
    sha = hashlib.sha256(f"format {FORMAT}\n".encode())
    for path in files:
        sha.update(f"file {path}\n".encode())
        try:
            sha.update(hashlib.sha256(path.read_bytes()).digest())
        except OSError:
            sha.update(b"missing")
    for value in values:
        sha.update(f"value {len(value)} {value}\n".encode())
    return sha.hexdigest()


@dataclass
class _Entry:
    stamps: dict[Path, Stamp]
    value: Any


class BuildCache:
    """Entries in one folder; the ``keep`` most recently stored stay."""

    def __init__(self, folder: Path, keep: int = 4) -> None:
        self.folder = folder
        self.keep = keep

    def _path(self, key: str) -> Path:
        return self.folder / f"{key}{SUFFIX}"

    def load(self, key: str) -> Any | None:
        """The value stored under ``key`` if the files it depends on are
        unchanged; None otherwise, or when the entry is damaged (dropped)."""
        path = self._path(key)
        payload = read_entry(path)
        if payload is None:
            return None
        try:
            entry = pickle.loads(payload)
        except Exception as error:  # a whole file that does not load: any error
            drop(path, f"does not load: {type(error).__name__}")
            return None
        if not isinstance(entry, _Entry):
            drop(path, "not an entry")
            return None
        if any(stamp(path) != was for path, was in entry.stamps.items()):
            return None
        return entry.value

    def store(self, key: str, value: Any, depends_on: Iterable[Path] = ()) -> bool:
        """Keep ``value`` under ``key`` with the state of the files it depends
        on; False if the folder cannot be written (the build goes on)."""
        entry = _Entry({path: stamp(path) for path in depends_on}, value)
        try:
            payload = pickle.dumps(entry, protocol=pickle.HIGHEST_PROTOCOL)
        except pickle.PicklingError:
            return False
        if not write_entry(self._path(key), payload):
            return False
        self._prune()
        return True

    def _prune(self) -> None:
        def stored_at(path: Path) -> int:
            found = stamp(path)
            return found[1] if found else 0

        entries = sorted(self.folder.glob(f"*{SUFFIX}"), key=stored_at, reverse=True)
        for old in entries[self.keep :]:
            with contextlib.suppress(OSError):
                old.unlink()
