"""What hooks/search_index.py adds to the search index: names, heading paths, settings.

The words readers search a page by (its abbreviations and aliases) are in the
index only: nothing is added to the page a reader sees.
"""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from bs4 import BeautifulSoup
from notesite.output.search_index import (
    Heading,
    PageSearch,
    enrich_index,
    entry_names,
    heading_paths,
    page_search,
)
from notesite.planning.catalogue import Entry, load_catalogue

ROOT = Path(__file__).resolve().parents[2]

DYNAMODB = Entry(
    slug="dynamodb",
    name="Amazon DynamoDB",
    short="DynamoDB",
    category="databases",
    abbreviations=(("DDB", "DynamoDB"), ("RCU", "Read Capacity Unit")),
    aliases=("DDB", "dynamo table", "Amazon DynamoDB"),
)

S3_TOC = (
    Heading(
        "Amazon S3",
        "amazon-s3",
        (
            Heading("Encryption", "encryption", (Heading("SSE-KMS", "sse-kms"),)),
            Heading("Versioning", "versioning"),
        ),
    ),
)


def test_names_are_short_name_aliases_then_abbreviations_with_their_meaning() -> None:
    """Short name, aliases, then each abbreviation and what it stands for; each once."""
    assert entry_names(DYNAMODB) == (
        "DynamoDB",
        "DDB",
        "dynamo table",
        "RCU",
        "Read Capacity Unit",
    )


def test_names_repeat_nothing_and_leave_out_the_title() -> None:
    """A name equal to the title, or listed twice in any case, is given once or not at all."""
    names = entry_names(DYNAMODB)
    assert "Amazon DynamoDB" not in names
    assert len({name.casefold() for name in names}) == len(names)


def test_short_name_is_also_given_without_amazon_or_aws() -> None:
    """ "AWS Lambda" is also searched as "Lambda", as readers say it."""
    lambda_ = Entry(slug="lambda", name="AWS Lambda", short="AWS Lambda", category="compute")
    assert entry_names(lambda_) == ("Lambda",)
    assert entry_names(None) == ()


def test_heading_paths_start_with_the_page_and_skip_its_title() -> None:
    """Each section's path is the page's short name and the headings above it."""
    assert heading_paths(S3_TOC, "S3") == {
        "amazon-s3": (),
        "encryption": ("S3",),
        "sse-kms": ("S3", "Encryption"),
        "versioning": ("S3",),
    }


def test_heading_paths_of_a_page_with_several_top_headings() -> None:
    """Without a single title heading, every top heading sits under the page's name."""
    toc = (Heading("One", "one", (Heading("Two", "two"),)), Heading("Three", "three"))
    assert heading_paths(toc, "Page") == {
        "one": ("Page",),
        "two": ("Page", "One"),
        "three": ("Page",),
    }


def test_page_search_labels_a_catalogue_page_by_its_short_name() -> None:
    """A catalogue page is labelled without "Amazon"; another page by its title."""
    name = "Amazon Simple Storage Service (S3)"
    s3 = Entry(slug="s3", name=name, short="Amazon S3", category="storage")
    assert page_search(name, s3, S3_TOC).label == "S3"
    assert page_search("Glossary", None, ()).label == "Glossary"
    assert page_search("Glossary", None, ()).names == ()


def test_enrich_index_adds_names_paths_and_settings() -> None:
    """The page's doc gets its names, each section's doc its path; the settings go in config."""
    index = {
        "config": {"lang": ["en"]},
        "docs": [
            {"location": "s3.html", "title": "Amazon S3", "text": ""},
            {"location": "s3.html#sse-kms", "title": "SSE-KMS", "text": ""},
            {"location": "s3.html#unknown", "title": "?", "text": ""},
            {"location": "other.html", "title": "Other", "text": ""},
        ],
    }
    pages = {
        "s3.html": PageSearch(
            label="S3", names=("S3", "SSE"), paths={"sse-kms": ("S3", "Encryption")}
        )
    }
    result = enrich_index(index, pages, {"stop_words": "how"})
    assert result["docs"][0]["names"] == ["S3", "SSE"]
    assert result["docs"][1]["path"] == ["S3", "Encryption"]
    assert result["docs"][2]["path"] == ["S3"]
    assert result["docs"][3] == {"location": "other.html", "title": "Other", "text": ""}
    assert result["config"] == {"lang": ["en"], "notes": {"stop_words": "how"}}


def test_nothing_to_add_leaves_the_docs_unchanged() -> None:
    """Docs of pages with nothing to add are returned as they were."""
    docs = [{"location": "index.html", "title": "Home", "text": "x"}]
    result = enrich_index({"config": {}, "docs": [dict(doc) for doc in docs]}, {}, {})
    assert result["docs"] == docs


@pytest.mark.slow
def test_every_abbreviation_and_alias_is_in_the_built_index_only(built_site: Path) -> None:
    """In the real site each page's index doc names its entry's abbreviations and
    aliases, and no page shows a keyword line."""
    catalogue = load_catalogue(ROOT / "docs" / "_data" / "catalogue.yml")
    index = json.loads((built_site / "search" / "search_index.json").read_text(encoding="utf-8"))
    names = {doc["location"]: doc.get("names", []) for doc in index["docs"]}
    missing: dict[str, list[str]] = {}
    checked = 0
    for entry in catalogue.entries:
        page = built_site / f"{entry.slug}.html"
        if not page.is_file() or not (entry.abbreviations or entry.aliases):
            continue
        html = BeautifulSoup(page.read_text(encoding="utf-8"), "lxml")
        content = html.select_one("article").get_text()
        assert "Keywords:" not in content, entry.slug
        wanted = [short for short, _ in entry.abbreviations] + list(entry.aliases)
        listed = names.get(f"{entry.slug}.html", [])
        absent = [word for word in wanted if word not in listed and word != entry.name]
        if absent:
            missing[entry.slug] = absent
        checked += 1
    assert checked > 20
    assert missing == {}
    assert index["config"]["notes"]["stop_words"]
