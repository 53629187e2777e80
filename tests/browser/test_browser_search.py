"""Search quality: what readers type finds the page they mean, in the top 3.

The queries and the page each must find are data: search_queries.yml for the
site of the original notes, search_queries_corpora.yml for sites built from
other authors' notes (../shared/corpora). Each query is typed into the search
box of the site opened from disk, offline, exactly as a reader would; the
rank of the expected page among the result pages (and, where a row names it,
the section shown first under that page) is recorded in
test-output/search-report.md, and the share found is printed at the end of
the run.
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
CORPORA_QUERIES_FILE = Path(__file__).with_name("search_queries_corpora.yml")
TOP = 3
FIELDS = {"query", "page", "section", "top", "known", "corpus", "kind"}


def load_queries(path: Path = QUERIES_FILE) -> list[dict[str, str]]:
    """The query table: each row a query, the page it must find (`top`: in the
    first 1 or 3, 3 unless said), maybe the section shown first under it, the
    kind of query, the corpus, and maybe a known weakness."""
    rows = yaml.safe_load(path.read_text(encoding="utf-8"))
    assert isinstance(rows, list) and rows, f"{path.name} holds no queries"
    for row in rows:
        assert {"query", "page"} <= set(row) <= FIELDS, (
            f"{path.name}: {row} needs query and page (and only {sorted(FIELDS)})"
        )
        assert int(row.get("top", TOP)) in (1, TOP), f"{path.name}: {row}: top is 1 or {TOP}"
    return [{key: str(value) for key, value in row.items()} for row in rows]


QUERIES = load_queries()
CORPORA_QUERIES = load_queries(CORPORA_QUERIES_FILE)


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


def test_query_table_names_real_pages_and_sections(site_dir: Path) -> None:
    """Every page (and section) the query table expects exists in the built
    site, and no query is listed twice."""
    missing = sorted({row["page"] for row in QUERIES if not (site_dir / row["page"]).is_file()})
    assert missing == []
    sections = sorted(
        f"{row['page']}#{row['section']}"
        for row in QUERIES
        if "section" in row
        and f'id="{row["section"]}"' not in (site_dir / row["page"]).read_text(encoding="utf-8")
    )
    assert sections == []
    queries = [row["query"].casefold() for row in QUERIES]
    assert len(queries) == len(set(queries))


def test_query_tables_hold_every_kind_of_query() -> None:
    """The tables are large, hold each kind of query the search is meant to
    answer, and mark none as a known weakness."""
    kinds = {
        "name",
        "abbreviation",
        "phrase",
        "misspelling",
        "split",
        "plural",
        "punctuated",
        "question",
        "number",
        "section",
    }
    assert len(QUERIES) >= 150
    assert len(CORPORA_QUERIES) >= 30
    for table in (QUERIES, CORPORA_QUERIES):
        assert {row.get("kind") for row in table} == kinds
        assert any("section" in row for row in table)
        assert any(row.get("top") == "1" for row in table)
    assert [row["query"] for row in QUERIES + CORPORA_QUERIES if "known" in row] == []


def check_row(row: dict[str, str], reader: Reader, log: list[dict[str, Any]]) -> None:
    """Search the row's query; assert its page is in its top 1 or 3, and its
    section (if the row names one) is the first shown under the page."""
    reader.console_errors.clear()
    results = reader.search_sections(row["query"])
    pages = [page for page, _ in results]
    rank = pages.index(row["page"]) + 1 if row["page"] in pages else None
    top = int(row.get("top", TOP))
    section = results[rank - 1][1] if rank is not None else None
    found = rank is not None and rank <= top and row.get("section", section) == section
    log.append(
        {**row, "rank": rank, "top": top, "shown": section, "found": found, "results": pages}
    )
    assert reader.console_errors == []
    assert rank is not None and rank <= top, f"{row['page']} is not in the top {top}: {pages[:5]}"
    if "section" in row:
        assert section == row["section"], (
            f"{row['page']} shows #{section} first, not #{row['section']}"
        )


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
    """Typing the query lists the expected page among the first three result
    pages (first, for a row with top 1), with the expected section under it."""
    check_row(row, search_page, search_log)


@pytest.fixture(scope="module", params=sorted({row["corpus"] for row in CORPORA_QUERIES}))
def corpus_search_page(
    request: pytest.FixtureRequest, browser: Any, tmp_path_factory: pytest.TempPathFactory
) -> Iterator[tuple[str, Reader]]:
    """The site built from one corpus of other authors' notes, opened offline."""
    from tests.site.builds import build_site
    from tests.site.test_corpora_site import CASES, CORPORA

    corpus = request.param
    source = CORPORA / CASES[corpus][0]
    if not source.exists():
        pytest.skip(f"{source} is not there")
    site = tmp_path_factory.mktemp(f"search-{corpus}") / "site"
    build_site(site, source=str(source), cache=False)
    reader = new_reader(browser, Origin("file", site.as_uri() + "/"))
    reader.open("index.html")
    yield corpus, reader
    reader.context.close()


@pytest.mark.slow
def test_corpora_queries_find_their_pages(
    corpus_search_page: tuple[str, Reader], search_log: list[dict[str, Any]]
) -> None:
    """On sites built from other authors' notes, the same kinds of query find
    their page in the top 3 (top 1 where the row says so); all rows are tried
    before the test fails, so the report shows every miss."""
    corpus, reader = corpus_search_page
    failures = []
    for row in CORPORA_QUERIES:
        if row["corpus"] != corpus:
            continue
        try:
            check_row(row, reader, search_log)
        except AssertionError as error:
            failures.append(f"{row['query']!r}: {error}")
    assert failures == []
