"""Values made from the notes' state (study pages, cards, backlinks) are kept
in the build cache beside it: made once per state, read again after."""

from __future__ import annotations

from pathlib import Path
from types import SimpleNamespace
from typing import Any

from notesite.pipeline import kept


def a_state(folder: Path | None, key: str = "state-1") -> Any:
    return SimpleNamespace(kept_in=(folder, key) if folder else None, looked_at=set())


def counted(value: Any, calls: list[str]) -> Any:
    def compute() -> Any:
        calls.append("made")
        return value

    return compute


def test_a_value_is_made_once_per_state(tmp_path: Path) -> None:
    """A second build with the same state reads the value; another state makes it again."""
    calls: list[str] = []
    assert kept(a_state(tmp_path), "cards", counted(["card"], calls)) == ["card"]
    assert kept(a_state(tmp_path), "cards", counted(["other"], calls)) == ["card"]
    assert calls == ["made"]
    assert kept(a_state(tmp_path, "state-2"), "cards", counted(["new"], calls)) == ["new"]
    assert kept(a_state(tmp_path), "backlinks", counted({}, calls)) == {}
    assert calls == ["made"] * 3


def test_none_is_a_value_too(tmp_path: Path) -> None:
    """No cards (no rules file) is kept as such, not made again each build."""
    calls: list[str] = []
    for _ in range(2):
        assert kept(a_state(tmp_path), "cards", counted(None, calls)) is None
    assert calls == ["made"]


def test_without_a_cache_every_build_makes_it(tmp_path: Path) -> None:
    """With the build cache off, nothing is kept."""
    calls: list[str] = []
    for _ in range(2):
        assert kept(a_state(None), "cards", counted(1, calls)) == 1
    assert calls == ["made", "made"]
    assert not list(tmp_path.iterdir())
