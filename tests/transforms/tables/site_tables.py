"""Read the comparison tables out of a built site (for the tests and for reports).

Run as a script to list every table of a built site: page, rows × columns.
"""

from __future__ import annotations

import sys
from dataclasses import dataclass
from pathlib import Path

from bs4 import BeautifulSoup, Tag


@dataclass
class SiteTable:
    page: str
    element: Tag
    header: list[str]
    rows: list[list[Tag]]

    @property
    def labels(self) -> list[str]:
        """The options' names (without the group an unfolded row shows in small type)."""
        return [label_text(row[0]) if row else "" for row in self.rows]

    def column(self, title: str) -> list[Tag]:
        index = self.header.index(title)
        return [row[index] for row in self.rows]

    def _after(self) -> Tag | None:
        wrapper = self.element
        while wrapper.parent is not None and wrapper.parent.name == "div":
            wrapper = wrapper.parent  # Material's scroll wrappers, when scripts ran
        return wrapper.find_next_sibling()

    @property
    def notes(self) -> Tag | None:
        """The list of a few rows' notes right under the table ("Glacier: …"), if any."""
        sibling = self._after()
        if sibling is None or sibling.name != "ul":
            return None
        items = [cell_text(li) for li in sibling.find_all("li", recursive=False)]
        labelled = all(any(i.startswith(label) for label in self.labels) for i in items)
        return sibling if items and labelled else None

    @property
    def source(self) -> Tag | None:
        """The collapsed "From the notes" list under the table (and its notes), if any."""
        sibling = self._after()
        if sibling is not None and self.notes is not None:
            sibling = sibling.find_next_sibling()
        return sibling if sibling is not None and sibling.name == "details" else None


def cell_text(cell: Tag) -> str:
    return " ".join(cell.get_text(" ").split())


def label_text(cell: Tag) -> str:
    parts = [s for s in cell.find_all(string=True) if s.find_parent("small") is None]
    return " ".join(" ".join(parts).split())


def page_tables(site: Path, page: str) -> list[SiteTable]:
    soup = BeautifulSoup((site / page).read_text(encoding="utf-8"), "lxml")
    article = soup.find("article") or soup
    tables = []
    for table in article.find_all("table"):
        header = [cell_text(th) for th in table.find_all("th")]
        rows = [list(row.find_all("td")) for row in table.find_all("tr") if row.find_all("td")]
        tables.append(SiteTable(page, table, header, rows))
    return tables


def site_tables(site: Path) -> list[SiteTable]:
    return [t for html in sorted(site.glob("*.html")) for t in page_tables(site, html.name)]


if __name__ == "__main__":
    for table in site_tables(Path(sys.argv[1])):
        print(f"{table.page}: {len(table.rows)} × {len(table.header)}  {' | '.join(table.header)}")
        print(f"    rows: {'; '.join(table.labels)}")
