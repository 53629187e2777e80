"""The settings the hooks read from mkdocs.yml, checked once into typed objects.

In: ``config.extra`` (a plain mapping) and the project folder. Out: a
``SiteSettings`` (``extra.notes`` as ``pipeline.Settings``, ``extra.diagrams``
as ``DiagramSettings``), or a ``SettingsError`` whose message names the
setting, what it expected and, for a path, which folder it is read from. An
unknown key is named with the closest known one, so a typo
(``extra.notes.sorce``) stops the build instead of building other notes.
"""

from __future__ import annotations

import difflib
import os
from collections.abc import Callable, Mapping
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from notesite.errors import NotesSiteError
from notesite.pipeline import (
    DEFAULT_CACHE,
    DEFAULT_CATALOGUE,
    DEFAULT_SOURCE,
    TRANSFORM_NAMES,
    Settings,
)
from notesite.reading.source import DEFAULT_EXCLUDE, DEFAULT_INCLUDE
from notesite.transforms.images.remote import MODES as REMOTE_CHOICES

# Where one build's checked settings are kept on MkDocs' config, for the other hooks.
CONFIG_KEY = "notes_site_settings"
DEFAULT_MERMAID = "node_modules/mermaid/dist/mermaid.min.js"
DEFAULT_DIAGRAM_CACHE = ".cache/diagrams"
DRAW_CHOICES = ("build", "browser")
# extra's keys the project's hooks read; any other key of extra is the
# theme's or the author's own, and is named only when it looks like a typo of one.
PROJECT_KEYS = (
    "notes",
    "diagrams",
    "vendor",
    "polyfills",
    "markdown_on_demand",
    "template_cache",
)
# How close an unknown name must be to a known one to be offered as its fix.
CLOSE = 0.75


class SettingsError(NotesSiteError):
    """A setting in mkdocs.yml cannot be used; the message says which and why."""


@dataclass(frozen=True)
class DiagramSettings:
    """``extra.diagrams`` of mkdocs.yml, with its defaults."""

    draw: str = "build"  # "build": drawn by the build; "browser": by the reader's
    chromium: str | None = None  # a program path; None: an installed Chromium
    mermaid: str = DEFAULT_MERMAID  # relative to the project
    cache: str | None = DEFAULT_DIAGRAM_CACHE  # a folder relative to the project, or None
    mermaid2: Mapping[str, Any] = field(default_factory=dict)  # mkdocs-mermaid2's options


@dataclass(frozen=True)
class SiteSettings:
    """Every setting the hooks read, checked."""

    root: Path  # the folder of mkdocs.yml: relative paths are read from it
    notes: Settings
    diagrams: DiagramSettings


def _text(where: str, value: Any) -> str:
    if not isinstance(value, str) or not value.strip():
        raise SettingsError(f"setting `{where}` must be a text, not {_kind(value)}.")
    return value


def _texts(where: str, value: Any) -> tuple[str, ...]:
    if isinstance(value, str):
        value = [value]
    if not isinstance(value, list) or not all(isinstance(v, str) for v in value):
        raise SettingsError(f"setting `{where}` must be a list of texts, not {_kind(value)}.")
    return tuple(value)


def _folder_or_off(where: str, value: Any, default: str) -> str | None:
    """A cache folder: a text, true (the default folder) or false (off)."""
    if value is True:
        return default
    if value is False or value is None:
        return None
    return _text(where, value)


def _mapping(where: str, value: Any) -> Mapping[str, Any]:
    if value is None:
        return {}
    if not isinstance(value, Mapping):
        raise SettingsError(f"setting `{where}` must be a mapping of settings, not {_kind(value)}.")
    return dict(value)


def _kind(value: Any) -> str:
    """What a YAML value is, as a message says it."""
    if value is None:
        return "empty"
    if isinstance(value, bool):
        return f"`{str(value).lower()}`"
    names = {str: "a text", int: "a number", float: "a number", list: "a list", dict: "a mapping"}
    shown = repr(value) if len(repr(value)) <= 40 else repr(value)[:37] + "..."
    return f"{names.get(type(value), type(value).__name__)} ({shown})"


def _known(where: str, given: Mapping[str, Any], known: Mapping[str, object]) -> None:
    """Stop at the first key of ``given`` that ``known`` lacks, naming the closest."""
    for key in given:
        if key not in known:
            raise SettingsError(_unknown(f"{where}.{key}", str(key), list(known)))


