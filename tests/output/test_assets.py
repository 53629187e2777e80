"""The check of mermaid2's `javascript:` option: local, classic, loading the vendored mermaid."""

from __future__ import annotations

import re
from pathlib import Path

import pytest
from notesite.output.assets import AssetError, loader_target, vendored_script

MODULE = "assets/vendor/mermaid/mermaid.esm.min.mjs"
VENDORED = ["assets/vendor/mermaid/mermaid.min.js", MODULE, "assets/vendor/mermaid/LICENSE.txt"]
LOADER = "assets/javascripts/mermaid-on-demand.js"
ROOT = Path(__file__).resolve().parents[2]


def write_loader(docs: Path, constant: str) -> None:
    path = docs / LOADER
    path.parent.mkdir(parents=True)
    path.write_text(f"(function () {{\n  {constant}\n}})();\n", encoding="utf-8")


def test_the_sites_loader_names_the_vendored_mermaid() -> None:
    assert vendored_script(LOADER, VENDORED, ROOT / "docs") == LOADER


def test_the_vendored_mermaid_itself_is_accepted(tmp_path: Path) -> None:
    assert vendored_script(VENDORED[0], VENDORED, tmp_path) == VENDORED[0]


def test_a_loader_names_its_target_relative_to_itself() -> None:
    text = 'var MERMAID = "../vendor/mermaid/mermaid.min.js";'
    assert loader_target(LOADER, text) == VENDORED[0]
    module = 'var MERMAID_MODULE = "../vendor/mermaid/mermaid.esm.min.mjs";'
    assert (
        loader_target(LOADER, module, "MERMAID_MODULE")
        == "assets/vendor/mermaid/mermaid.esm.min.mjs"
    )
    assert loader_target(LOADER, text, "MERMAID_MODULE") is None
    assert loader_target("loader.js", text) == "../vendor/mermaid/mermaid.min.js"
    assert loader_target(LOADER, "var OTHER = 1;") is None


@pytest.mark.parametrize(
    ("javascript", "constant", "message"),
    [
        (None, None, "no `javascript:` option"),
        ("https://unpkg.com/mermaid@11/dist/mermaid.min.js", None, "is remote"),
        ("//cdn.example/mermaid.min.js", None, "is remote"),
        ("assets/vendor/mermaid/mermaid.esm.min.mjs", None, "not a classic script"),
        ("assets/javascripts/missing.js", None, "neither in docs/ nor copied"),
        (LOADER, "var OTHER = 1;", 'no `var MERMAID = "..."`'),
        (LOADER, 'var MERMAID = "../vendor/mermaid/mermaid.esm.min.mjs";', "not a classic"),
        (LOADER, 'var MERMAID = "../vendor/mermaid/other.js";', "not copied into the site"),
        (
            LOADER,
            'var MERMAID = "../vendor/mermaid/mermaid.min.js";\n'
            'var MERMAID_MODULE = "../vendor/mermaid/other.mjs";',
            "imports assets/vendor/mermaid/other.mjs over http(s), which is not copied",
        ),
    ],
)
def test_what_would_load_mermaid_from_elsewhere_is_refused(
    tmp_path: Path, javascript: str | None, constant: str | None, message: str
) -> None:
    if constant is not None:
        write_loader(tmp_path, constant)
    with pytest.raises(AssetError, match=re.escape(message)):
        vendored_script(javascript, VENDORED, tmp_path)
