"""deploy/template.yaml: lint-clean, checkov-clean, and configured as the issue requires."""

from __future__ import annotations

import json
import shutil
import subprocess
import sys
from pathlib import Path
from typing import Any

import pytest

from deploy.csp import CSP_MAX_LENGTH, parse_policy
from deploy.template import TEMPLATE_PATH, load_template, resources_of_type, response_headers

ROOT = Path(__file__).resolve().parents[2]
CHECKOV = ROOT / ".venv-iac" / "bin" / "checkov"


@pytest.fixture(scope="module")
def template() -> dict[str, Any]:
    return load_template()


def one(template: dict[str, Any], resource_type: str) -> dict[str, Any]:
    """Properties of the template's only resource of a type."""
    (resource,) = resources_of_type(template, resource_type).values()
    return dict(resource["Properties"])


def test_cfn_lint_reports_nothing() -> None:
    """cfn-lint finds no error (and no warning) in the template."""
    result = subprocess.run(
        [str(Path(sys.executable).parent / "cfn-lint"), str(TEMPLATE_PATH)],
        capture_output=True,
        text=True,
        timeout=120,
        check=False,
    )
    assert result.returncode == 0, result.stdout + result.stderr


@pytest.mark.slow
def test_checkov_has_no_failures_and_every_skip_is_justified(template: dict[str, Any]) -> None:
    """checkov fails no check; the checks it skips are exactly those the template justifies."""
    assert CHECKOV.exists(), "checkov is installed by `make iac-deps` (a dependency of `make test`)"
    result = subprocess.run(
        [
            str(CHECKOV),
            "--file",
            str(TEMPLATE_PATH),
            "--framework",
            "cloudformation",
            "--skip-download",
            "--output",
            "json",
            "--compact",
        ],
        capture_output=True,
        text=True,
        timeout=300,
        check=False,
        cwd=ROOT,
    )
    report = json.loads(result.stdout)
    summary = report["summary"]
    failed = [(c["check_id"], c["resource"]) for c in report["results"]["failed_checks"]]
    assert failed == [] and summary["failed"] == 0, failed
    assert summary["parsing_errors"] == 0
    assert summary["passed"] >= 10  # the scan really ran over the resources

    skipped = {
        (c["check_id"], c["resource"].split(".")[-1]) for c in report["results"]["skipped_checks"]
    }
    justified = {
        (skip["id"], name): skip["comment"]
        for name, resource in template["Resources"].items()
        for skip in resource.get("Metadata", {}).get("checkov", {}).get("skip", [])
    }
    assert skipped == set(justified), (
        "a skip in the template matches no check, or a skip is undocumented"
    )
    for (check, name), reason in justified.items():
        assert len(reason.split()) >= 15, f"{check} on {name} needs a real justification"


def test_bucket_is_private_encrypted_and_versioned(template: dict[str, Any]) -> None:
    """The bucket blocks all public access, enforces bucket ownership, SSE-S3 and versioning."""
    bucket = one(template, "AWS::S3::Bucket")
    assert bucket["PublicAccessBlockConfiguration"] == {
        "BlockPublicAcls": True,
        "BlockPublicPolicy": True,
        "IgnorePublicAcls": True,
        "RestrictPublicBuckets": True,
    }
    assert bucket["OwnershipControls"]["Rules"] == [{"ObjectOwnership": "BucketOwnerEnforced"}]
    (rule,) = bucket["BucketEncryption"]["ServerSideEncryptionConfiguration"]
    assert rule["ServerSideEncryptionByDefault"] == {"SSEAlgorithm": "AES256"}
    assert bucket["VersioningConfiguration"] == {"Status": "Enabled"}
    assert "WebsiteConfiguration" not in bucket  # served only through the REST API and OAC


def test_bucket_policy_admits_only_the_distribution_and_tls(template: dict[str, Any]) -> None:
    """Reads are allowed to CloudFront for this distribution only; non-TLS requests are denied."""
    statements = one(template, "AWS::S3::BucketPolicy")["PolicyDocument"]["Statement"]
    allows = [s for s in statements if s["Effect"] == "Allow"]
    assert len(allows) == 1
    (allow,) = allows
    assert allow["Principal"] == {"Service": "cloudfront.amazonaws.com"}
    assert allow["Action"] == "s3:GetObject"
    source_arn = allow["Condition"]["StringEquals"]["AWS:SourceArn"]["Fn::Sub"]
    assert source_arn.endswith(":distribution/${Distribution}")
    (deny,) = [s for s in statements if s["Effect"] == "Deny"]
    assert deny["Condition"] == {"Bool": {"aws:SecureTransport": "false"}}
    assert deny["Principal"] == "*" and deny["Action"] == "s3:*"


