"""The real notes: the flows the issue asks for are found and drawn from them.

Runs the site's transforms over every page of notes/aws-notes.md with the
project's own data (docs/_data/actors.yml, flows.yml) and checks each
expected diagram by its kind and by what it links, not by its exact text:
the golden tests pin the text.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

import pytest
from notesite.pipeline import all_transforms
from notesite.planning.catalogue import load_catalogue
from notesite.planning.plan import plan_site
from notesite.reading.parse import parse_notes
from notesite.transforms.context import PageContext
from notesite.transforms.diagrams.data import load_rules
from notesite.transforms.diagrams.model import Flowchart, Message, Sequence
from notesite.transforms.diagrams.transform import Flow, find_flows

ROOT = Path(__file__).resolve().parents[3]
NOTES = "notes/aws-notes.md"
PICTURES = ("ssoad.png", "webIdfederation.png", "sns.png", "sqs.png", "kinesis.png")


@dataclass
class PageResult:
    flows: list[Flow]
    messages: list[str]


@pytest.fixture(scope="module")
def pages() -> dict[str, PageResult]:
    """Each page's flows (as found after the transforms before it) and its build warnings."""
    notes = parse_notes((ROOT / NOTES).read_text(encoding="utf-8"), NOTES)
    plan = plan_site(notes, load_catalogue(ROOT / "docs/_data/catalogue.yml"))
    rules = load_rules(ROOT)
    assert rules is not None
    named = all_transforms()
    transforms = [transform for _, transform in named]
    before_flows = transforms[: [name for name, _ in named].index("diagrams")]
    results = {}
    for page in plan.pages:
        context = PageContext(
            NOTES, page.slug, ROOT, env=dict(notes.env), notes_tokens=notes.tokens
        )
        tokens = page.tokens
        for earlier in before_flows:
            tokens = earlier(tokens, context)
        flows = find_flows(
            tokens, rules, PageContext(NOTES, page.slug, ROOT, notes_tokens=notes.tokens)
        )
        for transform in transforms[len(before_flows) :]:
            tokens = transform(tokens, context)
        results[page.slug] = PageResult(flows, [str(m) for m in context.messages])
    return results


def names(chart: Flowchart) -> dict[str, str]:
    return {n.key: n.label for n in chart.nodes} | {b.key: b.label for b in chart.boxes}


def links(chart: Flowchart) -> set[tuple[str, str]]:
    label = names(chart)
    return {(label[e.source], label[e.target]) for e in chart.edges if e.style != "order"}


def flowcharts(result: PageResult) -> list[Flowchart]:
    return [f.diagram for f in result.flows if isinstance(f.diagram, Flowchart)]


def sequences(result: PageResult) -> list[Sequence]:
    return [f.diagram for f in result.flows if isinstance(f.diagram, Sequence)]


def participants(diagram: Sequence) -> list[str]:
    return [name for _, name in diagram.participants]


def test_no_warnings_and_no_missing_pictures(pages: dict[str, PageResult]) -> None:
    """The flows draw without a warning, and the five missing pictures are all replaced."""
    messages = [m for result in pages.values() for m in result.messages]
    assert messages == []
    captions = [f.picture for r in pages.values() for f in r.flows if f.picture is not None]
    assert len(captions) == len(PICTURES)


def test_sns_fan_out(pages: dict[str, PageResult]) -> None:
    """SNS: publishers, a topic, several queues each with its workers."""
    fan_out = next(c for c in flowcharts(pages["sns"]) if "SNS topic" in names(c).values())
    edges = links(fan_out)
    assert ("Publishers", "SNS topic") in edges
    for n in (1, 2, 3):
        assert ("SNS topic", f"SQS queue {n}") in edges
        assert (f"SQS queue {n}", f"Worker pool {n}") in edges


