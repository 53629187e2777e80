"""The diagrams as a reader sees them: the built site opened from disk in Chromium.

Each page is opened with ``file://`` in a fresh context. Every request that
is not for a file is refused and counted (there must be none). The site's
diagrams are drawn at build time: inline SVG, with no mermaid loaded. Built
without a Chromium (``fallback_build``), the site leaves them to the
reader's browser: Material draws each into a closed shadow root, and an init
script opens shadow roots so the test can see the SVG. Set
``BROWSER_SITE_DIR`` to a built site to skip the build while working on
these tests.
"""

from __future__ import annotations

import os
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import pytest

from tests.browser.reader import DRAW_EVERY_DIAGRAM
from tests.conftest import LoggedBuild

pytestmark = pytest.mark.browser

OPEN_SHADOW_ROOTS = """(() => {
  const attach = Element.prototype.attachShadow;
  Element.prototype.attachShadow = function (init) {
    return attach.call(this, Object.assign({}, init, { mode: "open" }));
  };
})();"""
DRAWN = """(expected) => {
  const hosts = [...document.querySelectorAll("div.mermaid")];
  const drawn = h => h.shadowRoot && h.shadowRoot.querySelector("svg");
  return hosts.length === expected && hosts.every(drawn);
}"""
# What each drawn diagram looks like: errors mermaid would draw, and its scale.
INSPECT = """() => [...document.querySelectorAll("div.mermaid")].map(host => {
  const svg = host.shadowRoot.querySelector("svg");
  const box = svg.viewBox.baseVal;
  const label = svg.querySelector(".nodeLabel, text.actor, .messageText");
  return {
    error: !!svg.querySelector(".error-icon, .error-text") || /Syntax error/.test(svg.textContent),
    texts: svg.textContent.trim().length,
    scale: box && box.width ? svg.getBoundingClientRect().width / box.width : 1,
    ink: label ? getComputedStyle(label).color + " " + getComputedStyle(label).fill : null,
  };
})"""
# The same for drawings made at build time (inline SVG in the figure).
INSPECT_DRAWINGS = """() => [...document.querySelectorAll("figure.notes-diagram svg")].map(svg => {
  const box = svg.viewBox.baseVal;
  const edge = svg.querySelector(".flowchart-link, .messageLine0, .messageLine1");
  const label = svg.querySelector(".nodeLabel, text.actor, .messageText");
  const shown = svg.getBoundingClientRect();
  return {
    texts: svg.textContent.trim().length,
    width: shown.width,
    height: shown.height,
    scale: box && box.width ? shown.width / box.width : 1,
    edge: edge ? getComputedStyle(edge).stroke : null,
    ink: label ? getComputedStyle(label).color + " " + getComputedStyle(label).fill : null,
  };
})"""
MERMAID_FILE = "assets/vendor/mermaid/mermaid.min.js"
LOADER_FILE = "assets/javascripts/mermaid-on-demand.js"


@pytest.fixture(scope="module")
def site(request: pytest.FixtureRequest) -> Path:
    """The site as built, with its diagrams drawn at build time."""
    override = os.environ.get("BROWSER_SITE_DIR")
    if override:
        return Path(override).resolve()
    built: Path = request.getfixturevalue("built_site")
    return built


@pytest.fixture(scope="module")
def fallback(fallback_build: LoggedBuild) -> Path:
    """The site built where no Chromium was found: the reader's browser draws."""
    return fallback_build.site


@dataclass
class Visit:
    """One page opened from disk, and what it asked for."""

    page: Any
    refused: list[str] = field(default_factory=list)
    files: list[str] = field(default_factory=list)
    errors: list[str] = field(default_factory=list)
    mermaid_bytes: int = 0


