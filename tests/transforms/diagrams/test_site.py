"""The built site's HTML: every diagram is drawn at build time, inline, and no
page loads mermaid; without a Chromium the reader's browser draws them instead."""

from __future__ import annotations

import html
import logging
import os
import re
import subprocess
import sys
from pathlib import Path

import pytest
from bs4 import BeautifulSoup, Tag
from notesite.pipeline import load_state
from notesite.settings import notes_settings

from tests.conftest import LoggedBuild

ROOT = Path(__file__).resolve().parents[3]
# Without Chromium, diagram pages load the small loader; it loads the vendored mermaid.
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
FENCE = re.compile(r"^( *)```mermaid\n(.*?)^\1```$", re.S | re.M)
# The labels a source gives its boxes and participants (mermaid entity codes as written).
LABELS = re.compile(r'^\s*(?:n\d+\["(.*)"\]|subgraph n\d+\["(.*)"\]|participant p\d+ as (.*))$')
ENTITY = re.compile(r"#(\w+);")
NAMED = {"quot": '"', "lt": "<", "gt": ">", "amp": "&"}

pytestmark = pytest.mark.slow


def html_pages(site: Path) -> dict[str, BeautifulSoup]:
    return {
        path.relative_to(site).as_posix(): BeautifulSoup(
            path.read_text(encoding="utf-8"), "html.parser"
        )
        for path in sorted(site.rglob("*.html"))
        if "assets" not in path.relative_to(site).parts
    }


def words(text: str) -> str:
    return " ".join(text.split())


def labels(source: str) -> list[str]:
    """What a diagram's source says its boxes and participants are called."""
    found = []
    for line in source.splitlines():
        match = LABELS.match(line)
        if match:
            text = next(group for group in match.groups() if group is not None)
            decoded = ENTITY.sub(
                lambda m: NAMED.get(m[1]) or (chr(int(m[1])) if m[1].isdigit() else m[0]), text
            )
            found.append(words(decoded.replace("\u200b", "")))
    return [label for label in found if label]


@pytest.fixture(scope="module")
def notes_diagrams() -> dict[str, list[str]]:
    """Each generated page's diagram sources, as the notes' pipeline wrote them."""
    state = load_state(ROOT, notes_settings({"source": "notes/aws-notes.md"}, ROOT))
    found = {}
    for page in state.plan.pages:
        sources = [
            "\n".join(line[len(m[1]) :] for line in m[2].splitlines())
            for m in FENCE.finditer(state.markdown[page.slug])
        ]
        if sources:
            found[page.src_uri.removesuffix(".md") + ".html"] = sources
    return found


def drawings(soup: BeautifulSoup) -> list[Tag]:
    return soup.select("figure.notes-diagram > div.notes-diagram__drawing > svg")


def test_every_diagram_of_the_notes_is_an_inline_svg_with_its_labels(
    built_site: Path, notes_diagrams: dict[str, list[str]]
) -> None:
    """Each page holds one drawing per diagram of its notes, in order, with every
    box and participant the diagram's source names; no mermaid block is left."""
    pages = html_pages(built_site)
    assert set(notes_diagrams) >= EXPECTED_PAGES
    assert sum(len(s) for s in notes_diagrams.values()) >= 14
    for name, sources in notes_diagrams.items():
        svgs = drawings(pages[name])
        assert len(svgs) == len(sources), name
        for svg, source in zip(svgs, sources, strict=True):
            text = words(svg.get_text(" "))
            missing = [label for label in labels(source) if label not in text]
            assert labels(source) and missing == [], (name, missing)
    for name, soup in pages.items():
        assert not soup.select(".mermaid"), name


