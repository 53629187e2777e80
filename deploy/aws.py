"""The AWS side of a deploy: boto3 clients, the bucket listing, and carrying out a plan.

Everything that talks to S3 or CloudFront lives here; deciding what to do is
:mod:`deploy.plan`'s job. AWS errors are turned into :class:`DeployError` with a
one-line message the operator can act on.
"""

from __future__ import annotations

import base64
import sys
import threading
import time
import uuid
from collections.abc import Callable, Iterator, Sequence
from concurrent.futures import FIRST_EXCEPTION, Future, ThreadPoolExecutor, wait
from contextlib import contextmanager
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any, TextIO, TypeVar

import boto3
from botocore.config import Config
from botocore.exceptions import (
    BotoCoreError,
    ClientError,
    EndpointConnectionError,
    NoCredentialsError,
    NoRegionError,
    PartialCredentialsError,
)

from deploy import DeployError
from deploy.plan import Plan, RemoteObject, format_bytes
from deploy.site import LocalFile

if TYPE_CHECKING:
    from mypy_boto3_cloudfront import CloudFrontClient
    from mypy_boto3_s3 import S3Client
else:
    CloudFrontClient = S3Client = Any

T = TypeVar("T")

DEFAULT_JOBS = 8
# S3 and CloudFront throttle and occasionally answer 500/503: "standard" mode retries
# those (and connection errors) with jittered exponential backoff.
DEFAULT_MAX_ATTEMPTS = 8
# DeleteObjects takes at most 1,000 keys per request.
DELETE_BATCH = 1000


@dataclass(frozen=True)
class Clients:
    """The two boto3 clients a deploy uses."""

    s3: S3Client
    cloudfront: CloudFrontClient


def make_clients(
    *,
    region: str | None = None,
    endpoint_url: str | None = None,
    jobs: int = DEFAULT_JOBS,
    max_attempts: int = DEFAULT_MAX_ATTEMPTS,
    retry_mode: str = "standard",
    session: boto3.session.Session | None = None,
) -> Clients:
    """boto3 clients with retries and a connection pool sized for ``jobs`` parallel uploads.

    Credentials and region come from the usual places (environment, profile, instance
    role); ``endpoint_url`` (or the AWS_ENDPOINT_URL variable, which boto3 reads
    itself) points both clients at another endpoint, such as a local moto server.
    Raises DeployError when no credentials can be found. Passing a ``session`` reuses
    its loaded service models (creating a session costs ~0.1 s).
    """
    if session is None:
        session = boto3.session.Session(region_name=region)
    try:
        credentials = session.get_credentials()
    except (PartialCredentialsError, BotoCoreError) as error:
        raise DeployError(f"AWS credentials are incomplete or unreadable: {error}") from None
    if credentials is None:
        raise DeployError(
            "no AWS credentials found: set AWS_PROFILE, or AWS_ACCESS_KEY_ID and "
            "AWS_SECRET_ACCESS_KEY, or run where an IAM role is available"
        )
    config = Config(
        # total_max_attempts counts the first try too (botocore's max_attempts would not).
        retries={"mode": retry_mode, "total_max_attempts": max_attempts},  # type: ignore[typeddict-item,unused-ignore]
        connect_timeout=10,
        read_timeout=120,
        max_pool_connections=max(10, jobs + 2),
        user_agent_extra="aws-notes-site-deploy",
    )
    try:
        s3 = session.client("s3", endpoint_url=endpoint_url, config=config)
        # CloudFront is a global service whose API lives in us-east-1.
        cloudfront = session.client(
            "cloudfront", endpoint_url=endpoint_url, config=config, region_name="us-east-1"
        )
    except NoRegionError:
        raise DeployError("no AWS region configured: set AWS_REGION or pass --region") from None
    return Clients(s3=s3, cloudfront=cloudfront)


def _error_code(error: ClientError) -> str:
    return str(error.response.get("Error", {}).get("Code", ""))


