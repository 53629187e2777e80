"""End-to-end deploys against a moto server over HTTP: uploads, skips, deletions, invalidations."""

from __future__ import annotations

import subprocess
import sys
import threading
from collections.abc import Callable
from pathlib import Path
from typing import Any

import boto3
import pytest
from botocore.awsrequest import AWSResponse
from botocore.exceptions import EndpointConnectionError
from deploy_helpers import BASE_SITE, bucket_contents, dangling_references

from deploy import DeployError
from deploy.aws import Clients, make_clients
from deploy.cli import build_parser, main, run
from deploy.content import IMMUTABLE, REVALIDATE

ROOT = Path(__file__).resolve().parents[2]

MISSING_BUCKET = (
    "deploy: error: bucket '{}' does not exist (check --bucket and the account/region)\n"
)

NEW_BUNDLE = "assets/javascripts/bundle.9c8b7a6f.min.js"
OLD_BUNDLE = "assets/javascripts/bundle.5e6f7a8b.min.js"
NEW_CSS = "assets/stylesheets/main.0f1e2d3c.min.css"
OLD_CSS = "assets/stylesheets/main.1a2b3c4d.min.css"


def version_two() -> dict[str, str | None]:
    """A rebuild: new asset hashes in every page, a new page, page-b removed, a changed index."""
    changes: dict[str, str | None] = {}
    for key in ("index.html", "page-a.html", "404.html"):
        changes[key] = (
            BASE_SITE[key]
            .replace(OLD_BUNDLE, NEW_BUNDLE)
            .replace(OLD_CSS, NEW_CSS)
            .replace('<a href="page-b.html">B</a>', '<a href="page-c.html">C</a>')
        )
    changes["page-c.html"] = (
        f'<!doctype html><html><head><link rel="stylesheet" href="{NEW_CSS}"></head>'
        f'<body><h1>Page C</h1><script src="{NEW_BUNDLE}"></script></body></html>'
    )
    changes["page-b.html"] = None
    changes[OLD_BUNDLE] = changes[OLD_BUNDLE + ".map"] = changes[OLD_CSS] = None
    changes[NEW_BUNDLE] = "console.log('v2');"
    changes[NEW_CSS] = "body{color:#111}"
    changes["search/search_index.json"] = '{"docs":[{"location":"page-c.html","title":"Page C"}]}'
    return changes


class Recorder:
    """Records, in order, the mutating AWS calls a deploy makes (through botocore events)."""

    def __init__(self, clients: Clients) -> None:
        self.calls: list[tuple[str, Any]] = []
        self._lock = threading.Lock()
        events_s3 = clients.s3.meta.events
        events_s3.register("before-parameter-build.s3.PutObject", self._put)
        events_s3.register("before-parameter-build.s3.DeleteObjects", self._delete)
        clients.cloudfront.meta.events.register(
            "before-parameter-build.cloudfront.CreateInvalidation", self._invalidate
        )

    def _put(self, params: dict[str, Any], **_: Any) -> None:
        with self._lock:
            self.calls.append(("put", params["Key"]))

    def _delete(self, params: dict[str, Any], **_: Any) -> None:
        with self._lock:
            for obj in params["Delete"]["Objects"]:
                self.calls.append(("delete", obj["Key"]))

    def _invalidate(self, params: dict[str, Any], **_: Any) -> None:
        with self._lock:
            self.calls.append(("invalidate", sorted(params["InvalidationBatch"]["Paths"]["Items"])))

    def of(self, kind: str) -> list[Any]:
        return [arg for op, arg in self.calls if op == kind]


@pytest.fixture
def clients(aws_env: str, boto_session: boto3.session.Session) -> Clients:
    """Fresh clients (event handlers registered by a test stay with it) on the shared session."""
    return make_clients(jobs=4, session=boto_session)


@pytest.fixture
def deploy(
    clients: Clients, bucket: str, distribution: str, capsys: pytest.CaptureFixture[str]
) -> Callable[..., tuple[int, str, str]]:
    """Run `python -m deploy` in-process on a site; returns (exit code, stdout, stderr)."""

    def run_deploy(
        site: Path, *extra: str, with_clients: Clients | None = None
    ) -> tuple[int, str, str]:
        capsys.readouterr()
        argv = ["--site", str(site), "--bucket", bucket, "--distribution", distribution, *extra]
        code = main(argv, clients=with_clients or clients)
        out, err = capsys.readouterr()
        return code, out, err

    return run_deploy