def _unknown(where: str, key: str, known: list[str]) -> str:
    close = difflib.get_close_matches(key, known, n=1, cutoff=0.6)
    hint = f"; did you mean `{close[0]}`?" if close else f" (known: {', '.join(known)})."
    return f"unknown setting `{where}`{hint}"


def _path_setting(where: str, value: Any, root: Path, *, must_exist: bool) -> str:
    """A path setting, ``~`` expanded; a missing one says which folder it is read from."""
    text = os.path.expanduser(_text(where, value))
    if must_exist and not (root / text).exists():
        relative = f", read from the folder of mkdocs.yml ({root})"
        relative = "" if Path(text).is_absolute() else relative
        raise SettingsError(f"setting `{where}`: '{text}' does not exist{relative}.")
    return text


def _skip(where: str, value: Any) -> frozenset[str]:
    names = _texts(where, value or [])
    for name in names:
        if name not in TRANSFORM_NAMES:
            raise SettingsError(_unknown(f"{where}: {name}", name, list(TRANSFORM_NAMES)))
    return frozenset(names)


def notes_settings(given: Any, root: Path) -> Settings:
    """``extra.notes``, checked."""
    where = "extra.notes"
    values = _mapping(where, given)
    readers: dict[str, Callable[[Any], Any]] = {
        # A missing source is reported by reading.source, which also names the folder.
        "source": lambda v: _path_setting(f"{where}.source", v, root, must_exist=False),
        "catalogue": lambda v: _path_setting(f"{where}.catalogue", v, root, must_exist=True),
        "skip": lambda v: _skip(f"{where}.skip", v),
        "cache": lambda v: _folder_or_off(f"{where}.cache", v, DEFAULT_CACHE),
        # The folder the pictures may come from; checked against the notes by
        # reading.source.notes_root, which says what to change.
        "root": lambda v: (
            None if v is None else _path_setting(f"{where}.root", v, root, must_exist=False)
        ),
        "include": lambda v: _texts(f"{where}.include", v),
        "exclude": lambda v: _texts(f"{where}.exclude", v),
        "remote_pictures": lambda v: _choice(f"{where}.remote_pictures", v, REMOTE_CHOICES),
    }
    _known(where, values, readers)
    defaults = {
        "source": DEFAULT_SOURCE,
        "catalogue": DEFAULT_CATALOGUE,
        "skip": [],
        "cache": DEFAULT_CACHE,
        "root": None,
        "include": list(DEFAULT_INCLUDE),
        "exclude": list(DEFAULT_EXCLUDE),
        "remote_pictures": "fetch",
    }
    return Settings(**{key: read(values.get(key, defaults[key])) for key, read in readers.items()})


def diagram_settings(given: Any) -> DiagramSettings:
    """``extra.diagrams``, checked (paths are checked when the diagrams are drawn)."""
    where = "extra.diagrams"
    values = _mapping(where, given)
    readers: dict[str, Callable[[Any], Any]] = {
        "draw": lambda v: _choice(f"{where}.draw", v, DRAW_CHOICES),
        "chromium": lambda v: None if v is None else _text(f"{where}.chromium", v),
        "mermaid": lambda v: _text(f"{where}.mermaid", v),
        "cache": lambda v: _folder_or_off(f"{where}.cache", v, DEFAULT_DIAGRAM_CACHE),
        "mermaid2": lambda v: _mapping(f"{where}.mermaid2", v),
    }
    _known(where, values, readers)
    defaults = DiagramSettings()
    return DiagramSettings(
        **{key: read(values.get(key, getattr(defaults, key))) for key, read in readers.items()}
    )


def _choice(where: str, value: Any, choices: tuple[str, ...]) -> str:
    if value not in choices:
        raise SettingsError(
            f"setting `{where}` must be one of {', '.join(choices)}, not {_kind(value)}."
        )
    return str(value)


def read_settings(extra: Mapping[str, Any], root: Path) -> SiteSettings:
    """Every setting the hooks read from ``extra`` (mkdocs.yml), checked once.
    Raises SettingsError naming the first setting that cannot be used."""
    for key in extra:
        if key in PROJECT_KEYS:
            continue
        close = difflib.get_close_matches(str(key), PROJECT_KEYS, n=1, cutoff=CLOSE)
        if close:
            raise SettingsError(f"unknown setting `extra.{key}`; did you mean `{close[0]}`?")
    return SiteSettings(
        root=root,
        notes=notes_settings(extra.get("notes"), root),
        diagrams=diagram_settings(extra.get("diagrams")),
    )
