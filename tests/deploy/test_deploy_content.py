"""Content-Type and Cache-Control rules for the files of the built site."""

from __future__ import annotations

import pytest

from deploy.content import (
    FALLBACK_CONTENT_TYPE,
    IMMUTABLE,
    REVALIDATE,
    cache_control,
    content_type,
    is_content_hashed,
)


@pytest.mark.parametrize(
    ("key", "expected"),
    [
        ("index.html", "text/html; charset=utf-8"),
        ("assets/stylesheets/main.57a0d79d.min.css", "text/css; charset=utf-8"),
        ("assets/javascripts/bundle.a5f9d56c.min.js", "text/javascript; charset=utf-8"),
        ("assets/vendor/mermaid/mermaid.esm.min.mjs", "text/javascript; charset=utf-8"),
        ("search/search_index.json", "application/json; charset=utf-8"),
        ("assets/javascripts/bundle.a5f9d56c.min.js.map", "application/json; charset=utf-8"),
        ("assets/favicon.svg", "image/svg+xml"),
        ("sitemap.xml", "application/xml; charset=utf-8"),
        ("sitemap.xml.gz", "application/gzip"),
        ("assets/fonts/roboto.woff2", "font/woff2"),
        ("assets/images/favicon.png", "image/png"),
        ("assets/vendor/iframe-worker/LICENSE.txt", "text/plain; charset=utf-8"),
        ("pic/Photo.JPG", "image/jpeg"),
    ],
)
def test_content_type_by_extension(key: str, expected: str) -> None:
    """Each file type the site ships gets its registered media type, case-insensitively."""
    assert content_type(key) == expected


def test_unknown_extension_falls_back_to_octet_stream() -> None:
    """A file of an unknown type is served as bytes to download, never guessed as text."""
    assert content_type("data/archive.bin") == FALLBACK_CONTENT_TYPE
    assert content_type("LICENSE") == FALLBACK_CONTENT_TYPE


@pytest.mark.parametrize(
    "key",
    [
        "assets/javascripts/bundle.a5f9d56c.min.js",
        "assets/javascripts/workers/search.a7633da7.min.js",
        "assets/stylesheets/main.57a0d79d.min.css",
        "assets/stylesheets/palette.fb2fffe2.min.css.map",
        "assets/app.0123456789abcdef.js",
        "assets/vendor/mermaid/chunks/mermaid.esm.min/chunk-IJBDOHL6.mjs",
        "assets/vendor/mermaid/chunks/mermaid.esm.min/chunk-AZZRMDJM.mjs",
        "assets/vendor/mermaid/chunks/mermaid.esm.min/flowDiagram-7ZHJ6ZYZ.mjs",
    ],
)
def test_material_hashed_assets_are_immutable(key: str) -> None:
    """Files whose names carry a content hash are cached for a year, immutable."""
    assert is_content_hashed(key)
    assert cache_control(key) == IMMUTABLE


@pytest.mark.parametrize(
    "key",
    [
        "index.html",
        "deadbeef1.html",  # pages never count as hashed, whatever their name
        "search/search_index.json",
        "assets/stylesheets/notes.css",
        "assets/javascripts/lunr/min/lunr.de.min.js",
        "reports/summary.20240101.pdf",  # a date: digits only
        "img/logo.deadbeef.png",  # a word: letters only
        "assets/app.a5f9d56.js",  # 7 hex digits: too short to be Material's hash
        "sitemap.xml",
        "assets/vendor/mermaid/mermaid.esm.min.mjs",  # the entry keeps its name
        "assets/vendor/chunk-IJBDOHL6.mjs",  # an esbuild name, but not in a chunks/ folder
        "assets/vendor/mermaid/chunks/mermaid.esm.min/chunk-ijbdohl6.mjs",  # not esbuild's case
    ],
)
def test_pages_and_unhashed_files_revalidate(key: str) -> None:
    """Pages, the search index and files without a hash are revalidated on every use."""
    assert not is_content_hashed(key)
    assert cache_control(key) == REVALIDATE