def test_each_drawing_is_an_image_named_by_its_caption(built_site: Path) -> None:
    """role="img" with the figure's caption as accessible name; the pictures' titles kept."""
    captions = []
    for name, soup in html_pages(built_site).items():
        for svg in drawings(soup):
            figure = svg.find_parent("figure")
            assert figure is not None
            caption = figure.find("figcaption")
            assert caption is not None, name
            assert svg["role"] == "img", name
            assert svg["aria-label"] == words(caption.get_text(" ")), name
            captions.append(caption.get_text(strip=True))
    for title in (
        "AWS Single SignOn with AD arch diagram",
        "Web Identity Federation arch diagram",
        "SNS",
        "SQS",
        "Kinesis",
    ):
        # The picture's title is the caption; its alt text "Alt text" says nothing.
        assert title in captions


def test_drawings_carry_no_script_and_their_own_ids(built_site: Path) -> None:
    """No script or event handler in a drawing; every id in it is unique on its page."""
    for name, soup in html_pages(built_site).items():
        ids: list[str] = []
        for svg in drawings(soup):
            assert not svg.find_all(["script", "iframe", "object", "embed"]), name
            for element in [svg, *svg.find_all(True)]:
                assert not [a for a in element.attrs if a.lower().startswith("on")], name
                for value in (element.get("href"), element.get("xlink:href")):
                    assert not str(value or "").lower().startswith("javascript:"), name
            own = [str(e["id"]) for e in [svg, *svg.find_all(id=True)]]
            assert all(i.startswith(str(svg["id"])) for i in own), name
            ids += own
        assert len(ids) == len(set(ids)), name


def test_no_page_loads_mermaid(built_site: Path) -> None:
    """No page names a mermaid script or configuration, and the site ships none."""
    for name, soup in html_pages(built_site).items():
        sources = [str(s.get("src", "")) for s in soup.find_all("script")]
        assert [s for s in sources if "mermaid" in s] == [], name
        inline = " ".join(s.string or "" for s in soup.find_all("script"))
        assert "mermaid" not in inline, name
    assert not (built_site / "assets/vendor/mermaid").exists()
    assert not (built_site / LOADER_JS).exists()


def test_no_script_from_the_network(built_site: Path) -> None:
    """No page loads a script from a URL or imports mermaid as an ES module."""
    for name, soup in html_pages(built_site).items():
        for script in soup.find_all("script"):
            assert not re.match(r"(https?:)?//", str(script.get("src", ""))), name
            assert "import mermaid" not in (script.string or ""), name


def test_missing_pictures_are_gone(built_site: Path) -> None:
    """No page points at the notes' missing /pic/ images or says one is missing."""
    for name, soup in html_pages(built_site).items():
        assert not soup.select('img[src*="pic/"]'), name
        assert "Image not available" not in soup.get_text(), name


def test_search_has_the_lists_not_the_diagrams(built_site: Path) -> None:
    """Search finds the notes' steps; neither the mermaid source nor the drawing is indexed."""
    index = (built_site / "search" / "search_index.json").read_text(encoding="utf-8")
    assert "Login to ADFS using the AD credentials" in index
    for word in ("sequenceDiagram", "accTitle", "md-mermaid", "diagram-"):
        assert word not in index


# Builds the real site in a fresh process and says whether mkdocs-mermaid2 was
# imported, and whether a page loads its script.
_BUILD_AND_LOOK = """
import sys, pathlib
from mkdocs.commands.build import build
from mkdocs.config import load_config
config = load_config("mkdocs.yml", site_dir=sys.argv[1])
config.extra["diagrams"] = {**config.extra["diagrams"], **eval(sys.argv[2])}
build(config)
pages = [p.read_text() for p in pathlib.Path(sys.argv[1]).glob("*.html")]
print("mermaid2.plugin" in sys.modules, any("mermaid-on-demand.js" in p for p in pages))
"""


