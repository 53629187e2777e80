"""A reader's browser session on the built site, and what it saw.

`Reader` wraps one Playwright page in its own context: it opens site pages
from an `Origin` (the site folder on disk, or a local HTTP server), records
every request the page makes and every console error it logs, types into
Material's search the way a person does, and reports the state of the page's
diagrams and of its width on screen. Tests assert on what it returns.
"""

from __future__ import annotations

import time
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING, Any
from urllib.parse import unquote, urljoin, urlsplit

if TYPE_CHECKING:
    from playwright.sync_api import BrowserContext, ConsoleMessage, Page, Request, Route

# Material draws each mermaid diagram into a *closed* shadow root, which no
# script (and so no test) can look into. Opening every shadow root before the
# page's own scripts run changes nothing a reader sees and lets tests find the SVG.
OPEN_SHADOW_ROOTS = """
(() => {
  const attach = Element.prototype.attachShadow;
  Element.prototype.attachShadow = function (init) {
    return attach.call(this, Object.assign({}, init, { mode: "open" }));
  };
})();
"""

# The site's diagrams are drawn at build time (inline SVG, .notes-diagram__drawing).
# A site built without Chromium leaves them to the browser: mermaid is loaded,
# and a diagram drawn, only when the diagram comes near the screen
# (docs/assets/javascripts/mermaid-on-demand.js). This scrolls to each
# diagram in turn, as a reader would, waits up to `timeout` ms for it to be
# drawn (as an SVG in itself or its opened shadow root), then goes back to the
# top. Resolves to whether every diagram was drawn.
DRAW_EVERY_DIAGRAM = """async (timeout) => {
  const drawn = (el) => Boolean(
    el && (el.querySelector('svg') || (el.shadowRoot && el.shadowRoot.querySelector('svg'))));
  const diagrams = () => [...document.querySelectorAll('.mermaid, .notes-diagram__drawing')];
  const end = Date.now() + timeout;
  for (let i = 0; i < diagrams().length; i++) {
    if (drawn(diagrams()[i])) continue;
    diagrams()[i].scrollIntoView({ block: 'center' });
    while (!drawn(diagrams()[i]) && Date.now() < end) {
      await new Promise((resolve) => setTimeout(resolve, 50));
    }
  }
  window.scrollTo(0, 0);
  return diagrams().every(drawn);
}"""

# Schemes that never reach the network: inline data and in-page objects.
LOCAL_SCHEMES = ("data:", "blob:", "about:")


@dataclass(frozen=True)
class Origin:
    """Where the site is read from: its folder on disk or a local server."""

    name: str  # "file" or "http"
    base: str  # URL of the site's root folder, ending in "/"

    def url(self, path: str) -> str:
        return urljoin(self.base, path)

    def allows(self, url: str) -> bool:
        """True for a request that stays inside the site (or never leaves the page)."""
        return url.startswith(self.base) or url.startswith(LOCAL_SCHEMES)

    def site_path(self, url: str) -> str:
        """The site-relative path of a URL of this origin ("s3.html"), without query or anchor."""
        parts = urlsplit(url)
        base_path = urlsplit(self.base).path
        return unquote(parts.path)[len(unquote(base_path)) :]


