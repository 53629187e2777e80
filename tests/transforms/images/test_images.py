"""The images transform: only real pictures from inside the notes' folder reach the site."""

from __future__ import annotations

from pathlib import Path

import pytest
from notesite.reading.parse import make_parser, parse_notes
from notesite.transforms.context import PageContext
from notesite.transforms.images.transform import check_images, picture_type

MDIT = make_parser()
PNG = b"\x89PNG\r\n\x1a\n" + b"\x00" * 32


@pytest.fixture
def project(tmp_path: Path) -> Path:
    """A project whose notes folder holds a picture, a fake one and links out of it."""
    notes = tmp_path / "notes"
    (notes / "pic").mkdir(parents=True)
    (notes / "pic" / "real.png").write_bytes(PNG)
    (notes / "pic" / "fake.png").write_text("[default]\naws_secret_access_key = x\n")
    secret = tmp_path / "home" / ".aws" / "credentials"
    secret.parent.mkdir(parents=True)
    secret.write_bytes(PNG)  # even a real picture stays out when it is outside
    (notes / "pic" / "link.png").symlink_to(secret)
    return tmp_path


def run(project: Path, markdown: str) -> tuple[PageContext, str]:
    notes = parse_notes(markdown, "notes/notes.md", MDIT)
    context = PageContext("notes/notes.md", "s3", project, notes_dir=project / "notes")
    tokens = check_images(notes.tokens, context)
    images = [c for t in tokens for c in t.children or [] if c.type in ("image", "raw_inline")]
    return context, " ".join(c.attrGet("src") or c.content for c in images)


def test_a_picture_is_known_by_its_bytes_not_its_name(project: Path):
    """A PNG's signature makes it a picture; text named .png is not one."""
    assert picture_type(project / "notes" / "pic" / "real.png") == "PNG"
    assert picture_type(project / "notes" / "pic" / "fake.png") is None


def test_pictures_are_copied_only_from_inside_the_notes_folder(project: Path):
    """A real picture inside (also through `..` that stays inside) is copied; the rest is not."""
    context, shown = run(
        project,
        "![a](pic/real.png) ![b](pic/../pic/real.png) ![c](pic/fake.png) "
        "![d](../home/.aws/credentials) ![e](pic/link.png) ![f](/../home/.aws/credentials)\n",
    )
    assert [dest for _, dest in context.assets] == ["images/real.png", "images/real.png"]
    assert all(source.is_relative_to((project / "notes").resolve()) for source, _ in context.assets)
    assert shown.split(" ")[:2] == ["images/real.png", "images/real.png"]
    warnings = [m.text for m in context.messages]
    assert len(warnings) == 4
    assert "is not a PNG, JPEG, GIF, WebP, AVIF or BMP picture" in warnings[0]
    assert all("points outside the notes' folder" in w for w in warnings[1:])
    assert all(m.line == 1 for m in context.messages)
    # Each refused picture is shown as a note that keeps its alt text.
    for alt in "cdef":
        assert f"Image not available: {alt} " in shown


def test_notes_without_local_images_are_unchanged(project: Path):
    """Remote images and text are left as they are."""
    context, shown = run(project, "text ![r](https://example.com/a.png)\n")
    assert shown == "https://example.com/a.png"
    assert context.assets == [] and context.messages == []
