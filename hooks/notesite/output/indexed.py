"""A page's entries in Material's search index, kept between builds.

Material's search plugin reads every page's HTML again on each build (an
HTML parser over the whole page, a tenth of a warm build) to cut it into
sections. What it makes of a page depends only on that HTML, the page's
URL, title, table of contents and front matter, the index's settings and
Material's version; ``index_key`` digests those, and ``Indexed`` holds the
entries the plugin added for the page, which a later build adds again
without reading the page.
"""

from __future__ import annotations

import json
from collections.abc import Mapping
from dataclasses import dataclass
from typing import Any

from notesite.cache import digest_parts, versions

LIBRARIES = ("mkdocs-material", "mkdocs")


@dataclass(frozen=True)
class Indexed:
    """The entries Material's search plugin added to the index for one page."""

    entries: tuple[dict[str, Any], ...]


def settings_key(settings: Mapping[str, Any]) -> str:
    """The part of every page's key that is the same for the whole build: the
    index's settings and Material's (and Python's) version."""
    return digest_parts([json.dumps(settings, sort_keys=True, default=str), *versions(LIBRARIES)])


def index_key(
    build: str,
    url: str,
    title: str,
    meta: Mapping[str, Any],
    toc: list[dict[str, Any]],
    content: str,
) -> str:
    """A page's key: the build's part (``settings_key``), and the page's URL,
    title, front matter, table of contents and HTML."""
    return digest_parts(
        [
            build,
            url,
            title,
            json.dumps(meta, sort_keys=True, default=str),
            json.dumps(toc, sort_keys=True, default=str),
            content,
        ]
    )
