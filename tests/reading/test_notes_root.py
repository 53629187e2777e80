"""The notes' root: the folder whose files (pictures) the notes may show."""

from __future__ import annotations

from pathlib import Path

import pytest
from notesite.reading.source import NotesSourceError, notes_root, repository_root


@pytest.fixture
def repo(tmp_path: Path) -> Path:
    """A repository with `Notes/` and `Images/` beside it, and a folder outside it."""
    (tmp_path / "repo" / ".git").mkdir(parents=True)
    (tmp_path / "repo" / "Notes" / "deep").mkdir(parents=True)
    (tmp_path / "repo" / "Notes" / "a.md").write_text("# S3\n")
    (tmp_path / "repo" / "Images").mkdir()
    (tmp_path / "loose").mkdir()
    (tmp_path / "loose" / "notes.md").write_text("# S3\n")
    return tmp_path


def test_the_root_is_the_repository_that_holds_the_notes(repo: Path):
    """From a notes file or folder, however deep, the root is the work tree with `.git`."""
    assert notes_root(repo, "repo/Notes/a.md") == (repo / "repo").resolve()
    assert notes_root(repo, "repo/Notes") == (repo / "repo").resolve()
    assert repository_root(repo / "repo" / "Notes" / "deep") == repo / "repo"


def test_a_git_file_marks_a_worktree_too(tmp_path: Path):
    """A `.git` file (a worktree, a submodule) is a repository's root as well."""
    (tmp_path / "wt" / "notes").mkdir(parents=True)
    (tmp_path / "wt" / ".git").write_text("gitdir: /elsewhere\n")
    assert repository_root(tmp_path / "wt" / "notes") == tmp_path / "wt"


def test_notes_outside_any_repository_have_their_folder_as_root(repo: Path):
    """No `.git` above: the notes' folder (or the one file's folder) is the root."""
    assert notes_root(repo, "loose/notes.md") == (repo / "loose").resolve()
    assert notes_root(repo, "loose") == (repo / "loose").resolve()


def test_a_setting_names_the_root(repo: Path):
    """`extra.notes.root` wins over the repository, relative to the project."""
    assert notes_root(repo, "repo/Notes/a.md", "repo/Notes") == (repo / "repo" / "Notes").resolve()
    assert notes_root(repo, "loose/notes.md", ".") == repo.resolve()


@pytest.mark.parametrize("setting", ["repo/Images", "missing", "loose/notes.md"])
def test_a_root_that_does_not_hold_the_notes_is_refused(repo: Path, setting: str):
    """A root that is not a folder holding the notes stops the build and says what to set."""
    with pytest.raises(NotesSourceError, match=r"extra\.notes\.root .* is not a folder that holds"):
        notes_root(repo, "repo/Notes/a.md", setting)
