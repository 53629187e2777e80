"""A page as MkDocs rendered it, kept between builds under what it was made from.

Python-Markdown, with the site's extensions, is most of a warm build: the
notes' pages come out of the build cache unchanged, and are converted to
HTML again all the same. A page's HTML depends only on its Markdown, its
place in the site, the other files it may link to, and the configuration,
extensions and code that convert it; ``page_key`` digests those, and a
``Rendered`` holds all that MkDocs' own ``Page.render`` leaves on the page
(content, table of contents, title, anchors and links to anchors) and the
messages it logged, which are logged again when the page is taken from the
cache, so ``--strict`` fails the same way.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from notesite.cache import digest, digest_parts, versions

# Libraries whose version changes the HTML a page's Markdown becomes.
LIBRARIES = (
    "Markdown",
    "pymdown-extensions",
    "mkdocs",
    "mkdocs-material",
    "mkdocs-mermaid2-plugin",
    "Pygments",
)


@dataclass(frozen=True)
class Rendered:
    """What rendering a page left on it, and what it logged."""

    content: str
    toc_tokens: list[dict[str, Any]]  # as Python-Markdown's toc extension gives them
    title: str | None
    anchors: frozenset[str]
    # By the linked file's src_uri: {anchor: link as written}; None when not collected.
    links_to_anchors: dict[str, dict[str, str]] | None
    messages: tuple[tuple[str, int, str], ...]  # (logger, level, message)


def site_key(
    config_file: Path, code: Iterable[Path], data: Iterable[Path], site: Mapping[str, str]
) -> str:
    """The part of every page's key that is the same for the whole build: the
    configuration file, the code and data the hooks' extensions read, the
    libraries' versions, and every file of the site (source path -> URL),
    which a link may point at."""
    files = [config_file, *code, *data]
    listing = "\n".join(f"{src}\t{url}" for src, url in sorted(site.items()))
    return digest(files, [*versions(LIBRARIES), listing])


def page_key(site: str, src_uri: str, dest_uri: str, markdown: str) -> str:
    """A page's key: the build's key, where the page is, and its Markdown."""
    return digest_parts((site, src_uri, dest_uri, markdown))


def toc_tokens(items: Iterable[Any]) -> list[dict[str, Any]]:
    """A table of contents (MkDocs' AnchorLinks) as the tokens it was made from."""
    return [
        {"level": a.level, "id": a.id, "name": a.title, "children": toc_tokens(a.children)}
        for a in items
    ]
