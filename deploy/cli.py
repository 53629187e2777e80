"""``python -m deploy``: publish the built site to its S3 bucket and refresh CloudFront.

    python -m deploy --site site --bucket BUCKET --distribution DISTRIBUTION [--dry-run]

Steps: read the site, check the template's CSP still allows its inline scripts, list
the bucket, plan (see :mod:`deploy.plan`), then upload, delete and invalidate.
A dry run lists every file it would upload (size, type, cache header), delete
and invalidate; with no AWS credentials (or ``--offline``) it plans against an
empty bucket without contacting AWS.
Errors the operator can fix (unbuilt site, no credentials, unknown bucket or
distribution, ...) print one line and exit with status 1.
"""

from __future__ import annotations

import argparse
import sys
import time
from collections.abc import Sequence
from pathlib import Path
from typing import TextIO

from botocore.exceptions import BotoCoreError, ClientError

from deploy import DeployError
from deploy.aws import (
    DEFAULT_JOBS,
    DEFAULT_MAX_ATTEMPTS,
    Clients,
    Progress,
    check_distribution,
    describe_error,
    execute,
    list_remote,
    make_clients,
)
from deploy.csp import content_scripts, missing_hashes, site_script_hashes
from deploy.plan import Plan, format_bytes, make_plan
from deploy.site import LocalFile, scan_site
from deploy.template import TEMPLATE_PATH, content_security_policy, load_template


def build_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        prog="python -m deploy",
        description="Upload the built site to S3 (only what changed) and invalidate CloudFront.",
    )
    parser.add_argument(
        "--site", type=Path, default=Path("site"), help="built site folder (default: site)"
    )
    parser.add_argument("--bucket", required=True, help="the stack's BucketName output")
    parser.add_argument("--distribution", required=True, help="the stack's DistributionId output")
    parser.add_argument("--dry-run", action="store_true", help="print the plan; change nothing")
    parser.add_argument(
        "--offline",
        action="store_true",
        help="with --dry-run: plan against an empty bucket, without contacting AWS",
    )
    parser.add_argument(
        "--force",
        action="store_true",
        help="upload every file, e.g. after changing Content-Type or Cache-Control rules",
    )
    parser.add_argument(
        "--jobs", type=int, default=DEFAULT_JOBS, help="parallel uploads (default: %(default)s)"
    )
    parser.add_argument("--region", help="AWS region of the bucket (default: from the environment)")
    parser.add_argument("--endpoint-url", help="custom AWS endpoint, e.g. a local moto server")
    parser.add_argument(
        "--max-attempts",
        type=int,
        default=DEFAULT_MAX_ATTEMPTS,
        help="attempts per AWS request, retries included (default: %(default)s)",
    )
    parser.add_argument(
        "--template",
        type=Path,
        default=TEMPLATE_PATH,
        help="template whose CSP must allow the site's inline scripts "
        "(default: deploy/template.yaml)",
    )
    parser.add_argument(
        "--skip-csp-check",
        action="store_true",
        help="deploy even if the CSP misses an inline script",
    )
    parser.add_argument("--quiet", action="store_true", help="no progress output")
    return parser


def check_csp(site: Path, template: Path) -> None:
    """Refuse to publish pages whose inline scripts the deployed CSP would block."""
    from_content = content_scripts(site)
    if from_content:
        page = next(iter(from_content))
        raise DeployError(
            f"{len(from_content)} pages (e.g. {page}) carry an inline script in their content, "
            "which comes from the notes or a page's Markdown and is never published: remove "
            "it from the source and build again"
        )
    policy = content_security_policy(load_template(template))
    hashes = site_script_hashes(site)
    missing = missing_hashes(policy, hashes)
    if missing:
        raise DeployError(
            f"{len(missing)} inline scripts of the site (e.g. in {hashes[missing[0]][0]}) are not "
            f"allowed by the CSP in {template}: run `python -m deploy.csp {site} --update`, "
            "update the stack, then deploy"
        )


def print_plan(plan: Plan, out: TextIO) -> None:
    print(plan.summary(), file=out)
    for phase in (*plan.uploads, *plan.deletes):
        print(f"  {phase.name}: {len(phase.items)} ({format_bytes(phase.bytes)})", file=out)


def print_items(plan: Plan, out: TextIO) -> None:
    """Every object a deploy would upload or delete and every path it would invalidate."""
    for phase in plan.uploads:
        for item in phase.items:
            assert isinstance(item, LocalFile)
            print(
                f"upload {item.key} {format_bytes(item.size)} {item.content_type} "
                f"Cache-Control: {item.cache_control}",
                file=out,
            )
    for phase in plan.deletes:
        for gone in phase.items:
            print(f"delete {gone.key} {format_bytes(gone.size)}", file=out)
    for path in plan.invalidation_paths:
        print(f"invalidate {path}", file=out)


def run(
    args: argparse.Namespace, *, clients: Clients | None = None, out: TextIO | None = None
) -> int:
    """The deploy itself; raises DeployError (or botocore errors) on failure."""
    out = out or sys.stdout
    started = time.monotonic()
    local = scan_site(args.site)
    if not args.skip_csp_check:
        check_csp(args.site, args.template)
    if args.offline and not args.dry_run:
        raise DeployError("--offline plans only: add --dry-run")
    offline = args.offline
    if clients is None and not offline:
        try:
            clients = make_clients(
                region=args.region,
                endpoint_url=args.endpoint_url,
                jobs=args.jobs,
                max_attempts=args.max_attempts,
            )
        except DeployError as error:
            if not args.dry_run:
                raise
            print(f"{error}", file=out)
            offline = True
    if offline or clients is None:
        print("offline dry run: planned as for an empty bucket", file=out)
        remote = {}
    else:
        check_distribution(clients, args.distribution)
        remote = list_remote(clients, args.bucket)
    plan = make_plan(local, remote, force=args.force)
    print_plan(plan, out)
    if args.dry_run:
        print_items(plan, out)
        print("dry run: nothing was changed", file=out)
        return 0
    assert clients is not None
    if plan.is_noop:
        print("nothing to do: the bucket already matches the site", file=out)
        return 0
    result = execute(
        plan,
        clients,
        bucket=args.bucket,
        distribution=args.distribution,
        jobs=args.jobs,
        progress=Progress(enabled=not args.quiet),
    )
    invalidation = f", invalidation {result.invalidation_id}" if result.invalidation_id else ""
    print(
        f"deployed: {result.uploaded} uploaded ({format_bytes(result.uploaded_bytes)}), "
        f"{result.deleted} deleted{invalidation} in {time.monotonic() - started:.1f}s",
        file=out,
    )
    return 0


def main(argv: Sequence[str] | None = None, *, clients: Clients | None = None) -> int:
    args = build_parser().parse_args(argv)
    try:
        return run(args, clients=clients)
    except DeployError as error:
        message = str(error)
    except (ClientError, BotoCoreError) as error:
        message = describe_error(error, bucket=args.bucket, distribution=args.distribution)
    except KeyboardInterrupt:
        message = "interrupted: the deploy stopped partway; run it again to finish"
    # One line whatever the source: AWS messages occasionally carry newlines.
    print(f"deploy: error: {' '.join(message.split())}", file=sys.stderr)
    return 1
