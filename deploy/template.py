"""Read deploy/template.yaml: parse its CloudFormation YAML and render the response headers.

:func:`response_headers` turns the template's ResponseHeadersPolicy into the exact
header lines CloudFront adds to every response, so tests can serve the site locally
with the same headers instead of a hand-copied list that could drift.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

import yaml

TEMPLATE_PATH = Path(__file__).resolve().parent / "template.yaml"

# The short-form intrinsic functions CloudFormation YAML allows.
_INTRINSICS = (
    "And", "Base64", "Cidr", "Condition", "Equals", "FindInMap", "GetAZs", "GetAtt", "If",
    "ImportValue", "Join", "Not", "Or", "Ref", "Select", "Split", "Sub", "Transform",
    "Length", "ToJsonString",
)  # fmt: skip


class _CfnLoader(yaml.SafeLoader):
    """A SafeLoader that reads !Ref, !Sub, !If... into their long (``Fn::X``) form."""


def _make_constructor(name: str) -> Any:
    long_name = "Ref" if name == "Ref" else ("Condition" if name == "Condition" else f"Fn::{name}")

    def construct(loader: yaml.SafeLoader, node: yaml.Node) -> dict[str, Any]:
        value: Any
        if isinstance(node, yaml.ScalarNode):
            value = loader.construct_scalar(node)
            if name == "GetAtt":
                # !GetAtt Resource.Attribute.Path -> ["Resource", "Attribute.Path"]
                value = str(value).split(".", 1)
        elif isinstance(node, yaml.SequenceNode):
            value = loader.construct_sequence(node, deep=True)
        else:
            value = loader.construct_mapping(node, deep=True)
        return {long_name: value}

    return construct


for _name in _INTRINSICS:
    _CfnLoader.add_constructor(f"!{_name}", _make_constructor(_name))


def load_template(path: Path = TEMPLATE_PATH) -> dict[str, Any]:
    """The template as plain data, intrinsic functions in their long form."""
    data = yaml.load(path.read_text(encoding="utf-8"), Loader=_CfnLoader)
    if not isinstance(data, dict) or "Resources" not in data:
        raise ValueError(f"{path} is not a CloudFormation template (no Resources)")
    return data


def resources_of_type(template: dict[str, Any], resource_type: str) -> dict[str, dict[str, Any]]:
    """The template's resources of one type, by logical id."""
    return {
        name: resource
        for name, resource in template["Resources"].items()
        if resource.get("Type") == resource_type
    }


def _literal(value: Any, where: str) -> str:
    if not isinstance(value, str | int | bool):
        raise ValueError(f"{where} must be a literal to be rendered locally, got {value!r}")
    return str(value)


def _flag(value: Any) -> bool:
    # CloudFormation accepts booleans and the strings "true"/"false".
    return value is True or str(value).lower() == "true"


def response_headers(template: dict[str, Any]) -> dict[str, str]:
    """The headers the template's one ResponseHeadersPolicy adds, as CloudFront renders them."""
    policies = resources_of_type(template, "AWS::CloudFront::ResponseHeadersPolicy")
    if len(policies) != 1:
        raise ValueError(f"expected one ResponseHeadersPolicy, found {len(policies)}")
    (config,) = (p["Properties"]["ResponseHeadersPolicyConfig"] for p in policies.values())
    headers: dict[str, str] = {}
    security = config.get("SecurityHeadersConfig", {})
    if "StrictTransportSecurity" in security:
        hsts = security["StrictTransportSecurity"]
        parts = [f"max-age={_literal(hsts['AccessControlMaxAgeSec'], 'HSTS max-age')}"]
        if _flag(hsts.get("IncludeSubdomains", False)):
            parts.append("includeSubDomains")
        if _flag(hsts.get("Preload", False)):
            parts.append("preload")
        headers["Strict-Transport-Security"] = "; ".join(parts)
    if "ContentTypeOptions" in security:
        headers["X-Content-Type-Options"] = "nosniff"
    if "FrameOptions" in security:
        headers["X-Frame-Options"] = _literal(
            security["FrameOptions"]["FrameOption"], "FrameOption"
        )
    if "ReferrerPolicy" in security:
        headers["Referrer-Policy"] = _literal(
            security["ReferrerPolicy"]["ReferrerPolicy"], "ReferrerPolicy"
        )
    if "ContentSecurityPolicy" in security:
        headers["Content-Security-Policy"] = _literal(
            security["ContentSecurityPolicy"]["ContentSecurityPolicy"], "ContentSecurityPolicy"
        )
    if "XSSProtection" in security:
        xss = security["XSSProtection"]
        if _flag(xss.get("Protection", False)):
            value = "1"
            if _flag(xss.get("ModeBlock", False)):
                value += "; mode=block"
            if xss.get("ReportUri"):
                value += f"; report={_literal(xss['ReportUri'], 'ReportUri')}"
        else:
            value = "0"
        headers["X-XSS-Protection"] = value
    for item in config.get("CustomHeadersConfig", {}).get("Items", []):
        name = _literal(item["Header"], "custom header name")
        headers[name] = _literal(item["Value"], f"custom header {name}")
    return headers


def content_security_policy(template: dict[str, Any]) -> str:
    """The Content-Security-Policy value of the template's response headers policy."""
    return response_headers(template)["Content-Security-Policy"]
