"""The built site's HTML: mermaid is loaded once, locally, only where a diagram is."""

from __future__ import annotations

import re
from pathlib import Path

import pytest
from bs4 import BeautifulSoup

ROOT = Path(__file__).resolve().parents[3]
# Diagram pages load the small loader; it loads the vendored mermaid when needed.
LOADER_JS = "assets/javascripts/mermaid-on-demand.js"
MERMAID_JS = "assets/vendor/mermaid/mermaid.min.js"
MERMAID_MODULE = "assets/vendor/mermaid/mermaid.esm.min.mjs"
EXPECTED_PAGES = {
    "sns.html",
    "identity-federation.html",
    "sqs.html",
    "kinesis.html",
    "iam.html",
    "route-53.html",
    "s3.html",
    "cloudfront.html",
    "lambda.html",
}

pytestmark = pytest.mark.slow


def html_pages(site: Path) -> dict[str, BeautifulSoup]:
    return {
        path.relative_to(site).as_posix(): BeautifulSoup(
            path.read_text(encoding="utf-8"), "html.parser"
        )
        for path in sorted(site.rglob("*.html"))
        if "assets" not in path.relative_to(site).parts
    }


def test_mermaid_only_where_a_diagram_is(built_site: Path) -> None:
    """A page with a diagram has one local mermaid loader; a page without has none."""
    with_diagrams = set()
    for name, soup in html_pages(built_site).items():
        sources = [str(s.get("src", "")) for s in soup.find_all("script")]
        mermaid = [s for s in sources if "mermaid" in s]
        if soup.select("pre.mermaid > code"):
            with_diagrams.add(name)
            assert mermaid == [LOADER_JS], name
        else:
            assert mermaid == [], name
            assert "mermaidConfig" not in str(soup), name
    assert with_diagrams >= EXPECTED_PAGES


def test_no_script_from_the_network(built_site: Path) -> None:
    """No page loads a script from a URL or imports mermaid as an ES module."""
    for name, soup in html_pages(built_site).items():
        for script in soup.find_all("script"):
            assert not re.match(r"(https?:)?//", str(script.get("src", ""))), name
            assert "import mermaid" not in (script.string or ""), name


def test_mermaid_is_vendored_with_its_licence(built_site: Path) -> None:
    """The site serves the pinned mermaid build from node_modules, and its licence."""
    served = built_site / MERMAID_JS
    assert served.read_bytes() == (ROOT / "node_modules/mermaid/dist/mermaid.min.js").read_bytes()
    licence = (built_site / "assets/vendor/mermaid/LICENSE.txt").read_text(encoding="utf-8")
    assert "MIT License" in licence


def test_the_loader_loads_the_vendored_mermaid(built_site: Path) -> None:
    """The loader in the site names, relative to itself, the mermaid the site holds."""
    from notesite.output.assets import loader_target

    loader = (built_site / LOADER_JS).read_text(encoding="utf-8")
    assert loader_target(LOADER_JS, loader) == MERMAID_JS
    assert loader_target(LOADER_JS, loader, "MERMAID_MODULE") == MERMAID_MODULE


# `import ... from "./x.mjs"`, `import "./x.mjs"` and `import("./x.mjs")`.
MODULE_IMPORT = re.compile(r"""(?:\bfrom|\bimport)\s*\(?\s*["'](\.{1,2}/[^"']+)["']""")


def test_every_module_mermaid_imports_is_in_the_site(built_site: Path) -> None:
    """The ES module build and its chunks are vendored whole: every relative
    import of every module reached from the entry resolves to a file of the site."""
    entry = built_site / MERMAID_MODULE
    seen: set[Path] = set()
    missing: list[str] = []
    queue = [entry.resolve()]
    while queue:
        module = queue.pop()
        if module in seen:
            continue
        seen.add(module)
        for target in MODULE_IMPORT.findall(module.read_text(encoding="utf-8")):
            path = (module.parent / target).resolve()
            if path.is_file():
                queue.append(path)
            else:
                missing.append(f"{module.name} -> {target}")
    assert missing == []
    assert len(seen) > 20  # the entry reaches the chunks: the pattern finds imports
    assert not list((built_site / "assets/vendor/mermaid").rglob("*.map"))


def test_missing_pictures_are_gone(built_site: Path) -> None:
    """No page points at the notes' missing /pic/ images or says one is missing."""
    for name, soup in html_pages(built_site).items():
        assert not soup.select('img[src*="pic/"]'), name
        assert "Image not available" not in soup.get_text(), name


def test_diagrams_have_captions(built_site: Path) -> None:
    """Every diagram sits in a figure with a caption; the pictures' titles are kept."""
    captions = []
    for soup in html_pages(built_site).values():
        for code in soup.select("pre.mermaid > code"):
            figure = code.find_parent("figure")
            assert figure is not None and "notes-diagram" in figure["class"]
            caption = figure.find("figcaption")
            assert caption is not None
            captions.append(caption.get_text(strip=True))
    for title in (
        "AWS Single SignOn with AD arch diagram",
        "Web Identity Federation arch diagram",
        "SNS",
        "SQS",
        "Kinesis",
    ):
        # The picture's title is the caption; its alt text "Alt text" is a
        # tool's placeholder (images.captions.is_noise), so it is left out.
        assert title in captions


def test_search_has_the_lists_not_the_diagram_source(built_site: Path) -> None:
    """Search finds the notes' steps; the mermaid source beside them is not indexed."""
    index = (built_site / "search" / "search_index.json").read_text(encoding="utf-8")
    assert "Login to ADFS using the AD credentials" in index
    assert "sequenceDiagram" not in index
    assert "accTitle" not in index
