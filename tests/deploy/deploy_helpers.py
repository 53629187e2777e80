"""Helpers shared by the deploy tests: fixture-site content and bucket inspection."""

from __future__ import annotations

import re
import socket
from pathlib import Path, PurePosixPath
from posixpath import normpath
from typing import Any

# A small site shaped like Material's output: hashed and unhashed assets, pages that
# reference them, a search index and a 404 page.
CSS = "assets/stylesheets/main.1a2b3c4d.min.css"
JS = "assets/javascripts/bundle.5e6f7a8b.min.js"


def page(body: str, *, css: str = CSS, js: str = JS, head: str = "") -> str:
    """A minimal HTML page loading a stylesheet and a script, like Material's pages."""
    return (
        f'<!doctype html><html><head><link rel="stylesheet" href="{css}">{head}</head>'
        f'<body>{body}<script src="{js}"></script></body></html>'
    )


BASE_SITE: dict[str, str] = {
    "index.html": page(
        '<a href="page-a.html">A</a> <a href="page-b.html">B</a><img src="assets/images/logo.svg">',
        head='<link rel="stylesheet" href="assets/stylesheets/extra.css">',
    ),
    "page-a.html": page('<h1>Page A</h1><a href="index.html">home</a>'),
    "page-b.html": page("<h1>Page B</h1>"),
    # Served for missing URLs at any depth, so it links from the root.
    "404.html": page("Not found", css="/" + CSS, js="/" + JS),
    CSS: "body{color:#222}",
    "assets/stylesheets/extra.css": ".note{color:red}",
    JS: "console.log('v1');\n//# sourceMappingURL=bundle.5e6f7a8b.min.js.map",
    JS + ".map": '{"version":3,"sources":[],"mappings":""}',
    "assets/images/logo.svg": '<svg xmlns="http://www.w3.org/2000/svg" width="1" height="1"/>',
    "search/search_index.json": '{"docs":[{"location":"page-a.html","title":"Page A"}]}',
    "sitemap.xml": (
        '<?xml version="1.0"?><urlset xmlns="http://www.sitemaps.org/schemas/sitemap/0.9"/>'
    ),
}


def free_port() -> int:
    """A TCP port on 127.0.0.1 that nothing listens on right now."""
    with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as sock:
        sock.bind(("127.0.0.1", 0))
        return int(sock.getsockname()[1])


def write_site(root: Path, files: dict[str, str | bytes]) -> Path:
    """Write a site folder from {key: content}; returns it."""
    for key, content in files.items():
        path = root / key
        path.parent.mkdir(parents=True, exist_ok=True)
        if isinstance(content, bytes):
            path.write_bytes(content)
        else:
            path.write_text(content, encoding="utf-8")
    return root


_REFERENCE = re.compile(r"""(?:href|src)=["']([^"'#?]+)""")


def referenced_keys(page_key: str, html: str) -> set[str]:
    """Bucket keys of the same-site files a page references (links, styles, scripts, images)."""
    keys = set()
    base = PurePosixPath(page_key).parent
    for target in _REFERENCE.findall(html):
        if "://" in target or target.startswith(("mailto:", "data:", "javascript:")):
            continue
        path = target.lstrip("/") if target.startswith("/") else normpath(str(base / target))
        keys.add(path)
    return keys


def bucket_contents(s3: Any, bucket: str) -> dict[str, bytes]:
    """Every object in the bucket with its bytes."""
    contents = {}
    for page in s3.get_paginator("list_objects_v2").paginate(Bucket=bucket):
        for entry in page.get("Contents", []):
            contents[entry["Key"]] = s3.get_object(Bucket=bucket, Key=entry["Key"])["Body"].read()
    return contents


def dangling_references(contents: dict[str, bytes]) -> dict[str, set[str]]:
    """For each page in the bucket, the files it references that the bucket lacks."""
    dangling = {}
    for key, body in contents.items():
        if key.endswith(".html"):
            missing = referenced_keys(key, body.decode("utf-8")) - contents.keys()
            if missing:
                dangling[key] = missing
    return dangling
