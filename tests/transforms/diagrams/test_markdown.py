"""The generated Markdown, read by Python-Markdown as MkDocs reads it.

The figures go into list items and after paragraphs; these tests check that
Python-Markdown (with the site's extensions, from mkdocs.yml) still finds
each mermaid fence where it was put, inside its figure and caption, with the
mermaid source intact.
"""

from __future__ import annotations

import html
import re
import textwrap
from pathlib import Path

import markdown
import pytest
from bs4 import BeautifulSoup
from mkdocs.config import load_config
from notesite.output.on_demand import SETTING, add_extensions, parse_on_demand

from .conftest import FIXTURES

ROOT = Path(__file__).resolve().parents[3]
OUTPUTS = sorted((FIXTURES / "cases").glob("*.out.md"))
FENCE = re.compile(r"^( *)```mermaid\n(.*?)^\1```", re.DOTALL | re.MULTILINE)


@pytest.fixture(scope="module")
def to_html() -> markdown.Markdown:
    """The site's converter, with every extension it adds when a page needs it."""
    config = load_config(str(ROOT / "mkdocs.yml"))
    extensions, configs = list(config.markdown_extensions), dict(config.mdx_configs)
    add_extensions(extensions, configs, parse_on_demand(config.extra.get(SETTING)))
    return markdown.Markdown(extensions=extensions, extension_configs=configs)


@pytest.mark.parametrize("case", OUTPUTS, ids=[c.name.removesuffix(".out.md") for c in OUTPUTS])
def test_every_diagram_is_a_figure(case: Path, to_html: markdown.Markdown) -> None:
    """Each mermaid fence becomes <figure class=notes-diagram><pre class=mermaid> with a caption."""
    text = case.read_text(encoding="utf-8")
    sources = [textwrap.dedent(s) if i else s for i, s in FENCE.findall(text)]
    soup = BeautifulSoup(to_html.reset().convert(text), "html.parser")
    diagrams = soup.select("pre.mermaid > code")
    assert len(diagrams) == len(sources)
    for code, source in zip(diagrams, sources, strict=True):
        figure = code.find_parent("figure")
        assert figure is not None and "notes-diagram" in figure["class"]
        caption = figure.find("figcaption")
        assert caption is not None and caption.get_text(strip=True)
        assert html.unescape(code.get_text()) == source
