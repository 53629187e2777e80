"""The images transform: only real pictures from inside the notes' root reach the site,
whether the notes show them by Markdown or by raw HTML."""

from __future__ import annotations

from pathlib import Path

import pytest
from notesite.reading.parse import make_parser, parse_notes, raw_markdown_token
from notesite.reading.sanitise import sanitise_tokens
from notesite.transforms.callouts.transform import convert_callouts
from notesite.transforms.context import PageContext
from notesite.transforms.images import transform
from notesite.transforms.images.transform import check_images, missing_image, picture_type

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


@pytest.fixture
def repo(tmp_path: Path) -> Path:
    """A notes repository: `.git/`, `Notes/` and `Images/` beside it, and a
    secret picture beside the repository, reached by `..` and by a symlink."""
    repo = tmp_path / "repo"
    (repo / ".git").mkdir(parents=True)
    (repo / "Notes").mkdir()
    (repo / "Images").mkdir()
    (repo / "Images" / "x.png").write_bytes(PNG)
    (tmp_path / "secret.png").write_bytes(PNG + b"SECRET")
    (repo / "Images" / "link.png").symlink_to(tmp_path / "secret.png")
    return tmp_path


def run(
    project: Path, markdown: str, notes: str = "notes/notes.md", root: str = "notes"
) -> tuple[PageContext, str]:
    """The notes sanitised and their pictures checked: the context and each
    picture's src (or the note in its place), Markdown or raw HTML."""
    parsed = parse_notes(markdown, notes, MDIT)
    assert sanitise_tokens(parsed.tokens, parsed.path) == []
    context = PageContext(notes, "s3", project, notes_root=project / root)
    tokens = check_images(parsed.tokens, context)
    shown = [t.content for t in tokens if t.type == "html_block"] + [
        c.attrGet("src") or c.content
        for t in tokens
        for c in t.children or []
        if c.type in ("image", "raw_inline", "html_inline")
    ]
    return context, " ".join(str(s).strip() for s in shown)


def test_a_picture_is_known_by_its_bytes_not_its_name(project: Path):
    """A PNG's signature makes it a picture; text named .png is not one."""
    assert picture_type(project / "notes" / "pic" / "real.png") == "PNG"
    assert picture_type(project / "notes" / "pic" / "fake.png") is None


def test_pictures_are_copied_only_from_inside_the_notes_root(project: Path):
    """A real picture inside (also through `..` that stays inside) is copied; the rest is not."""
    context, shown = run(
        project,
        "![a](pic/real.png) ![b](pic/../pic/real.png) ![c](pic/fake.png) "
        "![d](../home/.aws/credentials) ![e](pic/link.png) ![f](/../home/.aws/credentials)\n",
    )
    assert [dest for _, dest in context.assets] == ["images/pic/real.png", "images/pic/real.png"]
    assert all(source.is_relative_to((project / "notes").resolve()) for source, _ in context.assets)
    assert shown.split(" ")[:2] == ["images/pic/real.png", "images/pic/real.png"]
    warnings = [m.text for m in context.messages]
    assert len(warnings) == 4
    assert "is not a PNG, JPEG, GIF, WebP, AVIF or BMP picture" in warnings[0]
    assert all("points outside the folder the notes may show files from" in w for w in warnings[1:])
    assert all(m.line == 1 for m in context.messages)
    # Each refused picture is shown as a note that keeps its alt text.
    for alt in "cdef":
        assert f"Image not available: {alt} " in shown


def test_notes_without_local_images_are_unchanged(project: Path):
    """Remote images and text are left as they are."""
    context, shown = run(project, "text ![r](https://example.com/a.png)\n")
    assert shown == "https://example.com/a.png"
    assert context.assets == [] and context.messages == []


def test_a_picture_beside_the_notes_folder_in_their_repository_is_shown(repo: Path):
    """`../Images/x.png` from `Notes/a.md`, and `/Images/x.png` from the
    repository's root, are copied when both folders are in one repository."""
    context, shown = run(
        repo, "![a](../Images/x.png) ![b](/Images/x.png?raw=true)\n", "repo/Notes/a.md", "repo"
    )
    assert context.messages == []
    assert [dest for _, dest in context.assets] == ["images/Images/x.png"] * 2
    assert shown == "images/Images/x.png images/Images/x.png"


