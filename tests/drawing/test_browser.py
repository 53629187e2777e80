"""Mermaid drawing in Debian's Chromium: the one module that starts a browser."""

from __future__ import annotations

from pathlib import Path

import pytest
from notesite.drawing.browser import browser_version, draw, find_chromium
from notesite.drawing.settings import DrawingError, Renderer
from notesite.drawing.svg import clean_svg

ROOT = Path(__file__).resolve().parents[2]
MERMAID = ROOT / "node_modules/mermaid/dist/mermaid.min.js"
CHROMIUM = Path("/usr/bin/chromium")
FLOW = 'flowchart LR\n  accTitle: A flow\n  n1["Queue #quot;A#quot;"] --> n2["Worker"]\n'
SEQUENCE = "sequenceDiagram\n  participant p1 as User\n  participant p2 as STS\n  p1->>p2: Ask\n"


def test_a_configured_chromium_that_is_not_there_is_none(tmp_path: Path) -> None:
    """A configured path that holds no file means no Chromium (the browser draws)."""
    assert find_chromium(str(tmp_path / "chromium")) is None


def test_a_browser_that_will_not_start_is_a_drawing_error(tmp_path: Path) -> None:
    """A file that is no browser raises DrawingError, which the build turns into the fallback."""
    fake = tmp_path / "chromium"
    fake.write_text("#!/bin/sh\nexit 1\n")
    fake.chmod(0o755)
    with pytest.raises(DrawingError, match="could not draw"):
        draw(
            [("d1", FLOW)],
            chromium=fake,
            mermaid_js=MERMAID,
            stylesheets=(),
            renderer=Renderer("test", ""),
        )


def test_the_browser_version_is_what_it_says(tmp_path: Path) -> None:
    """The version is the browser's last line of ``--version``; one that fails says nothing."""
    says = tmp_path / "says"
    says.write_text("#!/bin/sh\necho 'a warning'\necho 'Chromium 999.1.2 built here'\n")
    fails = tmp_path / "fails"
    fails.write_text("#!/bin/sh\necho 'Chromium 1'\nexit 3\n")
    for script in (says, fails):
        script.chmod(0o755)
    assert browser_version(says) == "Chromium 999.1.2 built here"
    assert browser_version(fails) == ""
    assert browser_version(tmp_path / "missing") == ""


def test_the_version_is_asked_again_only_when_the_program_changes(tmp_path: Path) -> None:
    """Kept by the program file's identity: the same file is not asked twice; a
    replaced one (as an upgrade replaces it) is."""
    asked = tmp_path / "asked"
    program = tmp_path / "chromium"
    kept = tmp_path / "cache" / "browser-version.json"

    def install(version: str) -> None:
        fresh = tmp_path / "fresh"
        fresh.write_text(f"#!/bin/sh\necho x >> {asked}\necho 'Chromium {version}'\n")
        fresh.chmod(0o755)
        fresh.replace(program)  # a new file, as a package upgrade writes it

    install("1.0")
    assert browser_version(program, kept) == "Chromium 1.0"
    assert not kept.parent.exists()  # no folder is made for it alone
    kept.parent.mkdir()
    assert browser_version(program, kept) == "Chromium 1.0"
    assert browser_version(program, kept) == "Chromium 1.0"
    assert asked.read_text().count("x") == 2
    install("2.0")
    assert browser_version(program, kept) == "Chromium 2.0"
    assert asked.read_text().count("x") == 3
    kept.write_text("not json")
    assert browser_version(program, kept) == "Chromium 2.0"


@pytest.mark.browser
def test_mermaid_draws_every_diagram_in_one_session() -> None:
    """Each diagram is drawn under its id with its labels; a bad one gives its error."""
    if not CHROMIUM.exists():
        pytest.fail("The browser tests need Chromium at /usr/bin/chromium.")
    drawn = draw(
        [("d-flow", FLOW), ("d-bad", "flowchart LR\n  n1 -->\n"), ("d-seq", SEQUENCE)],
        chromium=CHROMIUM,
        mermaid_js=MERMAID,
        stylesheets=(),
        renderer=Renderer("test", ".node rect{fill:var(--md-mermaid-node-bg-color)}"),
    )
    flow, bad, sequence = drawn
    assert flow.svg and flow.svg.startswith('<svg id="d-flow"')
    assert 'Queue "A"' in flow.svg and "Worker" in flow.svg
    assert "var(--md-mermaid-node-bg-color)" in flow.svg
    assert bad.svg is None and bad.error
    assert sequence.svg and "User" in sequence.svg and "Ask" in sequence.svg
    assert "<script" not in clean_svg(flow.svg, "d-flow")
