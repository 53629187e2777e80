"""The drawings of earlier builds, one SVG file per drawing key, in a folder.

A drawing depends on its diagram's source and the renderer only (see
``svg.drawing_key``), so it is looked up by that key and never goes stale.
Each file is a ``cache_files`` entry, and is checked as a drawing too before
use (``svg.drawing_problem``): one that is damaged, or that is not a single
well-formed SVG, is dropped and drawn again, so it can never swallow the
page it goes into. A folder that cannot be read or written costs only the
time it would have saved: the diagram is drawn again.
"""

from __future__ import annotations

from pathlib import Path

from notesite.cache_files import drop, read_entry, write_entry
from notesite.drawing.svg import drawing_problem

SUFFIX = ".svg"


class DrawingStore:
    """Drawings by key, in ``folder`` (None: keep nothing between builds)."""

    def __init__(self, folder: Path | None) -> None:
        self.folder = folder

    def load(self, key: str) -> str | None:
        """The drawing kept under ``key``: None when there is none, or when
        it is damaged (then dropped)."""
        if self.folder is None:
            return None
        path = self.folder / f"{key}{SUFFIX}"
        payload = read_entry(path)
        if payload is None:
            return None
        try:
            svg = payload.decode("utf-8")
        except UnicodeDecodeError:
            drop(path, "not UTF-8")
            return None
        problem = drawing_problem(svg)
        if problem is not None:
            drop(path, problem)
            return None
        return svg

    def store(self, key: str, svg: str) -> bool:
        """Keep a drawing; False if the folder cannot be written."""
        if self.folder is None:
            return False
        return write_entry(self.folder / f"{key}{SUFFIX}", svg.encode("utf-8"))
