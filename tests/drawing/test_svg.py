"""Drawings cleaned and put in place of a page's mermaid blocks (no browser)."""

from __future__ import annotations

import re

from notesite.drawing.svg import (
    PLACEHOLDER,
    clean_svg,
    diagram_sources,
    drawing_id,
    drawing_key,
    drawing_problem,
    inline_drawings,
    named,
    put_drawings,
)

ROOT = "diagram-0123456789abcdef"
# What mermaid draws, in short: a title, a style sheet naming the root id,
# markers referred to by url(#...), ids numbered across a session.
DRAWN = (
    f'<svg id="{ROOT}" width="100%" xmlns="http://www.w3.org/2000/svg" viewBox="0 0 10 10" '
    f'role="graphics-document document" aria-labelledby="chart-title-{ROOT}">'
    f'<title id="chart-title-{ROOT}">Sign in</title>'
    f"<style>#{ROOT}{{fill:#333;}}#{ROOT} .node rect{{fill:#ECECFF;}}</style>"
    f'<marker id="{ROOT}-arrowhead"><path d="M0,0"/></marker>'
    '<g id="actor0"><text>User</text></g>'
    f'<line marker-end="url(#{ROOT}-arrowhead)"/>'
    '<foreignObject width="9"><div xmlns="http://www.w3.org/1999/xhtml">'
    '<span class="nodeLabel"><p>a &lt;b&gt; "c"</p></span><br></div></foreignObject>'
    "</svg>"
)
PAGE = (
    '<p>Before</p>\n<figure class="notes-diagram">\n<pre  class="mermaid"><code>flowchart LR\n'
    "  n1[&quot;A&quot;] --&gt; n2[&quot;B&quot;]\n</code></pre>\n"
    "<figcaption>\n<p>Alt text — <abbr title='Simple'>SNS</abbr> &amp; more</p>\n"
    "</figcaption>\n</figure>\n<p>After</p>"
)
SOURCE = 'flowchart LR\n  n1["A"] --> n2["B"]\n'


def ids(svg: str) -> list[str]:
    return re.findall(r'\sid="([^"]*)"', svg)


def test_every_id_is_renamed_after_the_root_and_references_follow() -> None:
    """Ids become <root>-1, <root>-2 ... in order; markers, labels and styles follow."""
    clean = clean_svg(DRAWN, ROOT)
    assert ids(clean) == [ROOT, f"{ROOT}-1", f"{ROOT}-2", f"{ROOT}-3"]
    assert f'aria-labelledby="{ROOT}-1"' in clean
    assert f'marker-end="url(#{ROOT}-2)"' in clean
    assert f"#{ROOT} .node rect{{fill:#ECECFF;}}" in clean


def test_a_drawing_does_not_depend_on_what_was_drawn_before_it() -> None:
    """Mermaid's session counters (actor0, actor5) leave no trace in the clean drawing."""
    assert clean_svg(DRAWN, ROOT) == clean_svg(DRAWN.replace("actor0", "actor5"), ROOT)


def test_the_drawing_keeps_its_markup_as_written() -> None:
    """Case of SVG names, labels in foreignObject, text and entities are kept."""
    clean = clean_svg(DRAWN, ROOT)
    assert 'viewBox="0 0 10 10"' in clean
    assert "<foreignObject" in clean and "</foreignObject>" in clean
    assert '<p>a &lt;b&gt; "c"</p>' in clean
    assert "<text>User</text>" in clean


def test_nothing_that_runs_survives() -> None:
    """Scripts, event handlers and javascript: links are dropped; the rest stays."""
    hostile = DRAWN.replace(
        "<title",
        '<script>alert(1)</script><a xlink:href="javascript:alert(2)" href="JavaScript:x">'
        '<rect onclick="alert(3)" ONLOAD="x" width="1"/></a>'
        '<foreignObject><iframe src="x"><p>in</p></iframe></foreignObject><title',
    )
    clean = clean_svg(hostile, ROOT)
    assert "alert" not in clean and "javascript" not in clean.lower()
    assert "<script" not in clean and "<iframe" not in clean
    assert '<rect width="1"/>' in clean
    assert "<title" in clean


def test_sources_are_read_from_the_blocks() -> None:
    """A block's source is its code, unescaped, with one final newline."""
    assert diagram_sources(PAGE) == [SOURCE]
    assert diagram_sources("<p>No diagram</p>") == []


