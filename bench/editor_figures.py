"""What the generated parts of a built site look like to a reader, counted as
an editor would: half-empty table columns, cells that repeat another of their
row, the widest table against the text column, diagram labels cut with "…",
the smallest diagram text, headings ending in "." or ":", numbers-to-remember
entries cut mid-sentence, and where the "From the notes" line sits.

    python bench/editor_figures.py                   (the original notes and each corpus)
    python bench/editor_figures.py SITE [SITE ...]   (a built site folder each)

``make bench`` prints the same figures for the original notes and each
corpus, each built once (``corpora.build_once``). The text sizes and widths are measured
in Chromium (Debian's ``/usr/bin/chromium``) at 1366 px and on a 390 px
phone; without it those figures are left out.
"""

from __future__ import annotations

import sys
import tempfile
from pathlib import Path
from typing import Any

from bs4 import BeautifulSoup, Tag

sys.path.insert(0, str(Path(__file__).resolve().parent))
import corpora

CHROMIUM = Path("/usr/bin/chromium")
WIDTHS = {
    "desktop": {"viewport": {"width": 1366, "height": 900}},
    "phone": {
        "viewport": {"width": 390, "height": 844},
        "device_scale_factor": 2,
        "is_mobile": True,
        "has_touch": True,
    },
}
EMPTY = "—"  # tables.yml's empty_cell, as the site shows it
LABEL_HEADER = "Option"  # tables.yml's label_header: the generated tables' first column
CUT = "…"
TARGETS = {"desktop": 12.0, "phone": 10.0}  # smallest diagram text, px

# In the page: the widest table and the text column; each diagram text's
# rendered size (its font size times the drawing's scale); whether a box that
# overflows shows the scroll cue.
MEASURE = """async () => {
  // scroll-regions.js marks the boxes that overflow a frame after layout.
  for (let i = 0; i < 2; i++) await new Promise(requestAnimationFrame);
  const column = document.querySelector(".md-content__inner");
  const tables = [...document.querySelectorAll(".md-content .md-typeset__table table")];
  const sizes = [];
  for (const svg of document.querySelectorAll("figure.notes-diagram svg")) {
    for (const el of svg.querySelectorAll("text, tspan, foreignObject *")) {
      if (el.children.length && el.tagName !== "text" || !el.textContent.trim()) continue;
      const host = el.closest("foreignObject") || el;
      const ctm = host.getScreenCTM ? host.getScreenCTM() : null;
      if (!ctm) continue;
      const size = parseFloat(getComputedStyle(el).fontSize) * Math.hypot(ctm.a, ctm.b);
      if (size > 0) sizes.push(size);
    }
  }
  const boxes = [...document.querySelectorAll(
    ".md-content .md-typeset__scrollwrap, .md-content figure.notes-diagram")];
  const hidden = boxes.filter(b => b.scrollWidth > b.clientWidth + 1).filter(b => {
    const cue = getComputedStyle(b, "::before").content;
    return !cue || cue === "none" || cue === "normal";
  });
  return {
    column: column ? column.clientWidth : 0,
    widest: Math.max(0, ...tables.map(t => t.getBoundingClientRect().width)),
    smallest: sizes.length ? Math.min(...sizes) : null,
    uncued: hidden.length,
  };
}"""


def _text(tag: Tag) -> str:
    return " ".join(tag.get_text(" ", strip=True).split()).replace(" ¶", "").rstrip("¶ ")


def _soup(page: Path) -> BeautifulSoup:
    return BeautifulSoup(page.read_text(encoding="utf-8"), "html.parser")


def _pages(site: Path) -> list[Path]:
    return sorted(p for p in site.glob("*.html") if p.name not in ("404.html", "print.html"))


def table_counts(soup: BeautifulSoup) -> dict[str, int]:
    """Generated tables (their first column is the options') of three or more
    columns, their half-empty columns (Notes included) and the cells that repeat
    another cell of their row word for word. The author's own tables are theirs."""
    counts = {"tables": 0, "half_empty_columns": 0, "repeated_cells": 0}
    for table in soup.select("article table"):
        header = [_text(th) for th in table.select("thead th")]
        rows = [[_text(td) for td in tr.find_all("td")] for tr in table.select("tbody tr")]
        if len(header) < 3 or not rows or header[0] != LABEL_HEADER:
            continue
        counts["tables"] += 1
        for index in range(1, len(header)):
            empty = sum(1 for row in rows if index < len(row) and row[index] == EMPTY)
            if 2 * empty >= len(rows):
                counts["half_empty_columns"] += 1
        for row in rows:
            cells = [cell for cell in row[1:] if cell != EMPTY]
            counts["repeated_cells"] += len(cells) - len(set(cells))
    return counts


def heading_counts(soup: BeautifulSoup) -> dict[str, int]:
    """Headings, and table-of-contents entries, that end in "." or ":"."""
    headings = [_text(h) for h in soup.select("article :is(h1, h2, h3, h4, h5, h6)")]
    toc = [_text(a) for a in soup.select("nav.md-nav--secondary a.md-nav__link")]
    return {
        "headings": len(headings),
        "headings_trailing_stop": sum(1 for h in headings if h.endswith((".", ":"))),
        "toc_trailing_stop": sum(1 for t in toc if t.endswith((".", ":"))),
    }


