"""MkDocs hook: serve third-party front-end files from the site itself.

Copies the files listed under ``extra.vendor`` in mkdocs.yml (each a
``from`` path in the project, installed from the npm registry, and a ``to``
path in the site) into the build, so that the built site loads nothing from
a CDN and reads the same from disk as from a server. A ``from`` folder is
copied whole, keeping its layout (an ES module build's chunks import each
other by relative path), but for the files an ``exclude`` glob names.
"""

from __future__ import annotations

import logging
from pathlib import Path
from typing import TYPE_CHECKING

from mkdocs.exceptions import PluginError
from mkdocs.structure.files import File

if TYPE_CHECKING:
    from mkdocs.config.defaults import MkDocsConfig
    from mkdocs.structure.files import Files

log = logging.getLogger("mkdocs.hooks.vendor_assets")


def vendor_files(config: MkDocsConfig) -> list[tuple[Path, str]]:
    """(absolute source path, site path) for each vendored file; all must exist."""
    root = Path(config.config_file_path).parent
    pairs = []
    for item in config.extra.get("vendor") or ():
        source = root / item["from"]
        dest = str(item["to"]).rstrip("/")
        if source.is_dir():
            excluded = list(item.get("exclude") or ())
            pairs += [
                (path, f"{dest}/{path.relative_to(source).as_posix()}")
                for path in sorted(source.rglob("*"))
                if path.is_file() and not any(path.match(glob) for glob in excluded)
            ]
            continue
        if not source.is_file():
            raise PluginError(
                f"Vendored file '{item['from']}' is missing. Run `npm ci` (or `make serve`, "
                f"which does) to install the front-end packages listed in package.json."
            )
        pairs.append((source, dest))
    return pairs


def on_files(files: Files, config: MkDocsConfig) -> Files:
    for source, dest in vendor_files(config):
        files.append(File.generated(config, dest, abs_src_path=str(source)))
    return files
