"""Shared fixtures: the real site, built once per test session in strict mode."""

from __future__ import annotations

import os
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent

os.environ.setdefault("NO_MKDOCS_2_WARNING", "1")


@pytest.fixture(scope="session")
def built_site(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The project's real site, built with `--strict` into a temporary folder."""
    from mkdocs.commands.build import build
    from mkdocs.config import load_config

    site_dir = tmp_path_factory.mktemp("site")
    cwd = Path.cwd()
    os.chdir(ROOT)
    try:
        # SITE_TESTS_STRICT=0 lets work in progress be looked at; CI never sets it.
        strict = os.environ.get("SITE_TESTS_STRICT", "1") != "0"
        config = load_config(str(ROOT / "mkdocs.yml"), site_dir=str(site_dir), strict=strict)
        build(config)
    finally:
        os.chdir(cwd)
    return site_dir
