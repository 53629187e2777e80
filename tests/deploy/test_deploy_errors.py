"""AWS errors become one actionable line."""

from __future__ import annotations

import pytest
from botocore.exceptions import ClientError, EndpointConnectionError, NoCredentialsError

from deploy import DeployError
from deploy.aws import aws_errors, describe_error


def client_error(code: str, status: int, operation: str, message: str = "") -> ClientError:
    response = {
        "Error": {"Code": code, "Message": message},
        "ResponseMetadata": {"HTTPStatusCode": status},
    }
    return ClientError(response, operation)  # type: ignore[arg-type]


@pytest.mark.parametrize(
    ("error", "expected"),
    [
        (
            client_error("NoSuchBucket", 404, "ListObjectsV2"),
            "bucket 'site' does not exist (check --bucket and the account/region)",
        ),
        (
            client_error("NoSuchDistribution", 404, "GetDistribution"),
            "CloudFront distribution 'E1' does not exist (check --distribution)",
        ),
        (
            client_error("AccessDenied", 403, "PutObject", "Access Denied"),
            "access denied for PutObject: the credentials need the permissions of the "
            "stack's DeployPolicy",
        ),
        (
            client_error("ExpiredToken", 400, "ListObjectsV2"),
            "AWS rejected the credentials (ExpiredToken): refresh or fix them",
        ),
        (
            client_error("SlowDown", 503, "PutObject", "Please reduce your request rate."),
            "PutObject failed: SlowDown Please reduce your request rate.",
        ),
        (
            NoCredentialsError(),
            "no AWS credentials found: set AWS_PROFILE, or AWS_ACCESS_KEY_ID and "
            "AWS_SECRET_ACCESS_KEY",
        ),
        (
            EndpointConnectionError(endpoint_url="https://s3.amazonaws.com"),
            'cannot reach AWS: Could not connect to the endpoint URL: "https://s3.amazonaws.com"',
        ),
    ],
)
def test_describe_error(error: Exception, expected: str) -> None:
    """Each kind of AWS failure gets its own operator-facing sentence."""
    assert describe_error(error, bucket="site", distribution="E1") == expected


def test_aws_errors_wraps_botocore_exceptions_in_deploy_error() -> None:
    """Inside aws_errors, a botocore failure surfaces as DeployError with the described message."""
    with pytest.raises(DeployError, match=r"^bucket 'b' does not exist"), aws_errors(bucket="b"):
        raise client_error("NoSuchBucket", 404, "ListObjectsV2")
