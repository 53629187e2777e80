"""Accessibility: axe-core finds no serious or critical problem, light or dark.

axe-core (pinned in package.json) is injected into the kinds of page a reader
meets: the home page, a long service page, a page with tables and pages with
diagrams, each in the light and the dark scheme (the site's first palette
follows the system preference, which the browser context sets). Every
violation found, whatever its impact, is written to test-output/axe/ for a
person to read.
"""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from .conftest import AXE_SCRIPT, OUTPUT, ReaderFactory
from .reader import Origin

pytestmark = pytest.mark.browser

# The kinds of page a reader meets; the test fails if one disappears.
PAGES = {
    "index.html": "home page",
    "dynamodb.html": "long service page",
    "s3.html": "page with tables",
    "sns.html": "page with flow diagrams",
    "identity-federation.html": "page with sequence diagrams",
}
SCHEMES = {"light": "default", "dark": "slate"}  # system preference -> Material's scheme
BLOCKING = {"serious", "critical"}


@pytest.mark.parametrize("scheme", SCHEMES)
@pytest.mark.parametrize("path", PAGES)
def test_no_serious_accessibility_violations(
    path: str, scheme: str, file_origin: Origin, open_reader: ReaderFactory
) -> None:
    """axe-core reports no serious or critical violation on the page in this scheme."""
    assert AXE_SCRIPT.is_file(), "axe-core is missing: run `npm ci`"
    reader = open_reader(file_origin, scheme=scheme)
    reader.open(path)
    assert reader.color_scheme() == SCHEMES[scheme]
    reader.diagrams()  # diagrams are part of the page: let them draw first
    violations = reader.axe(AXE_SCRIPT)
    report = OUTPUT / "axe" / f"{Path(path).stem}-{scheme}.json"
    report.parent.mkdir(parents=True, exist_ok=True)
    report.write_text(json.dumps(violations, indent=2), encoding="utf-8")
    blocking = [
        f"{v['impact']} {v['id']}: {v['help']} — {[n['target'] for n in v['nodes']][:5]}"
        for v in violations
        if v["impact"] in BLOCKING
    ]
    assert blocking == [], f"see {report.relative_to(OUTPUT.parent)}"