def invalidations(distribution: str) -> list[list[str]]:
    """The path lists of every invalidation created on the distribution."""
    cloudfront = boto3.client("cloudfront")
    summary = cloudfront.list_invalidations(DistributionId=distribution)["InvalidationList"]
    paths = []
    for item in summary.get("Items", []):
        batch = cloudfront.get_invalidation(DistributionId=distribution, Id=item["Id"])
        paths.append(sorted(batch["Invalidation"]["InvalidationBatch"]["Paths"]["Items"]))
    return paths


def test_first_deploy_uploads_every_file_with_its_metadata(
    make_site: Callable[..., Path],
    deploy: Callable[..., tuple[int, str, str]],
    clients: Clients,
    bucket: str,
    distribution: str,
) -> None:
    """A first deploy uploads every file with the right Content-Type, Cache-Control and sha256."""
    recorder = Recorder(clients)
    code, out, _ = deploy(make_site())
    assert code == 0
    assert "upload 11 objects" in out
    contents = bucket_contents(clients.s3, bucket)
    assert set(contents) == set(BASE_SITE)
    assert all(contents[key] == BASE_SITE[key].encode() for key in BASE_SITE)
    head = clients.s3.head_object(Bucket=bucket, Key="index.html")
    assert head["ContentType"] == "text/html; charset=utf-8"
    assert head["CacheControl"] == REVALIDATE
    assert len(head["Metadata"]["sha256"]) == 64
    bundle = clients.s3.head_object(Bucket=bucket, Key=OLD_BUNDLE)
    assert bundle["ContentType"] == "text/javascript; charset=utf-8"
    assert bundle["CacheControl"] == IMMUTABLE
    index_json = clients.s3.head_object(Bucket=bucket, Key="search/search_index.json")
    assert index_json["CacheControl"] == REVALIDATE
    # Nothing was cached before, so nothing needs invalidating.
    assert recorder.of("invalidate") == []
    assert invalidations(distribution) == []


def test_redeploy_of_an_unchanged_site_uploads_nothing(
    make_site: Callable[..., Path],
    deploy: Callable[..., tuple[int, str, str]],
    clients: Clients,
    distribution: str,
) -> None:
    """Deploying the same site twice: the second run skips every file and invalidates nothing."""
    site = make_site()
    assert deploy(site)[0] == 0
    recorder = Recorder(clients)
    code, out, _ = deploy(site)
    assert code == 0
    assert recorder.calls == []
    assert "skip   11 unchanged objects" in out
    assert "nothing to do" in out
    assert invalidations(distribution) == []


def test_changing_one_page_uploads_it_alone_and_invalidates_it(
    make_site: Callable[..., Path],
    deploy: Callable[..., tuple[int, str, str]],
    clients: Clients,
    bucket: str,
    distribution: str,
) -> None:
    """One edited page means one upload and one invalidation of that page's path."""
    assert deploy(make_site())[0] == 0
    recorder = Recorder(clients)
    edited = make_site(
        {"page-a.html": BASE_SITE["page-a.html"].replace("Page A", "Page A, edited")}
    )
    code, _, _ = deploy(edited)
    assert code == 0
    assert recorder.calls == [("put", "page-a.html"), ("invalidate", ["/page-a.html"])]
    assert invalidations(distribution) == [["/page-a.html"]]
    body = clients.s3.get_object(Bucket=bucket, Key="page-a.html")["Body"].read()
    assert b"Page A, edited" in body


def test_changing_the_home_page_also_invalidates_root(
    make_site: Callable[..., Path],
    deploy: Callable[..., tuple[int, str, str]],
    distribution: str,
) -> None:
    """index.html is cached by CloudFront under '/' too, so both paths are invalidated."""
    assert deploy(make_site())[0] == 0
    assert deploy(make_site({"index.html": BASE_SITE["index.html"] + "<!-- v2 -->"}))[0] == 0
    assert invalidations(distribution) == [["/", "/index.html"]]


