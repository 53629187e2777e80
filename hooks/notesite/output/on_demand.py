"""Markdown extensions that a build loads only when one of its pages uses them.

Some extensions cost time on every build whether a page uses them or not:
``pymdownx.blocks.caption`` compiles Unicode-wide, case-blind expressions
when it is imported (a tenth of a second), and ``pymdownx.emoji`` with
Material's index walks every icon file of the theme when it is set up. A
build converts Markdown only for the pages that changed, yet MkDocs sets
every listed extension up once at the start, to check its options.

So these are listed under ``extra.markdown_on_demand`` instead of
``markdown_extensions``, each with a pattern (``when``) that a page's
Markdown holds if the extension can change it: the ``/// caption`` line of
a caption block, the ``:name:`` of an emoji. A page without the pattern
converts to the same HTML with or without the extension, so the build adds
the extension, with its options (``config``), only when some page holds
the pattern.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field
from typing import Any

from notesite.errors import NotesSiteError

SETTING = "markdown_on_demand"


@dataclass(frozen=True)
class OnDemand:
    """One extension: its name, when a page needs it, and its options."""

    extension: str
    when: re.Pattern[str]
    config: Mapping[str, Any] = field(default_factory=dict)


def parse_on_demand(raw: Any) -> list[OnDemand]:
    """``extra.markdown_on_demand`` of mkdocs.yml, checked."""
    if raw is None:
        return []
    where = f"extra.{SETTING}"
    if not isinstance(raw, list):
        raise NotesSiteError(f"{where}: expected a list of extensions, got {raw!r}.")
    items = []
    for index, entry in enumerate(raw):
        at = f"{where}[{index}]"
        if not isinstance(entry, Mapping):
            raise NotesSiteError(f"{at}: expected extension, when and config, got {entry!r}.")
        unknown = set(entry) - {"extension", "when", "config"}
        if unknown:
            raise NotesSiteError(f"{at}: unknown keys {sorted(unknown)}.")
        name, when, config = entry.get("extension"), entry.get("when"), entry.get("config")
        if not isinstance(name, str) or not name:
            raise NotesSiteError(f"{at}: 'extension' must name a Markdown extension.")
        if not isinstance(when, str) or not when:
            raise NotesSiteError(f"{at}: 'when' must be a regular expression.")
        if config is not None and not isinstance(config, Mapping):
            raise NotesSiteError(f"{at}: 'config' must map option names to values.")
        try:
            pattern = re.compile(when)
        except re.error as error:
            raise NotesSiteError(f"{at}: invalid regular expression {when!r}: {error}.") from error
        items.append(OnDemand(name, pattern, dict(config or {})))
    return items


def needed(on_demand: Iterable[OnDemand], pages: Iterable[str]) -> list[OnDemand]:
    """The extensions that some page's Markdown holds the pattern of, in order."""
    waiting = list(on_demand)
    found: set[int] = set()
    for markdown in pages:
        for index, item in enumerate(waiting):
            if index not in found and item.when.search(markdown):
                found.add(index)
        if len(found) == len(waiting):
            break
    return [item for index, item in enumerate(waiting) if index in found]


def add_extensions(
    extensions: list[Any], configs: dict[str, Any], wanted: Iterable[OnDemand]
) -> list[str]:
    """Add each wanted extension (and its options) that is not listed already;
    returns the names added."""
    added = []
    for item in wanted:
        if item.extension in extensions:
            continue
        extensions.append(item.extension)
        configs[item.extension] = dict(item.config)
        added.append(item.extension)
    return added
