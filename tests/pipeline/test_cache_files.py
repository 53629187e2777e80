"""Cache files: written whole in one rename, read back only when whole; a
damaged one is dropped and said once, never used."""

from __future__ import annotations

import logging
import os
import pickle
from collections.abc import Callable
from pathlib import Path

import pytest
from notesite.cache import BuildCache
from notesite.cache_files import MAGIC, Damaged, pack, read_entry, unpack, write_entry

PAYLOAD = pickle.dumps({"page": "<p>Text</p>" * 50})


def cut_in_half(path: Path) -> None:
    data = path.read_bytes()
    path.write_bytes(data[: len(data) // 2])


def garbage(path: Path) -> None:
    path.write_bytes(os.urandom(path.stat().st_size))


def one_byte_changed(path: Path) -> None:
    data = bytearray(path.read_bytes())
    data[-1] ^= 0x01
    path.write_bytes(bytes(data))


def header_lost(path: Path) -> None:
    path.write_bytes(unpack(path.name, path.read_bytes()))


def emptied(path: Path) -> None:
    path.write_bytes(b"")


def copied_from_another_entry(path: Path) -> None:
    other = path.with_name("other.pickle")
    write_entry(other, b"another entry")
    path.write_bytes(other.read_bytes())


FAULTS = [cut_in_half, garbage, one_byte_changed, header_lost, emptied, copied_from_another_entry]


def test_an_entry_round_trips_and_leaves_no_temporary_file(tmp_path: Path) -> None:
    """What is written is read back as it was, under a header; nothing else is left."""
    path = tmp_path / "cache" / "key.pickle"
    assert write_entry(path, PAYLOAD)
    assert path.read_bytes().startswith(MAGIC)
    assert read_entry(path) == PAYLOAD
    assert [p.name for p in path.parent.iterdir()] == ["key.pickle"]


@pytest.mark.parametrize("fault", FAULTS, ids=lambda f: f.__name__)
def test_a_damaged_entry_is_dropped_and_said_once(
    tmp_path: Path, cache_said: list[logging.LogRecord], fault: Callable[[Path], None]
) -> None:
    """Cut, overwritten, altered, headless, empty or another entry's: None, the
    file gone, one INFO line naming it."""
    path = tmp_path / "key.pickle"
    write_entry(path, PAYLOAD)
    fault(path)
    assert read_entry(path) is None
    assert not path.exists()
    assert len(cache_said) == 1 and f"{path} damaged; rebuilt" in cache_said[0].getMessage()


def test_a_missing_entry_is_a_plain_miss(
    tmp_path: Path, cache_said: list[logging.LogRecord]
) -> None:
    """No file: None, and nothing said."""
    assert read_entry(tmp_path / "none.pickle") is None
    assert cache_said == []


def test_unpack_refuses_what_pack_did_not_make_for_that_name() -> None:
    """The checksum covers the name and every byte of the payload."""
    packed = pack("a.svg", b"<svg></svg>")
    assert unpack("a.svg", packed) == b"<svg></svg>"
    with pytest.raises(Damaged, match="checksum"):
        unpack("b.svg", packed)
    with pytest.raises(Damaged, match="checksum"):
        unpack("a.svg", packed[:-1])
    with pytest.raises(Damaged, match="header"):
        unpack("a.svg", packed[: len(MAGIC) + 10])


def test_a_folder_that_cannot_be_written_costs_only_time(tmp_path: Path) -> None:
    """False, no temporary file, and no folder made when asked not to make one."""
    blocked = tmp_path / "file"
    blocked.write_text("not a folder")
    assert write_entry(blocked / "cache" / "k.pickle", PAYLOAD) is False
    assert write_entry(tmp_path / "absent" / "k.json", b"{}", make_folder=False) is False
    assert not (tmp_path / "absent").exists()
    assert sorted(p.name for p in tmp_path.iterdir()) == ["file"]


def test_a_write_killed_before_its_rename_leaves_the_old_entry_whole(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """The process dies between writing the temporary file and renaming it:
    the entry reads as it was, and the temporary file is never read as one."""
    path = tmp_path / "key.pickle"
    write_entry(path, b"old")

    def killed(*args: object) -> None:
        raise SystemExit("killed")

    monkeypatch.setattr(os, "replace", killed)
    with pytest.raises(SystemExit):
        write_entry(path, b"new")
    monkeypatch.undo()
    (left,) = [p for p in tmp_path.iterdir() if p != path]
    assert left.name.startswith(".") and left.name.endswith(".tmp")
    assert read_entry(path) == b"old"


def test_a_write_replaces_the_entry_whole(tmp_path: Path) -> None:
    """A second write of the same entry replaces it; the reader sees one or the other."""
    path = tmp_path / "key.pickle"
    write_entry(path, b"first")
    write_entry(path, b"second, longer")
    assert read_entry(path) == b"second, longer"


@pytest.mark.parametrize("fault", FAULTS, ids=lambda f: f.__name__)
def test_the_build_cache_rebuilds_a_damaged_entry(
    tmp_path: Path, cache_said: list[logging.LogRecord], fault: Callable[[Path], None]
) -> None:
    """A damaged state entry is a miss, said once; the entry stored again is used."""
    cache = BuildCache(tmp_path / "cache")
    assert cache.store("k", {"value": 1})
    fault(tmp_path / "cache" / "k.pickle")
    assert cache.load("k") is None
    assert len(cache_said) == 1
    assert cache.store("k", {"value": 1}) and cache.load("k") == {"value": 1}
    assert len(cache_said) == 1


def test_a_whole_entry_that_does_not_load_is_dropped(
    tmp_path: Path, cache_said: list[logging.LogRecord]
) -> None:
    """A checksum that holds over bytes that are not a pickle of an entry: dropped, said."""
    folder = tmp_path / "cache"
    write_entry(folder / "j.pickle", b"\x80\x05garbage")
    write_entry(folder / "k.pickle", pickle.dumps("not an entry"))
    cache = BuildCache(folder)
    assert cache.load("j") is None and cache.load("k") is None
    assert not list(folder.iterdir())
    assert len(cache_said) == 2 and all("damaged; rebuilt" in r.getMessage() for r in cache_said)
