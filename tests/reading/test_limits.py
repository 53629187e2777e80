"""Hostile or broken notes: a clear message naming file and line, never a hang or a crash."""

from __future__ import annotations

import os
from pathlib import Path

import pytest
from notesite.pipeline import Settings, load_state
from notesite.reading.limits import MAX_FILE_BYTES, MAX_PAGES, NotesLimitError
from notesite.reading.parse import make_parser, parse_notes
from notesite.reading.source import NotesSourceError, discover_sources, read_notes

MDIT = make_parser()
ROOT = Path(__file__).resolve().parents[2]


@pytest.mark.parametrize(
    ("text", "message"),
    [
        ("- " * 10_000 + "x\n", r"notes\.md:1: lists or quotes nested 20 levels deep"),
        ("> " * 10_000 + "x\n", r"notes\.md:1: lists or quotes nested 20 levels deep"),
        ("".join("  " * i + "- x\n" for i in range(12)), r"notes\.md:10: lists or quotes nested"),
        ("# S3\n\n" + "[" * 1_000_000 + "\n", r"notes\.md:3: a paragraph .* of 1,000,000 char"),
        ("text\n" + "word " * 200_000 + "\n", r"notes\.md:1: a paragraph .* of 1,000,004 char"),
        ("# S3\n" + "## part\n" * 100_000, r"notes\.md:5001: more than 5,000 headings"),
    ],
)
def test_notes_over_a_limit_stop_with_file_and_line(text, message):
    """Deep nesting and huge paragraphs are refused before the costly part of parsing."""
    with pytest.raises(NotesLimitError, match=message):
        parse_notes(text, "notes.md", MDIT)


def test_nesting_within_the_limit_is_read_whole():
    """Nine nested lists (what notes use, and more) lose nothing."""
    text = "".join("  " * i + f"- level {i}\n" for i in range(9))
    notes = parse_notes(text, "notes.md", MDIT)
    assert [t.content for t in notes.tokens if t.type == "inline"][-1] == "level 8"


def test_a_file_over_the_size_limit_is_refused_unread(tmp_path):
    """The size is checked before reading: a huge file costs nothing."""
    notes = tmp_path / "notes.md"
    with notes.open("wb") as file:
        file.truncate(MAX_FILE_BYTES + 1)
    with pytest.raises(NotesLimitError, match=r"notes\.md:1: the notes file is 5\.0 MB"):
        read_notes(notes, "notes.md")


def test_nul_and_control_characters_are_replaced_and_reported(tmp_path):
    """NUL and other control characters show as \ufffd, each line reported."""
    notes = tmp_path / "notes.md"
    notes.write_bytes(b"# S3\n\nnul \x00 here\nstx \x02 and etx \x03\n")
    read = read_notes(notes, "notes.md")
    assert read.text == "# S3\n\nnul \ufffd here\nstx \ufffd and etx \ufffd\n"
    assert [line for line, _ in read.problems] == [3, 4]
    assert read.problems[0][1].startswith("control character U+0000 (column 5)")


def test_a_fifo_is_refused_without_reading_it(tmp_path):
    """A FIFO as the notes (or in a notes folder) would block a read forever: refused."""
    os.mkfifo(tmp_path / "notes.md")
    with pytest.raises(NotesSourceError, match=r"'notes.md' are not a regular file"):
        discover_sources(tmp_path, "notes.md")
    folder = tmp_path / "folder"
    folder.mkdir()
    (folder / "a.md").write_text("# S3\n")
    os.mkfifo(folder / "b.md")
    with pytest.raises(NotesSourceError, match=r"'folder/b.md' are not a regular file"):
        discover_sources(tmp_path, "folder")


def test_a_folder_named_like_notes_is_refused(tmp_path):
    """A folder called x.md inside the notes folder is named in the message."""
    (tmp_path / "notes" / "x.md").mkdir(parents=True)
    (tmp_path / "notes" / "a.md").write_text("# S3\n")
    with pytest.raises(NotesSourceError, match=r"'notes/x.md' are a folder named like"):
        discover_sources(tmp_path, "notes")


def test_too_many_pages_are_refused_at_the_heading_that_goes_over(tmp_path):
    """Top-level headings the catalogue does not know are refused at the one that
    would make page 1,001."""
    (tmp_path / "notes.md").write_text("".join(f"# topic {i}\n" for i in range(MAX_PAGES + 1)))
    settings = Settings(source="notes.md", catalogue=str(ROOT / "docs/_data/catalogue.yml"))
    settings = Settings(settings.source, settings.catalogue, cache=None)
    with pytest.raises(NotesLimitError, match=rf"notes\.md:{MAX_PAGES + 1}: the notes make"):
        load_state(tmp_path, settings)