def open_page(chromium: Any, site: Path, name: str, *, watch: bool = True, **context: Any) -> Visit:
    """Open a page of the site from disk; with ``watch``, record and police its requests.

    Without ``watch`` the context is simply offline (cheaper: the 3.6 MB
    mermaid script does not pass through the test's request handler).
    """
    browser_context = chromium.new_context(offline=not watch, **context)
    browser_context.add_init_script(OPEN_SHADOW_ROOTS)
    page = browser_context.new_page()
    visit = Visit(page)
    page.on("console", lambda m: visit.errors.append(m.text) if m.type == "error" else None)
    page.on("pageerror", lambda e: visit.errors.append(str(e)))
    if not watch:
        page.goto((site / name).as_uri())
        return visit

    def guard(route: Any) -> None:
        url = route.request.url
        if url.startswith("file://"):
            visit.files.append(url)
            route.continue_()
        elif url.startswith(("data:", "blob:", "about:")):
            route.continue_()
        else:
            visit.refused.append(url)
            route.abort()

    def on_response(response: Any) -> None:
        if response.url.endswith(MERMAID_FILE):
            visit.mermaid_bytes += len(response.body())

    browser_context.route("**/*", guard)
    page.on("response", on_response)
    page.goto((site / name).as_uri())
    return visit


def diagram_count(site: Path, name: str) -> int:
    """The diagrams of a page: mermaid blocks, or drawings made at build time."""
    text = (site / name).read_text(encoding="utf-8")
    return text.count('<pre class="mermaid">') + text.count('class="notes-diagram__drawing"')


def diagram_pages(site: Path) -> list[str]:
    pages = sorted(p.name for p in site.glob("*.html"))
    return [p for p in pages if diagram_count(site, p)]


# -- drawn at build time -------------------------------------------------------------


def test_every_drawing_shows_and_no_mermaid_loads(browser: Any, site: Path) -> None:
    """From disk, every page shows its drawings at once: no script fetched for them,
    no mermaid defined, no network, no error."""
    pages = diagram_pages(site)
    assert len(pages) >= 9
    for name in pages:
        visit = open_page(browser, site, name)
        visit.page.wait_for_load_state("load")
        drawn = visit.page.evaluate(INSPECT_DRAWINGS)
        assert len(drawn) == diagram_count(site, name), name
        assert all(d["texts"] and d["width"] > 50 and d["height"] > 20 for d in drawn), name
        assert [f for f in visit.files if "mermaid" in f] == [], name
        assert visit.page.evaluate("typeof window.mermaid") == "undefined", name
        assert visit.page.locator("pre.mermaid, div.mermaid").count() == 0, name
        assert visit.refused == [] and visit.errors == [], name
        visit.page.context.close()


def test_dark_mode_recolours_the_drawings(browser: Any, site: Path) -> None:
    """Switching Material's palette to dark recolours text and arrows, with no script
    of the drawing's own: its colours are the palette's CSS variables."""
    visit = open_page(browser, site, "sqs.html", watch=False, color_scheme="light")
    page = visit.page
    page.wait_for_load_state("load")
    light = page.evaluate(INSPECT_DRAWINGS)[0]
    for _ in range(3):  # the toggle cycles: system, light, dark
        if page.evaluate("document.body.getAttribute('data-md-color-scheme')") == "slate":
            break
        page.click("form[data-md-component=palette] label:not([hidden])")
    assert page.evaluate("document.body.getAttribute('data-md-color-scheme')") == "slate"
    dark = page.evaluate(INSPECT_DRAWINGS)[0]
    assert light["ink"] and dark["ink"] and light["ink"] != dark["ink"]
    assert light["edge"] and dark["edge"] and light["edge"] != dark["edge"]
    assert visit.errors == []
    page.context.close()


