"""Facets and settings: the project's data loads, and broken data is refused with its place."""

from __future__ import annotations

from pathlib import Path

import pytest
import yaml
from notesite.transforms.tables.data import (
    TableDataError,
    load_table_data,
    parse_facets,
    parse_tables,
)

from .golden import ROOT


def test_the_project_data_loads() -> None:
    """facets.yml and tables.yml of the project parse, with unique facet ids and named rows."""
    data = load_table_data(ROOT)
    assert len({f.id for f in data.facets}) == len(data.facets) > 10
    assert all(len(c.rows) >= 2 for c in data.comparisons)


def test_a_facet_matches_near_its_context_word() -> None:
    """'near' with 'within' requires the context word close to the match."""
    (facet,) = parse_facets(
        {"facets": [{"id": "min_days", "match": r"\d+ days", "near": r"\bmin\b", "within": 10}]},
        "test",
    )
    assert facet.find("30 days and 128 KB min charges") is None  # 'min' is 16 characters away
    assert facet.find("30 days min charge") == (0, 7)
    assert facet.find("Objects not read for 30 days move") is None


@pytest.mark.parametrize(
    ("raw", "message"),
    [
        ({"facets": [{"id": "x", "match": "("}]}, r"facet 'x': invalid regular expression"),
        (
            {"facets": [{"id": "x", "match": "a", "colour": "red"}]},
            r"facet 'x': unknown keys \['colour'\]",
        ),
        (
            {"facets": [{"id": "x", "match": "a"}, {"id": "x", "match": "b"}]},
            r"facet id 'x' is used twice",
        ),
        ({"facets": [{"title": "No id"}]}, r"facets\[0\]: each facet needs 'id', 'match'"),
        ({"facet": []}, r"expected a top-level 'facets:' list"),
    ],
)
def test_broken_facets_are_refused(raw: object, message: str) -> None:
    """A facets file that cannot work stops the build, naming the file and the facet."""
    with pytest.raises(TableDataError, match=rf"facets.yml: .*{message}|facets.yml: {message}"):
        parse_facets(raw, "facets.yml")


@pytest.mark.parametrize(
    ("raw", "message"),
    [
        ({"settings": {"min_rows": 2}}, r"unknown settings \['min_rows'\]"),
        ({"settings": {"min_options": "two"}}, r"setting 'min_options' should be int"),
        ({"comparisons": [{"title": "x", "rows": ["only one"]}]}, r"needs at least two rows"),
    ],
)
def test_broken_tables_settings_are_refused(raw: object, message: str) -> None:
    """A tables file with an unknown or mistyped setting, or a one-row comparison, is refused."""
    with pytest.raises(TableDataError, match=rf"tables.yml: .*{message}"):
        parse_tables(raw, "tables.yml")


def test_invalid_yaml_names_the_file(tmp_path: Path) -> None:
    """A facets.yml that is not YAML is reported by its project path."""
    data = tmp_path / "docs" / "_data"
    data.mkdir(parents=True)
    (data / "facets.yml").write_text("facets: [\n")
    with pytest.raises(TableDataError, match=r"'docs/_data/facets.yml' is not valid YAML"):
        load_table_data(tmp_path)


def test_facets_file_is_documented_yaml() -> None:
    """Every facet in the project's file has a title (the column header readers see)."""
    raw = yaml.safe_load((ROOT / "docs/_data/facets.yml").read_text())
    assert [f["id"] for f in raw["facets"] if not f.get("title")] == []
