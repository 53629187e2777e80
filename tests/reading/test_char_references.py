"""mdformat's escape of text that reads as a character reference, done by a
function instead of a template (reading.parse._CharReferences): the same text."""

from __future__ import annotations

from hypothesis import example, given
from hypothesis import strategies as st
from mdformat.renderer import _util
from notesite.reading.parse import _CharReferences

TEMPLATE = r"\\\g<0>"  # as mdformat's text renderer calls it
PIECES = st.sampled_from(
    ["&", ";", "#", "x", "X", "1f", "10", "amp", "copy", "nbsp", "lt", "AElig", "a", " ", "\n"]
)


@given(st.lists(PIECES, max_size=24).map("".join) | st.text(max_size=40))
@example("Tom &amp; Jerry &copy; &#10; &#x1F600; &nbsp &amp;lt; & done")
def test_the_same_escape_as_the_template(text: str) -> None:
    pattern = _util.re_char_reference()
    assert _CharReferences(pattern).sub(TEMPLATE, text) == pattern.sub(TEMPLATE, text)