@pytest.mark.parametrize(
    ("diagrams", "loaded"),
    [({}, "False False"), ({"draw": "browser"}, "True True")],
    ids=["drawn at build time", "drawn in the browser"],
)
def test_mermaid2_is_loaded_only_for_a_diagram_left_to_the_browser(
    tmp_path: Path, diagrams: dict[str, str], loaded: str
) -> None:
    """A build that draws every diagram never imports mkdocs-mermaid2 (BeautifulSoup,
    requests: a fifth of a warm build); one that leaves them to the browser loads it,
    and it adds the mermaid script."""
    out = subprocess.run(
        [sys.executable, "-c", _BUILD_AND_LOOK, str(tmp_path / "site"), repr(diagrams)],
        cwd=ROOT,
        capture_output=True,
        text=True,
        check=True,
        env={**os.environ, "NO_MKDOCS_2_WARNING": "1"},
    )
    assert out.stdout.split("\n")[-2] == loaded


# -- without Chromium: the reader's browser draws ------------------------------------


def test_without_chromium_the_build_says_so_once(fallback_build: LoggedBuild) -> None:
    """One INFO line says the diagrams are left to the reader's browser; no warning."""
    said = [r for r in fallback_build.messages if "Chromium" in r.getMessage()]
    assert [r.levelno for r in said] == [logging.INFO]
    assert "drawn in the reader's browser" in said[0].getMessage()


def test_without_chromium_mermaid_loads_only_where_a_diagram_is(
    fallback_build: LoggedBuild,
) -> None:
    """A page with a diagram has its mermaid block and one local loader; others none."""
    with_diagrams = set()
    for name, soup in html_pages(fallback_build.site).items():
        sources = [str(s.get("src", "")) for s in soup.find_all("script")]
        mermaid = [s for s in sources if "mermaid" in s]
        assert not soup.select("div.notes-diagram__drawing"), name
        if soup.select("pre.mermaid > code"):
            with_diagrams.add(name)
            assert mermaid == [LOADER_JS], name
        else:
            assert mermaid == [], name
            assert "mermaidConfig" not in str(soup), name
    assert with_diagrams >= EXPECTED_PAGES


def test_without_chromium_mermaid_is_vendored_with_its_licence(
    fallback_build: LoggedBuild,
) -> None:
    """The site serves the pinned mermaid build from node_modules, and its licence."""
    site = fallback_build.site
    served = site / MERMAID_JS
    assert served.read_bytes() == (ROOT / "node_modules/mermaid/dist/mermaid.min.js").read_bytes()
    licence = (site / "assets/vendor/mermaid/LICENSE.txt").read_text(encoding="utf-8")
    assert "MIT License" in licence


def test_the_loader_loads_the_vendored_mermaid(fallback_build: LoggedBuild) -> None:
    """The loader in the site names, relative to itself, the mermaid the site holds."""
    from notesite.output.assets import loader_target

    loader = (fallback_build.site / LOADER_JS).read_text(encoding="utf-8")
    assert loader_target(LOADER_JS, loader) == MERMAID_JS
    assert loader_target(LOADER_JS, loader, "MERMAID_MODULE") == MERMAID_MODULE


# `import ... from "./x.mjs"`, `import "./x.mjs"` and `import("./x.mjs")`.
MODULE_IMPORT = re.compile(r"""(?:\bfrom|\bimport)\s*\(?\s*["'](\.{1,2}/[^"']+)["']""")


def test_every_module_mermaid_imports_is_in_the_site(fallback_build: LoggedBuild) -> None:
    """The ES module build and its chunks are vendored whole: every relative
    import of every module reached from the entry resolves to a file of the site."""
    site = fallback_build.site
    entry = site / MERMAID_MODULE
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
    assert not list((site / "assets/vendor/mermaid").rglob("*.map"))


def test_without_chromium_the_blocks_hold_the_notes_sources(
    fallback_build: LoggedBuild, notes_diagrams: dict[str, list[str]]
) -> None:
    """Each block is its diagram's source, as the notes' pipeline wrote it."""
    pages = html_pages(fallback_build.site)
    for name, sources in notes_diagrams.items():
        blocks = [html.unescape(c.decode_contents()) for c in pages[name].select("pre > code")]
        blocks = [b for b in blocks if b.strip() in {s.strip() for s in sources}]
        assert len(blocks) == len(sources), name