def test_deleting_a_page_removes_it_after_uploads_and_invalidates_it(
    make_site: Callable[..., Path],
    deploy: Callable[..., tuple[int, str, str]],
    clients: Clients,
    bucket: str,
    distribution: str,
) -> None:
    """A page dropped from the site is deleted, last, and its cached copy invalidated."""
    assert deploy(make_site())[0] == 0
    recorder = Recorder(clients)
    without_b = make_site(
        {
            "page-b.html": None,
            "index.html": BASE_SITE["index.html"].replace('<a href="page-b.html">B</a>', ""),
        }
    )
    assert deploy(without_b)[0] == 0
    assert recorder.calls == [
        ("put", "index.html"),
        ("delete", "page-b.html"),
        ("invalidate", ["/", "/index.html", "/page-b.html"]),
    ]
    assert "page-b.html" not in bucket_contents(clients.s3, bucket)
    assert invalidations(distribution) == [["/", "/index.html", "/page-b.html"]]


def test_rebuild_uploads_assets_before_pages_and_deletes_last(
    make_site: Callable[..., Path],
    deploy: Callable[..., tuple[int, str, str]],
    clients: Clients,
    bucket: str,
) -> None:
    """New hashed assets go up before the pages that use them; stale files go after all uploads."""
    assert deploy(make_site())[0] == 0
    recorder = Recorder(clients)
    assert deploy(make_site(version_two()))[0] == 0
    kinds = [op for op, _ in recorder.calls]
    puts = recorder.of("put")
    first_page = next(i for i, key in enumerate(puts) if key.endswith(".html"))
    assert all(not key.endswith(".html") for key in puts[:first_page])
    assert {NEW_BUNDLE, NEW_CSS, "search/search_index.json"} == set(puts[:first_page])
    # The new page is up before the pages that link to it, and the home page comes last.
    assert puts[first_page] == "page-c.html"
    assert set(puts[first_page + 1 : -1]) == {"404.html", "page-a.html"}
    assert puts[-1] == "index.html"
    assert kinds.index("delete") > max(i for i, k in enumerate(kinds) if k == "put")
    assert kinds[-1] == "invalidate"
    assert recorder.of("delete") == ["page-b.html", OLD_BUNDLE, OLD_BUNDLE + ".map", OLD_CSS]
    contents = bucket_contents(clients.s3, bucket)
    assert dangling_references(contents) == {}
    assert OLD_BUNDLE not in contents


def test_consistency_check_sees_a_page_whose_asset_is_missing() -> None:
    """The check the failure test relies on does flag a page pointing at an absent file."""
    contents = {key: body.encode() for key, body in BASE_SITE.items()}
    assert dangling_references(contents) == {}
    del contents[OLD_CSS]
    assert dangling_references(contents) == {
        key: {OLD_CSS} for key in ("index.html", "page-a.html", "page-b.html", "404.html")
    }


class FailAfter:
    """Makes every PutObject after the first `allowed` fail like a lost connection."""

    def __init__(self, clients: Clients, allowed: int) -> None:
        self.allowed = allowed
        self.count = 0
        self._lock = threading.Lock()
        clients.s3.meta.events.register("before-parameter-build.s3.PutObject", self)

    def __call__(self, **_: Any) -> None:
        with self._lock:
            self.count += 1
            if self.count > self.allowed:
                raise EndpointConnectionError(endpoint_url="http://127.0.0.1 (simulated outage)")


# 0: nothing uploaded; 2: amid the assets; 4: assets and the new page up; 6: amid changed pages.
@pytest.mark.parametrize("allowed", [0, 2, 4, 6])
def test_failure_halfway_leaves_a_consistent_site_and_a_rerun_finishes(
    allowed: int,
    make_site: Callable[..., Path],
    deploy: Callable[..., tuple[int, str, str]],
    boto_session: boto3.session.Session,
    bucket: str,
    distribution: str,
) -> None:
    """Uploads failing after N objects: no page lacks a file, nothing deleted or invalidated."""
    v1 = make_site()
    assert deploy(v1)[0] == 0
    before = bucket_contents(boto3.client("s3"), bucket)

    # One upload at a time so that `allowed` cuts the sequence at a known point:
    # 3 assets are uploaded first, then page-c (new), then 404, page-a, index (changed).
    failing = make_clients(jobs=1, max_attempts=1, session=boto_session)
    FailAfter(failing, allowed)
    code, _, err = deploy(make_site(version_two()), "--jobs", "1", "--quiet", with_clients=failing)
    assert code == 1
    assert err.startswith("deploy: error: cannot reach AWS") and err.count("\n") == 1
    assert "Traceback" not in err

    during = bucket_contents(boto3.client("s3"), bucket)
    assert dangling_references(during) == {}
    assert before.keys() <= during.keys(), "a stale object was deleted before all uploads finished"
    assert invalidations(distribution) == []

    code, out, _ = deploy(make_site(version_two()))
    assert code == 0
    after = bucket_contents(boto3.client("s3"), bucket)
    assert dangling_references(after) == {}
    assert set(after) == (set(BASE_SITE) | {NEW_BUNDLE, NEW_CSS, "page-c.html"}) - {
        "page-b.html",
        OLD_BUNDLE,
        OLD_BUNDLE + ".map",
        OLD_CSS,
    }
    assert f"skip   {3 + allowed} unchanged" in out


