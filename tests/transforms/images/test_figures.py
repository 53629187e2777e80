"""Pictures referenced vs shown: the references found and the count."""

from __future__ import annotations

from notesite.reading.parse import make_parser, parse_notes
from notesite.transforms.images.figures import (
    PictureReference,
    count_pictures,
    picture_references,
)

MDIT = make_parser()


def test_references_are_markdown_and_raw_html_pictures_with_local_paths():
    """Markdown images and raw `<img src>` (inline or a block) count, at their
    lines; remote and data: pictures do not."""
    text = (
        "# S3\n\n"
        "![a](../Images/a.png) and\n"
        'text <img src="../Images/b.png" width=600>\n\n'
        "<div>\n\n"
        "<p>\n<img src='/Images/c.png'>\n</p>\n\n"
        "![r](https://example.com/r.png) ![d](data:image/png;base64,AAAA)\n"
    )
    notes = parse_notes(text, "Notes/a.md", MDIT)
    found = picture_references(notes.tokens, "Notes/a.md")
    assert [(r.line, r.src) for r in found] == [
        (3, "../Images/a.png"),
        (4, "../Images/b.png"),
        (9, "/Images/c.png"),
    ]


def test_notes_without_pictures_have_no_references():
    """Text alone gives nothing to count."""
    notes = parse_notes("# S3\n\n- bucket\n", "a.md", MDIT)
    assert picture_references(notes.tokens, "a.md") == []


def test_a_reference_is_shown_when_the_site_shows_its_picture():
    """Referenced: names a picture of the root; shown: the site shows those bytes."""
    refs = [PictureReference("a.md", n, f"p{n}.png") for n in range(1, 5)]
    figures = count_pictures(
        [(refs[0], "one"), (refs[1], "two"), (refs[2], None), (refs[3], "one")], {"one", "other"}
    )
    assert (figures.local, figures.referenced, figures.shown) == (4, 3, 2)
    assert figures.not_shown == ("a.md:2: p2.png",)
