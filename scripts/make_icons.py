"""Make the web app's PNG icons (docs/assets/icons/) from the site's favicon.

The favicon, centred on a white square, drawn by an installed Chromium
(through Playwright) at each size the manifest lists. Run it again after
changing docs/assets/favicon.svg:

    .venv/bin/python scripts/make_icons.py
"""

from __future__ import annotations

import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / "hooks"))

from notesite.drawing.browser import find_chromium, opened  # noqa: E402

FAVICON = ROOT / "docs" / "assets" / "favicon.svg"
ICONS = ROOT / "docs" / "assets" / "icons"
SIZES = (192, 512)
PAGE = """<!doctype html><html><body style="margin:0;background:#fff;display:grid;
place-items:center;width:100vw;height:100vh"><div style="width:72%;height:72%">{svg}</div>
</body></html>"""


def main() -> int:
    chromium = find_chromium()
    if chromium is None:
        print("make_icons: no Chromium found (install chromium)", file=sys.stderr)
        return 1
    svg = FAVICON.read_text(encoding="utf-8")
    svg = svg.replace("<svg ", '<svg width="100%" height="100%" ', 1)
    ICONS.mkdir(exist_ok=True)
    with opened(chromium, "could not draw the icons") as context:
        page = context.new_page()
        for size in SIZES:
            page.set_viewport_size({"width": size, "height": size})
            page.set_content(PAGE.format(svg=svg))
            page.screenshot(path=str(ICONS / f"icon-{size}.png"))
            print(f"wrote {ICONS / f'icon-{size}.png'}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
