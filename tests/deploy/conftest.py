"""Fixtures for the deploy tests: a local moto server, fake AWS credentials, fixture sites.

moto runs as a real HTTP server on 127.0.0.1 (a free port); boto3 reaches it through
AWS_ENDPOINT_URL, exactly as it would reach AWS, so the deploy code under test is the
code that runs in production, wire protocol included.
"""

from __future__ import annotations

import logging
import uuid
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any

import boto3
import pytest
from deploy_helpers import BASE_SITE, free_port, write_site


@pytest.fixture(scope="session")
def moto_endpoint() -> Iterator[str]:
    """A moto server (all services, S3 and CloudFront included) on 127.0.0.1."""
    from moto.server import ThreadedMotoServer

    # werkzeug logs every request to stderr; the tests read stderr for error lines.
    logging.getLogger("werkzeug").setLevel(logging.WARNING)
    port = free_port()
    server = ThreadedMotoServer(ip_address="127.0.0.1", port=port, verbose=False)
    server.start()
    try:
        yield f"http://127.0.0.1:{port}"
    finally:
        server.stop()


@pytest.fixture
def aws_env(monkeypatch: pytest.MonkeyPatch, moto_endpoint: str) -> str:
    """Fake credentials and the moto endpoint in the environment; nothing read from ~/.aws."""
    for name in ("AWS_PROFILE", "AWS_SESSION_TOKEN", "AWS_SECURITY_TOKEN", "AWS_DEFAULT_PROFILE"):
        monkeypatch.delenv(name, raising=False)
    monkeypatch.setenv("AWS_ACCESS_KEY_ID", "testing")
    monkeypatch.setenv("AWS_SECRET_ACCESS_KEY", "testing")
    monkeypatch.setenv("AWS_DEFAULT_REGION", "us-east-1")
    monkeypatch.setenv("AWS_ENDPOINT_URL", moto_endpoint)
    monkeypatch.setenv("AWS_CONFIG_FILE", "/nonexistent/aws-config")
    monkeypatch.setenv("AWS_SHARED_CREDENTIALS_FILE", "/nonexistent/aws-credentials")
    # Never wait for an instance-metadata endpoint that is not there.
    monkeypatch.setenv("AWS_EC2_METADATA_DISABLED", "true")
    return moto_endpoint


@pytest.fixture(scope="session")
def boto_session() -> boto3.session.Session:
    """One boto3 session for the tests' clients: models load once, saving ~0.1 s a client."""
    return boto3.session.Session(
        aws_access_key_id="testing", aws_secret_access_key="testing", region_name="us-east-1"
    )


@pytest.fixture
def bucket(aws_env: str) -> str:
    """A fresh, empty bucket on the moto server."""
    name = f"site-{uuid.uuid4().hex[:12]}"
    boto3.client("s3").create_bucket(Bucket=name)
    return name


@pytest.fixture
def distribution(aws_env: str, bucket: str) -> str:
    """A CloudFront distribution on the moto server, in front of the bucket."""
    response = boto3.client("cloudfront").create_distribution(
        DistributionConfig={
            "CallerReference": uuid.uuid4().hex,
            "Comment": "deploy tests",
            "Enabled": True,
            "DefaultRootObject": "index.html",
            "Origins": {
                "Quantity": 1,
                "Items": [
                    {
                        "Id": "site-bucket",
                        "DomainName": f"{bucket}.s3.us-east-1.amazonaws.com",
                        "S3OriginConfig": {"OriginAccessIdentity": ""},
                    }
                ],
            },
            "DefaultCacheBehavior": {
                "TargetOriginId": "site-bucket",
                "ViewerProtocolPolicy": "redirect-to-https",
                "MinTTL": 0,
                "ForwardedValues": {"QueryString": False, "Cookies": {"Forward": "none"}},
            },
        }
    )
    return str(response["Distribution"]["Id"])


@pytest.fixture
def make_site(tmp_path: Path) -> Callable[..., Path]:
    """Build a fixture site in tmp_path: BASE_SITE with changes (a None value removes a file)."""
    counter = iter(range(1_000_000))

    def build(changes: dict[str, str | bytes | None] | None = None) -> Path:
        files: dict[str, Any] = dict(BASE_SITE)
        for key, content in (changes or {}).items():
            if content is None:
                files.pop(key, None)
            else:
                files[key] = content
        return write_site(tmp_path / f"site{next(counter)}", files)

    return build
