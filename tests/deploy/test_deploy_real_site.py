"""The real built site: each file gets a proper type; it deploys to moto, then as a no-op."""

from __future__ import annotations

import time
from collections.abc import Callable
from pathlib import Path

import boto3
import pytest

from deploy.aws import Clients, make_clients
from deploy.cli import main
from deploy.content import FALLBACK_CONTENT_TYPE, IMMUTABLE, REVALIDATE, content_type
from deploy.plan import format_bytes
from deploy.site import scan_site

pytestmark = pytest.mark.slow


def test_every_file_of_the_real_site_has_a_known_content_type(built_site: Path) -> None:
    """No file of the built site falls back to application/octet-stream."""
    files = [p for p in built_site.rglob("*") if p.is_file()]
    assert any(p.suffix == ".js" for p in files) and any(p.suffix == ".css" for p in files)
    unknown = [
        p.relative_to(built_site).as_posix()
        for p in files
        if content_type(p.name) == FALLBACK_CONTENT_TYPE
    ]
    assert unknown == []


def test_real_site_cache_policy_splits_hashed_assets_from_the_rest(built_site: Path) -> None:
    """Material's hashed bundle, styles and search worker are immutable; pages, index revalidate."""
    files = scan_site(built_site)
    immutable = {key for key, f in files.items() if f.cache_control == IMMUTABLE}
    assert any(
        k.startswith("assets/javascripts/bundle.") and k.endswith(".min.js") for k in immutable
    )
    assert any(
        k.startswith("assets/stylesheets/main.") and k.endswith(".min.css") for k in immutable
    )
    assert any(k.startswith("assets/javascripts/workers/search.") for k in immutable)
    assert all(files[k].cache_control == REVALIDATE for k in files if k.endswith(".html"))
    assert files["search/search_index.json"].cache_control == REVALIDATE


@pytest.fixture
def real_clients(aws_env: str, boto_session: boto3.session.Session) -> Clients:
    return make_clients(session=boto_session)


def test_real_site_deploys_with_right_metadata_and_redeploys_as_noop(
    built_site: Path,
    real_clients: Clients,
    bucket: str,
    distribution: str,
    capsys: pytest.CaptureFixture[str],
    record_property: Callable[[str, object], None],
) -> None:
    """The real site uploads with each file's type and caching; a second deploy uploads nothing."""
    argv = [
        "--site",
        str(built_site),
        "--bucket",
        bucket,
        "--distribution",
        distribution,
        "--quiet",
    ]
    files = scan_site(built_site)

    started = time.monotonic()
    assert main(argv, clients=real_clients) == 0
    first_seconds = time.monotonic() - started
    out = capsys.readouterr().out
    total = sum(f.size for f in files.values())
    assert f"upload {len(files)} objects ({format_bytes(total)})" in out

    for key, local in files.items():
        head = real_clients.s3.head_object(Bucket=bucket, Key=key)
        assert (head["ContentType"], head["CacheControl"], head["ContentLength"]) == (
            local.content_type,
            local.cache_control,
            local.size,
        ), key
        assert head["ETag"].strip('"') == local.md5, key

    puts: list[str] = []
    real_clients.s3.meta.events.register(
        "before-parameter-build.s3.PutObject", lambda params, **_: puts.append(params["Key"])
    )
    started = time.monotonic()
    assert main(argv, clients=real_clients) == 0
    second_seconds = time.monotonic() - started
    assert puts == []
    assert "nothing to do" in capsys.readouterr().out

    record_property("objects", len(files))
    record_property("bytes", total)
    record_property("first_deploy_seconds", round(first_seconds, 2))
    record_property("noop_redeploy_seconds", round(second_seconds, 2))
    print(
        f"real site: {len(files)} objects, {format_bytes(total)}; "
        f"first deploy {first_seconds:.2f}s, "
        f"no-op redeploy {second_seconds:.2f}s (moto on 127.0.0.1)"
    )