def test_dry_run_prints_the_plan_and_changes_nothing(
    make_site: Callable[..., Path],
    deploy: Callable[..., tuple[int, str, str]],
    clients: Clients,
    bucket: str,
    distribution: str,
) -> None:
    """--dry-run reports upload/skip/delete counts and bytes without writing anything."""
    assert deploy(make_site())[0] == 0
    before = bucket_contents(clients.s3, bucket)
    recorder = Recorder(clients)
    code, out, _ = deploy(make_site(version_two()), "--dry-run")
    assert code == 0
    assert recorder.calls == []
    assert bucket_contents(clients.s3, bucket) == before
    assert invalidations(distribution) == []
    assert "upload 7 objects (" in out
    assert "skip   3 unchanged objects (" in out
    assert "delete 4 stale objects (" in out
    assert "invalidate 6 paths" in out
    assert "dry run: nothing was changed" in out


class _Raw:
    def __init__(self, body: bytes) -> None:
        self.body = body

    def stream(self, **_: Any) -> Any:
        yield self.body


def fail_puts(clients: Clients, times: int) -> list[str]:
    """Answer the first `times` PutObject attempts with a 500 InternalError; returns keys tried."""
    attempts: list[str] = []

    def handler(request: Any, **_: Any) -> AWSResponse | None:
        attempts.append(request.url.rsplit("/", 1)[-1])
        if len(attempts) <= times:
            body = (
                b"<Error><Code>InternalError</Code>"
                b"<Message>We encountered an internal error.</Message></Error>"
            )
            return AWSResponse(request.url, 500, {"Content-Type": "application/xml"}, _Raw(body))
        return None

    clients.s3.meta.events.register("before-send.s3.PutObject", handler)
    return attempts


def test_transient_errors_are_retried(
    make_site: Callable[..., Path],
    deploy: Callable[..., tuple[int, str, str]],
    boto_session: boto3.session.Session,
    bucket: str,
) -> None:
    """An upload that fails with a 500 twice is retried by botocore and the deploy succeeds."""
    retrying = make_clients(jobs=1, session=boto_session)
    assert retrying.s3.meta.config.retries == {"mode": "standard", "total_max_attempts": 8}
    attempts = fail_puts(retrying, times=2)
    code, _, _ = deploy(make_site(), "--jobs", "1", with_clients=retrying)
    assert code == 0
    first_key = attempts[0]
    assert attempts[:3] == [first_key] * 3
    assert len(bucket_contents(boto3.client("s3"), bucket)) == len(BASE_SITE)


def test_persistent_errors_fail_after_max_attempts(
    make_site: Callable[..., Path],
    deploy: Callable[..., tuple[int, str, str]],
    boto_session: boto3.session.Session,
) -> None:
    """When retries run out the deploy stops with a one-line error naming the failure."""
    fragile = make_clients(jobs=1, max_attempts=2, session=boto_session)
    attempts = fail_puts(fragile, times=100)
    code, _, err = deploy(make_site(), "--jobs", "1", "--quiet", with_clients=fragile)
    assert code == 1
    assert len(attempts) == 2
    assert (
        err == "deploy: error: PutObject failed: InternalError We encountered an internal error.\n"
    )


