"""The theme's compiled templates are kept between builds, in a folder that may go."""

from __future__ import annotations

import logging
from pathlib import Path
from types import SimpleNamespace
from typing import Any

from jinja2 import DictLoader, Environment, FileSystemBytecodeCache
from template_cache import on_env


def config(root: Path, **extra: Any) -> Any:
    return SimpleNamespace(config_file_path=str(root / "mkdocs.yml"), extra=extra)


def test_compiled_templates_are_kept_and_used_again(tmp_path: Path) -> None:
    """A second environment loads the template from the folder, not by compiling it."""
    templates = DictLoader({"page.html": "<p>{{ title }}</p>"})
    first = on_env(Environment(loader=templates), config(tmp_path), None)  # type: ignore[arg-type]
    assert isinstance(first.bytecode_cache, FileSystemBytecodeCache)
    assert first.get_template("page.html").render(title="A") == "<p>A</p>"
    kept = list((tmp_path / ".cache/templates").iterdir())
    assert len(kept) == 1

    second = on_env(Environment(loader=templates), config(tmp_path), None)  # type: ignore[arg-type]
    compiled: list[str] = []
    second.compile = lambda *a, **k: compiled.append("again")  # type: ignore[method-assign]
    assert second.get_template("page.html").render(title="B") == "<p>B</p>"
    assert compiled == []


def test_a_damaged_compiled_template_is_compiled_again(
    tmp_path: Path, cache_said: list[logging.LogRecord]
) -> None:
    """A compiled template cut in half is never loaded: it is said to be damaged,
    the template is compiled again, renders as written, and is kept whole again."""
    templates = DictLoader({"page.html": "<p>{{ title }}</p>"})
    on_env(Environment(loader=templates), config(tmp_path), None).get_template("page.html")  # type: ignore[arg-type]
    (kept,) = (tmp_path / ".cache/templates").iterdir()
    whole = kept.read_bytes()
    kept.write_bytes(whole[: len(whole) // 2])

    again = on_env(Environment(loader=templates), config(tmp_path), None)  # type: ignore[arg-type]
    compile_ = again.compile
    compiled: list[str] = []
    again.compile = lambda *a, **k: compiled.append("again") or compile_(*a, **k)  # type: ignore[method-assign]
    assert again.get_template("page.html").render(title="B") == "<p>B</p>"
    assert compiled == ["again"]
    assert kept.read_bytes() == whole
    assert len(cache_said) == 1 and f"{kept} damaged; rebuilt" in cache_said[0].getMessage()


def test_false_turns_the_cache_off(tmp_path: Path) -> None:
    """template_cache: false leaves the environment as MkDocs made it."""
    env = on_env(Environment(), config(tmp_path, template_cache=False), None)  # type: ignore[arg-type]
    assert env.bytecode_cache is None
    assert not (tmp_path / ".cache").exists()