def diagram_counts(soup: BeautifulSoup) -> dict[str, int]:
    """Diagrams drawn into the page, and their labels cut with "…"."""
    figures = soup.select("figure.notes-diagram")
    cut = 0
    for figure in figures:
        for leaf in figure.select("svg *"):
            if not leaf.find(True) and leaf.get_text().strip().endswith(CUT):
                cut += 1
    return {"diagrams": len(figures), "cut_labels": cut}


def source_line_first(soup: BeautifulSoup) -> bool:
    """Whether the "From the notes" line is the first thing under the page title."""
    title = soup.select_one("article h1")
    following = title.find_next_sibling() if title else None
    return following is not None and "notes-source" in " ".join(following.get("class") or [])


def numbers_cut(site: Path) -> int:
    """Numbers-to-remember entries whose context is cut with "…"."""
    page = site / "numbers.html"
    if not page.is_file():
        return 0
    return sum(1 for em in _soup(page).select("article li em") if _text(em).endswith(CUT))


def html_figures(site: Path) -> dict[str, int]:
    """The counts read from the built pages' HTML."""
    totals: dict[str, int] = {"pages": 0, "source_line_first": 0}
    for page in _pages(site):
        soup = _soup(page)
        totals["pages"] += 1
        totals["source_line_first"] += source_line_first(soup)
        for counts in (table_counts(soup), heading_counts(soup), diagram_counts(soup)):
            for key, value in counts.items():
                totals[key] = totals.get(key, 0) + value
    totals["numbers_cut"] = numbers_cut(site)
    return totals


def browser_figures(site: Path) -> dict[str, Any] | str:
    """Widest table, text column, smallest diagram text and uncued scroll boxes,
    at each width, over the pages with a table or a diagram."""
    if not CHROMIUM.is_file():
        return f"skipped: no Chromium at {CHROMIUM}"
    from playwright.sync_api import sync_playwright

    pages = [
        p
        for p in _pages(site)
        if "<table" in (text := p.read_text(encoding="utf-8")) or "notes-diagram" in text
    ]
    found: dict[str, Any] = {}
    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=str(CHROMIUM))
        try:
            for width, options in WIDTHS.items():
                context = browser.new_context(offline=True, **options)
                tab = context.new_page()
                result = {"widest_table": 0.0, "column": 0.0, "smallest_text": None, "uncued": 0}
                for page in pages:
                    tab.goto(page.as_uri())
                    tab.wait_for_load_state("load")
                    seen = tab.evaluate(MEASURE)
                    if seen["widest"] > result["widest_table"]:
                        result["widest_table"], result["widest_page"] = seen["widest"], page.name
                    result["column"] = seen["column"] or result["column"]
                    result["uncued"] += seen["uncued"]
                    small = seen["smallest"]
                    if small is not None and (
                        result["smallest_text"] is None or small < result["smallest_text"]
                    ):
                        result["smallest_text"], result["smallest_page"] = small, page.name
                found[width] = result
                context.close()
        finally:
            browser.close()
    return found


def measure(site: Path) -> dict[str, Any]:
    return {**html_figures(site), "browser": browser_figures(site)}


def rows(name: str, figures: dict[str, Any]) -> list[tuple[str, str]]:
    """The bench table's lines for one site, each with its target."""
    f = figures
    out = [
        (
            f"{name}: tables (3+ columns)",
            f"{f['tables']}: {f['half_empty_columns']} half-empty columns, Notes included "
            f"(target 0), {f['repeated_cells']} repeated cells (target 0)",
        ),
        (
            f"{name}: headings ending '.' or ':'",
            f"{f['headings_trailing_stop']} of {f['headings']}, "
            f"{f['toc_trailing_stop']} in the contents (target 0)",
        ),
        (
            f"{name}: diagrams",
            f"{f['diagrams']}: {f['cut_labels']} labels cut with '…' (target 0)",
        ),
        (
            f"{name}: 'From the notes' first",
            f"{f['source_line_first']} of {f['pages']} pages (target 0); "
            f"numbers entries cut: {f['numbers_cut']} (target 0)",
        ),
    ]
    seen = f["browser"]
    if isinstance(seen, str):
        return [*out, (f"{name}: widths and text sizes", seen)]
    for width, m in seen.items():
        small = m["smallest_text"]
        text = f"{small:.1f} px ({m['smallest_page']})" if small is not None else "no diagram"
        out.append(
            (
                f"{name}: {width}",
                f"widest table {m['widest_table']:.0f} px in a {m['column']:.0f} px column "
                f"({m.get('widest_page', '-')}); overflowing boxes without a scroll cue: "
                f"{m['uncued']} (target 0); smallest diagram text {text} "
                f"(target ≥ {TARGETS[width]:.0f})",
            )
        )
    return out


def measure_sources() -> dict[str, Any]:
    """The figures of the original notes' site and of each corpus' site."""
    found: dict[str, Any] = {}
    with tempfile.TemporaryDirectory() as tmp:
        for label, source in corpora.SOURCES.items():
            if not source.exists():
                found[label] = "missing"
                continue
            site = Path(tmp) / label
            corpora.build_once(source, site)
            found[label] = measure(site)
    return found


def all_rows(figures: dict[str, Any]) -> list[tuple[str, str]]:
    out: list[tuple[str, str]] = []
    for label, found in figures.items():
        out += [(label, found)] if isinstance(found, str) else rows(label, found)
    return out


def main(argv: list[str]) -> int:
    figures = {Path(site).name: measure(Path(site)) for site in argv} or measure_sources()
    for label, value in all_rows(figures):
        print(f"{label:<48}  {value}")
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
