"""Draw mermaid diagrams in a headless Chromium, all of a build's in one session.

The one module that starts a browser. ``find_chromium`` looks for an
installed Chromium (none is ever downloaded); ``draw`` opens one blank page
with the vendored mermaid and the site's style sheet in it (so text is
measured in the site's fonts), hands mermaid the renderer's settings and
draws each diagram under the id it is given. Playwright is imported only
when something is to be drawn.
"""

from __future__ import annotations

import json
import shutil
import subprocess
import tempfile
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from notesite.cache_files import drop, read_entry, write_entry
from notesite.drawing.settings import DrawingError, Renderer

# Where Debian, Ubuntu and most distributions put Chromium; then the PATH.
CANDIDATES = ("/usr/bin/chromium", "/usr/bin/chromium-browser")
NAMES = ("chromium", "chromium-browser", "google-chrome", "google-chrome-stable")
# Headless, offline, nothing in the background, nothing kept.
ARGS = (
    "--no-sandbox",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--no-first-run",
)
TIMEOUT_MS = 60_000

# Draws each [id, source] in turn; a diagram mermaid rejects gives its error
# instead of a drawing, and the others are still drawn.
_DRAW = """async ([settings, diagrams]) => {
  mermaid.initialize(settings);
  const drawn = [];
  for (const [id, source] of diagrams) {
    try {
      const { svg } = await mermaid.render(id, source);
      drawn.push({ svg });
    } catch (error) {
      drawn.push({ error: String((error && error.message) || error) });
      document.getElementById(id)?.remove();
      document.getElementById("d" + id)?.remove();
    }
  }
  return drawn;
}"""


def find_chromium(configured: str | None = None) -> Path | None:
    """The Chromium to draw with: ``configured`` if given (and there), else an
    installed one; None when there is none."""
    if configured:
        path = Path(configured).expanduser()
        return path if path.is_file() else None
    for candidate in CANDIDATES:
        if Path(candidate).is_file():
            return Path(candidate)
    for name in NAMES:
        found = shutil.which(name)
        if found:
            return Path(found)
    return None


def browser_version(chromium: Path, remembered: Path | None = None) -> str:
    """What the browser says it is (``--version``: the browser does not
    start), or "" when it says nothing.

    Asking takes a process or a dozen (Debian's ``chromium`` is a shell
    script), so the answer is kept in the file ``remembered`` (if given)
    under what identifies the program file: its path, inode, size and times,
    which a reinstall or an upgrade changes. A build asks again only then
    (or while that file's folder is not there yet)."""
    identity = _file_identity(chromium)
    known = _read_json(remembered) if remembered is not None and identity else {}
    if identity in known and isinstance(known[identity], str):
        return known[identity]
    try:
        out = subprocess.run(
            [str(chromium), "--version"], capture_output=True, text=True, timeout=30, check=False
        )
    except (OSError, subprocess.SubprocessError):
        return ""
    lines = [line.strip() for line in out.stdout.splitlines() if line.strip()]
    version = lines[-1] if out.returncode == 0 and lines else ""
    if remembered is not None and identity and version:
        _write_json(remembered, {identity: version})  # only this program's answer
    return version


def _file_identity(path: Path) -> str:
    try:
        real = path.resolve()
        st = real.stat()
    except OSError:
        return ""
    return f"{real}:{st.st_ino}:{st.st_size}:{st.st_mtime_ns}:{st.st_ctime_ns}"


def _read_json(path: Path) -> dict[str, Any]:
    payload = read_entry(path)
    if payload is None:
        return {}
    try:
        value = json.loads(payload)
    except ValueError:
        value = None
    if not isinstance(value, dict):
        drop(path, "not a JSON object")
        return {}
    return value


def _write_json(path: Path, value: dict[str, Any]) -> None:
    """Written only into a folder that is there: a build that keeps no drawings
    makes no cache folder for this alone."""
    write_entry(path, json.dumps(value).encode("utf-8"), make_folder=False)


@dataclass(frozen=True)
class Drawn:
    """What became of one diagram: its SVG, or why mermaid could not draw it."""

    svg: str | None
    error: str | None = None


def draw(
    diagrams: Sequence[tuple[str, str]],
    *,
    chromium: Path,
    mermaid_js: Path,
    stylesheets: Iterable[Path],
    renderer: Renderer,
) -> list[Drawn]:
    """Each (id, source) drawn by mermaid, in order. Raises DrawingError when
    the browser cannot be started or mermaid cannot be loaded."""
    if not diagrams:
        return []
    try:
        from playwright.sync_api import Error, sync_playwright
    except ImportError as error:
        raise DrawingError(f"Playwright is not installed ({error})") from error
    try:
        with (
            tempfile.TemporaryDirectory(prefix="notes-drawing-") as profile,
            sync_playwright() as playwright,
        ):
            context = playwright.chromium.launch_persistent_context(
                profile,
                executable_path=str(chromium),
                args=list(ARGS),
                headless=True,
                offline=True,
            )
            try:
                return _draw_in(context, diagrams, mermaid_js, stylesheets, renderer)
            finally:
                context.close()
    except Error as error:
        raise DrawingError(f"{chromium} could not draw the diagrams: {error}") from error


def _draw_in(
    context: Any,
    diagrams: Sequence[tuple[str, str]],
    mermaid_js: Path,
    stylesheets: Iterable[Path],
    renderer: Renderer,
) -> list[Drawn]:
    page = context.pages[0] if context.pages else context.new_page()
    page.set_default_timeout(TIMEOUT_MS)
    page.set_content("<!doctype html><html><head></head><body></body></html>")
    for sheet in stylesheets:
        page.add_style_tag(path=str(sheet))
    page.add_script_tag(path=str(mermaid_js))
    results = page.evaluate(_DRAW, [renderer.initialize(), [list(d) for d in diagrams]])
    return [Drawn(r.get("svg"), r.get("error")) for r in results]
