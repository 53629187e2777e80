"""Reading the project's YAML data files: safe, and with PyYAML's C loader
when it has one (several times faster than the pure-Python loader)."""

from __future__ import annotations

from typing import Any

import yaml

_LOADER = getattr(yaml, "CSafeLoader", yaml.SafeLoader)


def safe_load(text: str) -> Any:
    """Like ``yaml.safe_load``; raises ``yaml.YAMLError`` the same way."""
    return yaml.load(text, Loader=_LOADER)
