"""The offline app as hosted: the deploy never lets CloudFront or a browser keep the
service worker or the manifest long, and under the template's headers (its CSP)
the worker registers and serves the site offline with no violation."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path
from typing import Any

import boto3
import pytest
from deploy_headers_server import serve_site

from deploy.aws import make_clients
from deploy.cli import main
from deploy.content import REVALIDATE, cache_control
from deploy.plan import make_plan
from deploy.site import scan_site
from deploy.template import load_template, response_headers
from tests.deploy.test_deploy_browser_headers import Watcher

WORKER, MANIFEST = "sw.js", "manifest.webmanifest"


def test_the_worker_and_the_manifest_are_revalidated_on_every_use() -> None:
    """Neither name carries a content hash: both get max-age=0, must-revalidate."""
    assert cache_control(WORKER) == cache_control(MANIFEST) == REVALIDATE
    assert "max-age=0" in REVALIDATE


def test_make_deploy_sets_their_headers(
    make_site: Callable[..., Path],
    aws_env: str,
    boto_session: boto3.session.Session,
    bucket: str,
    distribution: str,
) -> None:
    """Deployed to S3 (moto), the worker and the manifest carry the revalidating
    Cache-Control CloudFront follows, and their own Content-Types."""
    site = make_site({WORKER: "self.addEventListener('fetch', () => {});", MANIFEST: "{}"})
    clients = make_clients(session=boto_session)
    argv = ["--site", str(site), "--bucket", bucket, "--distribution", distribution, "--quiet"]
    assert main(argv, clients=clients) == 0
    worker = clients.s3.head_object(Bucket=bucket, Key=WORKER)
    manifest = clients.s3.head_object(Bucket=bucket, Key=MANIFEST)
    assert worker["CacheControl"] == manifest["CacheControl"] == REVALIDATE
    assert worker["ContentType"] == "text/javascript; charset=utf-8"
    assert manifest["ContentType"] == "application/manifest+json; charset=utf-8"


def test_the_worker_is_uploaded_after_every_page(make_site: Callable[..., Path]) -> None:
    """The worker lists its build's files, so it goes up last, after the home page: a
    browser that fetched it sooner would keep the pages of the older build."""
    site = make_site({WORKER: "self.addEventListener('fetch', () => {});", MANIFEST: "{}"})
    plan = make_plan(scan_site(site), {})
    assert [item.key for item in plan.uploads[-1].items] == [WORKER]
    earlier = [item.key for phase in plan.uploads[:-1] for item in phase.items]
    assert "index.html" in earlier and MANIFEST in earlier and WORKER not in earlier


@pytest.mark.browser
@pytest.mark.slow
def test_under_the_templates_csp_the_worker_serves_the_site_offline(
    built_site: Path, browser: Any
) -> None:
    """With the template's exact headers: the worker registers and takes control,
    the manifest loads, a page opens offline, and no CSP violation is reported."""
    watcher = Watcher(browser)
    try:
        with serve_site(built_site, response_headers(load_template())) as base:
            page = watcher.new_page()
            page.goto(f"{base}/index.html", wait_until="load")
            page.wait_for_function(
                "navigator.serviceWorker.ready.then(() => navigator.serviceWorker.controller)",
                timeout=60_000,
            )
            assert page.evaluate(
                "fetch(document.querySelector('link[rel=manifest]').href).then(r => r.ok)"
            )
            watcher.context.set_offline(True)
            page.goto(f"{base}/glossary.html", wait_until="load")
            assert page.locator("article h1").count() == 1
            assert watcher.violations(page) == [] and watcher.console == []
            assert watcher.errors == []
    finally:
        watcher.context.close()
