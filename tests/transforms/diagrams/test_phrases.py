"""find_phrase: the earliest place any phrase occurs (whole words, any case),
the first listed of two at one place; one expression for all the phrases."""

from __future__ import annotations

import re

from hypothesis import example, given
from hypothesis import strategies as st
from notesite.transforms.diagrams.text import find_phrase

WORDS = st.sampled_from(["sends", "to", "the", "queue", "Queue", "S3", "a", "-", "+", "x.y"])
PHRASE = st.lists(WORDS, min_size=0, max_size=3).map(" ".join)
TEXT = st.lists(WORDS | st.sampled_from([" ", "  ", "\n", ",", "sendsto"]), max_size=14).map(
    "".join
)


def one_by_one(text: str, phrases: tuple[str, ...]) -> tuple[int, int] | None:
    """Each phrase searched alone; the earliest match, the first phrase on a tie."""
    best: re.Match[str] | None = None
    for phrase in phrases:
        body = r"\s+".join(re.escape(p) for p in phrase.split())
        left = r"(?<!\w)" if phrase[:1].isalnum() else ""
        right = r"(?!\w)" if phrase[-1:].isalnum() else ""
        match = re.search(left + body + right, text, re.IGNORECASE)
        if match and (best is None or match.start() < best.start()):
            best = match
    return best.span() if best else None


@given(TEXT, st.lists(PHRASE, max_size=4).map(tuple))
@example("The queue sends to  S3", ("to s3", "queue", "sends"))
@example("the queue", ("queue", "the queue"))
@example("a-b", ("-", "a"))
def test_the_same_place_as_each_phrase_searched_alone(text: str, phrases: tuple[str, ...]) -> None:
    found = find_phrase(text, phrases)
    assert (found.span() if found else None) == one_by_one(text, phrases)
