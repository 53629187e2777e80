"""Which files of a notes folder are read, and how their paths are shown."""

from __future__ import annotations

from pathlib import Path

from notesite.reading.source import discover_sources, matches, notes_base, shown_path


def make_repository(folder: Path) -> Path:
    """A notes repository with the boilerplate such repositories hold."""
    for name in (
        "README.md",
        "s3.md",
        "Study Notes/sqs.md",
        "LICENSE.md",
        "CONTRIBUTING.md",
        "CODE_OF_CONDUCT.md",
        "SECURITY.md",
        "CHANGELOG.md",
        ".github/ISSUE_TEMPLATE/bug.md",
        "node_modules/pkg/readme.md",
        "drafts/idea.md",
    ):
        path = folder / name
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(f"# {path.stem}\n", encoding="utf-8")
    return folder


def names(paths: list[Path], folder: Path) -> list[str]:
    return [path.relative_to(folder.resolve()).as_posix() for path in paths]


def test_a_folder_is_read_without_the_repository_boilerplate(tmp_path):
    """LICENSE, CONTRIBUTING, CODE_OF_CONDUCT, SECURITY, CHANGELOG, .github/ and
    node_modules/ are not notes; everything else ending in .md is."""
    folder = make_repository(tmp_path / "notes")
    found = names(discover_sources(tmp_path, "notes"), folder)
    assert found == ["README.md", "drafts/idea.md", "s3.md", "Study Notes/sqs.md"]


def test_include_and_exclude_pick_the_files(tmp_path):
    """Globs over the relative path: a folder glob ends in "/", a name glob has no "/"."""
    folder = make_repository(tmp_path / "notes")
    found = discover_sources(tmp_path, "notes", include=("*.md",), exclude=("drafts/", "s3.md"))
    assert "drafts/idea.md" not in names(found, folder)
    assert "s3.md" not in names(found, folder)
    only = discover_sources(tmp_path, "notes", include=("Study Notes/*.md",), exclude=())
    assert names(only, folder) == ["Study Notes/sqs.md"]


def test_an_index_that_links_an_excluded_file_does_not_bring_it_in(tmp_path):
    """The index's links order the notes; they never add a file the globs leave out."""
    folder = make_repository(tmp_path / "notes")
    (folder / "README.md").write_text("# Notes\n\n- [Licence](LICENSE.md)\n- [S3](s3.md)\n")
    found = names(discover_sources(tmp_path, "notes"), folder)
    assert found[:2] == ["README.md", "s3.md"]
    assert "LICENSE.md" not in found


def test_glob_forms():
    """A name glob matches at any depth, a folder glob any folder of the path."""
    assert matches("a/b/LICENSE.txt", ("LICENSE*",))
    assert matches("x/.github/y.md", (".github/",))
    assert not matches(".github.md", (".github/",))
    assert matches("Study Notes/a.md", ("Study Notes/*.md",))
    assert not matches("other/a.md", ("Study Notes/*.md",))


def test_paths_outside_the_project_are_shown_from_the_notes_own_folder(tmp_path):
    """Notes elsewhere on disk are shown relative to their folder, never absolutely."""
    project, notes = tmp_path / "project", tmp_path / "home" / "someone" / "notes"
    project.mkdir()
    make_repository(notes)
    base = notes_base(project, str(notes))
    assert base == notes.resolve()
    assert shown_path(notes / "Study Notes" / "sqs.md", base) == "Study Notes/sqs.md"
    single = notes_base(project, str(notes / "s3.md"))
    assert shown_path(notes / "s3.md", single) == "s3.md"


def test_paths_inside_the_project_stay_relative_to_the_project(tmp_path):
    """The project's own notes keep their project path (notes/aws-notes.md)."""
    (tmp_path / "notes").mkdir()
    (tmp_path / "notes" / "aws-notes.md").write_text("# S3\n")
    base = notes_base(tmp_path, "notes/aws-notes.md")
    assert shown_path(tmp_path / "notes" / "aws-notes.md", base) == "notes/aws-notes.md"
