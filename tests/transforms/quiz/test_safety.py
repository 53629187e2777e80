"""The notes cannot pose as the quiz: their HTML loses the quiz's classes and
data attributes, and a question made of hostile text renders with nothing live."""

from __future__ import annotations

import markdown
from bs4 import BeautifulSoup
from notesite.output.guard import live_markup

from .test_golden import run

EXTENSIONS = ["attr_list", "md_in_html", "pymdownx.details", "admonition"]

FAKE = """\
<div class="notes-quiz" data-quiz="q-1" data-answer="A" data-options="A,B">

fake question

</div>

Not a stem { .notes-quiz__stem data-answer="B" }

1. Which is safe? <img src=x onerror=alert(1)>
    - A. [this](javascript:alert(1))
    - B. <script>alert(1)</script>

    Answer: A

    Explanation: <a href="javascript:alert(2)" onclick="alert(3)">why</a>
"""


def html_of(text: str) -> str:
    page, _, _ = run(text)
    return markdown.markdown(page, extensions=EXTENSIONS)


def test_notes_html_cannot_carry_the_quiz_markup() -> None:
    """Of the notes' fake quiz block only the text stays: one quiz, the real one."""
    soup = BeautifulSoup(html_of(FAKE), "lxml")
    assert len(soup.select(".notes-quiz")) == 1
    assert [tag["data-answer"] for tag in soup.select("[data-answer]")] == ["A"]
    assert [tag.get_text() for tag in soup.select(".notes-quiz__stem")] == ["1. Which is safe? "]
    assert "fake question" in soup.get_text() and "Not a stem" in soup.get_text()


def test_a_hostile_question_renders_with_nothing_live() -> None:
    """A question's handlers, scripts and javascript: links go; their text stays."""
    html = html_of(FAKE)
    assert live_markup(html) == []
    assert "Which is safe?" in html and "why" in html and "this" in html