def test_drawn_text_is_selectable_and_found_by_find_in_page(browser: Any, site: Path) -> None:
    """A box's label is page text: find-in-page reaches it and a selection copies it."""
    visit = open_page(browser, site, "sns.html", watch=False)
    page = visit.page
    page.wait_for_load_state("load")
    label = page.evaluate(
        """() => document.querySelector("figure.notes-diagram svg .nodeLabel").textContent"""
    )
    assert label.strip()
    found = page.evaluate(
        """(label) => {
          const svg = document.querySelector("figure.notes-diagram svg");
          window.getSelection().removeAllRanges();
          const found = window.find(label, true, false, true);
          const range = window.getSelection().rangeCount && window.getSelection().getRangeAt(0);
          const inside = Boolean(range && svg.contains(range.startContainer));
          window.getSelection().selectAllChildren(svg);
          return { found, inside, copied: window.getSelection().toString() };
        }""",
        label.strip(),
    )
    assert found["found"] and found["inside"]
    assert label.strip() in found["copied"]
    page.context.close()


def test_drawings_print_whole(browser: Any, site: Path) -> None:
    """In print, every drawing is shown, within the paper's width and at most its
    natural size, not in a scroll box."""
    visit = open_page(browser, site, "print.html", watch=False)
    page = visit.page
    page.wait_for_load_state("load")
    page.emulate_media(media="print")
    shown = page.evaluate(
        """() => [...document.querySelectorAll("figure.notes-diagram")].map(f => {
          const drawing = f.querySelector("svg");
          const svg = drawing.getBoundingClientRect();
          return { width: svg.width, height: svg.height, room: f.clientWidth,
                   natural: drawing.viewBox.baseVal.width,
                   overflow: getComputedStyle(f).overflowX };
        })"""
    )
    assert shown and all(s["width"] > 50 and s["height"] > 20 for s in shown)
    assert all(s["width"] <= s["room"] + 1 and s["overflow"] == "visible" for s in shown)
    # Never blown up past its natural size to fill the paper.
    assert all(s["width"] <= s["natural"] + 1 for s in shown)
    page.context.close()


def test_drawings_are_readable_on_a_phone(browser: Any, site: Path) -> None:
    """At phone width the page never scrolls sideways; a wide drawing scrolls in its figure."""
    for name in diagram_pages(site):
        visit = open_page(browser, site, name, watch=False, viewport={"width": 390, "height": 844})
        page = visit.page
        page.wait_for_load_state("load")
        assert page.evaluate("document.scrollingElement.scrollWidth") <= 390, name
        for drawing in page.evaluate(INSPECT_DRAWINGS):
            # Text drawn at 16px stays at 8px or more.
            assert drawing["scale"] >= 0.5, (name, drawing)
        overflowing = page.evaluate(
            """() => [...document.querySelectorAll("figure.notes-diagram")]
                 .filter(f => f.scrollWidth > f.clientWidth)
                 .map(f => getComputedStyle(f).overflowX)"""
        )
        assert all(style == "auto" for style in overflowing), name
        page.context.close()


# The rendered size of each text of the drawings (font size times the drawing's
# scale), and whether each figure that overflows shows the scroll cue.
TEXT_SIZES = """async () => {
  // scroll-regions.js marks the boxes that overflow a frame after layout.
  for (let i = 0; i < 2; i++) await new Promise(requestAnimationFrame);
  return {
  sizes: [...document.querySelectorAll("figure.notes-diagram svg")].flatMap(svg =>
    [...svg.querySelectorAll("text, tspan, foreignObject *")]
      .filter(el => el.textContent.trim() && (el.tagName === "text" || !el.children.length))
      .map(el => parseFloat(getComputedStyle(el).fontSize)
        * (el.closest("foreignObject") || el).getScreenCTM().a)),
  uncued: [...document.querySelectorAll("figure.notes-diagram")]
    .filter(f => f.scrollWidth > f.clientWidth + 1)
    .filter(f => !/Scroll/.test(getComputedStyle(f, "::before").content)).length,
  };
}"""


