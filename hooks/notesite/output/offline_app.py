"""The site as an installable web app that reads offline after one visit.

From the built site's files: the list a service worker precaches (every file
but those the settings leave out: the worker itself, the PDF, source maps),
the build's version (a digest of those files' names and bytes, so a build
that changes nothing keeps its version and one that changes anything gets
a new one), the worker's script (``service_worker.js`` beside this module,
with the version and the list put in) and the web app manifest.
"""

from __future__ import annotations

import fnmatch
import hashlib
import json
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any

WORKER_TEMPLATE = Path(__file__).with_name("service_worker.js")
VERSION_MARK = "__VERSION__"
FILES_MARK = "__FILES__"


@dataclass(frozen=True)
class Precache:
    """What the worker keeps: the files (site paths, in order) and the build's version."""

    files: tuple[str, ...]
    version: str
    size: int  # bytes, all files together


def precache(site_dir: Path, exclude: Iterable[str]) -> Precache:
    """Every file of the site whose path (``a/b.js``) matches none of the
    ``exclude`` patterns (fnmatch: ``*`` crosses folders), with their version."""
    patterns = tuple(exclude)
    files: list[str] = []
    digest = hashlib.sha256()
    size = 0
    for path in sorted(p for p in site_dir.rglob("*") if p.is_file()):
        name = path.relative_to(site_dir).as_posix()
        if any(fnmatch.fnmatchcase(name, pattern) for pattern in patterns):
            continue
        data = path.read_bytes()
        files.append(name)
        size += len(data)
        digest.update(name.encode() + b"\0" + hashlib.sha256(data).digest())
    return Precache(tuple(files), digest.hexdigest()[:16], size)


def worker_script(cached: Precache, template: str | None = None) -> str:
    """The service worker: the template with the version and the file list put in."""
    text = template if template is not None else WORKER_TEMPLATE.read_text(encoding="utf-8")
    return text.replace(VERSION_MARK, cached.version).replace(
        FILES_MARK, json.dumps(list(cached.files), separators=(",", ":"))
    )


def manifest(settings: dict[str, Any], site_name: str, description: str) -> dict[str, Any]:
    """The web app manifest (paths relative to it, at the site's root)."""
    icons: Sequence[dict[str, Any]] = settings.get("icons") or ()
    return {
        "name": settings.get("name") or site_name,
        "short_name": settings.get("short_name") or site_name,
        "description": description,
        "start_url": "index.html",
        "scope": "./",
        "display": "standalone",
        "theme_color": settings.get("theme_color", "#ffffff"),
        "background_color": settings.get("background_color", "#ffffff"),
        "icons": [dict(icon) for icon in icons],
    }
