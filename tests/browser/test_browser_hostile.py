"""Hostile notes, built and read in Chromium from disk: shown, never run.

tests/reading/hostile/notes.md holds script in bullets, headings, tables,
footnotes and a flow that becomes a diagram; OWASP filter-evasion and
mutation-XSS vectors; dangerous link schemes; remote styles and base URLs;
and pictures whose paths (or a symlink) lead out of the notes' folder. The
site built from it is opened from file:// with a dialog listener; every
element of the content is hovered and focused. No dialog may open, no
script or event handler of the notes' may be in the page, no request may
leave the site, the words around each payload stay, and no file from
outside the notes' folder is in the site.
"""

from __future__ import annotations

import re
import shutil
from pathlib import Path
from typing import Any

import pytest
from bs4 import BeautifulSoup
from notesite.state import is_warning

from tests.notes_text import squash
from tests.reading.test_notes_fixtures import HERE, build_case

from .conftest import ROOT, new_reader
from .reader import Origin

HOSTILE = HERE / "hostile" / "notes.md"
SECRET = b"aws_secret_access_key = SECRET-FROM-OUTSIDE"
PAGES = ["s3.html", "lambda.html", "index.html", "numbers.html", "print.html"]
# Bullets that GitHub, too, shows as plain text (no tag, no link): nothing to
# remove, nothing to report. The rest carry something that is removed.
SHOWN_AS_WRITTEN = (
    "before tab link",
    "before attr list",
    "before real image",
    "before tex math",
    "before snippet",
    "before obsidian embed",
)

# Every element of the content, hovered and focused as a reader's pointer and
# keyboard would: each event an inline handler could listen to.
PROVOKE = """() => {
  const events = ['mouseover', 'mouseenter', 'mousemove', 'focus', 'focusin', 'toggle',
                  'animationstart', 'transitionend', 'load', 'error'];
  for (const el of document.querySelectorAll('article *')) {
    for (const name of events) el.dispatchEvent(new Event(name, {bubbles: true}));
    if (el.focus) el.focus();
  }
}"""

# What of the notes' could still run: scripts, inline handlers, javascript:
# URLs, frames and documents-in-documents, base and refresh.
LIVE = """() => {
  const content = document.querySelector('article');
  // The site's own study parts (the theme's templates put them after the
  // content), their JSON data and the drawings' style sheets are not the
  // notes': the notes cannot make them, as the sanitiser keeps no class or
  // id of theirs.
  const own = el => el.closest('.notes-study')
    || el.matches('script[type="application/json"][id^="notes-"]')
    // A drawing's own style sheet, which the site's build wrote.
    || (el.matches('style') && el.closest('svg[id^="diagram-"]'));
  const all = selector => [...content.querySelectorAll(selector)].filter(el => !own(el));
  const handlers = all('*').flatMap(el =>
    [...el.attributes].filter(a => a.name.startsWith('on')).map(a => el.tagName + ' ' + a.name));
  const urls = all('[href], [src], [action], [formaction]')
    .flatMap(el => ['href', 'src', 'action', 'formaction'].map(n => el.getAttribute(n) || ''))
    .filter(url => {
      // As the browser reads it: "java\tscript:" is javascript:.
      const scheme = (() => { try { return new URL(url, document.baseURI).protocol; }
                             catch (error) { return ''; } })();
      return /^(javascript|vbscript):$/.test(scheme) || /^data:(?!image\\/)/i.test(url.trim());
    });
  return {
    scripts: all('script').length,
    handlers,
    urls,
    embedded: [
      // (search's own worker runs in a hidden iframe of the site, outside the content)
      ...document.querySelectorAll('base, meta[http-equiv]'),
      ...all('iframe, object, embed, frame, form, input, textarea, link, style'),
    ].map(el => el.outerHTML.slice(0, 80)),
  };
}"""


@pytest.fixture(scope="module")
def hostile_site(tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, list[str]]:
    """The hostile notes built (not strictly) with the project's own configuration
    (theme, hooks, mermaid, catalogue) into a site; every warning the build
    recorded (its log tells four or more of a kind in a file as one line)."""
    project = tmp_path_factory.mktemp("hostile")
    for name in ("hooks", "overrides", "docs", "node_modules"):
        (project / name).symlink_to(ROOT / name)
    (project / "mkdocs.yml").write_text((ROOT / "mkdocs.yml").read_text())
    shutil.copytree(HERE / "hostile", project / "notes")
    (project / "notes" / "notes.md").rename(project / "notes" / "aws-notes.md")
    # A secret beside the notes' folder, reached by `..` and by a symlink in it.
    outside = project / "outside"
    outside.mkdir()
    png = (project / "notes" / "pic.png").read_bytes()
    (outside / "credentials.png").write_bytes(png + SECRET)
    (project / "notes" / "linked.png").symlink_to(outside / "credentials.png")
    config, _records = build_case(project, strict=False)
    return project / "site", [str(p) for p in config["notes_site"].problems() if is_warning(p)]


def payload_lines() -> list[int]:
    """1-based lines of the notes' bullets that carry a payload."""
    lines = HOSTILE.read_text(encoding="utf-8").splitlines()
    return [
        number
        for number, line in enumerate(lines, start=1)
        if line.startswith("- before") and not line.startswith(SHOWN_AS_WRITTEN, 2)
    ]


