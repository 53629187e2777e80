"""Build the site at a git revision and from the working tree; show what differs.

    python bench/compare_builds.py [BASE]      (make compare BASE=main)

A refactoring should change no byte of the built site. This builds the site
of BASE (default HEAD) in a temporary git worktree and the site of the
working tree, each into a folder of its own, and compares them file by
file: it prints each file that differs, is missing or is new, with a short
unified diff for text files, and exits 1 if there is any difference, 0 if
the two sites are identical. The build cache is left out of both builds, so
it never hides a change.
"""

from __future__ import annotations

import argparse
import difflib
import filecmp
import os
import subprocess
import sys
import tempfile
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
TEXT = {".html", ".xml", ".json", ".js", ".css", ".txt", ".svg", ".md"}


def build(project: Path, site: Path) -> None:
    """A strict build of ``project`` into ``site`` with the build cache off."""
    config = project / f".compare-{os.getpid()}.yml"
    config.write_text("INHERIT: mkdocs.yml\nextra:\n  notes:\n    cache: false\n", encoding="utf-8")
    env = {**os.environ, "NO_MKDOCS_2_WARNING": "1"}
    mkdocs = [sys.executable, "-m", "mkdocs", "build", "--strict", "--quiet", "-f", str(config)]
    try:
        subprocess.run([*mkdocs, "-d", str(site)], cwd=project, env=env, check=True)
    finally:
        config.unlink()


def differences(base: Path, new: Path) -> list[str]:
    """One line (and a diff, for text) per file that is not the same in both."""
    found: list[str] = []
    base_files = {p.relative_to(base) for p in base.rglob("*") if p.is_file()}
    new_files = {p.relative_to(new) for p in new.rglob("*") if p.is_file()}
    for path in sorted(base_files - new_files):
        found.append(f"only in BASE: {path}")
    for path in sorted(new_files - base_files):
        found.append(f"only in the working tree: {path}")
    for path in sorted(base_files & new_files):
        if filecmp.cmp(base / path, new / path, shallow=False):
            continue
        found.append(f"differs: {path}")
        if path.suffix in TEXT:
            old_lines = (base / path).read_text(errors="replace").splitlines()
            new_lines = (new / path).read_text(errors="replace").splitlines()
            diff = difflib.unified_diff(old_lines, new_lines, "BASE", "working tree", n=1)
            found.extend(f"    {line[:200]}" for line in list(diff)[:40])
    return found


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("base", nargs="?", default="HEAD", help="git revision (default HEAD)")
    args = parser.parse_args(argv)
    with tempfile.TemporaryDirectory(prefix="compare-builds-") as temp:
        work = Path(temp)
        tree = work / "base"
        subprocess.run(
            ["git", "worktree", "add", "--detach", "--quiet", str(tree), args.base],
            cwd=ROOT,
            check=True,
        )
        try:
            # The front-end packages the build vendors, as installed here.
            (tree / "node_modules").symlink_to(ROOT / "node_modules")
            build(tree, work / "site-base")
            build(ROOT, work / "site-new")
        finally:
            subprocess.run(["git", "worktree", "remove", "--force", str(tree)], cwd=ROOT)
        found = differences(work / "site-base", work / "site-new")
    files = [line for line in found if not line.startswith("    ")]
    print(
        "\n".join(found) if found else f"identical: the site of {args.base} and of the working tree"
    )
    if files:
        print(f"{len(files)} files differ")
    return 1 if files else 0


if __name__ == "__main__":
    sys.exit(main())
