"""The real notes, built into the real site in strict mode."""

from __future__ import annotations

import re
from pathlib import Path

import pytest
from bs4 import BeautifulSoup
from markdown_it import MarkdownIt
from notesite.planning.catalogue import load_catalogue, normalise_heading
from notesite.planning.plan import plan_site
from notesite.reading.parse import parse_notes

from tests.notes_text import line_texts, squash
from tests.site.builds import build_site

ROOT = Path(__file__).resolve().parents[2]
NOTES = ROOT / "notes" / "aws-notes.md"
CATALOGUE = load_catalogue(ROOT / "docs" / "_data" / "catalogue.yml")

pytestmark = pytest.mark.slow


@pytest.fixture(scope="module")
def plan():
    return plan_site(
        parse_notes(NOTES.read_text(encoding="utf-8"), "notes/aws-notes.md"), CATALOGUE
    )


def article(site: Path, name: str) -> BeautifulSoup:
    soup = BeautifulSoup((site / name).read_text(encoding="utf-8"), "lxml")
    found = soup.find("article")
    assert found is not None, f"{name} has no article"
    # The study parts after the notes (backlinks, cards) are not the notes' text.
    for part in found.select(".notes-study"):
        part.decompose()
    return found


def test_every_catalogue_service_in_the_notes_has_its_page_under_its_category(built_site):
    """Each entry whose heading occurs in the notes is in the nav, in its category's section."""
    headings = {
        normalise_heading(tokens.content)
        for tokens in MarkdownIt("commonmark").parse(NOTES.read_text(encoding="utf-8"))
        if tokens.type == "inline" and tokens.map and tokens.level == 1
    }
    expected = {
        e.slug: CATALOGUE.category(e.category).title
        for e in CATALOGUE.entries
        if any(normalise_heading(h) in headings for h in e.headings)
    }
    # The menu expands only the reader's own category (navigation.prune), so
    # each page is looked for in its own page's menu.
    found = {}
    for slug in expected:
        page = BeautifulSoup((built_site / f"{slug}.html").read_text(encoding="utf-8"), "lxml")
        active = page.select_one("nav.md-nav--primary > ul > li.md-nav__item--active")
        assert active is not None, f"{slug}: no open category in its menu"
        links = [a["href"] for a in active.select("a.md-nav__link[href$='.html']")]
        if f"{slug}.html" in links:
            found[slug] = squash(active.find("label").get_text())
    home = BeautifulSoup((built_site / "index.html").read_text(encoding="utf-8"), "lxml")
    labels = [
        squash(li.find(["label", "a"]).get_text())
        for li in home.select("nav.md-nav--primary > ul > li.md-nav__item--nested")
    ]
    assert labels == [c.title for c in CATALOGUE.categories if c.title in expected.values()]
    assert found == expected
    assert len(expected) >= 40


def test_no_generated_page_is_empty(built_site, plan):
    """Every page has notes content beyond its title and source line."""
    for page in plan.pages:
        body = article(built_site, f"{page.slug}.html")
        blocks = [
            el
            for el in body.find_all(["p", "ul", "ol", "pre", "table", "h2", "div"], recursive=False)
            if "notes-source" not in (el.get("class") or [])
        ]
        assert blocks, f"{page.slug} is empty"


def test_every_line_of_the_notes_is_on_the_page_it_belongs_to(built_site, plan):
    """Each non-blank content line's text appears in the built HTML of its page (a
    heading's without the trailing "." or ":" the page leaves out)."""
    text = NOTES.read_text(encoding="utf-8")
    texts = line_texts(text)
    headings = {
        token.map[0]
        for token in MarkdownIt("commonmark").parse(text)
        if token.type == "heading_open" and token.map
    }
    for line in headings & set(texts):
        texts[line] = [re.sub(r"\s*[.:]+\s*$", "", part) for part in texts[line]]
    owner = {}
    for page in plan.pages:
        for start, end in page.line_ranges:
            for line in range(start, end):
                assert line not in owner, f"line {line + 1} on {owner.get(line)} and {page.slug}"
                owner[line] = page.slug
    assert set(owner) == set(range(len(text.splitlines())))
    page_text = {
        p.slug: squash(article(built_site, f"{p.slug}.html").get_text("")) for p in plan.pages
    }
    missing = [
        f"{line + 1}: {squash(''.join(parts))}"
        for line, parts in sorted(texts.items())
        for part in parts
        if squash(part) and squash(part) not in page_text[owner[line]]
    ]
    assert missing == []
    assert len(texts) > 1200


def list_depths(root) -> list[int]:
    """How many lists enclose each list item, in document order."""
    return [
        len([p for p in item.parents if p.name in ("ul", "ol") and root in p.parents])
        + (1 if item.parent is root else 0)
        for item in root.find_all("li")
    ]


# Transforms that turn lists into something else (tables, diagrams, links);
# the nesting check is about the notes' own lists, so it builds without them.
CORE_ONLY = ["tables", "diagrams", "crosslinks"]


@pytest.fixture(scope="module")
def core_site(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The real site built with only the core transforms, not strictly (the
    missing pictures that diagrams replace are reported)."""
    site = tmp_path_factory.mktemp("core-site")
    build_site(site, skip=CORE_ONLY)
    return site


def test_list_nesting_matches_commonmark_on_every_page(core_site, plan):
    """For every page, the depth of each list item equals markdown-it's reading of its lines."""
    lines = NOTES.read_text(encoding="utf-8").splitlines(keepends=True)
    md = MarkdownIt("commonmark")
    for page in plan.pages:
        source = "".join("".join(lines[a:b]) for a, b in page.line_ranges)
        expected = BeautifulSoup(f"<main>{md.render(source)}</main>", "lxml").find("main")
        got = article(core_site, f"{page.slug}.html")
        assert list_depths(got) == list_depths(expected), page.slug
        assert len(got.find_all(["ul", "ol"])) == len(expected.find_all(["ul", "ol"])), page.slug


def test_built_pages_load_nothing_from_the_network(built_site):
    """No script, stylesheet, image or font in any built page comes from another host."""
    remote = []
    for html in sorted(built_site.rglob("*.html")):
        soup = BeautifulSoup(html.read_text(encoding="utf-8"), "lxml")
        for tag in soup.find_all(["script", "link", "img", "iframe", "source"]):
            url = tag.get("src") or (tag.get("href") if tag.name == "link" else None) or ""
            if re.match(r"^(https?:)?//", url):
                remote.append(f"{html.relative_to(built_site)}: <{tag.name}> {url}")
    assert remote == []
    assert not list(built_site.rglob("*.woff*")), "web fonts are shipped"


def test_source_notes_are_a_verbatim_copy_of_the_authors_file(built_site):
    """After a build, the project's notes are still byte for byte the author's file."""
    shared = ROOT.parent / "shared" / "notes" / "aws-notes.md"
    if not shared.is_file():
        pytest.skip("the author's original file is not beside the project")
    assert NOTES.read_bytes() == shared.read_bytes()
