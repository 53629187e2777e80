"""Benchmark section: what hostile or broken notes cost a build.

    python bench/hostile.py        (also a section of `make bench`)

For each input (a 50 MB notes file, 10,000 levels of nested lists and of
quotes, a 1 MB line, 100,000 headings, NUL bytes, a notes path that is an
empty folder or a FIFO) it builds a copy of the project with those notes,
in a child process, and prints the time, the child's peak memory and how it
ended: built, or the message it stopped with (naming file and line). The
limits themselves are in hooks/notesite/reading/limits.py. It asserts
nothing; a child that runs past TIMEOUT seconds is reported as such.
"""

from __future__ import annotations

import json
import os
import subprocess
import sys
import tempfile
import time
from collections.abc import Callable
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
NOTES = ROOT / "notes" / "aws-notes.md"
TIMEOUT = 300.0
# What the child shares with the project (read only) and what it gets of its own.
SHARED = ("hooks", "overrides", "docs", "node_modules")

BUILD = """
import json, logging, os, tempfile, time
os.environ["NO_MKDOCS_2_WARNING"] = "1"
errors = []
class Errors(logging.Handler):
    def emit(self, record):
        errors.append(record.getMessage())
logging.getLogger("mkdocs").addHandler(Errors(logging.ERROR))
logging.getLogger("mkdocs").propagate = False
from mkdocs.commands.build import build
from mkdocs.config import load_config
start = time.perf_counter()
try:
    config = load_config("mkdocs.yml", site_dir=tempfile.mkdtemp(), strict=False)
    config.extra["notes"] = {**config.extra["notes"], "cache": False}
    build(config)
    outcome = "built, %d pages" % len(config["notes_site"].plan.pages)
except BaseException as error:
    outcome = "stopped: " + (errors[0] if errors else repr(error))
seconds = time.perf_counter() - start
status = open("/proc/self/status").read()
peak = next(int(l.split()[1]) for l in status.splitlines() if l.startswith("VmHWM:"))
print(json.dumps([round(seconds, 2), round(peak / 1024, 1), outcome]))
"""


def _write(text: str) -> Callable[[Path], None]:
    return lambda notes: notes.write_text(text, encoding="utf-8")


def _large(notes: Path) -> None:
    chunk = NOTES.read_bytes()
    with notes.open("wb") as file:
        while file.tell() < 50_000_000:
            file.write(chunk)


def _nul(notes: Path) -> None:
    notes.write_bytes(NOTES.read_bytes().replace(b"\n- ", b"\n- \x00", 50))


def _folder(notes: Path) -> None:
    notes.mkdir()


def _fifo(notes: Path) -> None:
    os.mkfifo(notes)


CASES: dict[str, Callable[[Path], None]] = {
    "50 MB notes file": _large,
    "10,000 nested lists": _write("# S3\n\n" + "- " * 10_000 + "deep\n"),
    "10,000 nested quotes": _write("# S3\n\n" + "> " * 10_000 + "deep\n"),
    "1 MB line": _write("# S3\n\n" + "word " * 200_000 + "\n"),
    "1 MB line of [": _write("# S3\n\n" + "[" * 1_000_000 + "\n"),
    "100,000 headings": _write("".join(f"# topic {n}\n\ntext\n\n" for n in range(100_000))),
    "100,000 subheadings": _write("# S3\n\n" + "".join(f"## part {n}\n" for n in range(100_000))),
    "NUL bytes": _nul,
    "notes path is an empty folder": _folder,
    "notes path is a FIFO": _fifo,
}


def project(work: Path) -> Path:
    """A copy of the project (its data and code linked, not copied), notes left out."""
    work.mkdir(parents=True)
    for name in SHARED:
        (work / name).symlink_to(ROOT / name)
    (work / "mkdocs.yml").write_text((ROOT / "mkdocs.yml").read_text())
    (work / "notes").mkdir()
    return work


def run_case(work: Path, make: Callable[[Path], None]) -> dict[str, object]:
    folder = project(work)
    make(folder / "notes" / "aws-notes.md")
    start = time.perf_counter()
    try:
        out = subprocess.run(
            [sys.executable, "-c", BUILD],
            cwd=folder,
            capture_output=True,
            text=True,
            timeout=TIMEOUT,
        )
    except subprocess.TimeoutExpired:
        return {"seconds": round(time.perf_counter() - start, 1), "outcome": "timed out"}
    lines = out.stdout.strip().splitlines()
    if out.returncode or not lines:
        return {"seconds": None, "outcome": f"crashed: {out.stderr.strip()[-200:]}"}
    seconds, peak, outcome = json.loads(lines[-1])
    return {"seconds": seconds, "peak_memory_mb": peak, "outcome": outcome}


def hostile_figures(work: Path) -> dict[str, dict[str, object]]:
    return {name: run_case(work / str(n), make) for n, (name, make) in enumerate(CASES.items())}


def table_rows(figures: dict[str, dict[str, object]]) -> list[tuple[str, str]]:
    rows = []
    for name, f in figures.items():
        cost = f"{f['seconds']} s, {f.get('peak_memory_mb')} MB peak" if f.get("seconds") else "-"
        rows.append((f"hostile: {name}", f"{cost}; {str(f['outcome'])[:110]}"))
    return rows


def main() -> int:
    with tempfile.TemporaryDirectory() as tmp:
        figures = hostile_figures(Path(tmp))
    rows = table_rows(figures)
    width = max(len(name) for name, _ in rows)
    for name, value in rows:
        print(f"{name:<{width}}  {value}")
    out = ROOT / "bench-output" / "hostile.json"
    out.parent.mkdir(parents=True, exist_ok=True)
    out.write_text(json.dumps(figures, indent=2) + "\n")
    return 0


if __name__ == "__main__":
    sys.exit(main())
