"""A local stand-in for the CloudFront distribution: serve a built site with the template's headers.

It mirrors what the stack does for the browser tests: the response headers policy's
headers (read from deploy/template.yaml by :func:`deploy.template.response_headers`)
on every response, index.html for "/", the deploy tool's Content-Type for each file,
and /404.html with status 404 for anything missing (the distribution's custom error
response).
"""

from __future__ import annotations

from collections.abc import Iterator, Mapping
from contextlib import contextmanager
from functools import partial
from http.server import BaseHTTPRequestHandler
from pathlib import Path
from urllib.parse import unquote, urlsplit

from deploy.content import content_type
from tests.local_server import serving


class SiteHandler(BaseHTTPRequestHandler):
    """Serves files from ``site`` like CloudFront in front of the private bucket."""

    def __init__(
        self, *args: object, site: Path, headers: Mapping[str, str], **kwargs: object
    ) -> None:
        self.site = site
        self.extra_headers = headers
        super().__init__(*args, **kwargs)  # type: ignore[arg-type]

    def _resolve(self) -> tuple[int, Path]:
        path = unquote(urlsplit(self.path).path)
        key = "index.html" if path == "/" else path.lstrip("/")
        candidate = (self.site / key).resolve()
        if candidate.is_file() and candidate.is_relative_to(self.site):
            return 200, candidate
        return 404, self.site / "404.html"

    def _respond(self, *, body: bool) -> None:
        status, file = self._resolve()
        data = file.read_bytes()
        self.send_response(status)
        self.send_header("Content-Type", content_type(file.name))
        self.send_header("Content-Length", str(len(data)))
        for name, value in self.extra_headers.items():
            self.send_header(name, value)
        self.end_headers()
        if body:
            self.wfile.write(data)

    def do_GET(self) -> None:
        self._respond(body=True)

    def do_HEAD(self) -> None:
        self._respond(body=False)

    def log_message(self, format: str, *args: object) -> None:
        pass  # keep test output clean


@contextmanager
def serve_site(site: Path, headers: Mapping[str, str]) -> Iterator[str]:
    """Serve ``site`` on 127.0.0.1 (a free port) while the block runs; yields the base URL."""
    with serving(partial(SiteHandler, site=site.resolve(), headers=dict(headers))) as url:
        yield url