def test_a_drawing_takes_the_place_of_its_block_named_by_the_caption() -> None:
    """The block becomes the drawing, an image named by its figure's caption."""
    svg = clean_svg(DRAWN, ROOT)
    page, left = inline_drawings(PAGE, {SOURCE: svg}.get)
    assert left == 0
    assert "<pre" not in page and "mermaid" not in page.replace(ROOT, "")
    assert '<div class="notes-diagram__drawing"><svg id=' in page
    assert 'role="img" aria-label="Alt text — SNS &amp; more"' in page
    assert "aria-labelledby" not in page and "graphics-document" not in page
    assert page.startswith("<p>Before</p>") and page.endswith("<p>After</p>")


def test_a_block_without_a_drawing_is_left_for_the_browser() -> None:
    """A source nothing drew stays a mermaid block, and is counted."""
    page, left = inline_drawings(PAGE, {}.get)
    assert (page, left) == (PAGE, 1)


def test_nothing_to_draw_leaves_the_page_unchanged() -> None:
    """A page with no mermaid block is returned as it was."""
    text = "<p>Plain <code>mermaid</code> text</p>"
    assert inline_drawings(text, {SOURCE: DRAWN}.get) == (text, 0)


def test_a_drawing_without_a_caption_is_named_by_its_title() -> None:
    """With no caption, the drawing's own title (mermaid's accTitle) names it."""
    assert 'role="img" aria-label="Sign in"' in named(DRAWN, "")


def test_the_key_changes_with_the_source_and_the_renderer() -> None:
    """A drawing is found again only for the same source drawn by the same renderer."""
    key = drawing_key(SOURCE, "mermaid 11")
    assert key == drawing_key(SOURCE, "mermaid 11")
    assert key != drawing_key(SOURCE + " ", "mermaid 11")
    assert key != drawing_key(SOURCE, "mermaid 12")
    assert re.fullmatch(r"diagram-[0-9a-f]{16}", drawing_id(key))


def test_placeholders_are_replaced_by_their_drawings() -> None:
    """Each placeholder becomes the drawing it numbers; a page without one is unchanged."""
    held = f"<p>{PLACEHOLDER.format(1)}</p><p>{PLACEHOLDER.format(0)}</p>"
    assert put_drawings(held, ["<svg>a</svg>", "<svg>b</svg>"]) == (
        "<p><svg>b</svg></p><p><svg>a</svg></p>"
    )
    assert put_drawings("<p>none</p>", []) == "<p>none</p>"


def test_a_clean_drawing_passes_the_drawing_check() -> None:
    """What clean_svg makes of mermaid's output is a drawing: HTML's void
    elements in labels written closed (<br> as <br/>), HTML's &nbsp; read."""
    drawn = DRAWN.replace("<p>a ", "<p>a&nbsp;").replace("</p>", '<img src="x.png"></p>')
    assert drawing_problem(drawn) is not None
    clean = clean_svg(drawn, ROOT)
    assert drawing_problem(clean) is None
    assert "<br/></div>" in clean and '<img src="x.png"/></p>' in clean


def test_a_drawing_cut_anywhere_is_refused() -> None:
    """Cut mid-tag, mid-text or in its closing tag, with or without a closing
    </svg> put back: never a drawing, so it cannot swallow the page after it."""
    whole = clean_svg(DRAWN, ROOT)
    mid_tag = whole.index("<marker") + 4
    for cut in (mid_tag, whole.index("User") + 2, len(whole) - 3):
        assert drawing_problem(whole[:cut]) is not None
        assert drawing_problem(whole[:cut] + "</svg>") is not None


def test_only_one_closed_svg_element_is_a_drawing() -> None:
    """Two roots, text after the root, an svg of another namespace, a document type or an
    unknown entity are each refused with the reason."""
    assert "junk after document element" in drawing_problem("<svg></svg><svg></svg>")
    assert "whole <svg>" in drawing_problem("<svg></svg><p>after</p>")
    assert "its root is <{urn:x}svg>" in drawing_problem('<svg xmlns="urn:x"></svg>')
    doctype = '<svg><!DOCTYPE svg [<!ENTITY a "b">]><text>&a;</text></svg>'
    assert "document type" in drawing_problem(doctype)
    assert "well-formed" in drawing_problem("<svg><text>&bogus;</text></svg>")


def test_an_unclosed_void_element_that_is_dropped_hides_nothing_after_it() -> None:
    """<embed> has no end tag: it goes, and the label after it stays."""
    clean = clean_svg(
        '<svg id="r"><foreignObject><embed src="x"><p>after</p></foreignObject></svg>', "r"
    )
    assert "<embed" not in clean and "<p>after</p>" in clean and drawing_problem(clean) is None
