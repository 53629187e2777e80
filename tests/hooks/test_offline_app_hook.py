"""hooks/offline_app.py: the worker and the manifest written after a build, not under serve."""

from __future__ import annotations

import json
from collections.abc import Iterator
from pathlib import Path
from types import SimpleNamespace

import offline_app
import pytest


def _config(site: Path) -> SimpleNamespace:
    extra = {"offline": {"worker": "sw.js", "exclude": ["*.pdf"], "short_name": "Notes"}}
    return SimpleNamespace(
        extra=extra, site_dir=str(site), site_name="My notes", site_description="Notes."
    )


@pytest.fixture
def site(tmp_path: Path) -> Iterator[Path]:
    (tmp_path / "index.html").write_text("<h1>Home</h1>")
    (tmp_path / "notes.pdf").write_bytes(b"%PDF-")
    yield tmp_path
    offline_app.on_startup(command="build", dirty=False)


def test_a_build_writes_the_worker_and_the_manifest(site: Path) -> None:
    """After mkdocs build: sw.js lists the site's files (not the excluded PDF) and
    the manifest names the site."""
    offline_app.on_startup(command="build", dirty=False)
    offline_app.on_post_build(_config(site))
    worker = (site / "sw.js").read_text(encoding="utf-8")
    assert '["index.html","manifest.webmanifest"]' in worker
    manifest = json.loads((site / "manifest.webmanifest").read_text(encoding="utf-8"))
    assert (manifest["name"], manifest["short_name"]) == ("My notes", "Notes")


def test_without_settings_nothing_is_written(site: Path) -> None:
    """A site whose mkdocs.yml has no extra.offline gets no worker and no manifest."""
    config = _config(site)
    config.extra = {}
    offline_app.on_post_build(config)
    assert not (site / "sw.js").exists() and not (site / "manifest.webmanifest").exists()


def test_serve_writes_no_worker(site: Path) -> None:
    """Under mkdocs serve no worker is written: it would keep the pages being edited."""
    offline_app.on_startup(command="serve", dirty=False)
    offline_app.on_post_build(_config(site))
    assert not (site / "sw.js").exists()
