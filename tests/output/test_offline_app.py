"""The service worker's precache list, its version, its script and the manifest."""

from __future__ import annotations

import json
from pathlib import Path

from notesite.output.offline_app import manifest, precache, worker_script


def _site(root: Path, files: dict[str, str]) -> Path:
    for name, text in files.items():
        (root / name).parent.mkdir(parents=True, exist_ok=True)
        (root / name).write_text(text)
    return root


def test_every_file_but_the_excluded_is_precached_with_its_size(tmp_path: Path) -> None:
    """Files are listed as site paths, in order; patterns leave files out, across folders."""
    site = _site(
        tmp_path,
        {"index.html": "home", "a/b.js": "js", "a/b.js.map": "map", "sw.js": "w", "n.pdf": "p"},
    )
    cached = precache(site, ["sw.js", "*.map", "n.pdf"])
    assert cached.files == ("a/b.js", "index.html")
    assert cached.size == len("js") + len("home")


def test_the_version_changes_with_any_precached_file_only(tmp_path: Path) -> None:
    """The same files give the same version; an edit or a new file a new one; an
    excluded file none."""
    site = _site(tmp_path, {"index.html": "home", "s3.html": "S3"})
    first = precache(site, ["*.pdf"]).version
    assert precache(site, ["*.pdf"]).version == first
    (site / "notes.pdf").write_text("pdf")
    assert precache(site, ["*.pdf"]).version == first
    (site / "s3.html").write_text("S3, edited")
    second = precache(site, ["*.pdf"]).version
    assert second != first
    (site / "sqs.html").write_text("SQS")
    assert precache(site, ["*.pdf"]).version not in {first, second}


def test_the_worker_script_holds_the_version_and_the_files(tmp_path: Path) -> None:
    """The generated worker names this build's version and lists its files as JSON."""
    site = _site(tmp_path, {"index.html": "home", "search/search_index.json": "{}"})
    cached = precache(site, [])
    script = worker_script(cached)
    assert f'const VERSION = "{cached.version}";' in script
    listed = script.split("const FILES = ", 1)[1].split(";\n", 1)[0]
    assert json.loads(listed) == ["index.html", "search/search_index.json"]
    assert "__VERSION__" not in script and "__FILES__" not in script


def test_the_manifest_takes_the_settings_and_falls_back_on_the_site() -> None:
    """Name and colours come from the settings, else from the site's name."""
    icon = {"src": "assets/icons/icon-192.png", "sizes": "192x192", "type": "image/png"}
    app = manifest({"theme_color": "#4051b5", "icons": [icon]}, "My Notes", "Notes.")
    assert app["name"] == app["short_name"] == "My Notes"
    assert app["theme_color"] == "#4051b5" and app["icons"] == [icon]
    assert app["start_url"] == "index.html" and app["display"] == "standalone"
    assert manifest({"short_name": "Notes"}, "My Notes", "")["short_name"] == "Notes"