def test_raw_html_pictures_follow_the_rules_of_markdown_images(repo: Path):
    """A raw `<img>` is resolved, copied and pointed at its copy, keeping its
    size and alt text; a missing one becomes a note with its alt text, a
    warning at its own line."""
    context, shown = run(
        repo,
        'One <img src="../Images/x.png" width=600 alt="Flow">\n\n'
        '<p>\n<img src="../Images/gone.png" alt="Lost picture">\n</p>\n',
        "repo/Notes/a.md",
        "repo",
    )
    assert '<img src="images/Images/x.png" width="600" alt="Flow">' in shown
    assert [dest for _, dest in context.assets] == ["images/Images/x.png"]
    assert "<em>[Image not available: Lost picture (<code>../Images/gone.png</code>)]</em>" in shown
    assert [(m.path, m.line) for m in context.messages] == [("repo/Notes/a.md", 4)]
    assert "image ../Images/gone.png not found" in context.messages[0].text


def test_a_picture_leaving_the_root_is_never_read(repo: Path, monkeypatch: pytest.MonkeyPatch):
    """By `..` or by a symlink, Markdown or raw HTML: a picture outside the
    repository is refused before any of its bytes are read."""
    read: list[Path] = []
    monkeypatch.setattr(transform, "picture_type", lambda path: read.append(path) or "PNG")
    context, shown = run(
        repo,
        "![a](../../secret.png) ![b](../Images/link.png)\n\n"
        '<img src="../../secret.png"> <img src="/../secret.png" alt="up">\n',
        "repo/Notes/a.md",
        "repo",
    )
    assert read == [] and context.assets == []
    assert len(context.messages) == 4
    assert all("points outside" in m.text for m in context.messages)
    assert shown.count("Image not available") == 4


def test_a_missing_picture_in_the_root_is_missing_and_one_outside_is_not(repo: Path):
    """Only a picture the root could hold counts as missing (for a diagram to take its place)."""
    notes = repo / "repo" / "Notes" / "a.md"
    assert missing_image("../Images/gone.png", notes, repo / "repo") is not None
    assert missing_image("../Images/x.png", notes, repo / "repo") is None
    assert missing_image("../../gone.png", notes, repo / "repo") is None
    assert missing_image("https://example.com/gone.png", notes, repo / "repo") is None


def test_pictures_in_a_callout_are_checked_like_any_other(repo: Path):
    """A GitHub alert's body is written as Markdown early: its pictures are still
    resolved and copied, and one leaving the root is refused, not left to the browser."""
    parsed = parse_notes(
        '> [!NOTE]\n> ![a](../Images/x.png)\n> <img src="../../secret.png" alt="s">\n',
        "repo/Notes/a.md",
        MDIT,
    )
    sanitise_tokens(parsed.tokens, parsed.path)
    context = PageContext("repo/Notes/a.md", "s3", repo, notes_root=repo / "repo")
    tokens = check_images(convert_callouts(parsed.tokens, context), context)  # checked once
    markdown = "".join(t.content for t in tokens)
    assert "](images/Images/x.png)" in markdown
    assert "../../secret.png" not in markdown.replace("<code>../../secret.png</code>", "")
    assert [dest for _, dest in context.assets] == ["images/Images/x.png"]
    assert [(m.line, "points outside" in m.text) for m in context.messages] == [(3, True)]


def test_raw_pictures_in_markdown_a_transform_wrote_are_checked_outside_code(repo: Path):
    """A table's raw `<img>` is copied or refused like any other; in code it stays as written."""
    written = (
        '| x | <img src="../Images/x.png" width="60"> `<img src="../Images/x.png">` |\n'
        '| y | <img src="../../secret.png"> |\n\n```\n<img src="../../secret.png">\n```\n'
    )
    context = PageContext("repo/Notes/a.md", "s3", repo, notes_root=repo / "repo")
    (token,) = check_images([raw_markdown_token(written, [4, 6])], context)
    assert '| x | <img src="images/Images/x.png" width="60"> `<img src="../Images/x.png">` |' in (
        token.content
    )
    assert "| y | <em>[Image not available: image (<code>../../secret.png</code>)]</em> |" in (
        token.content
    )
    assert token.content.endswith('```\n<img src="../../secret.png">\n```\n')
    assert [dest for _, dest in context.assets] == ["images/Images/x.png"]
    assert [(m.line, "points outside" in m.text) for m in context.messages] == [(5, True)]
