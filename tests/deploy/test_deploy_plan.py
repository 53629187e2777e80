"""The deploy planner: what to upload, skip, delete and invalidate, and in which order."""

from __future__ import annotations

import hashlib
from pathlib import Path

import pytest

from deploy import DeployError
from deploy.plan import (
    MAX_INVALIDATION_PATHS,
    RemoteObject,
    format_bytes,
    invalidation_paths_for,
    make_plan,
)
from deploy.site import LocalFile, scan_site


def local(key: str, content: bytes = b"x") -> LocalFile:
    from deploy.content import cache_control, content_type

    return LocalFile(
        key=key,
        path=Path("/nonexistent") / key,
        size=len(content),
        md5=hashlib.md5(content).hexdigest(),
        sha256=hashlib.sha256(content).hexdigest(),
        content_type=content_type(key),
        cache_control=cache_control(key),
    )


def remote_of(item: LocalFile) -> RemoteObject:
    return RemoteObject(key=item.key, size=item.size, etag=item.md5)


def by_key(*items: LocalFile) -> dict[str, LocalFile]:
    return {item.key: item for item in items}


def test_unchanged_files_are_skipped() -> None:
    """A file whose size and MD5 match the object's ETag is not uploaded again."""
    files = by_key(local("index.html"), local("assets/app.1a2b3c4d.js"))
    plan = make_plan(files, {k: remote_of(v) for k, v in files.items()})
    assert plan.is_noop
    assert plan.upload_count == 0
    assert {f.key for f in plan.skipped} == set(files)
    assert plan.invalidation_paths == ()


def test_force_uploads_unchanged_files() -> None:
    """--force re-uploads everything (to push new headers), still assets before pages."""
    files = by_key(local("index.html"), local("a.css"), local("b.html"))
    plan = make_plan(files, {k: remote_of(v) for k, v in files.items()}, force=True)
    assert [[i.key for i in p.items] for p in plan.uploads] == [
        ["a.css"],
        ["b.html"],
        ["index.html"],
    ]
    assert plan.skipped == ()


def test_same_size_different_content_is_uploaded() -> None:
    """Equal sizes are not enough: the content digest decides."""
    new = local("page.html", b"new!")
    old = RemoteObject("page.html", size=4, etag=hashlib.md5(b"old!").hexdigest())
    plan = make_plan(by_key(new), {"page.html": old})
    assert plan.upload_count == 1
    assert plan.changed_keys == {"page.html"}


def test_multipart_etag_is_compared_by_stored_sha256() -> None:
    """An object uploaded in parts (ETag 'x-N') is compared through its sha256 metadata."""
    item = local("big.pdf", b"pdf-bytes")
    same = RemoteObject(
        "big.pdf", item.size, etag="9b2cf535f27731c974343645a3985328-2", sha256=item.sha256
    )
    unknown = RemoteObject("big.pdf", item.size, etag="9b2cf535f27731c974343645a3985328-2")
    assert make_plan(by_key(item), {"big.pdf": same}).is_noop
    assert make_plan(by_key(item), {"big.pdf": unknown}).upload_count == 1


def test_phases_order_assets_then_new_pages_then_changed_pages_home_last() -> None:
    """Assets go first, then new pages, then changed pages, then index.html on its own."""
    old_index, old_page = local("index.html", b"v1"), local("a.html", b"v1")
    remote = {
        "index.html": remote_of(old_index),
        "a.html": remote_of(old_page),
        "z.html": remote_of(local("z.html", b"v1")),
    }
    files = by_key(
        local("index.html", b"v2"),
        local("a.html", b"v2"),
        local("z.html", b"v2"),
        local("new.html"),
        local("assets/app.9f8e7d6c.js"),
        local("search/search_index.json"),
    )
    plan = make_plan(files, remote)
    assert [(p.name, [i.key for i in p.items]) for p in plan.uploads] == [
        ("assets", ["assets/app.9f8e7d6c.js", "search/search_index.json"]),
        ("new pages", ["new.html"]),
        ("changed pages", ["a.html", "z.html"]),
        ("home page", ["index.html"]),
    ]


