"""The sanitiser: the notes' raw HTML and link targets made safe, as GitHub does."""

from __future__ import annotations

import pytest
from notesite.reading.parse import make_parser, parse_notes, render_markdown
from notesite.reading.sanitise import sanitise_html, sanitise_tokens, url_problem

MDIT = make_parser()


def sanitised(text: str) -> tuple[str, list[str]]:
    """The notes' canonical Markdown after sanitising, and the warnings given."""
    notes = parse_notes(text, "notes.md", MDIT)
    findings = sanitise_tokens(notes.tokens, notes.path)
    return render_markdown(notes.tokens, notes.env, MDIT), [str(f) for f in findings]


def test_notes_without_html_or_odd_links_are_unchanged():
    """Nothing to sanitise leaves the Markdown and the warnings as they were."""
    text = "# S3\n\n- [docs](https://aws.amazon.com/s3/) and [here](#s3)\n- ![pic](pic/a.png)\n"
    notes = parse_notes(text, "notes.md", MDIT)
    before = render_markdown(notes.tokens, notes.env, MDIT)
    assert sanitised(text) == (before, [])


@pytest.mark.parametrize(
    ("fragment", "kept", "removed"),
    [
        ("<img src=x onerror=alert(1)>", '<img src="x">', ["onerror= of <img>"]),
        ("<svg onload=alert(1)>", "", ["<svg>"]),
        ("<script>alert(1)</script>", "alert(1)", ["<script>", "</script>"]),
        ('<iframe srcdoc="<script>alert(1)</script>"></iframe>', "", ["<iframe>", "</iframe>"]),
        ("<base href=//evil.example/>", "", ["<base>"]),
        ("<style>@import url(//evil.example/x.css)</style>", "@import url(//evil.example/x.css)",
         ["<style>", "</style>"]),
        ('<a href="javascript:alert(1)">x</a>', "<a>x</a>", ["href= of <a>"]),
        ('<a href="JaVa&#x09;ScRiPt:alert(1)">x</a>', "<a>x</a>", ["href= of <a>"]),
        ('<p style="x" class="md-header" id="x">t</p>', "<p>t</p>",
         ["style= of <p>", "id= of <p>"]),
        ("<!-- a --!> <img src=x onerror=alert(1)> -->", "", ["a comment"]),
        ("<!-- table -->", "<!-- table -->", []),
        ("<details><summary>More</summary>", "<details><summary>More</summary>", []),
        ('<img src="../Images/x.png" width=600>', '<img src="../Images/x.png" width="600">', []),
        ('<noscript><p title="</noscript><img src=x onerror=alert(1)>">',
         '<p title="\u2039/noscript&gt;\u2039img src=x onerror=alert(1)&gt;">', ["<noscript>"]),
        ("<form action=//x><input name=a></form>", "", ["<form>", "<input>", "</form>"]),
        ("a < b & c", "a &lt; b &amp; c", []),
    ],
)  # fmt: skip
def test_raw_html_keeps_the_allowlist_and_the_text(fragment, kept, removed):
    """Only allowed tags and attributes stay, rewritten; text stays, escaped; removals named."""
    assert sanitise_html(fragment) == (kept, removed)


@pytest.mark.parametrize(
    ("url", "image", "refused"),
    [
        ("https://aws.amazon.com/", False, False),
        ("mailto:me@example.com", False, False),
        ("pic/a.png", True, False),
        ("#anchor", False, False),
        ("javascript:alert(1)", False, True),
        (" JAVA\tSCRIPT:alert(1)", False, True),
        ("java%0ascript:alert(1)", False, True),
        ("vbscript:msgbox(1)", False, True),
        ("data:image/png;base64,iVBORw0KGgo=", True, False),
        ("data:image/svg+xml;base64,PHN2Zz4=", True, True),
        ("data:text/html,<script>alert(1)</script>", False, True),
        ("file:///etc/passwd", False, True),
    ],
)
def test_only_relative_http_and_mailto_targets_are_kept(url, image, refused):
    """Link targets: relative, http(s), mailto; images: also data: raster pictures."""
    assert (url_problem(url, image=image) is not None) is refused


def test_a_refused_link_keeps_its_text_and_is_reported_at_its_line():
    """[x](javascript:…) and <javascript:…> become their text, with a warning at file:line."""
    text = "# S3\n\n- one\n- [click me](javascript:alert(1)) and <javascript:alert(2)>\n"
    markdown, warnings = sanitised(text)
    assert "click me and javascript:alert(2)" in markdown
    assert "](" not in markdown
    assert warnings == [
        "notes.md:4: link javascript:alert(1) removed (javascript: links are not kept); "
        "its text is kept.",
        "notes.md:4: link javascript:alert(2) removed (javascript: links are not kept); "
        "its text is kept.",
    ]


def test_a_refused_image_becomes_its_alt_text():
    """An SVG or HTML data: image is not shown; its alt text is."""
    markdown, warnings = sanitised("![a diagram](data:image/svg+xml;base64,PHN2Zz4=)\n")
    assert markdown.strip() == "a diagram"
    assert warnings[0].startswith("notes.md:1: image data:image/svg+xml")


def test_html_in_a_heading_is_cleaned_and_left_out_of_the_title():
    """A payload in a heading is removed there, so no title, nav or search entry has it."""
    notes = parse_notes("# S3 <img src=x onerror=alert(1)>\n", "notes.md", MDIT)
    warnings = sanitise_tokens(notes.tokens, notes.path)
    assert [w.line for w in warnings] == [1]
    assert notes.tokens[1].children[1].content == '<img src="x">'


