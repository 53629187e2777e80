"""Golden fixture files: one Markdown file per case, readable on its own.

A fixture is prose (a heading saying what it shows) and fenced blocks of five
tildes, each named by its last word: ``~~~~~ markdown input``, ``~~~~~
markdown expected``, ``~~~~~ text warnings``. Tests read the blocks, run
the transform on ``input`` and compare with ``expected``; with
``UPDATE_GOLDEN=1`` they write the current output into the file instead, to
be reviewed as a diff.
"""

from __future__ import annotations

import os
import re
from pathlib import Path

FENCE = "~~~~~"
UPDATE = os.environ.get("UPDATE_GOLDEN") == "1"
_BLOCK = re.compile(rf"^{FENCE} ?(?:\w+ )?(\w+)\n(.*?)^{FENCE}$", re.M | re.S)


def read_blocks(path: Path) -> dict[str, str]:
    """The named blocks of a fixture; it must have an ``input`` block."""
    blocks = {m.group(1): m.group(2) for m in _BLOCK.finditer(path.read_text(encoding="utf-8"))}
    if "input" not in blocks:
        raise ValueError(f"{path}: no '{FENCE} input' block")
    return blocks


def write_blocks(path: Path, blocks: dict[str, tuple[str, str]]) -> None:
    """Replace (or add, at the end) the named blocks: name -> (language, content)."""
    text = _BLOCK.sub(
        lambda m: "" if m.group(1) in blocks else m.group(0), path.read_text(encoding="utf-8")
    )
    text = text.rstrip("\n") + "\n"
    for name, (language, content) in blocks.items():
        text += f"\n{FENCE} {language} {name}\n{content}{FENCE}\n"
    path.write_text(re.sub(r"\n{3,}", "\n\n", text), encoding="utf-8")
