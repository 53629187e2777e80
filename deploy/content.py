"""HTTP metadata for each file of the built site: Content-Type and Cache-Control.

Pure functions of the object key. The Content-Type table is explicit rather than
read from :mod:`mimetypes`, whose answers depend on the machine's /etc/mime.types;
the site is served with ``X-Content-Type-Options: nosniff``, so a wrong type is a
broken page (a script or stylesheet the browser refuses), not a cosmetic issue.
"""

from __future__ import annotations

import re
from pathlib import PurePosixPath

# Text types carry a charset so that browsers never guess one.
CONTENT_TYPES: dict[str, str] = {
    ".html": "text/html; charset=utf-8",
    ".htm": "text/html; charset=utf-8",
    ".css": "text/css; charset=utf-8",
    # RFC 9239 made text/javascript the one registered type for JavaScript.
    ".js": "text/javascript; charset=utf-8",
    ".mjs": "text/javascript; charset=utf-8",
    ".json": "application/json; charset=utf-8",
    ".map": "application/json; charset=utf-8",
    ".webmanifest": "application/manifest+json; charset=utf-8",
    ".xml": "application/xml; charset=utf-8",
    ".txt": "text/plain; charset=utf-8",
    ".md": "text/markdown; charset=utf-8",
    ".csv": "text/csv; charset=utf-8",
    ".svg": "image/svg+xml",
    ".png": "image/png",
    ".jpg": "image/jpeg",
    ".jpeg": "image/jpeg",
    ".gif": "image/gif",
    ".webp": "image/webp",
    ".avif": "image/avif",
    ".ico": "image/vnd.microsoft.icon",
    ".woff2": "font/woff2",
    ".woff": "font/woff",
    ".ttf": "font/ttf",
    ".otf": "font/otf",
    ".eot": "application/vnd.ms-fontobject",
    ".pdf": "application/pdf",
    ".wasm": "application/wasm",
    # sitemap.xml.gz is a gzip file to download as is, not a transfer encoding of
    # sitemap.xml, so it gets no Content-Encoding header.
    ".gz": "application/gzip",
    ".zip": "application/zip",
    # An Anki deck (test-yourself.apkg) is a zip archive; Anki opens it by its name.
    ".apkg": "application/zip",
}

FALLBACK_CONTENT_TYPE = "application/octet-stream"

# Files whose name carries a hash of their content never change under that name,
# so browsers and CloudFront may keep them for a year without asking again.
IMMUTABLE = "public, max-age=31536000, immutable"
# Everything else may change under the same name: browsers revalidate on every use
# (a cheap 304 thanks to the ETag), so a deploy is visible at once.
REVALIDATE = "public, max-age=0, must-revalidate"

# A dot-delimited run of 8+ hex digits in the file name, as in Material's
# assets/javascripts/bundle.a5f9d56c.min.js or assets/stylesheets/main.57a0d79d.min.css.
_HASH_SEGMENT = re.compile(r"\.([0-9a-f]{8,})\.")
# An ES module build's chunks, which esbuild names "<name>-<8 characters of base32
# hash of the content>" in a chunks/ folder, as in mermaid's
# chunks/mermaid.esm.min/chunk-IJBDOHL6.mjs or flowDiagram-7ZHJ6ZYZ.mjs.
_ESBUILD_CHUNK = re.compile(r"-[A-Z2-7]{8}\.m?js$")


def content_type(key: str) -> str:
    """The Content-Type for an object key, from its extension (case-insensitive)."""
    suffix = PurePosixPath(key).suffix.lower()
    return CONTENT_TYPES.get(suffix, FALLBACK_CONTENT_TYPE)


def is_html(key: str) -> bool:
    """Whether the key is a page (as opposed to an asset a page loads)."""
    return PurePosixPath(key).suffix.lower() in {".html", ".htm"}


def is_content_hashed(key: str) -> bool:
    """Whether the file name embeds a content hash, so the name changes when the content does.

    Pages are never treated as hashed: their URLs are stable by design. The hash run
    must mix digits and letters so that a date (``report.20240101.pdf``) or a word
    (``deadbeef``) is not mistaken for one; misjudging a real hash the other way only
    costs a revalidation, while the opposite mistake would pin stale content for a year.
    """
    if is_html(key):
        return False
    path = PurePosixPath(key)
    if "chunks" in path.parts[:-1] and _ESBUILD_CHUNK.search(path.name):
        return True
    runs = (m.group(1) for m in _HASH_SEGMENT.finditer(path.name))
    return any(any(c.isdigit() for c in run) and any(c.isalpha() for c in run) for run in runs)


def cache_control(key: str) -> str:
    """The Cache-Control header for an object key."""
    return IMMUTABLE if is_content_hashed(key) else REVALIDATE
