"""What mermaid is given: Material's diagram styles, read from its bundle."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from notesite.drawing.settings import DrawingError, Renderer, material_theme_css

ROOT = Path(__file__).resolve().parents[2]


def test_the_style_sheet_is_read_from_materials_bundle() -> None:
    """The installed Material's bundle gives its style sheet, in CSS variables."""
    import material

    bundles = sorted(
        (Path(material.__file__).parent / "templates/assets/javascripts").glob("bundle.*.min.js")
    )
    css = material_theme_css(bundles[0].read_text(encoding="utf-8"))
    assert ".node rect{fill:var(--md-mermaid-node-bg-color)" in css.replace(
        ".node circle,.node ellipse,.node path,.node polygon,", ""
    )
    assert "--md-mermaid-sequence-actor-bg-color" in css


def test_a_minified_bundle_of_another_shape_is_read_too() -> None:
    """The names the minifier picks do not matter."""
    sheet = ".a{fill:var(--md-mermaid-edge-color)}"
    bundle = f"var q=1,Zz={json.dumps(sheet)};mermaid.initialize({{startOnLoad:!1,themeCSS:Zz}})"
    assert material_theme_css(bundle) == sheet


@pytest.mark.parametrize(
    ("bundle", "message"),
    [
        ("function f(){}", "no mermaid.initialize"),
        ("mermaid.initialize({themeCSS:Qq})", "does not define"),
        ('Qq=".a{fill:red}";mermaid.initialize({themeCSS:Qq})', "none of its colour variables"),
    ],
)
def test_a_bundle_without_the_style_sheet_is_refused(bundle: str, message: str) -> None:
    """Without Material's styles the drawings would not follow the palette: refused."""
    with pytest.raises(DrawingError, match=message):
        material_theme_css(bundle)


def test_the_renderer_draws_strictly_with_materials_settings() -> None:
    """No script or click handler in a drawing; Material's text sizes; a stable identity."""
    renderer = Renderer("11.17.2", ".a{}")
    settings = renderer.initialize()
    assert settings["securityLevel"] == "strict" and settings["startOnLoad"] is False
    assert settings["sequence"]["messageFontSize"] == "16px"
    assert renderer.identity() == Renderer("11.17.2", ".a{}").identity()
    assert renderer.identity() != Renderer("11.17.3", ".a{}").identity()


def test_another_browser_is_another_renderer() -> None:
    """Another Chromium lays text out otherwise: its drawings are kept apart."""
    old = Renderer("11.17.2", ".a{}", "Chromium 150.0.1")
    assert old.identity() != Renderer("11.17.2", ".a{}", "Chromium 156.0.2").identity()
    assert old.identity() == Renderer("11.17.2", ".a{}", "Chromium 150.0.1").identity()
