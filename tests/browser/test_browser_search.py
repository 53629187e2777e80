"""Search quality: what readers type finds the page they mean, in the top 3.

The queries and the page each must find are data (search_queries.yml). Each
query is typed into the search box of the site opened from disk, offline,
exactly as a reader would; the rank of the expected page among the result
pages is recorded in test-output/search-report.md, and the share found in the
top 3 is printed at the end of the run.
"""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
import yaml

from .conftest import new_reader
from .reader import Origin, Reader

pytestmark = pytest.mark.browser

QUERIES_FILE = Path(__file__).with_name("search_queries.yml")
TOP = 3


def load_queries(path: Path = QUERIES_FILE) -> list[dict[str, str]]:
    """The query table: each row a query, the page it must find, and maybe a known weakness."""
    rows = yaml.safe_load(path.read_text(encoding="utf-8"))
    assert isinstance(rows, list) and rows, f"{path.name} holds no queries"
    for row in rows:
        assert {"query", "page"} <= set(row) <= {"query", "page", "known"}, (
            f"{path.name}: {row} needs query and page (and optionally known)"
        )
    return [{key: str(value) for key, value in row.items()} for row in rows]


QUERIES = load_queries()


def query_params(rows: list[dict[str, str]]) -> list[Any]:
    """One test per row; a row with a `known` weakness is expected to fail, strictly,
    so that the day it passes the note is removed."""
    return [
        pytest.param(
            row,
            id=row["query"],
            marks=[pytest.mark.xfail(reason=row["known"], strict=True)] if "known" in row else [],
        )
        for row in rows
    ]


def test_query_table_names_real_pages(site_dir: Path) -> None:
    """Every page the query table expects exists in the built site, and no query is listed twice."""
    missing = sorted({row["page"] for row in QUERIES if not (site_dir / row["page"]).is_file()})
    assert missing == []
    queries = [row["query"].casefold() for row in QUERIES]
    assert len(queries) == len(set(queries))


@pytest.fixture(scope="module")
def search_page(browser: Any, file_origin: Origin) -> Iterator[Reader]:
    """One offline page with the search box, shared by the queries of the table.

    Searching changes nothing on the site, so the queries need not pay for a
    fresh context each; every query starts from an emptied search box.
    """
    reader = new_reader(browser, file_origin)
    reader.open("index.html")
    yield reader
    reader.context.close()


@pytest.mark.parametrize("row", query_params(QUERIES))
def test_query_finds_its_page_in_top_3(
    row: dict[str, str], search_page: Reader, search_log: list[dict[str, Any]]
) -> None:
    """Typing the query lists the expected page among the first three result pages."""
    reader = search_page
    reader.console_errors.clear()
    results = reader.search(row["query"])
    rank = results.index(row["page"]) + 1 if row["page"] in results else None
    search_log.append({**row, "rank": rank, "results": results})
    assert reader.console_errors == []
    assert rank is not None and rank <= TOP, f"{row['page']} is not in the top {TOP}: {results[:5]}"
