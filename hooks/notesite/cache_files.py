"""Cache files written whole and read back only when whole.

Every file the build keeps between runs (the notes' state, pages, search
entries, compiled templates, drawings) is written here and read back here.
``write_entry`` puts a header with a SHA-256 of the file's name and payload
before the payload and writes the lot to a temporary file in the same
folder, flushed and synced, which then replaces the entry in one rename: a
killed build leaves the old entry or the new one, never half of one.
``read_entry`` gives the payload back only when the header's checksum
matches it; an entry cut short, overwritten or copied under another name is
dropped and logged as damaged (INFO: a cache is an optimisation, and the
build makes the entry again), never used. A caller that finds a whole entry
unusable (a pickle that does not load, a drawing that is not an SVG) drops
it with ``drop``, which says the same. Deleting any cache file, or the whole
folder, is always safe.
"""

from __future__ import annotations

import contextlib
import hashlib
import logging
import os
import tempfile
from pathlib import Path

log = logging.getLogger("mkdocs.hooks.cache")

MAGIC = b"notes-site-cache 1 sha256="
_HEADER = len(MAGIC) + 64 + 1  # the magic, the digest in hex, a newline


class Damaged(ValueError):
    """A cache file that is not one whole entry."""


def checksum(name: str, payload: bytes) -> str:
    """The digest a header carries: of the entry's file name and its payload,
    so an entry is whole only under its own name."""
    sha = hashlib.sha256(f"{len(name)}\n{name}\n".encode())
    sha.update(payload)
    return sha.hexdigest()


def pack(name: str, payload: bytes) -> bytes:
    """An entry's bytes as written under the file name ``name``."""
    return MAGIC + checksum(name, payload).encode("ascii") + b"\n" + payload


def unpack(name: str, data: bytes) -> bytes:
    """The payload of the bytes of the file ``name``; raises Damaged when
    they are not an entry ``pack`` made for that name, whole."""
    if len(data) < _HEADER or not data.startswith(MAGIC) or data[_HEADER - 1 : _HEADER] != b"\n":
        raise Damaged("no header")
    payload = data[_HEADER:]
    if data[len(MAGIC) : _HEADER - 1] != checksum(name, payload).encode("ascii"):
        raise Damaged("checksum does not match")
    return payload


def write_entry(path: Path, payload: bytes, *, make_folder: bool = True) -> bool:
    """Write ``payload`` as the entry ``path``, atomically; False when it
    cannot be written (the build goes on, only the time it saves is lost).
    Without ``make_folder``, only into a folder that is there."""
    temporary: str | None = None
    try:
        if make_folder:
            path.parent.mkdir(parents=True, exist_ok=True)
        handle, temporary = tempfile.mkstemp(dir=path.parent, prefix=".", suffix=".tmp")
        with os.fdopen(handle, "wb") as file:
            file.write(pack(path.name, payload))
            file.flush()
            os.fsync(file.fileno())
        os.replace(temporary, path)
    except OSError:
        if temporary is not None:
            with contextlib.suppress(OSError):
                os.unlink(temporary)
        return False
    return True


def read_entry(path: Path) -> bytes | None:
    """The payload of the entry ``path``; None when there is none, or when it
    is damaged (then it is dropped, and logged)."""
    try:
        data = path.read_bytes()
    except OSError:
        return None
    try:
        return unpack(path.name, data)
    except Damaged as error:
        drop(path, str(error))
        return None


def drop(path: Path, why: str) -> None:
    """Remove a damaged entry and say so once: the build makes it again."""
    with contextlib.suppress(OSError):
        path.unlink()
    log.info(f"cache entry {path} damaged; rebuilt ({why})")