def describe_error(error: Exception, *, bucket: str = "", distribution: str = "") -> str:
    """A one-line, actionable description of an AWS error."""
    if isinstance(error, DeployError):
        return str(error)
    if isinstance(error, NoCredentialsError):
        return (
            "no AWS credentials found: set AWS_PROFILE, or AWS_ACCESS_KEY_ID and "
            "AWS_SECRET_ACCESS_KEY"
        )
    if isinstance(error, EndpointConnectionError):
        return f"cannot reach AWS: {error}"
    if isinstance(error, ClientError):
        code = _error_code(error)
        status = error.response.get("ResponseMetadata", {}).get("HTTPStatusCode")
        operation = error.operation_name
        if code == "NoSuchBucket" or (operation == "ListObjectsV2" and status == 404):
            return f"bucket {bucket!r} does not exist (check --bucket and the account/region)"
        if code in {"NoSuchDistribution", "NoSuchInvalidation"} or (
            operation == "GetDistribution" and status == 404
        ):
            return f"CloudFront distribution {distribution!r} does not exist (check --distribution)"
        if code in {
            "InvalidAccessKeyId",
            "SignatureDoesNotMatch",
            "ExpiredToken",
            "InvalidClientTokenId",
        }:
            return f"AWS rejected the credentials ({code}): refresh or fix them"
        if code in {"AccessDenied", "AccessDeniedException", "403", "Forbidden"} or status == 403:
            return (
                f"access denied for {operation}: the credentials need the permissions of the "
                "stack's DeployPolicy"
            )
        message = error.response.get("Error", {}).get("Message", "")
        return f"{operation} failed: {code} {message}".strip()
    if isinstance(error, BotoCoreError):
        return f"AWS request failed: {error}"
    return f"{type(error).__name__}: {error}"


@contextmanager
def aws_errors(*, bucket: str = "", distribution: str = "") -> Iterator[None]:
    """Turn botocore exceptions raised inside the block into DeployError."""
    try:
        yield
    except (ClientError, BotoCoreError) as error:
        raise DeployError(
            describe_error(error, bucket=bucket, distribution=distribution)
        ) from error


def check_distribution(clients: Clients, distribution: str) -> None:
    """Fail early, before uploading anything, when the distribution does not exist."""
    with aws_errors(distribution=distribution):
        clients.cloudfront.get_distribution(Id=distribution)


def list_remote(clients: Clients, bucket: str) -> dict[str, RemoteObject]:
    """Every object in the bucket, by key.

    One ListObjectsV2 page per 1,000 objects; a HEAD only for objects with a multipart
    ETag (uploaded by some other tool), whose content hash is then read from the
    ``sha256`` metadata if present.
    """
    objects: dict[str, RemoteObject] = {}
    with aws_errors(bucket=bucket):
        paginator = clients.s3.get_paginator("list_objects_v2")
        for page in paginator.paginate(Bucket=bucket):
            for entry in page.get("Contents", []):
                key = entry["Key"]
                etag = entry.get("ETag", "").strip('"')
                sha256 = None
                if "-" in etag:
                    head = clients.s3.head_object(Bucket=bucket, Key=key)
                    sha256 = head.get("Metadata", {}).get("sha256")
                objects[key] = RemoteObject(key=key, size=entry["Size"], etag=etag, sha256=sha256)
    return objects


class Progress:
    """A plain-text progress line on stderr: redrawn in place on a terminal, logged otherwise."""

    def __init__(self, stream: TextIO | None = None, *, enabled: bool = True) -> None:
        self.stream = stream if stream is not None else sys.stderr
        self.enabled = enabled
        self._lock = threading.Lock()
        self._tty = bool(getattr(self.stream, "isatty", lambda: False)())
        self._name = ""
        self._count = self._total = self._bytes = self._total_bytes = 0
        self._last_decile = -1

    def start(self, name: str, total: int, total_bytes: int) -> None:
        with self._lock:
            self._name, self._total, self._total_bytes = name, total, total_bytes
            self._count = self._bytes = 0
            self._last_decile = -1
            self._draw(final=False)

    def advance(self, size: int) -> None:
        with self._lock:
            self._count += 1
            self._bytes += size
            self._draw(final=self._count == self._total)

    def _draw(self, *, final: bool) -> None:
        if not self.enabled:
            return
        percent = 100 * self._count // self._total if self._total else 100
        line = (
            f"{self._name}: {self._count}/{self._total} objects, "
            f"{format_bytes(self._bytes)}/{format_bytes(self._total_bytes)} ({percent}%)"
        )
        if self._tty:
            self.stream.write("\r" + line + ("\n" if final else ""))
        else:
            # In a CI log, one line per 10% is enough to see it move.
            decile = percent // 10
            if decile == self._last_decile and not final:
                return
            self._last_decile = decile
            self.stream.write(line + "\n")
        self.stream.flush()


