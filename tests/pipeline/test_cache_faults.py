"""Faults in every cache the build keeps never change the site: each cache
file cut in half, overwritten with garbage, or half of the files deleted,
and the next build is byte for byte the clean build, saying what it dropped.
A build killed at any moment leaves no entry the next build would misread."""

from __future__ import annotations

import logging
import os
import re
import shutil
import signal
import subprocess
import sys
import time
from dataclasses import dataclass
from pathlib import Path

import pytest

from bench.cache_faults import FAULTS
from bench.compare_builds import differences
from tests.reading.test_notes_fixtures import build_case, make_project

pytestmark = pytest.mark.slow

ROOT = Path(__file__).resolve().parents[2]
MERMAID = ROOT / "node_modules" / "mermaid" / "dist" / "mermaid.min.js"
CHROMIUM = Path("/usr/bin/chromium")
# A chain of steps, which the build draws as a flowchart.
FLOW = "\n- Request path: Client -> API Gateway -> Lambda -> DynamoDB\n"
FENCES = """\
  - pymdownx.superfences:
      custom_fences:
        - name: mermaid
          class: mermaid
          format: !!python/name:mermaid2.fence_mermaid_custom
"""
DIAGRAMS = f"""\
  diagrams:
    mermaid: {MERMAID}
    chromium: {CHROMIUM}
"""
DAMAGED = re.compile(r"cache entry (.+) damaged; rebuilt")
# Each kind of cache, by the files it keeps under .cache/.
KINDS = {
    "state": "notes-site/*.pickle",
    "kept values": "notes-site/kept/*",
    "pages": "notes-site/pages/*",
    "search entries": "notes-site/search/*",
    "templates": "templates/*",
    "drawings": "diagrams/*",
}


@dataclass
class Reference:
    """The fixture project, its clean build and the cache that build left."""

    project: Path
    site: Path
    cache: Path


@pytest.fixture(scope="module")
def reference(tmp_path_factory: pytest.TempPathFactory) -> Reference:
    """A small site with a diagram drawn by Chromium, built once from nothing."""
    if not CHROMIUM.exists():
        pytest.fail("The drawings are made with Chromium at /usr/bin/chromium: install chromium.")
    project, _ = make_project("lists", tmp_path_factory.mktemp("faults"))
    with (project / "notes.md").open("a", encoding="utf-8") as notes:
        notes.write(FLOW)
    config = (project / "mkdocs.yml").read_text(encoding="utf-8")
    config = config.replace("  - pymdownx.superfences\n", FENCES)
    config = config.replace("extra:\n", f"extra:\n{DIAGRAMS}")
    (project / "mkdocs.yml").write_text(config, encoding="utf-8")
    build_case(project, strict=True)
    site = project.parent / "site-clean"
    (project / "site").rename(site)
    build_case(project, strict=True)  # keeps the browser's version too, now its folder is there
    cache = project.parent / "cache-clean"
    shutil.copytree(project / ".cache", cache)
    return Reference(project, site, cache)


def test_the_fixture_has_a_drawing_and_every_kind_of_cache(reference: Reference) -> None:
    """The clean build drew its diagram inline and left files of every kind."""
    assert (reference.cache / "diagrams" / "browser-version.json").is_file()
    lambda_page = (reference.site / "lambda.html").read_text(encoding="utf-8")
    assert "notes-diagram__drawing" in lambda_page and 'class="mermaid"' not in lambda_page
    for kind, pattern in KINDS.items():
        assert list(reference.cache.glob(pattern)), kind


@pytest.mark.parametrize("fault", FAULTS)
@pytest.mark.parametrize("kind", KINDS)
def test_a_damaged_cache_never_changes_the_site(
    reference: Reference, kind: str, fault: str
) -> None:
    """After the fault, the next (strict) build gives the clean build's site,
    byte for byte, with one INFO line for each damaged file."""
    cache = reference.project / ".cache"
    shutil.rmtree(cache)
    shutil.copytree(reference.cache, cache)
    damaged = FAULTS[fault](sorted(cache.glob(KINDS[kind])))

    _, records = build_case(reference.project, strict=True)

    assert differences(reference.site, reference.project / "site") == []
    said = [DAMAGED.match(r.getMessage()) for r in records if r.levelno == logging.INFO]
    named = [match[1] for match in said if match]
    assert sorted(named) == sorted(str(path) for path in damaged)


@pytest.mark.parametrize("after", [0.5, 1.0, 2.0, 4.0])
def test_a_build_killed_at_any_moment_leaves_a_cache_the_next_build_reads_right(
    reference: Reference, after: float
) -> None:
    """kill -9 of a build from nothing, at whatever point it has reached after
    ``after`` seconds: the next build gives the clean build's site, and no
    cache file it reads is damaged."""
    shutil.rmtree(reference.project / ".cache", ignore_errors=True)
    mkdocs = [sys.executable, "-m", "mkdocs", "build", "-q", "-d", "site-killed"]
    env = {**os.environ, "NO_MKDOCS_2_WARNING": "1"}
    killed = subprocess.Popen(mkdocs, cwd=reference.project, env=env, stderr=subprocess.DEVNULL)
    time.sleep(after)
    killed.send_signal(signal.SIGKILL)
    killed.wait()

    _, records = build_case(reference.project, strict=True)

    assert differences(reference.site, reference.project / "site") == []
    assert not [r for r in records if DAMAGED.match(r.getMessage())]
