"""Pictures referenced vs shown, for the original notes and each corpus.

    python bench/pictures.py

Each source is built (as ``bench/corpora.py`` builds it); of the local
pictures its notes show on GitHub, the count the built site shows, and where
each one it does not show is referenced. ``picture_figures`` gives the figures
of any build, for ``make bench``.
"""

from __future__ import annotations

import sys
import tempfile
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT / "hooks"))
sys.path.insert(0, str(ROOT / "bench"))

from corpora import CORPORA, SOURCES, build_once  # noqa: E402
from notesite.reading.parse import make_parser, parse_notes  # noqa: E402
from notesite.reading.source import (  # noqa: E402
    discover_sources,
    notes_root,
    read_notes,
    shown_path,
)
from notesite.transforms.images.figures import (  # noqa: E402
    PictureFigures,
    count_pictures,
    picture_references,
    reference_pictures,
    site_pictures,
)

PICTURE_SOURCES = {**SOURCES, "cloud-practitioner-site": CORPORA / "cloud-practitioner-site"}


def picture_figures(source: str, site: Path, root: str | None = None) -> PictureFigures:
    """The figures of a site built from the notes ``source`` into ``site``
    (``root``: extra.notes.root, if the build set it)."""
    mdit = make_parser()
    files = {shown_path(path, ROOT): path for path in discover_sources(ROOT, source)}
    references = [
        reference
        for shown, path in files.items()
        for reference in picture_references(
            parse_notes(read_notes(path, shown).text, shown, mdit).tokens, shown
        )
    ]
    pictures = reference_pictures(references, files, notes_root(ROOT, source, root))
    return count_pictures(pictures, site_pictures(site))


def measure() -> dict[str, PictureFigures | str]:
    found: dict[str, PictureFigures | str] = {}
    with tempfile.TemporaryDirectory() as tmp:
        for label, source in PICTURE_SOURCES.items():
            if not source.exists():
                found[label] = "missing"
                continue
            build_once(source, Path(tmp) / label)
            found[label] = picture_figures(str(source), Path(tmp) / label)
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