@pytest.mark.parametrize(("width", "smallest"), [(1366, 12), (390, 10)])
def test_drawn_text_is_large_enough_to_read(
    browser: Any, site: Path, width: int, smallest: float
) -> None:
    """Every diagram's text renders at 12 px or more on a 1366 px screen and 10 px or
    more on a 390 px phone; a drawing kept that large scrolls, and says so."""
    for name in diagram_pages(site):
        options = {"viewport": {"width": width, "height": 844}, "is_mobile": width < 500}
        visit = open_page(browser, site, name, watch=False, **options)
        visit.page.wait_for_load_state("load")
        seen = visit.page.evaluate(TEXT_SIZES)
        assert seen["sizes"] and min(seen["sizes"]) >= smallest - 0.05, (name, min(seen["sizes"]))
        assert seen["uncued"] == 0, name
        visit.page.context.close()


# -- without Chromium at build time: drawn in the reader's browser -------------------


def wait_drawn(visit: Visit, expected: int) -> list[dict[str, Any]]:
    """Scroll to each diagram in turn (each is drawn as it comes near), then inspect them."""
    visit.page.wait_for_load_state("load")
    visit.page.evaluate(DRAW_EVERY_DIAGRAM, 20_000)
    visit.page.wait_for_function(DRAWN, arg=expected, timeout=20_000)
    result: list[dict[str, Any]] = visit.page.evaluate(INSPECT)
    return result


def test_every_diagram_draws_offline(browser: Any, fallback: Path) -> None:
    """Built without Chromium, from disk, every diagram of every page becomes an SVG:
    no error, no network, one mermaid."""
    site = fallback
    pages = diagram_pages(site)
    assert len(pages) >= 9
    size = (site / MERMAID_FILE).stat().st_size
    for name in pages:
        visit = open_page(browser, site, name)
        drawn = wait_drawn(visit, diagram_count(site, name))
        assert [d for d in drawn if d["error"] or not d["texts"]] == [], name
        assert visit.refused == [], name
        assert visit.errors == [], name
        loaded = [f for f in visit.files if "mermaid" in f]
        assert loaded == [(site / LOADER_FILE).as_uri(), (site / MERMAID_FILE).as_uri()], name
        assert visit.mermaid_bytes == size, name
        visit.page.context.close()


def test_mermaid_waits_until_a_diagram_comes_near(browser: Any, fallback: Path) -> None:
    """Built without Chromium, on a phone, a page whose diagrams are far down loads no
    mermaid until the reader scrolls towards them; then mermaid comes once and draws."""
    site = fallback
    phone = {"width": 390, "height": 844}
    far = None
    for name in diagram_pages(site):
        visit = open_page(browser, site, name, viewport=phone)
        visit.page.wait_for_load_state("load")
        # The print view draws every diagram at once, on purpose.
        top = visit.page.evaluate(
            """document.querySelector('.notes-print-intro') ? 0 :
               document.querySelector('pre.mermaid, div.mermaid').getBoundingClientRect().top"""
        )
        if top > 3 * phone["height"]:
            far = visit
            break
        visit.page.context.close()
    if far is None:
        pytest.skip("no diagram page has its first diagram three screens down")
    page = far.page
    page.wait_for_timeout(1500)  # time enough for an eager load to show
    assert [f for f in far.files if f.endswith(MERMAID_FILE)] == []
    assert page.evaluate("document.querySelectorAll('div.mermaid').length") == 0
    page.evaluate("document.querySelector('pre.mermaid').scrollIntoView()")
    page.wait_for_function("document.querySelectorAll('div.mermaid').length > 0", timeout=20_000)
    assert [f for f in far.files if f.endswith(MERMAID_FILE)] == [(site / MERMAID_FILE).as_uri()]
    assert far.errors == [] and far.refused == []
    page.context.close()


def test_a_page_without_diagrams_loads_no_mermaid(browser: Any, fallback: Path) -> None:
    """Built without Chromium, the home page and a page without diagrams never fetch or
    define mermaid."""
    site = fallback
    for name in ("index.html", "efs.html"):
        assert diagram_count(site, name) == 0
        visit = open_page(browser, site, name)
        visit.page.wait_for_load_state("load")
        assert [f for f in visit.files if "mermaid" in f] == [], name
        assert visit.page.evaluate("typeof window.mermaid") == "undefined", name
        assert visit.refused == [], name
        visit.page.context.close()