def test_distribution_serves_https_http3_compressed_with_404_page(template: dict[str, Any]) -> None:
    """HTTPS only, HTTP/2+3, compression, index.html at /, 404.html when missing, OAC origin."""
    config = one(template, "AWS::CloudFront::Distribution")["DistributionConfig"]
    behavior = config["DefaultCacheBehavior"]
    assert behavior["ViewerProtocolPolicy"] == "redirect-to-https"
    assert behavior["Compress"] is True
    assert behavior["ResponseHeadersPolicyId"] == {"Ref": "SecurityHeadersPolicy"}
    assert config["HttpVersion"] == "http2and3"
    assert config["DefaultRootObject"] == "index.html"
    assert {
        (e["ErrorCode"], e["ResponseCode"], e["ResponsePagePath"])
        for e in config["CustomErrorResponses"]
    } == {
        (403, 404, "/404.html"),
        (404, 404, "/404.html"),
    }
    (origin,) = config["Origins"]
    assert origin["OriginAccessControlId"] == {"Fn::GetAtt": ["OriginAccessControl", "Id"]}
    assert origin["S3OriginConfig"] == {"OriginAccessIdentity": ""}
    oac = one(template, "AWS::CloudFront::OriginAccessControl")["OriginAccessControlConfig"]
    assert (
        oac["OriginAccessControlOriginType"],
        oac["SigningBehavior"],
        oac["SigningProtocol"],
    ) == (
        "s3",
        "always",
        "sigv4",
    )


def test_custom_domain_uses_the_certificate_with_tls12(template: dict[str, Any]) -> None:
    """With a domain, the ACM certificate is used over SNI with TLS 1.2 at least."""
    config = one(template, "AWS::CloudFront::Distribution")["DistributionConfig"]
    condition, custom, default = config["ViewerCertificate"]["Fn::If"]
    assert condition == "HasCustomDomain"
    assert custom == {
        "AcmCertificateArn": {"Ref": "AcmCertificateArn"},
        "SslSupportMethod": "sni-only",
        "MinimumProtocolVersion": "TLSv1.2_2021",
    }
    assert default == {"CloudFrontDefaultCertificate": True}
    assert config["Aliases"]["Fn::If"][0] == "HasCustomDomain"
    assert template["Parameters"]["AcmCertificateArn"]["Default"] == ""


def test_index_rewrite_function_is_off_for_this_site(template: dict[str, Any]) -> None:
    """The directory-URL rewrite exists only behind DirectoryUrls=true, which defaults to false."""
    function = template["Resources"]["IndexRewriteFunction"]
    assert function["Condition"] == "UseDirectoryUrls"
    assert template["Parameters"]["DirectoryUrls"]["Default"] == "false"
    mkdocs_yml = (ROOT / "mkdocs.yml").read_text(encoding="utf-8")
    assert "use_directory_urls: false" in mkdocs_yml


@pytest.mark.skipif(
    shutil.which("node") is None, reason="node is needed to run the function's JavaScript"
)
def test_index_rewrite_function_maps_directories_to_index_html(template: dict[str, Any]) -> None:
    """The CloudFront Function's code rewrites /dir/ and redirects /dir, leaving files alone."""
    code = template["Resources"]["IndexRewriteFunction"]["Properties"]["FunctionCode"]
    probe = (
        code
        + """
const out = {};
for (const uri of ["/", "/guide/", "/guide", "/page.html", "/assets/app.js"]) {
  out[uri] = handler({request: {uri: uri, headers: {}}});
}
console.log(JSON.stringify(out));
"""
    )
    result = subprocess.run(
        ["node", "-e", probe], capture_output=True, text=True, timeout=60, check=True
    )
    out = json.loads(result.stdout)
    assert out["/"]["uri"] == "/index.html"
    assert out["/guide/"]["uri"] == "/guide/index.html"
    assert out["/guide"] == {
        "statusCode": 301,
        "statusDescription": "Moved Permanently",
        "headers": {"location": {"value": "/guide/"}},
    }
    assert out["/page.html"]["uri"] == "/page.html"
    assert out["/assets/app.js"]["uri"] == "/assets/app.js"


