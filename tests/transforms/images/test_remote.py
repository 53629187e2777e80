"""Pictures from the web: the address guard, the fetch's limits, the build's
copies in the cache, and the page showing the copy. Served from 127.0.0.1,
which only these tests allow."""

from __future__ import annotations

import socket
from collections.abc import Iterator
from http.server import BaseHTTPRequestHandler
from pathlib import Path
from typing import ClassVar

import pytest
from notesite.pipeline import compute_state
from notesite.reading.parse import make_parser, parse_notes
from notesite.transforms.context import PageContext
from notesite.transforms.images.remote import (
    LINK,
    Limits,
    Refused,
    RemotePictures,
    Unreachable,
    checked_target,
    fetch,
    refused_address,
)
from notesite.transforms.images.transform import check_images

from tests.local_server import serving

ROOT = Path(__file__).resolve().parents[3]
PNG = b"\x89PNG\r\n\x1a\n" + b"\x00" * 32
LOOPBACK = Limits(timeout=2.0, max_bytes=1000, allow_loopback=True)


class _Pictures(BaseHTTPRequestHandler):
    """A picture host: a PNG, a page, a picture too large, redirects."""

    requests: ClassVar[list[str]] = []

    def do_GET(self) -> None:
        _Pictures.requests.append(self.path)
        body, status, headers = PNG, 200, {}
        if self.path == "/page.html":
            body = b"<html>not a picture</html>"
        elif self.path == "/big.png":
            body = PNG + b"\x00" * 2000
        elif self.path == "/to-metadata":
            body, status, headers = b"", 302, {"Location": "http://169.254.169.254/latest/"}
        elif self.path == "/to-pic":
            body, status, headers = b"", 301, {"Location": "/pic.png"}
        elif self.path == "/gone.png":
            body, status = b"", 404
        self.send_response(status)
        for name, value in {**headers, "Content-Length": str(len(body))}.items():
            self.send_header(name, value)
        self.end_headers()
        self.wfile.write(body)

    def log_message(self, *args: object) -> None:
        pass


@pytest.fixture
def server() -> Iterator[str]:
    """The base URL of a picture host on 127.0.0.1."""
    _Pictures.requests = []
    with serving(_Pictures) as base:
        yield base


@pytest.mark.parametrize(
    "address",
    [
        "127.0.0.1",
        "10.1.2.3",
        "172.16.0.1",
        "192.168.1.1",
        "169.254.169.254",
        "::1",
        "fc00::1",
        "fd12:3456::1",
        "fe80::1",
        "::ffff:169.254.169.254",
        "64:ff9b::a9fe:a9fe",
        "2002:a9fe:a9fe::1",
        "100.64.0.1",
        "0.0.0.0",
        "224.0.0.1",
    ],
)
def test_private_loopback_and_link_local_addresses_are_refused(address: str):
    """Every address a build must not reach is refused, IPv4 and IPv6 alike."""
    assert refused_address(address) is not None


@pytest.mark.parametrize("address", ["93.184.216.34", "140.82.112.3", "2606:4700::1111"])
def test_public_addresses_are_allowed(address: str):
    """A public address is one the build may fetch from."""
    assert refused_address(address) is None


def test_allowing_loopback_allows_nothing_else():
    """The tests' loopback switch lets 127.0.0.1 through, not the metadata or a private address."""
    assert refused_address("127.0.0.1", allow_loopback=True) is None
    assert refused_address("169.254.169.254", allow_loopback=True) is not None
    assert refused_address("10.0.0.1", allow_loopback=True) is not None


def test_every_address_a_host_resolves_to_is_checked():
    """One private address among public ones refuses the host, before any connection."""
    resolver = lambda host, port: ["93.184.216.34", "10.0.0.7"]  # noqa: E731
    with pytest.raises(Refused, match=r"10\.0\.0\.7"):
        checked_target("https://pictures.example/a.png", Limits(), resolver)


@pytest.mark.parametrize("url", ["file:///etc/passwd", "ftp://example.com/a.png", "//x/a.png"])
def test_only_http_and_https_are_fetched(url: str):
    """Other schemes are refused without resolving anything."""
    with pytest.raises(Refused, match="http"):
        checked_target(url, Limits(), lambda host, port: pytest.fail("resolved"))


def test_the_default_refuses_loopback(server: str):
    """Without the tests' switch, a picture on 127.0.0.1 is never requested."""
    with pytest.raises(Refused, match="loopback"):
        fetch(f"{server}/pic.png", Limits(timeout=2.0))
    assert _Pictures.requests == []


def test_the_connection_goes_to_the_checked_address(server: str):
    """The host is resolved once and the checked address connected to (no second lookup)."""
    port = int(server.rsplit(":", 1)[1])
    lookups: list[str] = []

    def resolver(host: str, port: int) -> list[str]:
        lookups.append(host)
        return ["127.0.0.1"]

    assert fetch(f"http://pictures.test:{port}/pic.png", LOOPBACK, resolver) == PNG
    assert lookups == ["pictures.test"]


def test_a_redirect_to_the_metadata_address_is_refused(server: str):
    """A redirect is checked as the first URL is: the metadata address is never reached."""
    with pytest.raises(Refused, match=r"169\.254\.169\.254"):
        fetch(f"{server}/to-metadata", LOOPBACK)
    assert fetch(f"{server}/to-pic", LOOPBACK) == PNG


