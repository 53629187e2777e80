"""The command MkDocs runs in this process: "build", or "serve" for a preview.

MkDocs keeps a hook's module for the whole process and tells the command only
once, to ``on_startup``, before the first build of a run. The hooks that act
differently in a preview (the problems banner, the PDF, the offline app) each
pass it here from ``on_startup`` and ``on_shutdown`` and read ``serving()``,
so it is kept in one place and a run's end resets it for the next.
"""

from __future__ import annotations

_run = {"command": "build"}


def started(command: str) -> None:
    _run["command"] = command


def stopped() -> None:
    _run["command"] = "build"


def serving() -> bool:
    """True while ``mkdocs serve`` runs (a preview)."""
    return _run["command"] == "serve"
