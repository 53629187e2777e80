"""The real site under the template's exact headers in Chromium: renders, searches, no violation."""

from __future__ import annotations

import re
import urllib.request
from pathlib import Path
from typing import Any

import pytest
from deploy_headers_server import serve_site

from deploy.template import load_template, response_headers
from tests.browser.reader import DRAW_EVERY_DIAGRAM

pytestmark = [pytest.mark.browser, pytest.mark.slow]


# Runs before any page script: opens shadow roots (Material renders mermaid diagrams
# into a closed one) so the test can look inside, and records CSP violations.
INIT_SCRIPT = """
(() => {
  const attach = Element.prototype.attachShadow;
  Element.prototype.attachShadow = function (init) {
    return attach.call(this, Object.assign({}, init, { mode: "open" }));
  };
  window.__cspViolations = [];
  document.addEventListener("securitypolicyviolation", (e) => {
    window.__cspViolations.push(
      `${e.effectiveDirective} blocked ${e.blockedURI || "inline"} ` +
        `(${e.sourceFile}:${e.lineNumber})`
    );
  });
})();
"""

# The page's own stylesheet applied (Material's header is sticky), its bundle ran
# (it defines document$), and its inline bootstrap script ran (it defines __md_get).
PAGE_ALIVE = """
() => {
  const header = document.querySelector(".md-header");
  return {
    styled: !!header && getComputedStyle(header).position === "sticky",
    bundle: typeof window.document$ !== "undefined",
    inline: typeof window.__md_get === "function",
    title: (document.querySelector(".md-content h1") || {}).textContent || "",
  };
}
"""


@pytest.fixture(scope="module")
def template_headers() -> dict[str, str]:
    return response_headers(load_template())


class Watcher:
    """A browser context that records CSP violations, CSP console messages and page errors."""

    def __init__(self, browser: Any) -> None:
        self.context = browser.new_context()
        self.context.add_init_script(INIT_SCRIPT)
        self.console: list[str] = []
        self.errors: list[str] = []
        # Context-wide, so messages from the search Web Worker are seen too.
        self.context.on("console", self._on_console)

    def _on_console(self, message: Any) -> None:
        if "Content Security Policy" in message.text or "Content-Security-Policy" in message.text:
            self.console.append(message.text)

    def new_page(self) -> Any:
        page = self.context.new_page()
        page.on("pageerror", lambda error: self.errors.append(str(error)))
        return page

    def violations(self, page: Any) -> list[str]:
        return list(page.evaluate("window.__cspViolations"))


def test_served_headers_are_the_templates(
    built_site: Path, template_headers: dict[str, str]
) -> None:
    """The local server sends exactly the template's headers and the deploy tool's Content-Type."""
    with serve_site(built_site, template_headers) as base:
        with urllib.request.urlopen(f"{base}/") as response:
            assert response.status == 200
            for name, value in template_headers.items():
                assert response.headers[name] == value
            assert response.headers["Content-Type"] == "text/html; charset=utf-8"
        with pytest.raises(urllib.error.HTTPError) as missing:
            urllib.request.urlopen(f"{base}/no/such/page.html")
        assert missing.value.code == 404
        assert (
            missing.value.headers["Content-Security-Policy"]
            == template_headers["Content-Security-Policy"]
        )


def test_every_page_renders_searches_and_draws_diagrams_without_csp_violations(
    built_site: Path,
    template_headers: dict[str, str],
    browser: Any,
) -> None:
    """All pages load styled and scripted, search finds, diagrams render: zero CSP violations."""
    pages = sorted(p.relative_to(built_site).as_posix() for p in built_site.rglob("*.html"))
    diagram_pages = [
        p
        for p in pages
        if re.search(
            r'class="(?:mermaid|notes-diagram__drawing)"',
            (built_site / p).read_text(encoding="utf-8"),
        )
    ]
    watcher = Watcher(browser)
    problems: dict[str, Any] = {}
    with serve_site(built_site, template_headers) as base:
        page = watcher.new_page()
        # A missing URL deep in the tree gets the 404 page, which must render there too.
        for path in [*pages, "does/not/exist.html"]:
            # "load" covers every stylesheet, script and image of the page; what happens
            # later (search index fetch, diagram rendering) is awaited explicitly below.
            page.goto(f"{base}/{path}", wait_until="load")
            drawn = path not in diagram_pages or page.evaluate(DRAW_EVERY_DIAGRAM, 20_000)
            alive = page.evaluate(PAGE_ALIVE)
            violations = watcher.violations(page)
            working = alive["styled"] and alive["bundle"] and alive["inline"] and drawn
            if not working or violations:
                problems[path] = {"alive": alive, "drawn": drawn, "violations": violations}

        page.goto(f"{base}/index.html", wait_until="networkidle")
        page.keyboard.press("/")  # Material's shortcut: focus the search box
        query = page.locator("input[data-md-component='search-query']")
        query.press_sequentially("lambda", delay=30)
        page.wait_for_selector(".md-search-result__item", timeout=20_000)
        results = page.locator(".md-search-result__item")
        assert results.count() > 0
        assert "lambda" in results.first.inner_text().lower()
        search_violations = watcher.violations(page)
    watcher.context.close()

    assert problems == {}
    assert search_violations == []
    assert watcher.console == []
    assert watcher.errors == []


def test_harness_detects_a_blocked_inline_script(
    built_site: Path,
    template_headers: dict[str, str],
    browser: Any,
) -> None:
    """Without the inline-script hashes the page reports violations: the checks above can fail."""
    strict = dict(template_headers)
    strict["Content-Security-Policy"] = (
        "default-src 'self'; script-src 'self'; style-src 'self' 'unsafe-inline'"
    )
    watcher = Watcher(browser)
    with serve_site(built_site, strict) as base:
        page = watcher.new_page()
        page.goto(f"{base}/index.html", wait_until="networkidle")
        violations = watcher.violations(page)
        alive = page.evaluate(PAGE_ALIVE)
    watcher.context.close()
    assert any(v.startswith("script-src-elem blocked inline") for v in violations), violations
    assert any("Content Security Policy" in text for text in watcher.console)
    assert alive["inline"] is False