def test_stale_objects_are_deleted_pages_first() -> None:
    """Objects no longer in the site are deleted, stale pages before stale assets."""
    keep = local("index.html")
    remote = {
        "index.html": remote_of(keep),
        "old.html": remote_of(local("old.html")),
        "assets/app.1a2b3c4d.js": remote_of(local("assets/app.1a2b3c4d.js")),
    }
    plan = make_plan(by_key(keep), remote)
    assert [(p.name, [i.key for i in p.items]) for p in plan.deletes] == [
        ("stale pages", ["old.html"]),
        ("stale assets", ["assets/app.1a2b3c4d.js"]),
    ]
    assert plan.delete_count == 2
    # The deleted page is invalidated; the deleted hashed asset is left to expire.
    assert plan.invalidation_paths == ("/old.html",)


def test_invalidation_covers_changed_files_and_root_for_index() -> None:
    """Changed pages and unhashed files are invalidated; index.html also as '/'."""
    remote = {
        key: RemoteObject(key, 1, "0" * 32)
        for key in ("index.html", "guide/index.html", "search/search_index.json")
    }
    files = by_key(
        local("index.html"),
        local("guide/index.html"),
        local("search/search_index.json"),
        local("brand-new.html"),
    )
    plan = make_plan(files, remote)
    assert plan.invalidation_paths == (
        "/",
        "/guide/",
        "/guide/index.html",
        "/index.html",
        "/search/search_index.json",
    )


def test_invalidation_paths_are_url_encoded() -> None:
    """Keys with spaces or non-ASCII letters become percent-encoded invalidation paths."""
    assert invalidation_paths_for(["notes/my page.html", "café.html"]) == (
        "/caf%C3%A9.html",
        "/notes/my%20page.html",
    )


def test_many_paths_collapse_to_one_wildcard() -> None:
    """Past the threshold one '/*' replaces the list (billed as one path)."""
    keys = [f"p{i}.html" for i in range(MAX_INVALIDATION_PATHS + 1)]
    assert invalidation_paths_for(keys) == ("/*",)
    assert len(invalidation_paths_for(keys[:MAX_INVALIDATION_PATHS])) == MAX_INVALIDATION_PATHS


def test_summary_reports_counts_and_bytes() -> None:
    """The plan summary states upload/skip/delete counts and sizes."""
    files = by_key(local("index.html", b"a" * 2048), local("kept.css", b"k"))
    remote = {
        "kept.css": remote_of(files["kept.css"]),
        "gone.html": RemoteObject("gone.html", 10, "e" * 32),
    }
    summary = make_plan(files, remote).summary()
    assert "upload 1 objects (2.0 KiB)" in summary
    assert "skip   1 unchanged objects (1 B)" in summary
    assert "delete 1 stale objects (10 B)" in summary
    assert "invalidate 1 paths" in summary


@pytest.mark.parametrize(
    ("size", "text"), [(0, "0 B"), (1023, "1023 B"), (1536, "1.5 KiB"), (5 * 1024**2, "5.0 MiB")]
)
def test_format_bytes(size: int, text: str) -> None:
    """Sizes print in binary units with one decimal."""
    assert format_bytes(size) == text


def test_scan_site_reads_keys_digests_and_metadata(tmp_path: Path) -> None:
    """Scanning a folder yields POSIX keys, real digests and per-file HTTP metadata."""
    (tmp_path / "assets").mkdir()
    (tmp_path / "index.html").write_text("<p>hi</p>")
    (tmp_path / "assets" / "app.1a2b3c4d.js").write_bytes(b"js")
    (tmp_path / ".DS_Store").write_bytes(b"junk")
    files = scan_site(tmp_path)
    assert sorted(files) == ["assets/app.1a2b3c4d.js", "index.html"]
    js = files["assets/app.1a2b3c4d.js"]
    assert js.md5 == hashlib.md5(b"js").hexdigest()
    assert js.sha256 == hashlib.sha256(b"js").hexdigest()
    assert js.size == 2
    assert js.cache_control.endswith("immutable")
    assert files["index.html"].content_type == "text/html; charset=utf-8"


def test_scan_site_refuses_an_unbuilt_site(tmp_path: Path) -> None:
    """A folder without index.html (or no folder) is an unbuilt site: a clear error."""
    (tmp_path / "stray.css").write_text("x")
    with pytest.raises(DeployError, match=r"has no index\.html; build the site first"):
        scan_site(tmp_path)
    with pytest.raises(DeployError, match="does not exist"):
        scan_site(tmp_path / "missing")
