"""Other authors' notes as sites: pages, the largest page's share, the share
under Other, the build time, and an editor's check of the navigation (titles
that read like file names, generic or duplicate titles, services under Other,
sub-sections cut into pages: each target 0), for the original notes and each
corpus.

    python bench/corpora.py        (also part of make bench)

Each corpus (``../shared/corpora/``) is read in place; builds are whole
MkDocs builds in this process with the build cache off (all the hooks'
work), the median of several.
"""

from __future__ import annotations

import logging
import os
import statistics
import sys
import tempfile
import time
from dataclasses import asdict
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT / "hooks"))
os.environ.setdefault("NO_MKDOCS_2_WARNING", "1")

from mkdocs.commands.build import build  # noqa: E402
from mkdocs.config import load_config  # noqa: E402
from notesite.planning.catalogue import OTHER_CATEGORY  # noqa: E402
from notesite.planning.editor_check import review  # noqa: E402
from notesite.planning.plan import page_text_sizes  # noqa: E402
from notesite.transforms.images.figures import build_figures  # noqa: E402

CORPORA = ROOT.parent / "shared" / "corpora"
SOURCES = {
    "original notes": ROOT / "notes" / "aws-notes.md",
    "cantrill-saa-c02": CORPORA / "cantrill-saa-c02" / "README.md",
    "devops-pro-vault": CORPORA / "devops-pro-vault",
    "cloud-practitioner-site": CORPORA / "cloud-practitioner-site",
}


def build_once(source: Path, site: Path) -> tuple[float, Any]:
    logging.getLogger("mkdocs").setLevel(logging.ERROR)
    config = load_config(str(ROOT / "mkdocs.yml"), site_dir=str(site), strict=False)
    config.extra["notes"] = {**config.extra["notes"], "source": str(source), "cache": False}
    cwd = Path.cwd()
    os.chdir(ROOT)
    try:
        start = time.perf_counter()
        build(config)
        return time.perf_counter() - start, config
    finally:
        os.chdir(cwd)


def measure(runs: int = 3) -> dict[str, Any]:
    """Per source: pages, largest page and its share, share under Other, build seconds."""
    found: dict[str, Any] = {}
    with tempfile.TemporaryDirectory() as tmp:
        for label, source in SOURCES.items():
            if not source.exists():
                found[label] = "missing"
                continue
            times = []
            config = None
            for run in range(runs + 1):  # the first is a warm-up
                seconds, config = build_once(source, Path(tmp) / label)
                if run:
                    times.append(seconds)
            state = config["notes_site"]
            sizes = page_text_sizes(state.plan, state.notes)
            total = sum(sizes.values()) or 1
            largest = max(sizes, key=lambda slug: sizes[slug])
            other = sum(
                sizes[p.slug] for p in state.plan.pages if p.entry.category == OTHER_CATEGORY
            )
            found[label] = {
                "pages": len(state.plan.pages),
                "largest_page": largest,
                "largest_share": round(sizes[largest] / total, 3),
                "other_share": round(other / total, 3),
                "warnings": len(state.messages),
                "build_s_median": round(statistics.median(times), 3),
                "editor": review(state.plan, state.notes, state.catalogue).counts(),
                "pictures": asdict(build_figures(ROOT, str(source), Path(tmp) / label)),
            }
    return found


def rows(figures: dict[str, Any]) -> list[tuple[str, str]]:
    """The table rows of ``measure``'s figures."""
    out = []
    for label, f in figures.items():
        if not isinstance(f, dict):
            out.append((f"notes: {label}", str(f)))
            continue
        out.append(
            (
                f"notes: {label}",
                f"{f['pages']} pages, largest {f['largest_page']} {f['largest_share']:.1%} "
                f"(target ≤ 15%), Other {f['other_share']:.1%} (target ≤ 10%), "
                f"build {f['build_s_median']:.2f} s",
            )
        )
        editor = ", ".join(f"{k.replace('_', ' ')} {v}" for k, v in f["editor"].items())
        pictures = f["pictures"]
        out.append((f"notes: {label}: editor", f"{editor} (targets 0)"))
        shown = f"{pictures['shown']}/{pictures['referenced']} shown (target: all)"
        out.append((f"notes: {label}: pictures", shown))
    return out


if __name__ == "__main__":
    for name, value in rows(measure()):
        print(f"{name:<34} {value}")
