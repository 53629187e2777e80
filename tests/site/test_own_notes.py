"""Someone's own notes, outside the project: built from anywhere, private, watched."""

from __future__ import annotations

import os
import queue
import re
import subprocess
import sys
import threading
import time
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from urllib.parse import unquote

import notes_site
import pytest
from mkdocs.exceptions import Abort

from tests.conftest import ROOT, build_project

pytestmark = pytest.mark.slow

PNG = b"\x89PNG\r\n\x1a\n" + b"\x00" * 64
USER = "alice-student"


def make_notes(home: Path) -> Path:
    """A notes repository in a user's home folder, with boilerplate and a picture."""
    notes = home / "My Notes"
    (notes / "Study Notes").mkdir(parents=True)
    (notes / ".github").mkdir()
    (notes / "README.md").write_text(
        "# My AWS notes\n\nWhat I learnt.\n\n- [SQS](Study%20Notes/SQS.md)\n", encoding="utf-8"
    )
    (notes / "Study Notes" / "SQS.md").write_text(
        "# SQS\n\n- Visibility timeout: 30 seconds\n- Messages up to 256 KB\n\n"
        "![queue](queue.png)\n\n![gone](missing.png)\n\nSee [S3](S3.md#lifecycle).\n",
        encoding="utf-8",
    )
    (notes / "Study Notes" / "queue.png").write_bytes(PNG)
    (notes / "Study Notes" / "S3.md").write_text("# S3\n\n## Storage classes\n\n- Standard\n")
    (notes / "CONTRIBUTING.md").write_text("# Contributing\n\nPlease zebracorn first.\n")
    (notes / ".github" / "PULL_REQUEST_TEMPLATE.md").write_text("# PR\n\nxylophant here.\n")
    return notes


def build_own(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, **notes: object
) -> tuple[Path, Path]:
    """Build the project with NOTES_SOURCE naming notes in a home folder under tmp_path."""
    home = tmp_path / "home" / USER
    source = make_notes(home)
    monkeypatch.setenv("HOME", str(home))
    monkeypatch.setenv("NOTES_SOURCE", str(source))
    site = tmp_path / "site"
    build_project(
        ROOT / "mkdocs.yml",
        site,
        strict=False,
        notes={"cache": False, **notes},
        diagrams={"draw": "browser"},
    )
    return source, site


def test_no_path_of_the_machine_reaches_the_site(tmp_path, monkeypatch):
    """Every file of the site is free of the notes' absolute path, the home folder
    and the user name; the source lines show the path inside the notes."""
    source, site = build_own(tmp_path, monkeypatch)
    private = [str(source), str(tmp_path), USER, str(source).replace(" ", "%20")]
    leaks = [
        (path.relative_to(site).as_posix(), secret)
        for path in site.rglob("*")
        if path.is_file()
        for secret in private
        if secret.encode() in path.read_bytes()
    ]
    assert leaks == []
    sqs = (site / "sqs.html").read_text(encoding="utf-8")
    assert "<code>Study Notes/SQS.md</code> lines" in sqs
    shown = re.search(r'<img[^>]*src="(images/[^"]*queue\.png)"', sqs)
    assert shown is not None
    assert (site / unquote(shown[1])).read_bytes() == PNG


def test_the_repository_boilerplate_is_not_published(tmp_path, monkeypatch):
    """CONTRIBUTING.md and .github/ hold no notes: their words are nowhere in the site."""
    _, site = build_own(tmp_path, monkeypatch)
    text = "\n".join(p.read_text(errors="replace") for p in site.rglob("*.html"))
    text += (site / "search" / "search_index.json").read_text(encoding="utf-8")
    assert "SQS" in text
    assert "zebracorn" not in text
    assert "xylophant" not in text


def test_a_mistyped_setting_stops_the_build_naming_the_fix(tmp_path, monkeypatch):
    """`extra.notes.sorce` stops the build instead of building the bundled notes."""
    with pytest.raises(Abort):
        build_own(tmp_path, monkeypatch, sorce="elsewhere")