def test_each_payload_is_reported_at_its_line(hostile_site):
    """Every bullet with a payload gets a warning naming notes.md and its line."""
    _site, warnings = hostile_site
    notes = r"notes/aws-notes\.md:(\d+): "
    warned = {int(m.group(1)) for w in warnings if (m := re.match(notes, w))}
    missing = [line for line in payload_lines() if line not in warned]
    assert missing == [], warnings


def test_the_words_around_every_payload_are_kept(hostile_site):
    """Each bullet's "before X … after X" words are on the page."""
    site, _ = hostile_site
    text = squash(BeautifulSoup((site / "s3.html").read_text(), "lxml").get_text(" "))
    for line in HOSTILE.read_text(encoding="utf-8").splitlines():
        if line.startswith("- before"):
            label = line.removeprefix("- before ").split(" ")[0]
            assert f"before {label}" in text and f"after {label}" in text, label
    for words in ("words in a div", "html link text", "cell link", "footnote words",
                  "code in a fence whose language is a payload",
                  "Last words of the notes", "sub heading link", "hover target"):  # fmt: skip
        assert words in text or words in (site / "lambda.html").read_text(), words


def test_no_file_from_outside_the_notes_folder_is_in_the_site(hostile_site):
    """Pictures by `..` paths or symlinks out of the notes' folder, or not pictures at
    all, are never copied; the real picture is."""
    site, _ = hostile_site
    images = sorted(p.name for p in (site / "images").iterdir())
    assert images == ["pic.png"]
    for path in site.rglob("*"):
        if path.is_file():
            data = path.read_bytes()
            assert SECRET not in data and b"not-a-picture" not in data, path


def test_no_notes_script_in_the_built_html(hostile_site):
    """No page's content (service pages, numbers, glossary, print page, search
    index) holds a script element, handler or javascript: URL."""
    site, _ = hostile_site
    pages = sorted(p.name for p in site.glob("*.html"))
    assert {"s3.html", "lambda.html", "print.html", "numbers.html"} <= set(pages), pages
    index = (site / "search" / "search_index.json").read_text()
    # Its text may quote a payload (the words kept); no markup in it may carry one.
    live = r"<script|<\w[^>]*\son\w+=|(href|src)=\\?\"?\s*javascript:"
    assert not re.search(live, index, re.I), re.search(live, index, re.I)
    for page in pages:
        article = BeautifulSoup((site / page).read_text(), "lxml").find("article")
        for data in article.select('script[type="application/json"][id^="notes-"]'):
            # The site's own data for its study parts: never run, and no markup
            # of the notes' can close it (the template writes it with tojson).
            assert "<" not in data.get_text(), (page, data.get("id"))
            data.decompose()
        for part in article.select(".notes-study"):
            part.decompose()  # the theme's own study parts, not the notes'
        for sheet in article.select('svg[id^="diagram-"] style'):
            # A drawing's own style sheet, from the build: it loads nothing.
            assert not re.search(r"@import|url\(", sheet.get_text()), page
            sheet.decompose()
        assert article.find_all(["script", "iframe", "object", "embed", "base", "style"]) == []
        for element in article.find_all(True):
            for name, value in element.attrs.items():
                assert not name.startswith("on"), (page, element.name, name)
                text = " ".join(value) if isinstance(value, list) else str(value)
                assert not re.match(r"\s*(javascript|vbscript):", text, re.I), (page, text)


@pytest.mark.slow
def test_reading_the_hostile_site_from_disk_runs_nothing(browser: Any, hostile_site):
    """From file://, hovering and focusing everything: no dialog, nothing live, no request out."""
    site, _ = hostile_site
    reader = new_reader(browser, Origin("file", site.as_uri() + "/"))
    dialogs: list[str] = []
    reader.page.on(
        "dialog",
        lambda dialog: (dialogs.append(f"{reader.page.url}: {dialog.message}"), dialog.dismiss()),
    )
    drawn: list[bool] = []
    try:
        for page in PAGES:
            reader.open(page)
            # Scrolled to, each diagram is drawn, its labels (payloads among them) too.
            drawn += [d["svg"] and not d["error"] for d in reader.diagrams()]
            reader.page.evaluate(PROVOKE)
            targets = reader.page.locator("article [title], article a, article img")
            for target in targets.filter(visible=True).all()[:40]:
                target.hover(timeout=2_000, force=True)
            reader.page.keyboard.press("Tab")
            reader.page.wait_for_timeout(300)
            live = reader.page.evaluate(LIVE)
            assert live == {"scripts": 0, "handlers": [], "urls": [], "embedded": []}, page
        assert dialogs == []
        assert reader.foreign_requests() == []
        assert drawn and all(drawn), drawn
    finally:
        reader.context.close()


def test_mermaid_draws_the_notes_labels_at_its_strict_security_level():
    """Diagram labels come from the notes: mermaid is always initialised strict."""
    script = (HERE.parents[1] / "docs/assets/javascripts/mermaid-on-demand.js").read_text()
    assert 'options.securityLevel = "strict";' in script
    assert "securityLevel" not in (HERE.parents[1] / "mkdocs.yml").read_text()
