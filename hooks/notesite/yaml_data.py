"""Reading the project's YAML data files: safe, and with PyYAML's C loader
when it has one (several times faster than the pure-Python loader)."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import yaml

_LOADER = getattr(yaml, "CSafeLoader", yaml.SafeLoader)


def safe_load(text: str) -> Any:
    """Like ``yaml.safe_load``; raises ``yaml.YAMLError`` the same way."""
    return yaml.load(text, Loader=_LOADER)


def load_mapping(path: Path, error: type[Exception], what: str = "a mapping of rules") -> Any:
    """A data file that must hold a mapping; ``error`` (a NotesSiteError) says
    which file and why if it cannot be read or holds something else."""
    try:
        data = safe_load(path.read_text(encoding="utf-8"))
    except (OSError, yaml.YAMLError) as problem:
        raise error(f"cannot read {path}: {problem}") from problem
    if not isinstance(data, dict):
        raise error(f"{path}: expected {what}")
    return data
