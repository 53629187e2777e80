"""MkDocs hook used by the benchmark: write out every page as MkDocs saw it.

Runs last on each page's Markdown (after every project hook) and copies the
other files of the build, so that the same site can be built again from
plain files with no project hooks at all. The folder is ``$RECORD_PAGES_TO``.
"""

from __future__ import annotations

import os
import shutil
from pathlib import Path
from typing import TYPE_CHECKING

from mkdocs.plugins import event_priority

if TYPE_CHECKING:
    from mkdocs.config.defaults import MkDocsConfig
    from mkdocs.structure.files import Files
    from mkdocs.structure.pages import Page


def _target() -> Path:
    return Path(os.environ["RECORD_PAGES_TO"])


@event_priority(-1000)
def on_page_markdown(markdown: str, page: Page, config: MkDocsConfig, files: Files) -> str:
    path = _target() / "docs" / page.file.src_uri
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(markdown, encoding="utf-8")
    return markdown


@event_priority(-1000)
def on_files(files: Files, config: MkDocsConfig) -> Files:
    for file in files:
        if file.is_documentation_page():
            continue
        dest = _target() / "docs" / file.src_uri
        dest.parent.mkdir(parents=True, exist_ok=True)
        if file.abs_src_path:
            shutil.copy(file.abs_src_path, dest)
        else:
            dest.write_bytes(file.content_bytes)
    return files
