"""A page's search entries are kept between builds: Material's search plugin
reads a page's HTML again only when the page changed."""

from __future__ import annotations

import logging
from pathlib import Path
from typing import ClassVar

import pytest
from material.plugins.search import plugin as search_plugin
from mkdocs.commands.build import build
from mkdocs.config import load_config
from notesite.output.indexed import index_key, settings_key

ROOT = Path(__file__).resolve().parents[2]


def test_the_key_holds_everything_the_entries_are_made_from() -> None:
    build_part = settings_key({"separator": "[\\s]+", "lang": ["en"]})
    page = ("s3.html", "S3", {"search": {"boost": 2}}, [{"id": "a", "children": []}], "<h1>S3</h1>")
    key = index_key(build_part, *page)
    assert key == index_key(build_part, *page)
    changed = [
        index_key(settings_key({"separator": "[\\s\\-]+", "lang": ["en"]}), *page),
        index_key(build_part, "s4.html", *page[1:]),
        index_key(build_part, page[0], "Amazon S3", *page[2:]),
        index_key(build_part, *page[:2], {"search": {"boost": 3}}, *page[3:]),
        index_key(build_part, *page[:3], [{"id": "b", "children": []}], page[4]),
        index_key(build_part, *page[:4], "<h1>S3</h1><p>more</p>"),
    ]
    assert len({key, *changed}) == len(changed) + 1


class _CountingParser(search_plugin.Parser):
    fed: ClassVar[list[int]] = []

    def feed(self, data: str) -> None:
        type(self).fed.append(len(data))
        super().feed(data)


def test_a_build_from_the_cache_reads_no_page_for_search(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """The second build hands Material every page's entries from the cache (its
    parser reads nothing) and writes the same index; a page whose entries are not
    in the cache (a new or changed page) is read again."""
    logging.getLogger("mkdocs").setLevel(logging.ERROR)
    monkeypatch.setattr(search_plugin, "Parser", _CountingParser)

    def build_site(name: str) -> str:
        config = load_config(str(ROOT / "mkdocs.yml"), site_dir=str(tmp_path / name))
        config.extra["notes"] = {**config.extra["notes"], "cache": str(tmp_path / "cache")}
        _CountingParser.fed = []
        build(config)
        return (tmp_path / name / "search" / "search_index.json").read_text(encoding="utf-8")

    first = build_site("first")
    assert len(_CountingParser.fed) > 40
    assert build_site("second") == first
    assert _CountingParser.fed == []
    kept = sorted((tmp_path / "cache" / "search").iterdir())
    kept[0].unlink()
    assert build_site("third") == first
    assert len(_CountingParser.fed) == 1
