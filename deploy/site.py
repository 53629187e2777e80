"""Read a built site from disk into the records the deploy planner works on.

Each file becomes a :class:`LocalFile` with its object key, size, digests and the
HTTP metadata it will be served with. Reading files is the only I/O here.
"""

from __future__ import annotations

import hashlib
from dataclasses import dataclass
from pathlib import Path

from deploy import DeployError
from deploy.content import cache_control, content_type

# Leftovers of editors and OSes that must never be published.
_IGNORED_NAMES = frozenset({".DS_Store", "Thumbs.db"})


@dataclass(frozen=True)
class LocalFile:
    """One file of the built site, as it will be stored in the bucket."""

    key: str
    path: Path
    size: int
    md5: str  # hex; equals the S3 ETag of a single-part upload (SSE-S3 keeps that true)
    sha256: str  # hex; also stored as object metadata, for multipart-uploaded objects
    content_type: str
    cache_control: str


def file_digests(path: Path) -> tuple[str, str]:
    """The (md5, sha256) hex digests of a file, read in one pass."""
    md5 = hashlib.md5(usedforsecurity=False)
    sha256 = hashlib.sha256()
    with path.open("rb") as handle:
        while chunk := handle.read(1 << 20):
            md5.update(chunk)
            sha256.update(chunk)
    return md5.hexdigest(), sha256.hexdigest()


def scan_site(site_dir: Path) -> dict[str, LocalFile]:
    """Every publishable file under ``site_dir``, by object key (a POSIX relative path).

    Raises DeployError when the folder is missing or holds no ``index.html``, which
    means the site was not built (or the wrong folder was given).
    """
    if not site_dir.is_dir():
        raise DeployError(f"site folder {str(site_dir)!r} does not exist; build the site first")
    if not (site_dir / "index.html").is_file():
        raise DeployError(
            f"site folder {str(site_dir)!r} has no index.html; build the site first "
            "(make build, or mkdocs build)"
        )
    files: dict[str, LocalFile] = {}
    for path in sorted(site_dir.rglob("*")):
        if not path.is_file() or path.name in _IGNORED_NAMES:
            continue
        key = path.relative_to(site_dir).as_posix()
        md5, sha256 = file_digests(path)
        files[key] = LocalFile(
            key=key,
            path=path,
            size=path.stat().st_size,
            md5=md5,
            sha256=sha256,
            content_type=content_type(key),
            cache_control=cache_control(key),
        )
    return files
