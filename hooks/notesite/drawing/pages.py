"""Every page's diagrams drawn, from the store or by one call to the renderer.

``draw_pages`` takes the build's rendered pages, finds every diagram on them
(each distinct source once), takes what the store has, has the renderer draw
the rest in one go, cleans, checks and stores each new drawing, and puts the
drawings in place. A diagram the renderer rejects, whose drawing is not one
well-formed SVG (``svg.drawing_problem``), or that it could not reach because
the browser would not start, stays a mermaid block: the reader's browser
draws it, as it would without this stage. Each problem names the pages the
diagram is on.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass, field
from functools import partial
from pathlib import Path

from notesite.drawing.browser import Drawn, draw
from notesite.drawing.settings import DrawingError, Renderer
from notesite.drawing.store import DrawingStore
from notesite.drawing.svg import (
    PLACEHOLDER,
    clean_svg,
    diagram_sources,
    drawing_id,
    drawing_key,
    drawing_problem,
    inline_drawings,
)

# Of what clean_svg makes of a drawing: a change makes every stored drawing a miss.
FORMAT = "1"

Draw = Callable[[Sequence[tuple[str, str]]], list[Drawn]]


@dataclass
class Outcome:
    """The pages with their drawings, and what it took."""

    pages: dict[str, str]  # only the pages that changed
    # With ``placeholders``: the drawings the changed pages' placeholders stand for.
    drawings: list[str] = field(default_factory=list)
    diagrams: int = 0  # distinct diagram sources on the pages
    from_store: int = 0
    drawn: int = 0
    left: int = 0  # blocks left for the reader's browser to draw
    # A diagram mermaid rejected, or drew as no whole SVG, with its pages.
    problems: list[str] = field(default_factory=list)
    unavailable: str | None = None  # why nothing could be drawn now


def draw_pages(
    pages: Mapping[str, str],
    renderer: str,
    store: DrawingStore,
    draw: Draw,
    placeholders: bool = False,
) -> Outcome:
    """Each page (name -> HTML) with its mermaid blocks drawn as inline SVG
    (with ``placeholders``: a placeholder for each, see ``svg.put_drawings``)."""
    identity = f"{FORMAT}\n{renderer}"
    keys: dict[str, str] = {}  # source -> key
    where: dict[str, list[str]] = {}  # source -> the pages it is on
    for name, html_text in pages.items():
        if 'class="mermaid"' not in html_text:
            continue
        for source in diagram_sources(html_text):
            keys.setdefault(source, drawing_key(source, identity))
            if name not in where.setdefault(source, []):
                where[source].append(name)
    outcome = Outcome(pages={}, diagrams=len(keys))
    drawings: dict[str, str] = {}
    missing: list[tuple[str, str]] = []
    for source, key in keys.items():
        found = store.load(key)
        if found is not None:
            drawings[source] = found
            outcome.from_store += 1
        else:
            missing.append((source, key))
    if missing:
        drawings.update(_draw_missing(missing, where, store, draw, outcome))

    def place(svg: str) -> str:
        outcome.drawings.append(svg)
        return PLACEHOLDER.format(len(outcome.drawings) - 1)

    for name, html_text in pages.items():
        if 'class="mermaid"' not in html_text:
            continue
        changed, left = inline_drawings(html_text, drawings.get, place if placeholders else str)
        outcome.left += left
        if changed != html_text:
            outcome.pages[name] = changed
    return outcome


def _draw_missing(
    missing: Sequence[tuple[str, str]],
    where: Mapping[str, Sequence[str]],
    store: DrawingStore,
    draw: Draw,
    outcome: Outcome,
) -> dict[str, str]:
    """Each (source, key) drawn now, cleaned, checked and stored, by source;
    what cannot be drawn is reported in ``outcome``, with its pages."""
    try:
        results = draw([(drawing_id(key), source) for source, key in missing])
    except DrawingError as error:
        outcome.unavailable = str(error)
        return {}
    drawings: dict[str, str] = {}
    for (source, key), result in zip(missing, results, strict=False):
        first = source.strip().splitlines()[0] if source.strip() else ""
        on = ", ".join(where[source])
        if result.svg is None:
            outcome.problems.append(f"{on}: mermaid cannot draw {first!r}...: {result.error}")
            continue
        svg = clean_svg(result.svg, drawing_id(key))
        problem = drawing_problem(svg)
        if problem is not None:
            outcome.problems.append(f"{on}: the drawing of {first!r}... is {problem}")
            continue
        drawings[source] = svg
        store.store(key, svg)
        outcome.drawn += 1
    return drawings


@dataclass(frozen=True)
class Drawing:
    """How a build draws its diagrams: which browser, mermaid and styles, and
    where the drawings are kept."""

    chromium: Path
    mermaid_js: Path
    stylesheets: tuple[Path, ...]
    renderer: Renderer
    store: DrawingStore

    def draw_pages(self, pages: Mapping[str, str], placeholders: bool = False) -> Outcome:
        """``draw_pages`` with this browser, in one session for all the pages."""
        render = partial(
            draw,
            chromium=self.chromium,
            mermaid_js=self.mermaid_js,
            stylesheets=self.stylesheets,
            renderer=self.renderer,
        )
        return draw_pages(pages, self.renderer.identity(), self.store, render, placeholders)
