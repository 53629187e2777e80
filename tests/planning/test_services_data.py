"""The generated list of every AWS service reproduces from its sources, and
recognition finds services however authors write them."""

from __future__ import annotations

import importlib.util
from pathlib import Path

import pytest
import yaml
from notesite.planning.catalogue import load_catalogue

ROOT = Path(__file__).resolve().parents[2]
SERVICES = ROOT / "docs" / "_data" / "services"
CATALOGUE = load_catalogue(ROOT / "docs" / "_data" / "catalogue.yml")


def test_generating_again_reproduces_the_file() -> None:
    """generate.py, run on the pinned botocore and diagrams, writes services.yml as committed."""
    spec = importlib.util.spec_from_file_location("generate_services", SERVICES / "generate.py")
    assert spec is not None and spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    committed = yaml.safe_load((SERVICES / "services.yml").read_text(encoding="utf-8"))
    assert module.generate() == committed
    assert len(committed["services"]) > 200


@pytest.mark.parametrize(
    ("heading", "slug"),
    [
        ("Amazon S3", "s3"),
        ("1.10. Relational-Database-Service-RDS", "rds"),
        ("Simple Queuing Service (SQS)", "sqs"),
        ("Route53", "route-53"),
        ("ElasticBeanstalk", "elastic-beanstalk"),
        ("Elastic Cloud Compute (EC2)", "ec2"),
        ("EC2: Virtual Machines", "ec2"),
        ("## CloudWatch ##", "cloudwatch"),
        ("Section 6: Key Management Service (KMS)", "kms"),
        ("elasticashe", "elasticache"),
    ],
)
def test_headings_name_services_in_any_common_form(heading: str, slug: str) -> None:
    """Vendor prefix, numbers, hyphens, closing hashes, parentheses and typos aside."""
    entry = CATALOGUE.match(heading)
    assert entry is not None and entry.slug == slug


def test_plain_words_are_not_services_and_groups_are_groups() -> None:
    """A word that merely resembles a service names none; a list of services is a group."""
    assert CATALOGUE.match("Abuse") is None
    assert CATALOGUE.match("API") is None
    assert CATALOGUE.leading("S3 Security").slug == "s3"
    group = CATALOGUE.group("Section 6: AWS Fundamentals: RDS + Aurora + ElastiCache")
    assert [e.slug for e in group] == ["rds", "aurora", "elasticache"]
