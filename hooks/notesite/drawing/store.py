"""The drawings of earlier builds, one SVG file per drawing key, in a folder.

A drawing depends on its diagram's source and the renderer only (see
``svg.drawing_key``), so it is looked up by that key and never goes stale.
A folder that cannot be read or written costs only the time it would have
saved: the diagram is drawn again.
"""

from __future__ import annotations

import contextlib
import os
import tempfile
from pathlib import Path

SUFFIX = ".svg"


class DrawingStore:
    """Drawings by key, in ``folder`` (None: keep nothing between builds)."""

    def __init__(self, folder: Path | None) -> None:
        self.folder = folder

    def load(self, key: str) -> str | None:
        if self.folder is None:
            return None
        try:
            return (self.folder / f"{key}{SUFFIX}").read_text(encoding="utf-8")
        except (OSError, UnicodeDecodeError):
            return None

    def store(self, key: str, svg: str) -> bool:
        """Keep a drawing; False if the folder cannot be written."""
        if self.folder is None:
            return False
        try:
            self.folder.mkdir(parents=True, exist_ok=True)
            handle, temporary = tempfile.mkstemp(dir=self.folder, suffix=".tmp")
            with os.fdopen(handle, "w", encoding="utf-8") as file:
                file.write(svg)
            os.replace(temporary, self.folder / f"{key}{SUFFIX}")
        except OSError:
            with contextlib.suppress(OSError, UnboundLocalError):
                os.unlink(temporary)
            return False
        return True
