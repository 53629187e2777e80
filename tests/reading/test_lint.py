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


def test_many_of_a_kind_are_one_line_unless_all_are_asked_for(tmp_path, capsys):
    """Four broken links to headings of one file: one line with the count by
    default (as the build logs it), a line each with --all; the totals agree."""
    project, _ = make_project("broken_links", tmp_path)
    compute = project / "notes" / "compute.md"
    links = "".join(f"\n[x{n}](#nowhere-{n})\n" for n in range(3))
    compute.write_text(compute.read_text(encoding="utf-8") + links, encoding="utf-8")
    config = str(project / "mkdocs.yml")
    notes_lint.main(["-f", config])
    grouped = capsys.readouterr().out.splitlines()
    notes_lint.main(["-f", config, "--all"])
    every = capsys.readouterr().out.splitlines()
    summary = [line for line in grouped if line.startswith("warning: notes/compute.md: ")]
    assert len(summary) == 1
    assert "4 of this kind (lines 7, 9, 11, …)" in summary[0]
    assert len([line for line in every if line.startswith("warning: notes/compute.md:")]) == 5
    assert grouped[-1] == every[-1] == "10 warnings, 0 suggestions"


def test_lint_names_a_question_it_cannot_read(tmp_path, capsys):
    """A question with lettered options and no answer is a warning at its line."""
    project, _ = make_project("headings", tmp_path)
    notes = project / "notes.md"
    text = notes.read_text(encoding="utf-8").rstrip("\n")
    line = text.count("\n") + 3
    notes.write_text(f"{text}\n\nQ1. Which is right?\n- A. One\n- B. Two\n", encoding="utf-8")
    assert notes_lint.main(["-f", str(project / "mkdocs.yml")]) == 1
    out = capsys.readouterr().out
    assert f"warning: notes.md:{line}: question 1 has lettered options but no answer" in out
