"""Damage the build's caches on purpose; the next build must change nothing.

    python bench/cache_faults.py [--kills 0.5 1 2]

Builds the project's site with every cache it keeps (notes state, kept
values, pages, search entries, compiled templates, drawings) in a temporary
folder, not in ``.cache/``: once from nothing (the reference), once more so
every cache is filled. Then, for each fault (every cache file cut in half,
every one overwritten with garbage, half of them deleted) and for a build
from nothing killed with SIGKILL after each of ``--kills`` seconds, it
builds again and compares the site with the reference file by file
(``compare_builds.differences``). Prints per fault how many cache files
there were, how many "damaged; rebuilt" lines the build logged (one per
damaged file) and which files differ; exits 1 if any does, or if the lines
do not match.
"""

from __future__ import annotations

import argparse
import os
import random
import shutil
import signal
import subprocess
import sys
import tempfile
import time
from collections.abc import Callable
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / "bench"))
from compare_builds import differences  # noqa: E402  (bench/compare_builds.py)

DAMAGED = "damaged; rebuilt"


def config(work: Path) -> Path:
    """A configuration of the project whose caches all live under ``work``."""
    path = ROOT / f".cache-faults-{os.getpid()}.yml"
    cache = work / "cache"
    path.write_text(
        "INHERIT: mkdocs.yml\n"
        f"extra:\n  notes:\n    cache: {cache / 'notes-site'}\n"
        f"  template_cache: {cache / 'templates'}\n"
        f"  diagrams:\n    cache: {cache / 'diagrams'}\n",
        encoding="utf-8",
    )
    return path


def mkdocs(config_file: Path, site: Path) -> list[str]:
    return [
        sys.executable,
        "-m",
        "mkdocs",
        "build",
        "--strict",
        "-f",
        str(config_file),
        "-d",
        str(site),
    ]


def build(config_file: Path, site: Path) -> tuple[int, str]:
    env = {**os.environ, "NO_MKDOCS_2_WARNING": "1"}
    done = subprocess.run(
        mkdocs(config_file, site), cwd=ROOT, env=env, capture_output=True, text=True
    )
    return done.returncode, done.stderr


# Each fault returns the files it left damaged (a deleted file is a plain miss).
def cut_in_half(files: list[Path]) -> list[Path]:
    for path in files:
        path.write_bytes(path.read_bytes()[: path.stat().st_size // 2])
    return files


def garbage(files: list[Path]) -> list[Path]:
    noise = random.Random(27)
    for path in files:
        path.write_bytes(noise.randbytes(path.stat().st_size))
    return files


def delete_half(files: list[Path]) -> list[Path]:
    for path in files[::2]:
        path.unlink()
    return []


FAULTS: dict[str, Callable[[list[Path]], list[Path]]] = {
    "every file cut in half": cut_in_half,
    "every file overwritten with garbage": garbage,
    "half of the files deleted": delete_half,
}


def killed_build(config_file: Path, site: Path, after: float) -> None:
    env = {**os.environ, "NO_MKDOCS_2_WARNING": "1"}
    running = subprocess.Popen(
        mkdocs(config_file, site), cwd=ROOT, env=env, stderr=subprocess.DEVNULL
    )
    time.sleep(after)
    running.send_signal(signal.SIGKILL)
    running.wait()


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--kills", type=float, nargs="*", default=[0.5, 1.0, 2.0, 4.0])
    args = parser.parse_args(argv)
    failed = 0
    with tempfile.TemporaryDirectory(prefix="cache-faults-") as temp:
        work = Path(temp)
        config_file = config(work)
        cache, good = work / "cache", work / "cache-good"
        try:
            code, said = build(config_file, work / "reference")
            if code:
                print(said)
                return 1
            build(config_file, work / "filled")
            shutil.copytree(cache, good)

            def check(name: str, files: int, damaged: int) -> None:
                nonlocal failed
                code, said = build(config_file, work / "site")
                found = differences(work / "reference", work / "site")
                differ = [line for line in found if not line.startswith("    ")]
                failed += bool(differ or code or said.count(DAMAGED) != damaged)
                print(
                    f"{name}: {files} cache files ({damaged} damaged), exit {code}, "
                    f"{said.count(DAMAGED)} '{DAMAGED}' lines, {len(differ)} files differ"
                )
                print("\n".join(found[:20]), end="\n" if found else "")

            for name, fault in FAULTS.items():
                shutil.rmtree(cache)
                shutil.copytree(good, cache)
                files = sorted(p for p in cache.rglob("*") if p.is_file())
                check(name, len(files), len(fault(files)))
            for after in args.kills:
                shutil.rmtree(cache, ignore_errors=True)
                killed_build(config_file, work / "killed", after)
                left = [p for p in cache.rglob("*") if p.is_file()] if cache.exists() else []
                check(f"build from nothing killed after {after} s", len(left), 0)
        finally:
            config_file.unlink()
    print("identical every time" if not failed else f"{failed} runs differ")
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main())
