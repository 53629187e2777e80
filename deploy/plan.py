"""Plan a deploy: compare the built site with the bucket's listing, decide what to do.

:func:`make_plan` is a pure function of the local files and the remote listing.
The order it returns is what keeps the live site consistent while a deploy runs
(and if it stops halfway):

1. assets (everything that is not a page), so that no uploaded page can reference
   an asset that is not there yet;
2. new pages, so that changed pages linking to them find them;
3. changed pages;
4. the home page (index.html), the entry point that links to everything else;
   then the offline service worker (sw.js), which lists every file of its build:
   a reader's browser that fetched it earlier would keep pages not yet uploaded;
5. stale pages, deleted before stale assets so that no remaining page loses an asset;
6. stale assets;
7. one CloudFront invalidation for every object that changed and every deleted
   object that is not content-hashed. New objects need none (no cache holds them);
   a deleted hashed asset is left to expire, because pages still cached somewhere
   may load it.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field
from urllib.parse import quote

from deploy.content import is_content_hashed, is_html
from deploy.site import LocalFile

# Past this many paths one wildcard is cheaper (CloudFront bills per path) and stays
# under the 3,000 in-flight path limit.
MAX_INVALIDATION_PATHS = 500

HOME_PAGE = "index.html"
SERVICE_WORKER = "sw.js"


@dataclass(frozen=True)
class RemoteObject:
    """One object of the bucket listing."""

    key: str
    size: int
    etag: str  # without quotes; an MD5 hex digest unless the upload was multipart
    sha256: str | None = None  # from x-amz-meta-sha256, fetched only for multipart ETags

    @property
    def is_multipart(self) -> bool:
        """Whether the ETag is a multipart one (``<md5-of-md5s>-<parts>``), not the content MD5."""
        return "-" in self.etag


@dataclass(frozen=True)
class Phase:
    """A batch of operations that may run in parallel; phases run one after another."""

    name: str
    items: tuple[LocalFile, ...] | tuple[RemoteObject, ...]

    @property
    def bytes(self) -> int:
        return sum(item.size for item in self.items)


@dataclass(frozen=True)
class Plan:
    """What a deploy will do, in order."""

    uploads: tuple[Phase, ...]
    deletes: tuple[Phase, ...]
    skipped: tuple[LocalFile, ...]
    invalidation_paths: tuple[str, ...]
    # Keys uploaded that already existed remotely (a change, not an addition).
    changed_keys: frozenset[str] = field(default_factory=frozenset)

    @property
    def upload_count(self) -> int:
        return sum(len(p.items) for p in self.uploads)

    @property
    def upload_bytes(self) -> int:
        return sum(p.bytes for p in self.uploads)

    @property
    def delete_count(self) -> int:
        return sum(len(p.items) for p in self.deletes)

    @property
    def delete_bytes(self) -> int:
        return sum(p.bytes for p in self.deletes)

    @property
    def skip_bytes(self) -> int:
        return sum(f.size for f in self.skipped)

    @property
    def is_noop(self) -> bool:
        return not self.upload_count and not self.delete_count

    def summary(self) -> str:
        """A one-paragraph, human-readable account of the plan."""
        lines = [
            f"upload {self.upload_count} objects ({format_bytes(self.upload_bytes)})",
            f"skip   {len(self.skipped)} unchanged objects ({format_bytes(self.skip_bytes)})",
            f"delete {self.delete_count} stale objects ({format_bytes(self.delete_bytes)})",
            f"invalidate {len(self.invalidation_paths)} paths",
        ]
        return "\n".join(lines)


def format_bytes(size: int) -> str:
    """Bytes in the largest unit that keeps the number at or above 1 (1024-based)."""
    value = float(size)
    for unit in ("B", "KiB", "MiB", "GiB"):
        if value < 1024 or unit == "GiB":
            return f"{int(value)} B" if unit == "B" else f"{value:.1f} {unit}"
        value /= 1024
    raise AssertionError("unreachable")


def is_unchanged(local: LocalFile, remote: RemoteObject) -> bool:
    """Whether the bucket already holds exactly this file's bytes."""
    if local.size != remote.size:
        return False
    if remote.is_multipart:
        # A multipart ETag is not the content MD5; the sha256 we stored is the truth.
        return remote.sha256 == local.sha256
    return remote.etag == local.md5


def invalidation_paths_for(keys: list[str]) -> tuple[str, ...]:
    """CloudFront paths for changed/deleted keys: ``/key`` and, for an index page, its folder."""
    paths: set[str] = set()
    for key in keys:
        paths.add("/" + quote(key, safe="/-._~"))
        if key == "index.html" or key.endswith("/index.html"):
            # CloudFront caches the default root object under "/" (and directory URLs
            # under "folder/"), separately from the explicit file name.
            paths.add("/" + quote(key[: -len("index.html")], safe="/-._~"))
    if len(paths) > MAX_INVALIDATION_PATHS:
        return ("/*",)
    return tuple(sorted(paths))


def make_plan(
    local: Mapping[str, LocalFile],
    remote: Mapping[str, RemoteObject],
    *,
    force: bool = False,
) -> Plan:
    """Compare the site with the bucket listing and order the work (see module docstring).

    With ``force``, every file is uploaded even if unchanged: the way to push new
    Content-Type or Cache-Control metadata, which the listing does not show.
    """
    assets: list[LocalFile] = []
    new_pages: list[LocalFile] = []
    changed_pages: list[LocalFile] = []
    home: list[LocalFile] = []
    worker: list[LocalFile] = []
    skipped: list[LocalFile] = []
    changed: list[str] = []
    for key in sorted(local):
        item = local[key]
        existing = remote.get(key)
        if existing is not None and not force and is_unchanged(item, existing):
            skipped.append(item)
            continue
        if existing is not None:
            changed.append(key)
        if key == SERVICE_WORKER:
            worker.append(item)
        elif not is_html(key):
            assets.append(item)
        elif key == HOME_PAGE:
            # Its own phase, because items within a phase upload in parallel.
            home.append(item)
        elif existing is None:
            new_pages.append(item)
        else:
            changed_pages.append(item)

    stale = [remote[key] for key in sorted(remote) if key not in local]
    stale_pages = tuple(obj for obj in stale if is_html(obj.key))
    stale_assets = tuple(obj for obj in stale if not is_html(obj.key))

    to_invalidate = [*changed, *(obj.key for obj in stale if not is_content_hashed(obj.key))]
    uploads = tuple(
        phase
        for phase in (
            Phase("assets", tuple(assets)),
            Phase("new pages", tuple(new_pages)),
            Phase("changed pages", tuple(changed_pages)),
            Phase("home page", tuple(home)),
            Phase("service worker", tuple(worker)),
        )
        if phase.items
    )
    deletes = tuple(
        phase
        for phase in (Phase("stale pages", stale_pages), Phase("stale assets", stale_assets))
        if phase.items
    )
    return Plan(
        uploads=uploads,
        deletes=deletes,
        skipped=tuple(skipped),
        invalidation_paths=invalidation_paths_for(to_invalidate),
        changed_keys=frozenset(changed),
    )
