"""Shared fixtures: the real site, built once per test session in strict mode."""

from __future__ import annotations

import logging
import os
from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import pytest
from hypothesis import settings
from notesite.drawing.browser import ARGS

ROOT = Path(__file__).resolve().parent.parent

os.environ.setdefault("NO_MKDOCS_2_WARNING", "1")

# The property tests draw their examples from a fixed seed by default, so a run
# (and CI) is repeatable: a failure shows on every run, never by chance.
# HYPOTHESIS_PROFILE=explore draws fresh random examples on every run, to hunt
# for new failures; add what it finds to the test as an @example.
settings.register_profile("repeatable", derandomize=True)
settings.register_profile("explore", derandomize=False)
settings.load_profile(os.environ.get("HYPOTHESIS_PROFILE", "repeatable"))


def build_project(
    config_file: Path, site_dir: Path, *, strict: bool, command: str = "build", **extra: object
) -> Any:
    """Build a project in-process from its folder, with ``extra`` over the
    mkdocs.yml's ``extra`` entries of the same name, started as ``command``
    (``serve`` builds what a preview shows), as the ``mkdocs`` command runs
    it: between the hooks' on_startup and on_shutdown. The build's config."""
    from mkdocs.commands.build import build
    from mkdocs.config import load_config

    cwd = Path.cwd()
    os.chdir(config_file.parent)
    try:
        config = load_config(str(config_file), site_dir=str(site_dir), strict=strict)
        for name, value in extra.items():
            current = config.extra.get(name)
            config.extra[name] = {**current, **value} if isinstance(value, dict) else value  # type: ignore[dict-item]
        config.plugins.on_startup(command=command, dirty=False)
        try:
            build(config)
        finally:
            config.plugins.on_shutdown()
    finally:
        os.chdir(cwd)
    return config


def build_site(site_dir: Path, diagrams: dict[str, object] | None = None) -> None:
    """Build the project's real site into ``site_dir``, strictly (unless
    SITE_TESTS_STRICT=0), with ``diagrams`` over mkdocs.yml's extra.diagrams."""
    # SITE_TESTS_STRICT=0 lets work in progress be looked at; CI never sets it.
    strict = os.environ.get("SITE_TESTS_STRICT", "1") != "0"
    extra = {"diagrams": diagrams} if diagrams else {}
    build_project(ROOT / "mkdocs.yml", site_dir, strict=strict, **extra)


@pytest.fixture(scope="session")
def built_site(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The project's real site, built with `--strict` into a temporary folder."""
    site_dir = tmp_path_factory.mktemp("site")
    build_site(site_dir)
    return site_dir


@dataclass
class LoggedBuild:
    """A build, and what it logged under mkdocs.hooks."""

    site: Path
    messages: list[logging.LogRecord] = field(default_factory=list)


class _Records(logging.Handler):
    def __init__(self, records: list[logging.LogRecord]) -> None:
        super().__init__(logging.DEBUG)
        self.records = records

    def emit(self, record: logging.LogRecord) -> None:
        self.records.append(record)


@pytest.fixture(scope="session")
def fallback_build(tmp_path_factory: pytest.TempPathFactory) -> Iterator[LoggedBuild]:
    """The real site built where no Chromium can be found (a configured path that
    holds none): the diagrams are left for the reader's browser to draw."""
    result = LoggedBuild(tmp_path_factory.mktemp("site-fallback"))
    handler = _Records(result.messages)
    logger = logging.getLogger("mkdocs.hooks")
    level = logger.level
    logger.addHandler(handler)
    logger.setLevel(logging.INFO)
    try:
        build_site(result.site, {"chromium": str(result.site / "no-such-chromium")})
    finally:
        logger.removeHandler(handler)
        logger.setLevel(level)
    yield result


@pytest.fixture
def cache_said() -> Iterator[list[logging.LogRecord]]:
    """What the build's cache files log (a damaged entry, dropped)."""
    records: list[logging.LogRecord] = []
    handler = _Records(records)
    logger = logging.getLogger("mkdocs.hooks.cache")
    level = logger.level
    logger.addHandler(handler)
    logger.setLevel(logging.INFO)
    try:
        yield records
    finally:
        logger.removeHandler(handler)
        logger.setLevel(level)


CHROMIUM = Path("/usr/bin/chromium")
# Headless Debian Chromium on a machine with no network: no background
# connections, no component or sync updates, no first-run UI (the flags the
# build draws its diagrams with).
CHROMIUM_ARGS = list(ARGS)


# One Chromium per test module, not per session: Playwright's sync API cannot
# run twice at once in a thread, and a browser held for the whole session
# would block the next module's.
@pytest.fixture(scope="module")
def browser():
    """A headless Chromium (Debian's) for the tests of one module."""
    if not CHROMIUM.exists():
        pytest.fail(
            "The browser tests need Chromium at /usr/bin/chromium. Run `make test` "
            "(it installs Debian's chromium when run as root) or `sudo apt-get install chromium`."
        )
    from playwright.sync_api import sync_playwright

    with sync_playwright() as playwright:
        instance = playwright.chromium.launch(executable_path=str(CHROMIUM), args=CHROMIUM_ARGS)
        try:
            yield instance
        finally:
            instance.close()