def _run_parallel(items: Sequence[T], action: Callable[[T], None], jobs: int) -> None:
    """Run ``action`` over ``items`` on ``jobs`` threads; on the first failure start no more.

    Work already in flight is allowed to finish, then the first exception is re-raised,
    so the caller never moves on to the next phase after a failure.
    """
    stop = threading.Event()

    def guarded(item: T) -> None:
        # A worker that picks up an item after a failure skips it: cancel() alone cannot
        # stop items a worker has already dequeued.
        if stop.is_set():
            return
        try:
            action(item)
        except BaseException:
            stop.set()
            raise

    with ThreadPoolExecutor(max_workers=jobs, thread_name_prefix="deploy") as pool:
        futures: list[Future[None]] = [pool.submit(guarded, item) for item in items]
        _, pending = wait(futures, return_when=FIRST_EXCEPTION)
        for future in pending:
            future.cancel()
        wait(futures)
    for future in futures:
        if not future.cancelled() and future.exception() is not None:
            raise future.exception()  # type: ignore[misc]


def upload_file(clients: Clients, bucket: str, item: LocalFile) -> None:
    """PUT one file with its HTTP metadata, in a single part (so its ETag is its MD5)."""
    content_md5 = base64.b64encode(bytes.fromhex(item.md5)).decode("ascii")
    with item.path.open("rb") as body:
        clients.s3.put_object(
            Bucket=bucket,
            Key=item.key,
            Body=body,
            ContentType=item.content_type,
            CacheControl=item.cache_control,
            # S3 rejects the upload if the bytes arrive damaged.
            ContentMD5=content_md5,
            Metadata={"sha256": item.sha256},
        )


def delete_objects(clients: Clients, bucket: str, keys: Sequence[str]) -> None:
    """Delete keys in batches of 1,000; any per-key error fails the deploy."""
    for start in range(0, len(keys), DELETE_BATCH):
        batch = keys[start : start + DELETE_BATCH]
        response = clients.s3.delete_objects(
            Bucket=bucket,
            Delete={"Objects": [{"Key": key} for key in batch], "Quiet": True},
        )
        errors = response.get("Errors", [])
        if errors:
            first = errors[0]
            raise DeployError(
                f"could not delete {len(errors)} objects, e.g. {first.get('Key')!r}: "
                f"{first.get('Code')} {first.get('Message', '')}".strip()
            )


def create_invalidation(clients: Clients, distribution: str, paths: Sequence[str]) -> str:
    """One invalidation for all paths; returns its id."""
    response = clients.cloudfront.create_invalidation(
        DistributionId=distribution,
        InvalidationBatch={
            "Paths": {"Quantity": len(paths), "Items": list(paths)},
            # Unique per request, so that a retried call cannot be mistaken for a new one
            # by CloudFront, and two deploys never collide.
            "CallerReference": f"deploy-{time.time_ns()}-{uuid.uuid4().hex[:8]}",
        },
    )
    return str(response["Invalidation"]["Id"])


@dataclass(frozen=True)
class DeployResult:
    """What a deploy did."""

    uploaded: int
    uploaded_bytes: int
    deleted: int
    invalidation_id: str | None
    seconds: float


def execute(
    plan: Plan,
    clients: Clients,
    *,
    bucket: str,
    distribution: str,
    jobs: int = DEFAULT_JOBS,
    progress: Progress | None = None,
) -> DeployResult:
    """Carry out a plan phase by phase: uploads, then deletions, then one invalidation.

    A failure stops the deploy before the next phase, so deletions and the
    invalidation happen only after every upload succeeded.
    """
    progress = progress or Progress(enabled=False)
    started = time.monotonic()
    uploaded = uploaded_bytes = 0
    with aws_errors(bucket=bucket, distribution=distribution):
        for phase in plan.uploads:
            progress.start(f"upload {phase.name}", len(phase.items), phase.bytes)

            def upload_one(item: LocalFile) -> None:
                upload_file(clients, bucket, item)
                progress.advance(item.size)

            _run_parallel(phase.items, upload_one, jobs)  # type: ignore[arg-type]
            uploaded += len(phase.items)
            uploaded_bytes += phase.bytes
        deleted = 0
        for phase in plan.deletes:
            progress.start(f"delete {phase.name}", len(phase.items), phase.bytes)
            delete_objects(clients, bucket, [item.key for item in phase.items])
            for item in phase.items:
                progress.advance(item.size)
            deleted += len(phase.items)
        invalidation_id = None
        if plan.invalidation_paths:
            invalidation_id = create_invalidation(clients, distribution, plan.invalidation_paths)
    return DeployResult(
        uploaded=uploaded,
        uploaded_bytes=uploaded_bytes,
        deleted=deleted,
        invalidation_id=invalidation_id,
        seconds=time.monotonic() - started,
    )