class RecordingServer:
    """Stands in for MkDocs' LiveReloadServer: records what the hook watches."""

    def __init__(self) -> None:
        self.watched: list[tuple[str, bool]] = []

    def watch(self, path: str, func: None = None, *, recursive: bool = True) -> None:
        self.watched.append((path, recursive))


def test_serve_watches_the_notes_wherever_they_are(tmp_path):
    """on_serve watches a notes folder whole, and a single notes file's folder."""
    from notesite.settings import CONFIG_KEY, read_settings

    folder = make_notes(tmp_path / "elsewhere")
    for source, expected in (
        (folder, (str(folder), True)),
        (folder / "README.md", (str(folder), False)),
    ):
        config = {CONFIG_KEY: read_settings({"notes": {"source": str(source)}}, ROOT)}
        server = RecordingServer()
        notes_site.on_serve(server, config, builder=None)  # type: ignore[arg-type]
        assert server.watched == [expected]


def test_an_edit_of_outside_notes_rebuilds_under_serve(tmp_path):
    """`mkdocs serve` with notes outside the project rebuilds when one is edited
    (the serve log shows a second build)."""
    notes = make_notes(tmp_path)
    with mkdocs_serve(notes, "127.0.0.1:0") as lines:
        (notes / "Study Notes" / "SQS.md").write_text("# SQS\n\n- Edited: 15 minutes\n")
        wait_for(lines, r"Detected file changes", 60)


@contextmanager
def mkdocs_serve(notes: Path, address: str) -> Iterator[queue.Queue[str]]:
    """`mkdocs serve` of ``notes`` at ``address``, once it serves: its log lines as they come."""
    env = {**os.environ, "NOTES_SOURCE": str(notes), "NOTES_DIAGRAMS": "browser"}
    command = [sys.executable, "-m", "mkdocs", "serve", "--dev-addr", address]
    with subprocess.Popen(
        command, cwd=ROOT, env=env, stderr=subprocess.STDOUT, stdout=subprocess.PIPE, text=True
    ) as serve:
        lines: queue.Queue[str] = queue.Queue()
        assert serve.stdout is not None
        threading.Thread(target=lambda: [lines.put(x) for x in serve.stdout], daemon=True).start()
        try:
            wait_for(lines, r"Serving on", 120)
            yield lines
        finally:
            serve.terminate()
            serve.wait(timeout=30)


def wait_for(lines: queue.Queue[str], pattern: str, limit: float) -> None:
    """Read ``lines`` until one matches ``pattern``; fail after ``limit`` seconds."""
    seen: list[str] = []
    deadline = time.monotonic() + limit
    while (left := deadline - time.monotonic()) > 0:
        try:
            line = lines.get(timeout=left)
        except queue.Empty:
            break
        seen.append(line)
        if re.search(pattern, line):
            return
    raise AssertionError(f"no line matching {pattern!r} in:\n{''.join(seen)}")


def make(*args: str) -> subprocess.CompletedProcess[str]:
    """make in the project, its installs taken as done."""
    command = ["make", "-s", "-o", "deps", "-o", ".venv/bin/.installed", *args]
    return subprocess.run(command, cwd=ROOT, capture_output=True, text=True)


def test_make_is_strict_only_on_request():
    """`make build` and `make serve` never stop on warnings; `make build STRICT=1` does."""
    assert "--strict" not in make("-n", "build").stdout
    assert "--strict" not in make("-n", "serve", "STRICT=1").stdout
    assert "mkdocs build --strict" in make("-n", "build", "STRICT=1").stdout


def test_make_lint_reads_the_notes_named_by_notes(tmp_path):
    """`make lint NOTES=<folder>` lints that folder, wherever it is, at its own paths."""
    notes = make_notes(tmp_path / "somewhere")
    done = make("lint", f"NOTES={notes}")
    assert done.returncode == 2 and "lint] Error 1" in done.stderr  # lint's exit 1, via make
    assert "warning: Study Notes/SQS.md:8: image missing.png not found" in done.stdout
