"""The last check before a page is written: no live markup in its content."""

from __future__ import annotations

import pytest
from notesite.output.guard import live_markup


@pytest.mark.parametrize(
    ("html", "found"),
    [
        ("<p>one only <em>onward</em>, see the onclick= attribute</p>", []),
        ('<p><img alt="pixel" src="data:image/gif;base64,R0lGOD=="></p>', []),
        ('<p><a href="https://aws.amazon.com/">docs</a></p>', []),
        ("<p>x</p><script>alert(1)</script>", ["<script>"]),
        ('<h2 id="a" onclick="alert(1)">A</h2>', ["onclick= on <h2>"]),
        ('<a href=" javascript:alert(1)">x</a>', ["href= javascript:alert(1) on <a>"]),
        ('<iframe src="data:text/html,x">', ["<iframe>", "src=data:text/html,x on <iframe>"]),
        ('<base href="https://evil.example/">', ["<base>"]),
        ('<a href="java\tscript:alert(1)">x</a>', ["href=java\tscript:alert(1) on <a>"]),
    ],
)  # fmt: skip
def test_live_markup_is_found_and_the_rest_passes(html, found):
    """Scripts, handlers, code URLs and loading elements are found; text about them is not."""
    assert live_markup(html) == found


def test_a_page_with_live_markup_stops_the_build(tmp_path, caplog):
    """The hook refuses to write such a page: the build stops, naming it."""
    from mkdocs.exceptions import Abort

    from tests.reading.test_notes_fixtures import build_case, make_project

    project, _ = make_project("lists", tmp_path)
    (project / "docs" / "extra.md").write_text("# Extra\n\n<script>alert(1)</script>\n")
    with pytest.raises(Abort):
        build_case(project, strict=False)
    assert "extra.md: the page would hold <script>, which is never published" in caplog.text
