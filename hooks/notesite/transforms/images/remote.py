"""Pictures from the web, fetched once at build time so the site reads offline.

In: a picture's ``http(s)`` URL as the notes wrote it. Out: a local copy
(a plain file in the build cache and the site path it is copied to), or
None when it stays a link. The notes are untrusted, so the fetch has limits:

- ``http`` and ``https`` only, on their usual or a named port;
- the host is resolved once and every address it resolves to is checked
  (no private, loopback, link-local, multicast or reserved address: the
  cloud metadata address 169.254.169.254 is link-local); the connection
  goes to the checked address, so a second lookup cannot point it
  elsewhere (DNS rebinding), and a redirect is checked the same way;
- a timeout per attempt and a size cap; the bytes must be a picture by
  their first bytes, as a local picture's are (``transform.picture_type``).

Each URL is tried once per build. The first failure to reach the network
at all (no name resolution, no route) makes the rest stay links without
trying, so a build without network never waits on each picture. A copy is
kept in the build cache as a verified entry (``cache_files``) and used
again by later builds without a request.
"""

from __future__ import annotations

import hashlib
import http.client
import ipaddress
import socket
import ssl
import threading
import time
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path
from urllib.parse import urljoin, urlsplit

from notesite import cache_files
from notesite.transforms.images.transform import SITE_IMAGE_DIR, head_picture_type

FETCH, LINK = "fetch", "link"
MODES = (FETCH, LINK)
TIMEOUT = 5.0  # seconds for one picture, connecting and reading together
MAX_BYTES = 5 * 1024 * 1024
MAX_REDIRECTS = 3
REMOTE_DIR = f"{SITE_IMAGE_DIR}/remote"
_EXTENSIONS = {
    "PNG": "png",
    "JPEG": "jpg",
    "GIF": "gif",
    "WebP": "webp",
    "AVIF": "avif",
    "BMP": "bmp",
}

_NAT64 = ipaddress.IPv6Network("64:ff9b::/96")
Resolver = Callable[[str, int], list[str]]


class Refused(ValueError):
    """A URL the build will not fetch, or whose answer is not a picture."""


class Unreachable(OSError):
    """The network could not be reached at all (no resolution, no route)."""


def refused_address(address: str, allow_loopback: bool = False) -> str | None:
    """Why the build must not connect to ``address`` (an IP address as text),
    or None when it is a public one. ``allow_loopback`` is for tests only."""
    ip = ipaddress.ip_address(address.split("%", 1)[0])
    if isinstance(ip, ipaddress.IPv6Address):
        # An IPv4 address carried in IPv6 (mapped, 6to4, NAT64) is judged as itself.
        ip = ip.ipv4_mapped or ip.sixtofour or _nat64(ip) or ip
    if ip.is_loopback:
        return None if allow_loopback else "a loopback address"
    if ip.is_link_local:
        return "a link-local address"
    if ip.is_private:
        return "a private address"
    if ip.is_multicast or ip.is_reserved or ip.is_unspecified or not ip.is_global:
        return "not a public address"
    return None


def _nat64(ip: ipaddress.IPv6Address) -> ipaddress.IPv4Address | None:
    """The IPv4 address a NAT64 address (64:ff9b::/96) reaches, or None."""
    if ip in _NAT64:
        return ipaddress.IPv4Address(int(ip) & 0xFFFFFFFF)
    return None


def resolve(host: str, port: int) -> list[str]:
    """Every address ``host`` resolves to; Unreachable when it resolves to none
    or not within TIMEOUT (the system's lookup has no timeout of its own, so it
    runs in a thread the build does not wait for)."""
    found: list[list[str] | BaseException] = []

    def lookup() -> None:
        try:
            infos = socket.getaddrinfo(host, port, type=socket.SOCK_STREAM)
            found.append(list(dict.fromkeys(str(info[4][0]) for info in infos)))
        except (OSError, UnicodeError) as error:
            found.append(error)

    thread = threading.Thread(target=lookup, daemon=True)
    thread.start()
    thread.join(TIMEOUT)
    if not found:
        raise Unreachable(f"cannot resolve {host} within {TIMEOUT:g} seconds")
    if isinstance(found[0], BaseException):
        raise Unreachable(f"cannot resolve {host}: {found[0]}") from found[0]
    return found[0]


@dataclass(frozen=True)
class Limits:
    """What one fetch may do. ``allow_loopback`` is for tests, which serve
    pictures from 127.0.0.1; a build never sets it."""

    timeout: float = TIMEOUT
    max_bytes: int = MAX_BYTES
    allow_loopback: bool = False


def checked_target(url: str, limits: Limits, resolver: Resolver = resolve) -> tuple[str, int, str]:
    """The host, port and checked address to connect to for ``url``; Refused
    when it is not http(s) or any address of its host is not public."""
    parts = urlsplit(url)
    if parts.scheme not in ("http", "https") or not parts.hostname:
        raise Refused("only http and https pictures are fetched")
    try:
        port = parts.port or (443 if parts.scheme == "https" else 80)
    except ValueError as error:
        raise Refused(f"bad port ({error})") from error
    addresses = resolver(parts.hostname, port)
    if not addresses:
        raise Unreachable(f"{parts.hostname} resolves to no address")
    for address in addresses:
        why = refused_address(address, limits.allow_loopback)
        if why is not None:
            raise Refused(f"{parts.hostname} resolves to {address}, {why}")
    return parts.hostname, port, addresses[0]