def test_missing_bucket_is_a_one_line_error(
    make_site: Callable[..., Path],
    aws_env: str,
    distribution: str,
    capsys: pytest.CaptureFixture[str],
) -> None:
    """An unknown bucket fails before any upload, with one line and exit code 1."""
    code = main(
        [
            "--site",
            str(make_site()),
            "--bucket",
            "no-such-bucket-xyz",
            "--distribution",
            distribution,
        ]
    )
    err = capsys.readouterr().err
    assert code == 1
    assert err == MISSING_BUCKET.format("no-such-bucket-xyz")


def test_missing_distribution_is_a_one_line_error(
    make_site: Callable[..., Path],
    aws_env: str,
    bucket: str,
    capsys: pytest.CaptureFixture[str],
) -> None:
    """An unknown distribution is reported before anything is uploaded."""
    code = main(["--site", str(make_site()), "--bucket", bucket, "--distribution", "E000000NOPE"])
    assert code == 1
    assert "CloudFront distribution 'E000000NOPE' does not exist" in capsys.readouterr().err
    assert bucket_contents(boto3.client("s3"), bucket) == {}


def test_missing_credentials_is_a_one_line_error(
    make_site: Callable[..., Path],
    aws_env: str,
    monkeypatch: pytest.MonkeyPatch,
    capsys: pytest.CaptureFixture[str],
) -> None:
    """Without credentials the deploy stops at once and says how to provide them."""
    monkeypatch.delenv("AWS_ACCESS_KEY_ID")
    monkeypatch.delenv("AWS_SECRET_ACCESS_KEY")
    code = main(["--site", str(make_site()), "--bucket", "b", "--distribution", "D"])
    err = capsys.readouterr().err
    assert code == 1
    assert err.startswith("deploy: error: no AWS credentials found") and err.count("\n") == 1


def test_unbuilt_site_is_a_one_line_error(
    tmp_path: Path, aws_env: str, capsys: pytest.CaptureFixture[str]
) -> None:
    """A site folder without index.html is refused before AWS is contacted."""
    code = main(["--site", str(tmp_path), "--bucket", "b", "--distribution", "D"])
    err = capsys.readouterr().err
    assert code == 1
    assert err == (
        f"deploy: error: site folder {str(tmp_path)!r} has no index.html; "
        "build the site first (make build, or mkdocs build)\n"
    )


def test_inline_script_missing_from_the_csp_blocks_the_deploy(
    make_site: Callable[..., Path],
    clients: Clients,
    bucket: str,
    distribution: str,
) -> None:
    """A page with an inline script the template's CSP does not allow is not published."""
    site = make_site(
        {
            "page-a.html": BASE_SITE["page-a.html"].replace(
                "</body>", "<script>alert(1)</script></body>"
            )
        }
    )
    args = build_parser().parse_args(
        ["--site", str(site), "--bucket", bucket, "--distribution", distribution]
    )
    with pytest.raises(
        DeployError, match=r"1 inline scripts of the site \(e.g. in page-a.html\) are not allowed"
    ):
        run(args, clients=clients)
    assert bucket_contents(clients.s3, bucket) == {}
    skip = build_parser().parse_args(
        [
            *sys.argv[:0],
            "--site",
            str(site),
            "--bucket",
            bucket,
            "--distribution",
            distribution,
            "--skip-csp-check",
            "--quiet",
        ]
    )
    assert run(skip, clients=clients) == 0


def test_python_dash_m_deploy_runs_and_reports_errors_without_traceback(
    make_site: Callable[..., Path],
    aws_env: str,
    bucket: str,
    distribution: str,
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    """`python -m deploy --endpoint-url ...` deploys; an unknown bucket is one line and exit 1."""
    # The endpoint comes from the command line here, not from the environment.
    monkeypatch.delenv("AWS_ENDPOINT_URL")
    site = str(make_site())

    def python_m_deploy(target: str) -> subprocess.CompletedProcess[str]:
        return subprocess.run(
            [sys.executable, "-m", "deploy", "--site", site, "--bucket", target,
             "--distribution", distribution, "--endpoint-url", aws_env, "--quiet"],
            cwd=ROOT,
            capture_output=True,
            text=True,
            timeout=60,
            check=False,
        )  # fmt: skip

    deployed = python_m_deploy(bucket)
    assert deployed.returncode == 0, deployed.stderr
    assert "deployed: 11 uploaded" in deployed.stdout
    failed = python_m_deploy("absent-bucket-123")
    assert failed.returncode == 1
    assert failed.stderr == MISSING_BUCKET.format("absent-bucket-123")