@dataclass
class Reader:
    """One page in a fresh browser context, reading the site from one origin."""

    context: BrowserContext
    origin: Origin
    page: Page = field(init=False)
    requests: list[str] = field(default_factory=list)
    blocked: list[str] = field(default_factory=list)
    console_errors: list[str] = field(default_factory=list)

    def __post_init__(self) -> None:
        self.context.add_init_script(OPEN_SHADOW_ROOTS)
        # Anything that would leave the site is refused and remembered, so a
        # CDN script fails here as it would for a reader without a network.
        self.context.route("**/*", self._guard)
        self.context.on("request", self._record)
        self.page = self.context.new_page()
        self.page.on("console", self._console)
        self.page.on("pageerror", lambda error: self.console_errors.append(f"pageerror: {error}"))

    def _guard(self, route: Route) -> None:
        url = route.request.url
        if self.origin.allows(url):
            route.continue_()
        else:
            self.blocked.append(url)
            route.abort("blockedbyclient")

    def _record(self, request: Request) -> None:
        self.requests.append(request.url)

    def _console(self, message: ConsoleMessage) -> None:
        if message.type == "error":
            where = message.location.get("url", "")
            self.console_errors.append(f"{message.text} ({where})")

    # -- what the reader did ---------------------------------------------------

    def foreign_requests(self) -> list[str]:
        """Requests to anything but the site itself (blocked or not)."""
        return sorted({url for url in self.requests + self.blocked if not self.origin.allows(url)})

    def open(self, path: str) -> None:
        """Open a page of the site and wait until it and its scripts have loaded."""
        response = self.page.goto(self.origin.url(path), wait_until="load")
        if self.origin.name == "http":
            assert response is not None and response.ok, (
                f"{path}: HTTP {response and response.status}"
            )

    def current_path(self) -> str:
        return self.origin.site_path(self.page.url)

    def color_scheme(self) -> str:
        """Material's scheme on the page: "default" (light) or "slate" (dark)."""
        return str(self.page.evaluate("document.body.getAttribute('data-md-color-scheme')"))

    # -- search -----------------------------------------------------------------

    def search(self, query: str, timeout: float = 10.0) -> list[str]:
        """Type a query into the search box; the pages of the results, best first.

        Material searches on key events, so the query is typed, not filled in.
        Results are read once the result list has stopped changing.
        """
        return [page for page, _ in self.search_sections(query, timeout)]

    def search_sections(self, query: str, timeout: float = 10.0) -> list[tuple[str, str]]:
        """Like `search`, with each result page's best section: the anchor of the
        first section listed under the page ("" when the page itself is the best)."""
        box = self.page.locator(".md-search__input")
        box.click()
        box.press("Control+A")
        box.press("Backspace")
        box.press_sequentially(query, delay=15)
        meta = self.page.locator(".md-search-result__meta")
        deadline = time.monotonic() + timeout
        previous: tuple[str, list[tuple[str, str]]] | None = None
        stable_since = time.monotonic()
        while time.monotonic() < deadline:
            state = (meta.inner_text(), self._result_pages())
            if state != previous:
                previous, stable_since = state, time.monotonic()
            elif "matching" in state[0] and time.monotonic() - stable_since > 0.3:
                return state[1]
            self.page.wait_for_timeout(50)
        raise AssertionError(
            f"search for {query!r} did not settle; it shows {previous[0] if previous else None!r}"
        )

    def _result_pages(self) -> list[tuple[str, str]]:
        items: list[list[str]] = self.page.eval_on_selector_all(
            ".md-search-result__item",
            """items => items.map(item => [...item.querySelectorAll(
                ':scope > .md-search-result__link')].slice(0, 2).map(a => a.href))""",
        )
        results = []
        for hrefs in items:
            if not hrefs:
                continue
            section = urlsplit(hrefs[1]).fragment if len(hrefs) > 1 else ""
            results.append((self.origin.site_path(hrefs[0]), section))
        return results

    # -- diagrams and layout ------------------------------------------------------

    def diagrams(self, timeout: float = 15.0) -> list[dict[str, Any]]:
        """Each diagram of the page (a drawing made at build time, or a `.mermaid`
        element the browser draws): whether it holds an SVG, and its size.

        Waits until every diagram has been drawn (or the timeout passes).
        """
        script = """() => [...document.querySelectorAll('.mermaid, .notes-diagram__drawing')]
          .map(el => {
            const root = el.shadowRoot || el;
            const svg = el.querySelector('svg') || root.querySelector('svg');
            const box = svg ? svg.getBoundingClientRect() : null;
            const error = root.querySelector('.error-text, [id^="dmermaid"]');
            const text = el.textContent + (svg ? svg.textContent : '');
            const view = svg && svg.viewBox.baseVal;
            const scroller = el.closest('figure, .md-typeset__scrollwrap');
            const outer = scroller ? scroller.getBoundingClientRect() : null;
            return {
              svg: Boolean(svg),
              // drawn size / natural size: below 1 the diagram's text is shrunk
              scale: box && view && view.width ? box.width / view.width : null,
              // the box the diagram scrolls in, if it is wider than that box
              scrollsIn: scroller && scroller.scrollWidth > scroller.clientWidth + 1
                && /auto|scroll/.test(getComputedStyle(scroller).overflowX)
                ? { left: outer.left, right: outer.right } : null,
              error: Boolean(error) || /Syntax error/.test(text),
              left: box ? box.left : null,
              right: box ? box.right : null,
              width: box ? box.width : null,
              height: box ? box.height : null,
            };
        })"""
        # A diagram that never draws is for the caller to report, with the state below.
        self.page.evaluate(DRAW_EVERY_DIAGRAM, timeout * 1000)
        result: list[dict[str, Any]] = self.page.evaluate(script)
        return result

    def overflow(self) -> dict[str, float]:
        """How wide the document is compared with the viewport."""
        result: dict[str, float] = self.page.evaluate(
            """() => ({
                scrollWidth: document.documentElement.scrollWidth,
                viewport: window.innerWidth,
            })"""
        )
        return result

    def tables(self) -> list[dict[str, Any]]:
        """Each content table: its own width, the box it scrolls in, and whether that
        box overflows and shows the scroll cue (its ``::before`` line)."""
        result: list[dict[str, Any]] = self.page.evaluate(
            """async () => {
              // scroll-regions.js marks the boxes that overflow a frame after layout.
              for (let i = 0; i < 2; i++) await new Promise(requestAnimationFrame);
              return [...document.querySelectorAll('.md-content table')].map(table => {
                const scroller = table.closest('.md-typeset__scrollwrap') || table.parentElement;
                const box = scroller.getBoundingClientRect();
                const cue = getComputedStyle(scroller, '::before').content;
                return {
                  tableWidth: table.scrollWidth, boxLeft: box.left, boxRight: box.right,
                  overflows: scroller.scrollWidth > scroller.clientWidth + 1,
                  cue: Boolean(cue) && cue !== 'none' && cue !== 'normal',
                };
              });
            }"""
        )
        return result

    # -- accessibility ------------------------------------------------------------

    def axe(self, axe_script: Path) -> list[dict[str, Any]]:
        """axe-core's violations on the current page (all rules axe runs by default)."""
        self.page.add_script_tag(path=str(axe_script))
        violations: list[dict[str, Any]] = self.page.evaluate(
            """async () => {
                const results = await axe.run(document, { resultTypes: ['violations'] });
                return results.violations.map(v => ({
                  id: v.id,
                  impact: v.impact,
                  help: v.help,
                  nodes: v.nodes.map(n => ({
                    target: n.target.join(' '),
                    summary: n.failureSummary,
                    html: n.html.slice(0, 300),
                  })),
                }));
            }"""
        )
        return violations
