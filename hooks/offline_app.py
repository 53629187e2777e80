"""MkDocs hook: the site installable, and readable offline once visited.

Glue only (the logic is ``notesite.output.offline_app``): on_post_build,
last of all, once every file of the site is written, writes the web app
manifest and the service worker (``sw.js``, at the root so that it serves
the whole site) that precaches this build's files. The page script
``assets/javascripts/offline.js`` links the one and registers the other,
only when the site is served (never from ``file://``). Under ``mkdocs
serve`` no worker is written: it would keep the pages the author is editing.

Settings, under ``extra.offline`` in mkdocs.yml: ``worker`` and
``manifest`` (the files' names; without ``worker``, no offline app),
``exclude`` (patterns of site paths not to precache), and the manifest's
``name``, ``short_name``, ``theme_color``, ``background_color`` and ``icons``.
"""

from __future__ import annotations

import json
import logging
from pathlib import Path
from typing import TYPE_CHECKING, Any

from mkdocs.plugins import event_priority
from notesite import run
from notesite.output.offline_app import manifest, precache, worker_script

if TYPE_CHECKING:
    from mkdocs.config.defaults import MkDocsConfig

log = logging.getLogger("mkdocs.hooks.offline_app")

DEFAULT_MANIFEST = "manifest.webmanifest"


def on_startup(command: str, dirty: bool) -> None:
    run.started(command)


def on_shutdown() -> None:
    run.stopped()


@event_priority(-100)  # last: after the search index, the offline plugin and the PDF
def on_post_build(config: MkDocsConfig) -> None:
    settings: dict[str, Any] = config.extra.get("offline") or {}
    worker = settings.get("worker")
    if not worker or run.serving():
        return
    site = Path(config.site_dir)
    name = settings.get("manifest", DEFAULT_MANIFEST)
    app = manifest(settings, config.site_name, config.site_description or "")
    (site / name).write_text(json.dumps(app, indent=1) + "\n", encoding="utf-8")
    # The manifest is precached too; the worker is not (the browser fetches it itself).
    cached = precache(site, [worker, *(settings.get("exclude") or ())])
    (site / worker).write_text(worker_script(cached), encoding="utf-8")
    log.info(
        f"Offline: {worker} precaches {len(cached.files)} files, "
        f"{cached.size / 1e6:.1f} MB, version {cached.version}"
    )
