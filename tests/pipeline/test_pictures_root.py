"""extra.notes.root: the folder the notes' pictures may come from, read from the settings."""

from __future__ import annotations

from pathlib import Path

from notesite.pipeline import load_state
from notesite.settings import notes_settings

ROOT = Path(__file__).resolve().parents[2]
PNG = b"\x89PNG\r\n\x1a\n" + b"\x00" * 32


def state_of(project: Path, **settings: str):
    """The pipeline's state for `repo/Notes`, with the build cache off."""
    catalogue = str(ROOT / "docs" / "_data" / "catalogue.yml")
    values = {"source": "repo/Notes", "catalogue": catalogue, "cache": False, **settings}
    return load_state(project, notes_settings(values, project))


def test_the_root_setting_narrows_where_pictures_come_from(tmp_path: Path):
    """In a repository `../Images/x.png` is copied; with `root: repo/Notes` it is refused."""
    (tmp_path / "repo" / ".git").mkdir(parents=True)
    (tmp_path / "repo" / "Notes").mkdir()
    (tmp_path / "repo" / "Notes" / "s3.md").write_text("# Amazon S3\n\n![flow](../Images/x.png)\n")
    (tmp_path / "repo" / "Images").mkdir()
    (tmp_path / "repo" / "Images" / "x.png").write_bytes(PNG)
    assert list(state_of(tmp_path).assets) == ["images/Images/x.png"]
    confined = state_of(tmp_path, root="repo/Notes")
    assert confined.assets == {}
    assert [m.text.split(" (")[0] for m in confined.messages] == [
        "image ../Images/x.png points outside the folder the notes may show files from"
    ]
