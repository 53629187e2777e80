"""The `lint` command: the notes' problems as file:line, and an exit status for CI."""

from __future__ import annotations

import logging
from pathlib import Path

import notes_lint

from tests.reading.test_notes_fixtures import build_case, make_project


def test_lint_lists_every_problem_with_a_fix_and_fails(tmp_path, capsys):
    """Bad notes: each problem on its own line, warnings then suggestions, exit 1."""
    project, expect = make_project("bad_input", tmp_path)
    status = notes_lint.main(["-f", str(project / "mkdocs.yml")])
    out = capsys.readouterr().out.splitlines()
    assert status == 1
    warnings = [line.removeprefix("warning: ") for line in out if line.startswith("warning: ")]
    assert len(warnings) == len(expect["warnings"])
    for wanted, got in zip(expect["warnings"], warnings, strict=True):
        assert got.startswith(wanted)
    assert any(
        line.startswith("suggestion: notes.md:3: link written backwards")
        and "Suggested fix: write [Docs](https://docs.aws.amazon.com/s3/)" in line
        for line in out
    )
    assert out[-1] == "4 warnings, 2 suggestions"


def test_lint_passes_clean_notes(tmp_path, capsys):
    """Notes with nothing to fix: a clear all-clear and exit 0."""
    project, _ = make_project("headings", tmp_path)
    assert notes_lint.main(["-f", str(project / "mkdocs.yml")]) == 0
    assert capsys.readouterr().out.strip() == "no problems found"


def test_lint_reports_unreadable_notes_with_exit_2(tmp_path, capsys):
    """Notes that cannot be read at all: one error line naming them, exit 2."""
    project, _ = make_project("headings", tmp_path)
    (project / "notes.md").unlink()
    assert notes_lint.main(["-f", str(project / "mkdocs.yml")]) == 2
    assert "The notes 'notes.md' do not exist" in capsys.readouterr().err


def test_lint_leaves_the_callers_logging_and_folder_alone(tmp_path, capsys):
    """Run in-process, the command restores the mkdocs logger's level and the folder."""
    logger = logging.getLogger("mkdocs")
    level, cwd = logger.level, Path.cwd()
    logger.setLevel(logging.INFO)
    try:
        project, _ = make_project("bad_input", tmp_path)
        notes_lint.main(["-f", str(project / "mkdocs.yml")])
        assert logger.level == logging.INFO
        assert Path.cwd() == cwd
    finally:
        logger.setLevel(level)


def test_lint_and_build_report_the_same_broken_links_once_each(tmp_path, capsys):
    """Links to missing files and headings across files: the build warns exactly
    what lint lists, each once, against the author's file (no generated page)."""
    project, expect = make_project("broken_links", tmp_path)
    _, records = build_case(project, strict=False)
    built = [r.getMessage() for r in records if r.levelno == logging.WARNING]
    assert notes_lint.main(["-f", str(project / "mkdocs.yml")]) == 1
    out = capsys.readouterr().out.splitlines()
    linted = [line.removeprefix("warning: ") for line in out if line.startswith("warning: ")]
    assert built == linted
    assert len(built) == len(expect["warnings"])
    assert not any(".md'" in message for message in built)  # MkDocs' "Doc file 'x.md'"