def test_saml_federation_sequence(pages: dict[str, PageResult]) -> None:
    """SAML 2.0 with ADFS: user, ADFS, SSO endpoint, console and STS, in the notes' order."""
    saml = next(s for s in sequences(pages["identity-federation"]) if "ADFS" in participants(s))
    assert participants(saml) == [
        "User",
        "ADFS",
        "AWS SSO (SAML) endpoint",
        "AWS Console",
        "AWS STS",
    ]
    sent = [(e.source, e.target) for e in saml.events if isinstance(e, Message)]
    assert sent[:4] == [
        ("user", "adfs"),
        ("adfs", "user"),
        ("user", "sso-endpoint"),
        ("sso-endpoint", "adfs"),
    ]
    assert ("sso-endpoint", "sts") in sent


def test_web_identity_sequence(pages: dict[str, PageResult]) -> None:
    """Web identity federation: user, app, Google/Facebook, STS or Cognito, AWS resources."""
    web = next(
        s for s in sequences(pages["identity-federation"]) if "Amazon Cognito" in participants(s)
    )
    assert set(participants(web)) == {
        "User",
        "Mobile or web app",
        "Google / Facebook (IdP)",
        "AWS STS",
        "Amazon Cognito",
        "AWS resources",
    }


def test_sqs_decoupling(pages: dict[str, PageResult]) -> None:
    """SQS: front end, queue, worker pool scaled on the queue's messages."""
    (chart,) = flowcharts(pages["sqs"])
    assert links(chart) == {("Front end", "SQS queue"), ("SQS queue", "Worker pool")}
    assert any("messages in the queue" in e.label for e in chart.edges)


def test_kinesis(pages: dict[str, PageResult]) -> None:
    """Kinesis: producers, the stream with its shards, consumers; Firehose to S3 and Redshift."""
    (chart,) = flowcharts(pages["kinesis"])
    edges = links(chart)
    assert ("Producers", "Kinesis data stream") in edges
    assert ("Kinesis data stream", "Consumers") in edges
    assert {
        ("Kinesis Data Firehose", "S3 bucket"),
        ("Kinesis Data Firehose", "Amazon Redshift"),
    } <= edges
    assert any(n.label == "Shards" and n.box == "stream" for n in chart.nodes)


def test_iam_role_assumption(pages: dict[str, PageResult]) -> None:
    """IAM roles: identity, sts:AssumeRole, trust policy, credentials, permission policy."""
    (iam,) = sequences(pages["iam"])
    assert participants(iam) == ["Identity", "AWS STS", "Trust policy", "Permission policy"]


def test_dns_resolution(pages: dict[str, PageResult]) -> None:
    """Route 53: the notes' arrow chain from the resolver to the authoritative answer."""
    (chain,) = flowcharts(pages["route-53"])
    labels = [n.label for n in chain.nodes]
    assert labels[0].startswith("Local system") and "Root server" in labels[1]
    assert "authoritative" in labels[-1]
    assert len(chain.edges) == len(labels) - 1


def test_s3_lifecycle_one_way(pages: dict[str, PageResult]) -> None:
    """S3 lifecycle: from Standard to the other classes, and no way back."""
    (chart,) = flowcharts(pages["s3"])
    assert chart.kind == "transitions"
    label = names(chart)
    assert [label[e.source] for e in chart.edges if e.style == "thick"] == ["S3 Standard"]
    assert any(e.style == "blocked" and label[e.target] == "S3 Standard" for e in chart.edges)
    assert len([n for n in chart.nodes if n.box]) == 5


def test_cloudfront_oai_and_origin_fetch(pages: dict[str, PageResult]) -> None:
    """CloudFront: viewers through CloudFront and its OAI to S3; origin fetch on a miss."""
    charts = flowcharts(pages["cloudfront"])
    edges = set().union(*(links(c) for c in charts))
    assert {
        ("Viewers", "CloudFront"),
        ("CloudFront", "Origin access identity (OAI)"),
        ("Origin access identity (OAI)", "S3 bucket"),
        ("Edge location", "Origin"),
    } <= edges
    assert any("not cached" in e.label for c in charts for e in c.edges)


def test_s3_upload_thumbnail(pages: dict[str, PageResult]) -> None:
    """Lambda: upload bucket, S3 event, the thumbnail function, destination bucket."""
    (chart,) = flowcharts(pages["lambda"])
    assert links(chart) == {
        ("Upload bucket", "S3 event notification"),
        ("S3 event notification", "Lambda function"),
        ("Lambda function", "Destination bucket"),
    }
