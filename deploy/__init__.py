"""Host the built site in a private S3 bucket behind CloudFront.

- ``deploy/template.yaml``: the CloudFormation stack (bucket, OAC, distribution,
  cache and security-headers policies).
- ``python -m deploy``: upload a built site to that bucket, only what changed, in a
  safe order, then invalidate the changed pages (``deploy.cli``).
- ``python -m deploy.csp``: the sha256 hashes of the site's inline scripts, which
  the template's Content-Security-Policy must list (``deploy.csp``).

The planning code (``deploy.content``, ``deploy.plan``, ``deploy.csp``,
``deploy.template``) is pure; only ``deploy.aws`` talks to AWS.
"""

from __future__ import annotations

__all__ = ["DeployError"]


class DeployError(Exception):
    """A failure the operator can act on; the CLI prints it as one line, without a traceback."""