def _connect(url: str, limits: Limits, resolver: Resolver) -> http.client.HTTPConnection:
    host, port, address = checked_target(url, limits, resolver)
    try:
        sock = socket.create_connection((address, port), timeout=limits.timeout)
    except ConnectionRefusedError as error:  # the network is there, the host says no
        raise Refused(f"{host} refused the connection") from error
    except OSError as error:  # no route, or no answer in time: taken as no network
        raise Unreachable(f"cannot connect to {host}: {error}") from error
    https = urlsplit(url).scheme == "https"
    if https:
        try:
            sock = ssl.create_default_context().wrap_socket(sock, server_hostname=host)
        except (OSError, ssl.SSLError) as error:
            sock.close()
            raise Refused(f"TLS with {host} failed: {error}") from error
    kind = http.client.HTTPSConnection if https else http.client.HTTPConnection
    connection = kind(host, port, timeout=limits.timeout)
    connection.sock = sock  # already connected (and TLS checked), to the checked address
    return connection


def fetch(url: str, limits: Limits = Limits(), resolver: Resolver = resolve) -> bytes:
    """The bytes of the picture at ``url``, within ``limits``. Raises Refused
    (not allowed, not a picture, too large, an HTTP error) or Unreachable."""
    deadline = time.monotonic() + limits.timeout
    for _ in range(MAX_REDIRECTS + 1):
        connection = _connect(url, limits, resolver)
        try:
            parts = urlsplit(url)
            target = (parts.path or "/") + (f"?{parts.query}" if parts.query else "")
            connection.request("GET", target, headers={"Accept": "image/*"})
            response = connection.getresponse()
            location = response.getheader("Location")
            if response.status in (301, 302, 303, 307, 308) and location:
                url = urljoin(url, location)  # checked again by the next _connect
                continue
            if response.status != 200:
                raise Refused(f"the server answered HTTP {response.status}")
            return _body(response, limits, deadline)
        except (OSError, http.client.HTTPException) as error:
            raise Refused(f"the download failed ({error})") from error
        finally:
            connection.close()
    raise Refused(f"more than {MAX_REDIRECTS} redirects")


def _body(response: http.client.HTTPResponse, limits: Limits, deadline: float) -> bytes:
    length = response.getheader("Content-Length")
    if length and length.isdigit() and int(length) > limits.max_bytes:
        raise Refused(f"larger than {limits.max_bytes} bytes")
    data = bytearray()
    while chunk := response.read(65536):
        data += chunk
        if len(data) > limits.max_bytes:
            raise Refused(f"larger than {limits.max_bytes} bytes")
        if time.monotonic() > deadline:
            raise Refused(f"not downloaded within {limits.timeout:g} seconds")
    if head_picture_type(bytes(data[:16])) is None:
        raise Refused("it is not a PNG, JPEG, GIF, WebP, AVIF or BMP picture (by its content)")
    return bytes(data)


@dataclass(frozen=True)
class RemoteCopy:
    """A remote picture kept with the site: the file copied and its site path."""

    file: Path
    site_path: str


@dataclass
class RemotePictures:
    """One build's remote pictures: each URL tried once, copies kept in ``folder``."""

    folder: Path  # in the build cache
    mode: str = FETCH
    limits: Limits = Limits()
    resolver: Resolver = resolve
    offline: str = ""  # why the network is out of reach, once known
    problems: dict[str, str] = field(default_factory=dict)  # url -> why it stays a link
    _copies: dict[str, RemoteCopy | None] = field(default_factory=dict)

    def copy(self, url: str) -> RemoteCopy | None:
        """The local copy of the picture at ``url``, fetched at most once per
        build; None when it stays a link (``problems`` or ``offline`` says why)."""
        if url not in self._copies:
            self._copies[url] = None if self.mode == LINK else self._copy(url)
        return self._copies[url]

    def _copy(self, url: str) -> RemoteCopy | None:
        name = hashlib.sha256(url.encode()).hexdigest()[:32]
        entry = self.folder / f"{name}.entry"
        data = cache_files.read_entry(entry)
        if data is None or head_picture_type(data[:16]) is None:
            if self.offline:
                return None
            try:
                data = fetch(url, self.limits, self.resolver)
            except Unreachable as error:
                self.offline = str(error)
                return None
            except Refused as error:
                self.problems[url] = str(error)
                return None
            cache_files.write_entry(entry, data)
        kind = head_picture_type(data[:16])
        assert kind is not None
        file = self.folder / f"{name}.{_EXTENSIONS[kind]}"
        if not (file.is_file() and file.read_bytes() == data) and not _write(file, data):
            return None
        return RemoteCopy(file, f"{REMOTE_DIR}/{file.name}")

    def fetched(self) -> list[str]:
        """The URLs this build keeps a copy of."""
        return [url for url, copy in self._copies.items() if copy is not None]

    def summary(self) -> str:
        """The one line a build prints when pictures stay links, or ""."""
        if self.mode == LINK:
            kept = sum(1 for copy in self._copies.values() if copy is None)
            return (
                f"{kept} picture(s) from the web stay links (extra.notes.remote_pictures: link)"
                if kept
                else ""
            )
        if self.offline:
            return (
                f"pictures from the web stay links: the network is out of reach "
                f"({self.offline}); `make clean-cache` once online fetches them"
            )
        if self.problems:
            url, why = next(iter(self.problems.items()))
            more = f" and {len(self.problems) - 1} more" if len(self.problems) > 1 else ""
            return f"picture(s) from the web stay links: {url} ({why}){more}"
        return ""


def _write(file: Path, data: bytes) -> bool:
    """The plain picture the site copies, written beside its verified entry."""
    try:
        file.parent.mkdir(parents=True, exist_ok=True)
        temporary = file.with_name(f".{file.name}.tmp")
        temporary.write_bytes(data)
        temporary.replace(file)
    except OSError:
        return False
    return True
