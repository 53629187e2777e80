"""A build's pages drawn from the store or by one call to the renderer (a fake one here)."""

from __future__ import annotations

from collections.abc import Sequence
from pathlib import Path

import pytest
from notesite.drawing.browser import Drawn
from notesite.drawing.pages import draw_pages
from notesite.drawing.settings import DrawingError
from notesite.drawing.store import DrawingStore
from notesite.drawing.svg import put_drawings


def page(*sources: str) -> str:
    blocks = "".join(f'<pre class="mermaid"><code>{s}</code></pre>\n' for s in sources)
    return f"<h1>Title</h1>\n{blocks}"


class FakeRenderer:
    """Draws a box per diagram, fails on a source it is told to reject, or
    draws half an SVG for a source it is told to cut."""

    def __init__(self, reject: str = "", cut: str = "") -> None:
        self.calls: list[list[str]] = []
        self.reject = reject
        self.cut = cut

    def __call__(self, diagrams: Sequence[tuple[str, str]]) -> list[Drawn]:
        self.calls.append([source for _, source in diagrams])
        return [self.one(ident, source) for ident, source in diagrams]

    def one(self, ident: str, source: str) -> Drawn:
        if self.reject and self.reject in source:
            return Drawn(None, "Parse error")
        svg = f'<svg id="{ident}"><g id="x"><text>{source.strip()}</text></g></svg>'
        return Drawn(svg[:14] if self.cut and self.cut in source else svg)


def test_all_diagrams_are_drawn_in_one_call_and_each_source_once(tmp_path: Path) -> None:
    """Two pages, three blocks, two sources: one call to the renderer, two drawings."""
    renderer = FakeRenderer()
    pages = {"a.md": page("graph A", "graph B"), "b.md": page("graph A"), "c.md": "<p>no</p>"}
    outcome = draw_pages(pages, "r1", DrawingStore(tmp_path), renderer)
    assert renderer.calls == [["graph A\n", "graph B\n"]]
    assert (outcome.diagrams, outcome.drawn, outcome.from_store, outcome.left) == (2, 2, 0, 0)
    assert sorted(outcome.pages) == ["a.md", "b.md"]
    assert outcome.pages["a.md"].count("<svg") == 2 and "mermaid" not in outcome.pages["a.md"]


def test_a_second_build_draws_nothing(tmp_path: Path) -> None:
    """What was drawn is taken from the store: the renderer is not called again."""
    pages = {"a.md": page("graph A")}
    first = draw_pages(pages, "r1", DrawingStore(tmp_path), FakeRenderer())
    renderer = FakeRenderer()
    again = draw_pages(pages, "r1", DrawingStore(tmp_path), renderer)
    assert renderer.calls == []
    assert (again.from_store, again.drawn) == (1, 0)
    assert again.pages == first.pages


def test_another_renderer_draws_again(tmp_path: Path) -> None:
    """A new mermaid (or new settings) makes every stored drawing a miss."""
    pages = {"a.md": page("graph A")}
    draw_pages(pages, "mermaid 11", DrawingStore(tmp_path), FakeRenderer())
    renderer = FakeRenderer()
    draw_pages(pages, "mermaid 12", DrawingStore(tmp_path), renderer)
    assert renderer.calls == [["graph A\n"]]


def test_a_diagram_mermaid_rejects_is_left_to_the_browser(tmp_path: Path) -> None:
    """The others are drawn; the rejected one stays a block and is reported."""
    pages = {"a.md": page("graph A", "bad B")}
    outcome = draw_pages(pages, "r1", DrawingStore(tmp_path), FakeRenderer(reject="bad"))
    assert outcome.left == 1 and outcome.drawn == 1
    assert outcome.problems == ["a.md: mermaid cannot draw 'bad B'...: Parse error"]
    assert '<pre class="mermaid"><code>bad B</code></pre>' in outcome.pages["a.md"]


def test_a_fresh_drawing_that_is_no_whole_svg_is_left_to_the_browser(tmp_path: Path) -> None:
    """Half an SVG from the browser is never put in a page nor kept: the block
    stays, and the problem names every page the diagram is on."""
    pages = {"a.md": page("graph A", "cut B"), "b.md": page("cut B")}
    store = DrawingStore(tmp_path)
    outcome = draw_pages(pages, "r1", store, FakeRenderer(cut="cut"))
    assert outcome.left == 2 and outcome.drawn == 1
    assert len(outcome.problems) == 1
    assert outcome.problems[0].startswith("a.md, b.md: the drawing of 'cut B'... is not ")
    assert '<pre class="mermaid"><code>cut B</code></pre>' in outcome.pages["a.md"]
    assert len(list(tmp_path.iterdir())) == 1


def test_a_kept_drawing_that_is_no_whole_svg_is_drawn_again(tmp_path: Path) -> None:
    """A stored drawing cut mid-tag, even under a checksum that holds, is
    dropped and drawn again: the page gets the whole drawing."""
    pages = {"a.md": page("graph A")}
    first = draw_pages(pages, "r1", DrawingStore(tmp_path), FakeRenderer())
    (kept,) = tmp_path.iterdir()
    whole = DrawingStore(tmp_path).load(kept.stem)
    assert whole is not None
    DrawingStore(tmp_path).store(kept.stem, whole[: whole.index("<text") + 3])
    renderer = FakeRenderer()
    again = draw_pages(pages, "r1", DrawingStore(tmp_path), renderer)
    assert renderer.calls == [["graph A\n"]]
    assert again.pages == first.pages
    assert DrawingStore(tmp_path).load(kept.stem) == whole


def test_no_browser_leaves_every_page_as_it_was(tmp_path: Path) -> None:
    """When the renderer cannot start, nothing changes and the reason is kept."""

    def unavailable(diagrams: Sequence[tuple[str, str]]) -> list[Drawn]:
        raise DrawingError("no browser")

    outcome = draw_pages({"a.md": page("graph A")}, "r1", DrawingStore(tmp_path), unavailable)
    assert outcome.pages == {} and outcome.left == 1
    assert outcome.unavailable == "no browser"


def test_without_a_store_every_build_draws(tmp_path: Path) -> None:
    """cache: false keeps nothing between builds."""
    renderer = FakeRenderer()
    for _ in range(2):
        draw_pages({"a.md": page("graph A")}, "r1", DrawingStore(None), renderer)
    assert len(renderer.calls) == 2


@pytest.mark.parametrize("pages", [{}, {"a.md": "<p>Text about mermaid</p>"}])
def test_nothing_to_draw_starts_nothing(tmp_path: Path, pages: dict[str, str]) -> None:
    """Pages without a diagram: no renderer call, no page changed."""
    renderer = FakeRenderer()
    outcome = draw_pages(pages, "r1", DrawingStore(tmp_path), renderer)
    assert renderer.calls == [] and outcome.pages == {} and outcome.diagrams == 0


def test_placeholders_stand_for_the_drawings_until_put_in(tmp_path: Path) -> None:
    """With placeholders, pages hold a short comment per drawing; put_drawings
    gives the same pages as drawing them in place."""
    pages = {"a.md": page("graph A", "graph B"), "b.md": page("graph A")}
    whole = draw_pages(pages, "r1", DrawingStore(tmp_path), FakeRenderer())
    held = draw_pages(pages, "r1", DrawingStore(tmp_path), FakeRenderer(), placeholders=True)
    assert "<svg" not in held.pages["a.md"] and len(held.drawings) == 3
    assert "<!--notes-drawing:0-->" in held.pages["a.md"]
    for name, text in held.pages.items():
        assert put_drawings(text, held.drawings) == whole.pages[name]