def test_outputs_name_bucket_distribution_and_url(template: dict[str, Any]) -> None:
    """The stack outputs what the deploy command and the reader need."""
    outputs = template["Outputs"]
    assert outputs["BucketName"]["Value"] == {"Ref": "SiteBucket"}
    assert outputs["DistributionId"]["Value"] == {"Ref": "Distribution"}
    condition, custom, default = outputs["SiteUrl"]["Value"]["Fn::If"]
    assert (condition, custom, default) == (
        "HasCustomDomain",
        {"Fn::Sub": "https://${DomainName}/"},
        {"Fn::Sub": "https://${Distribution.DomainName}/"},
    )


def test_deploy_policy_grants_only_what_the_deploy_command_calls(template: dict[str, Any]) -> None:
    """The deploy role may list/read/write/delete site objects and invalidate, nothing more."""
    statements = one(template, "AWS::IAM::ManagedPolicy")["PolicyDocument"]["Statement"]
    actions = set()
    for statement in statements:
        assert statement["Effect"] == "Allow"
        assert statement["Resource"] != "*"
        listed = statement["Action"]
        actions |= set(listed if isinstance(listed, list) else [listed])
    assert actions == {
        "s3:ListBucket",
        "s3:GetObject",
        "s3:PutObject",
        "s3:DeleteObject",
        "cloudfront:GetDistribution",
        "cloudfront:CreateInvalidation",
    }


def test_security_headers_rendered_from_the_template(template: dict[str, Any]) -> None:
    """The policy yields HSTS, nosniff, DENY, a referrer policy and a strict CSP."""
    headers = response_headers(template)
    assert headers["Strict-Transport-Security"] == "max-age=63072000; includeSubDomains"
    assert headers["X-Content-Type-Options"] == "nosniff"
    assert headers["X-Frame-Options"] == "DENY"
    assert headers["Referrer-Policy"] == "strict-origin-when-cross-origin"
    csp = parse_policy(headers["Content-Security-Policy"])
    assert csp["default-src"] == ["'none'"]
    assert csp["script-src"][0] == "'self'"
    assert all(source.startswith("'sha256-") for source in csp["script-src"][1:])
    assert not any("unsafe" in source for source in csp["script-src"])
    assert not any("unsafe-eval" in source for sources in csp.values() for source in sources)
    assert csp["frame-ancestors"] == ["'none'"]
    assert csp["object-src" if "object-src" in csp else "default-src"] == ["'none'"]
    assert len(headers["Content-Security-Policy"]) <= CSP_MAX_LENGTH


def test_header_rendering_follows_cloudfront_semantics() -> None:
    """HSTS flags, X-XSS-Protection modes and custom headers render as CloudFront sends them."""
    template: dict[str, Any] = {
        "Resources": {
            "Policy": {
                "Type": "AWS::CloudFront::ResponseHeadersPolicy",
                "Properties": {
                    "ResponseHeadersPolicyConfig": {
                        "SecurityHeadersConfig": {
                            "StrictTransportSecurity": {
                                "AccessControlMaxAgeSec": 31536000,
                                "IncludeSubdomains": "false",
                                "Preload": True,
                                "Override": True,
                            },
                            "XSSProtection": {
                                "Protection": True,
                                "ModeBlock": True,
                                "Override": True,
                            },
                        },
                        "CustomHeadersConfig": {
                            "Items": [{"Header": "X-Test", "Value": "1", "Override": True}]
                        },
                    }
                },
            }
        }
    }
    assert response_headers(template) == {
        "Strict-Transport-Security": "max-age=31536000; preload",
        "X-XSS-Protection": "1; mode=block",
        "X-Test": "1",
    }
    policy = template["Resources"]["Policy"]["Properties"]["ResponseHeadersPolicyConfig"]
    policy["SecurityHeadersConfig"]["FrameOptions"] = {
        "FrameOption": {"Ref": "Param"},
        "Override": True,
    }
    with pytest.raises(ValueError, match="FrameOption must be a literal"):
        response_headers(template)
