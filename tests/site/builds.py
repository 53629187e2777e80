"""Building the project's site in-process with other notes settings."""

from __future__ import annotations

from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parents[2]


def build_site(site: Path, **notes: Any) -> Any:
    """Build the project's mkdocs.yml into ``site``, not strictly, with
    ``extra.notes`` settings overridden by ``notes``; the build's config."""
    from tests.conftest import build_project

    return build_project(ROOT / "mkdocs.yml", site, strict=False, notes=notes)
