"""scripts/chromium.sh: the one way the build and the tests get Chromium."""

from __future__ import annotations

import os
import subprocess
from pathlib import Path

SCRIPT = Path(__file__).resolve().parents[2] / "scripts" / "chromium.sh"


def _run(tmp_path: Path, *args: str) -> subprocess.CompletedProcess[str]:
    """The script where no Chromium is and no apt-get can install one (only `id` on the PATH)."""
    tools = tmp_path / "bin"
    tools.mkdir(exist_ok=True)
    if not (tools / "id").exists():
        (tools / "id").symlink_to("/usr/bin/id")
    env = {**os.environ, "PATH": str(tools), "CHROMIUM": str(tmp_path / "no-chromium")}
    return subprocess.run(
        ["/bin/bash", str(SCRIPT), *args], capture_output=True, text=True, env=env, check=False
    )


def test_a_build_without_chromium_goes_on_and_says_what_to_run_in_one_line(
    tmp_path: Path,
) -> None:
    """For make build/serve: exit 0, one line on stderr naming the command to install it."""
    done = _run(tmp_path)
    assert done.returncode == 0
    assert done.stdout == ""
    lines = done.stderr.splitlines()
    assert len(lines) == 1 and "apt-get install chromium" in lines[0]


def test_the_tests_without_chromium_stop(tmp_path: Path) -> None:
    """For make test (--required): exit 1, saying what to run."""
    done = _run(tmp_path, "--required")
    assert done.returncode == 1
    assert "apt-get install chromium" in done.stderr


def test_an_installed_chromium_needs_nothing(tmp_path: Path) -> None:
    """With Chromium there, the script does nothing and says nothing."""
    chromium = tmp_path / "chromium"
    chromium.write_text("#!/bin/sh\n")
    chromium.chmod(0o755)
    env = {**os.environ, "CHROMIUM": str(chromium)}
    done = subprocess.run(
        ["/bin/bash", str(SCRIPT), "--required"], capture_output=True, text=True, env=env
    )
    assert (done.returncode, done.stdout, done.stderr) == (0, "", "")
