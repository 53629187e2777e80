"""Building the project's site in-process with other notes settings."""

from __future__ import annotations

import os
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parents[2]


def build_site(site: Path, **notes: Any) -> Any:
    """Build the project's mkdocs.yml into ``site``, not strictly, with
    ``extra.notes`` settings overridden by ``notes``; the build's config."""
    from mkdocs.commands.build import build
    from mkdocs.config import load_config

    config = load_config(str(ROOT / "mkdocs.yml"), site_dir=str(site), strict=False)
    config.extra["notes"] = {**config.extra["notes"], **notes}
    cwd = Path.cwd()
    os.chdir(ROOT)  # the config's relative paths are the project's
    try:
        build(config)
    finally:
        os.chdir(cwd)
    return config
