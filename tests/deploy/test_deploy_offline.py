"""`make deploy DRY_RUN=1` with no AWS credentials: the plan, offline, file by file."""

from __future__ import annotations

import subprocess
from collections.abc import Callable
from pathlib import Path

import pytest

from deploy.cli import main
from deploy.plan import format_bytes

ROOT = Path(__file__).resolve().parents[2]


@pytest.fixture
def no_credentials(monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> None:
    """An environment where boto3 finds no AWS credentials anywhere."""
    for name in ("AWS_PROFILE", "AWS_ACCESS_KEY_ID", "AWS_SECRET_ACCESS_KEY", "AWS_SESSION_TOKEN"):
        monkeypatch.delenv(name, raising=False)
    monkeypatch.setenv("AWS_CONFIG_FILE", str(tmp_path / "none"))
    monkeypatch.setenv("AWS_SHARED_CREDENTIALS_FILE", str(tmp_path / "none"))
    monkeypatch.setenv("AWS_EC2_METADATA_DISABLED", "true")
    monkeypatch.delenv("AWS_CONTAINER_CREDENTIALS_FULL_URI", raising=False)
    monkeypatch.delenv("AWS_CONTAINER_CREDENTIALS_RELATIVE_URI", raising=False)


def test_a_dry_run_without_credentials_lists_every_upload_with_size_and_cache_header(
    make_site: Callable[..., Path], no_credentials: None, capsys: pytest.CaptureFixture[str]
) -> None:
    """Every file of the site is listed for upload, with its size and Cache-Control."""
    site = make_site()
    status = main(["--site", str(site), "--bucket", "b", "--distribution", "d", "--dry-run"])
    out = capsys.readouterr().out
    assert status == 0
    assert "offline dry run: planned as for an empty bucket" in out
    uploads = {
        line.split()[1]: line
        for line in out.splitlines()
        if line.startswith("upload ") and "objects" not in line
    }
    files = {p.relative_to(site).as_posix(): p for p in site.rglob("*") if p.is_file()}
    assert set(uploads) == set(files)
    for key, line in uploads.items():
        assert f" {format_bytes(files[key].stat().st_size)} " in line
        assert "Cache-Control: " in line and not line.endswith("Cache-Control: ")
    assert out.rstrip().endswith("dry run: nothing was changed")


def test_a_real_deploy_without_credentials_still_stops(
    make_site: Callable[..., Path], no_credentials: None, capsys: pytest.CaptureFixture[str]
) -> None:
    """Only a dry run goes offline; a deploy says how to give it credentials."""
    site = make_site()
    assert main(["--site", str(site), "--bucket", "b", "--distribution", "d"]) == 1
    assert "no AWS credentials found" in capsys.readouterr().err
    assert main(["--site", str(site), "--bucket", "b", "--distribution", "d", "--offline"]) == 1
    assert "--offline plans only: add --dry-run" in capsys.readouterr().err


def test_make_deploy_dry_run_needs_no_bucket() -> None:
    """`make deploy DRY_RUN=1` with no bucket runs the offline plan; without DRY_RUN
    it asks for the bucket and distribution."""
    dry = subprocess.run(
        ["make", "-n", "-o", "build", "deploy", "DRY_RUN=1"],
        cwd=ROOT,
        capture_output=True,
        text=True,
    )
    assert "--dry-run --offline" in dry.stdout
    real = subprocess.run(
        ["make", "-s", "-o", "build", "deploy"], cwd=ROOT, capture_output=True, text=True
    )
    assert real.returncode == 2
    assert "usage: make deploy BUCKET=" in real.stderr
