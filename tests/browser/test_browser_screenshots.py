"""Screenshots for a person to look at: each kind of page, desktop and phone, light and dark.

Written to test-output/screenshots/ (not committed), one full-page PNG per
page, device and scheme, named like ``s3-phone-dark.png``.
"""

from __future__ import annotations

from pathlib import Path

import pytest

from .conftest import OUTPUT, ReaderFactory
from .reader import Origin
from .test_browser_accessibility import PAGES, SCHEMES

pytestmark = pytest.mark.browser

SCREENSHOTS = OUTPUT / "screenshots"
PNG_SIGNATURE = b"\x89PNG\r\n\x1a\n"


@pytest.mark.parametrize("scheme", SCHEMES)
@pytest.mark.parametrize("device", ["desktop", "phone"])
@pytest.mark.parametrize("path", PAGES)
def test_screenshot(
    path: str, device: str, scheme: str, file_origin: Origin, open_reader: ReaderFactory
) -> None:
    """The page is photographed whole, in the scheme asked for, once its diagrams are drawn."""
    reader = open_reader(file_origin, phone=device == "phone", scheme=scheme)
    reader.open(path)
    assert reader.color_scheme() == SCHEMES[scheme]
    reader.diagrams()
    target = SCREENSHOTS / f"{Path(path).stem}-{device}-{scheme}.png"
    target.parent.mkdir(parents=True, exist_ok=True)
    target.unlink(missing_ok=True)
    reader.page.screenshot(path=str(target), full_page=True, animations="disabled", scale="css")
    assert target.read_bytes()[:8] == PNG_SIGNATURE
    assert reader.console_errors == []