def test_a_line_emptied_by_the_sanitiser_does_not_end_an_html_block():
    """Removing a whole line leaves no blank line that would end the block early."""
    markdown, warnings = sanitised('<div align="center">\n<script>\n</script>\ntext\n</div>\n')
    assert markdown == '<div align="center">\ntext\n</div>\n'
    assert len(warnings) == 1


def test_mkdocs_syntax_that_sets_attributes_is_shown_as_text():
    """Attribute lists and caption attrs would set onclick= in Python-Markdown: not kept."""
    text = (
        "# S3 {: onclick=alert(1) }\n\n- *em*{: onclick=alert(2) } after\n\n"
        "/// caption\n    attrs: {id: x, onclick: alert(3)}\nA caption\n///\n"
    )
    markdown, warnings = sanitised(text)
    assert "# S3 &#123;: onclick=alert(1) }" in markdown
    assert "*em*&#123;: onclick=alert(2) } after" in markdown
    assert "attrs:" not in markdown
    assert warnings == [
        "notes.md:5: caption attrs: {id: x, onclick: alert(3)} not kept: notes set no attributes."
    ]


def test_admonition_and_tab_titles_are_cleaned_where_they_are_written():
    """A title is written from the block's info string: it is cleaned there too."""
    markdown, warnings = sanitised(
        '!!! note "<img src=x onerror=alert(1)>"\n    body\n\n'
        '=== "<b onclick=alert(2)>t</b>"\n    tab\n'
    )
    assert "onerror" not in markdown and "onclick" not in markdown
    assert '!!! note "<img src="x">"' in markdown
    assert [w.split(":")[1] for w in warnings] == ["1", "4"]


@pytest.mark.parametrize(
    "text",
    [
        "$$\n<img src=x onerror=alert(1)>\n$$\n",
        "inline $<img src=x onerror=alert(1)>$ math\n",
        "\\begin{equation}\n<img src=x onerror=alert(1)>\n\\end{equation}\n",
        '--8<-- "<img src=x onerror=alert(1)>"\n',
        "::: <img src=x onerror=alert(1)>\n",
    ],
)
def test_syntax_written_back_as_is_cannot_carry_a_tag(text):
    """Math and MkDocs plugin lines are copied as written: their "<" becomes an entity."""
    markdown, _ = sanitised(text)
    assert "<img" not in markdown and "&lt;img src=x onerror=alert(1)>" in markdown


def test_a_code_fence_language_is_one_word():
    """A fence "language" that is markup is dropped (the code stays), with a warning."""
    markdown, warnings = sanitised('```"><img/src=x/onerror=alert(1)>\ncode\n```\n')
    assert markdown == "```\ncode\n```\n"
    assert warnings == ['notes.md:1: code fence language "><img/src=x/onerror=alert(1)> not kept.']


def test_titles_hold_no_markup_the_theme_would_read():
    """The theme shows titles as HTML tooltips: a "<" that starts a tag becomes "‹"."""
    markdown, warnings = sanitised(
        "*[HTML]: <img src=x onerror=alert(1)>\n\n"
        'HTML [x](https://a.b "<img src=x onerror=alert(2)>") '
        '![y](p.png "a < b") <p title="<img src=x onerror=alert(3)>">t</p>\n'
    )
    assert "<img src=x" not in markdown
    assert '"\u2039img src=x onerror=alert(2)>"' in markdown
    assert '"a < b"' in markdown
    assert 'title="\u2039img src=x onerror=alert(3)&gt;"' in markdown
    assert len(warnings) == 3


@pytest.mark.parametrize(
    ("fragment", "kept"),
    [
        ('<details markdown="1"><summary markdown=span>Answer</summary>',
         "<details><summary>Answer</summary>"),
        ('<div class="hide-star" data-x="1">', "<div>"),
        ("<a href='https://ko-fi.com/x' target='_blank' rel=noopener>k</a>",
         '<a href="https://ko-fi.com/x">k</a>'),
    ],
)  # fmt: skip
def test_attributes_github_drops_with_no_visible_effect_are_dropped_silently(fragment, kept):
    """`markdown=`, `class=`, `target=`, `rel=`, `data-*=` go without a warning."""
    assert sanitise_html(fragment) == (kept, [])


def test_a_silent_attribute_does_not_hide_a_removal_beside_it():
    """A handler or style beside `markdown=1` is still reported."""
    cleaned, removed = sanitise_html('<details markdown="1" onclick="x()" style="color:red">')
    assert cleaned == "<details>"
    assert removed == ["onclick= of <details>", "style= of <details>"]


def test_markdown_attributes_give_no_warning_in_the_notes():
    """Notes full of `<details markdown="1">` answers build without a warning."""
    text = (
        "# S3\n\n"
        + "<details markdown=\"1\"><summary markdown='span'>Answer</summary>\n\nA\n</details>\n" * 3
    )
    _markdown, warnings = sanitised(text)
    assert warnings == []


def test_a_local_picture_climbing_out_is_dropped_where_no_later_stage_resolves_it():
    """Confined HTML (a title) loses an `<img src>` by `..` or `/`; other HTML keeps it."""
    assert sanitise_html('<img src="../x.png">', confined=True) == ("<img>", ["src= of <img>"])
    assert sanitise_html('<img src="/etc/x.png">', confined=True) == ("<img>", ["src= of <img>"])
    assert sanitise_html('<img src="pic/x.png">', confined=True) == ('<img src="pic/x.png">', [])
    assert sanitise_html('<img src="../x.png">') == ('<img src="../x.png">', [])