@pytest.mark.parametrize(
    ("path", "why"),
    [("/page.html", "not a PNG"), ("/big.png", "larger than"), ("/gone.png", "404")],
)
def test_only_a_picture_within_the_size_cap_is_kept(server: str, path: str, why: str):
    """A page, a picture over the cap and an HTTP error are refused, saying why."""
    with pytest.raises(Refused, match=why):
        fetch(f"{server}{path}", LOOPBACK)


def test_a_copy_is_fetched_once_and_kept_in_the_cache(server: str, tmp_path: Path):
    """The first build fetches once per URL; the next one uses the cache, with no request."""
    first = RemotePictures(tmp_path / "remote", limits=LOOPBACK)
    copy = first.copy(f"{server}/pic.png")
    assert first.copy(f"{server}/pic.png") == copy
    assert copy is not None and copy.file.read_bytes() == PNG
    assert copy.site_path.startswith("images/remote/") and copy.site_path.endswith(".png")
    assert _Pictures.requests == ["/pic.png"]
    offline = RemotePictures(tmp_path / "remote", limits=LOOPBACK, resolver=_no_network)
    assert offline.copy(f"{server}/pic.png") == copy
    assert _Pictures.requests == ["/pic.png"] and offline.summary() == ""


def _no_network(host: str, port: int) -> list[str]:
    raise Unreachable(f"cannot resolve {host}")


def test_without_a_network_pictures_stay_links_after_one_attempt(tmp_path: Path):
    """The first unreachable URL stops the build trying the others; one line says so."""
    lookups: list[str] = []

    def resolver(host: str, port: int) -> list[str]:
        lookups.append(host)
        return _no_network(host, port)

    remote = RemotePictures(tmp_path, resolver=resolver)
    assert remote.copy("https://a.example/1.png") is None
    assert remote.copy("https://b.example/2.png") is None
    assert lookups == ["a.example"]
    assert "network is out of reach" in remote.summary() and "\n" not in remote.summary()


def test_the_link_setting_fetches_nothing(server: str, tmp_path: Path):
    """With remote_pictures: link no request is made and the build says so in one line."""
    remote = RemotePictures(tmp_path, mode=LINK, limits=LOOPBACK)
    assert remote.copy(f"{server}/pic.png") is None
    assert _Pictures.requests == []
    assert "remote_pictures: link" in remote.summary()


def test_the_page_shows_the_copy_with_its_source_as_title(server: str, tmp_path: Path):
    """Markdown and raw HTML pictures from the web point at the copy, their URL in the title."""
    url = f"{server}/pic.png"
    notes = f'![a]({url})\n\n<img src="{url}" alt="b">\n\n![c]({server}/page.html)\n'
    parsed = parse_notes(notes, "notes.md", make_parser())
    context = PageContext("notes.md", "s3", tmp_path, notes_root=tmp_path)
    context.remote = RemotePictures(tmp_path / "remote", limits=LOOPBACK)
    tokens = check_images(parsed.tokens, context)
    images = [c for t in tokens for c in t.children or [] if c.type == "image"]
    copy = context.remote.copy(url)
    assert copy is not None
    assert images[0].attrGet("src") == copy.site_path and images[0].attrGet("title") == url
    assert images[1].attrGet("src") == f"{server}/page.html"
    raw = next(t.content for t in tokens if t.type == "html_block")
    assert f'src="{copy.site_path}"' in raw and f'title="{url}"' in raw
    assert context.assets == [(copy.file, copy.site_path)] * 2
    assert _Pictures.requests == ["/pic.png", "/page.html"]


def test_a_build_keeps_the_copy_with_the_site_and_says_when_offline(server: str, tmp_path: Path):
    """The notes' state copies the picture into the site (and drops the offline
    suggestion); without a network it keeps the link, and its one line says why."""
    notes = tmp_path / "notes.md"
    notes.write_text(f"# Amazon S3\n\nBuckets.\n\n![bucket]({server}/pic.png)\n")
    catalogue = ROOT / "docs/_data/catalogue.yml"
    remote = RemotePictures(tmp_path / "remote", limits=LOOPBACK)
    state = compute_state(ROOT, catalogue, [notes], frozenset(), tmp_path, tmp_path, remote)
    copy = remote.copy(f"{server}/pic.png")
    assert copy is not None and state.assets[copy.site_path] == copy.file
    markdown = "\n".join(state.markdown.values())
    assert copy.site_path in markdown and f"{server}/pic.png" in markdown
    assert state.remote_note == ""
    assert not [f for f in state.findings if "loaded from the network" in f.message]
    offline = RemotePictures(tmp_path / "other", resolver=_no_network)
    state = compute_state(ROOT, catalogue, [notes], frozenset(), tmp_path, tmp_path, offline)
    assert not any(path.startswith("images/remote/") for path in state.assets)
    assert "network is out of reach" in state.remote_note
    assert [f.line for f in state.findings if "loaded from the network" in f.message] == [5]


def test_a_host_that_refuses_leaves_the_other_pictures_fetched(server: str, tmp_path: Path):
    """A closed port is that host's problem, not the network's: the next URL is still fetched."""
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        closed = probe.getsockname()[1]
    remote = RemotePictures(tmp_path, limits=LOOPBACK)
    assert remote.copy(f"http://127.0.0.1:{closed}/a.png") is None
    assert remote.copy(f"{server}/pic.png") is not None
    assert remote.offline == "" and "refused the connection" in remote.summary()
