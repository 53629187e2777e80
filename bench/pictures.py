"""Pictures referenced vs shown, for the original notes and each corpus.

    python bench/pictures.py

Each source is built (as ``bench/corpora.py`` builds it); of the local
pictures its notes show on GitHub, the count the built site shows, and where
each one it does not show is referenced (``notesite.transforms.images.figures``,
whose ``build_figures`` gives the figures of any build).
"""

from __future__ import annotations

import sys
import tempfile
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT / "hooks"))
sys.path.insert(0, str(ROOT / "bench"))

from corpora import SOURCES, build_once  # noqa: E402
from notesite.transforms.images.figures import PictureFigures, build_figures  # noqa: E402


def measure() -> dict[str, PictureFigures | str]:
    found: dict[str, PictureFigures | str] = {}
    with tempfile.TemporaryDirectory() as tmp:
        for label, source in SOURCES.items():
            if not source.exists():
                found[label] = "missing"
                continue
            build_once(source, Path(tmp) / label)
            found[label] = build_figures(ROOT, str(source), Path(tmp) / label)
    return found


if __name__ == "__main__":
    for label, figures in measure().items():
        if isinstance(figures, str):
            print(f"{label:<26} {figures}")
            continue
        print(
            f"{label:<26} {figures.shown}/{figures.referenced} pictures shown "
            f"({figures.local} local references)"
        )
        for place in figures.not_shown:
            print(f"    not shown: {place}")
