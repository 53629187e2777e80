"""The build cache: a second build reuses the notes' work only while nothing it
was made from has changed, and says the same things to the author."""

from __future__ import annotations

import gc
import logging
import os
import pickle
from pathlib import Path

import pytest
from mkdocs.commands.build import build
from mkdocs.config import load_config
from mkdocs.exceptions import Abort
from notesite.cache import BuildCache

from tests.reading.test_notes_fixtures import build_case, make_project, messages

pytestmark = pytest.mark.slow

CACHE = Path(".cache/notes-site")


def site_files(site: Path) -> dict[str, bytes]:
    return {
        p.relative_to(site).as_posix(): p.read_bytes()
        for p in sorted(site.rglob("*"))
        if p.is_file() and p.name not in ("sitemap.xml", "sitemap.xml.gz")
    }


def test_a_second_build_reuses_the_work_and_makes_the_same_site(tmp_path: Path) -> None:
    project, _ = make_project("bad_input", tmp_path)
    first, records = build_case(project, strict=False)
    site = site_files(project / "site")
    second, records_again = build_case(project, strict=False)
    assert not first["notes_site"].from_cache and second["notes_site"].from_cache
    warned = messages(records, logging.WARNING)
    assert warned and messages(records_again, logging.WARNING) == warned  # all said again
    assert site_files(project / "site") == site
    assert len(list((project / CACHE).glob("*.pickle"))) == 1


def test_a_strict_build_fails_again_from_the_cache(tmp_path: Path) -> None:
    project, _ = make_project("bad_input", tmp_path)
    logger = logging.getLogger("mkdocs")
    level, cwd = logger.level, Path.cwd()
    logger.setLevel(logging.INFO)  # whatever an earlier test left: warnings are counted
    os.chdir(project)
    try:
        for attempt in range(2):
            config = load_config(str(project / "mkdocs.yml"), site_dir=str(project / "site"))
            config["strict"] = True
            with pytest.raises(Abort, match="warnings in strict mode"):
                build(config)
            assert config["notes_site"].from_cache is (attempt == 1)
    finally:
        os.chdir(cwd)
        logger.setLevel(level)


def test_an_edit_of_the_notes_is_built_afresh(tmp_path: Path) -> None:
    project, _ = make_project("bad_input", tmp_path)
    build_case(project, strict=False)
    with (project / "notes.md").open("a", encoding="utf-8") as notes:
        notes.write("\n- A line written after the first build.\n")
    config, _ = build_case(project, strict=False)
    assert not config["notes_site"].from_cache
    assert "A line written after the first build." in (project / "site" / "lambda.html").read_text()


def test_adding_the_missing_picture_is_built_afresh(tmp_path: Path) -> None:
    project, _ = make_project("bad_input", tmp_path)
    _, records = build_case(project, strict=False)
    assert any("missing.png" in m for m in messages(records, logging.WARNING))
    picture = project / "pic" / "missing.png"
    picture.parent.mkdir()
    picture.write_bytes(b"\x89PNG\r\n\x1a\n")
    config, records = build_case(project, strict=False)
    assert not config["notes_site"].from_cache
    assert not any("missing.png" in m for m in messages(records, logging.WARNING))
    assert (project / "site" / "images" / "pic" / "missing.png").is_file()


def test_an_edit_of_the_data_is_built_afresh(tmp_path: Path) -> None:
    project, _ = make_project("bad_input", tmp_path)
    build_case(project, strict=False)
    tables = project / "docs" / "_data" / "tables.yml"
    tables.write_text(tables.read_text(encoding="utf-8") + "\n# edited\n", encoding="utf-8")
    config, _ = build_case(project, strict=False)
    assert not config["notes_site"].from_cache


def test_a_broken_entry_is_ignored_and_replaced(tmp_path: Path) -> None:
    project, _ = make_project("bad_input", tmp_path)
    build_case(project, strict=False)
    (entry,) = (project / CACHE).glob("*.pickle")
    entry.write_bytes(entry.read_bytes()[:100])
    config, _ = build_case(project, strict=False)
    assert not config["notes_site"].from_cache
    config, _ = build_case(project, strict=False)
    assert config["notes_site"].from_cache


def test_the_cache_can_be_turned_off(tmp_path: Path) -> None:
    project, _ = make_project("bad_input", tmp_path)
    yml = project / "mkdocs.yml"
    text = yml.read_text(encoding="utf-8")
    assert "\n  notes:\n" in text
    yml.write_text(text.replace("\n  notes:\n", "\n  notes:\n    cache: false\n"), "utf-8")
    for _ in range(2):
        config, _ = build_case(project, strict=False)
        assert not config["notes_site"].from_cache
    # Nothing of the build's work is kept (the notes, the pages); only Material's
    # compiled templates are, as Python keeps its .pyc files.
    kept = [p.name for p in (project / ".cache").iterdir()] if (project / ".cache").exists() else []
    assert kept in ([], ["templates"])


# -- the cache itself ----------------------------------------------------------------


def test_an_entry_is_used_while_the_files_it_looked_at_stay_the_same(tmp_path: Path) -> None:
    cache = BuildCache(tmp_path / "cache")
    seen, unseen = tmp_path / "seen.png", tmp_path / "unseen.png"
    seen.write_bytes(b"one")
    assert cache.store("k", {"value": 1}, depends_on=[seen, unseen])
    assert cache.load("k") == {"value": 1}
    assert cache.load("other") is None
    unseen.write_bytes(b"now here")
    assert cache.load("k") is None
    unseen.unlink()
    seen.write_bytes(b"longer")
    assert cache.load("k") is None


def test_only_the_newest_entries_are_kept(tmp_path: Path) -> None:
    cache = BuildCache(tmp_path / "cache", keep=2)
    for index, key in enumerate("abc"):
        cache.store(key, index)
        os.utime(cache.folder / f"{key}.pickle", ns=(index * 10**9, index * 10**9))
    cache.store("d", 3)
    assert sorted(p.stem for p in cache.folder.glob("*.pickle")) == ["c", "d"]


def test_what_cannot_be_read_or_written_costs_only_time(tmp_path: Path) -> None:
    blocked = tmp_path / "file"
    blocked.write_text("not a folder")
    assert BuildCache(blocked / "cache").store("k", 1) is False
    cache = BuildCache(tmp_path / "cache")
    cache.folder.mkdir()
    (cache.folder / "k.pickle").write_bytes(pickle.dumps("not an entry"))
    assert cache.load("k") is None
    (cache.folder / "j.pickle").write_bytes(b"\x80\x05garbage")
    assert cache.load("j") is None


def test_the_garbage_collector_is_left_as_it_was_found(tmp_path: Path) -> None:
    """The build pauses the collector and freezes the notes' state only for its own
    length: afterwards nothing stays frozen, and a disabled collector stays disabled."""
    project, _ = make_project("bad_input", tmp_path)
    gc.unfreeze()
    build_case(project, strict=False)
    assert gc.get_freeze_count() == 0 and gc.isenabled()
    gc.disable()
    try:
        build_case(project, strict=False)
        assert gc.get_freeze_count() == 0 and not gc.isenabled()
    finally:
        gc.enable()
