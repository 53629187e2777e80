"""The generated list of every AWS service reproduces from its sources, names
each service as AWS writes it, files each in an AWS category, and recognition
finds services however authors write them."""

from __future__ import annotations

import functools
import importlib.util
import re
import sys
from pathlib import Path
from types import ModuleType
from typing import Any

import pytest
import yaml
from notesite.planning.catalogue import OTHER_CATEGORY, load_catalogue
from notesite.planning.plan import plan_site
from notesite.reading.parse import parse_notes

ROOT = Path(__file__).resolve().parents[2]
SERVICES = ROOT / "docs" / "_data" / "services"
CATALOGUE = load_catalogue(ROOT / "docs" / "_data" / "catalogue.yml")
COMMITTED: list[dict[str, Any]] = yaml.safe_load(
    (SERVICES / "services.yml").read_text(encoding="utf-8")
)["services"]


@functools.cache
def generator() -> ModuleType:
    """generate.py as a module (registered, as its dataclass needs)."""
    spec = importlib.util.spec_from_file_location("generate_services", SERVICES / "generate.py")
    assert spec is not None and spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    sys.modules[spec.name] = module
    spec.loader.exec_module(module)
    return module


def icon_names() -> dict[str, str]:
    """The product names the pinned icon set gives, by key."""
    module = generator()
    known = [s["name"] for s in module.botocore_services()]
    naming = yaml.safe_load((SERVICES / "names.yml").read_text(encoding="utf-8"))
    icons = module.icon_names(module.icon_titles(), known, naming)
    return {k: name for k, (name, _) in icons.items()}


def test_generating_again_reproduces_the_file() -> None:
    """generate.py, run on the pinned icons, botocore and diagrams, writes services.yml as is."""
    committed = yaml.safe_load((SERVICES / "services.yml").read_text(encoding="utf-8"))
    assert generator().generate() == committed
    assert len(committed["services"]) > 200


def test_every_service_is_in_one_of_aws_categories() -> None:
    """No generated service is filed under Other."""
    assert [s["id"] for s in COMMITTED if s["category"] == OTHER_CATEGORY] == []


def test_every_name_is_written_as_aws_writes_it() -> None:
    """Each name starts with Amazon or AWS, unless AWS's icon set (or names.yml,
    where no source names the service) writes it without; none keeps an
    API's ending or a run-together word that the icon set spaces."""
    icons = icon_names()
    naming = yaml.safe_load((SERVICES / "names.yml").read_text(encoding="utf-8"))
    hand_kept = {*naming["names"].values(), *naming["icons"].values()}
    key = generator().key
    unprefixed = [
        s["name"]
        for s in COMMITTED
        if not re.match(r"(?:Amazon|AWS) ", s["name"])
        and s["name"] not in set(icons.values()) | hand_kept
    ]
    assert unprefixed == ["Lambda@Edge"]  # categories.yml's extra, as AWS writes it
    assert sorted(s["name"] for s in COMMITTED if re.search(r"\bAPIs?$", s["name"])) == sorted(
        n for n in icons.values() if re.search(r"\bAPIs?$", n)
    )
    respelt = [
        (s["name"], icons[key(s["name"])])
        for s in COMMITTED
        if key(s["name"]) in icons and s["name"] != icons[key(s["name"])]
    ]
    assert respelt == []


def test_a_title_only_the_file_name_spells_is_split_into_known_words() -> None:
    """An icon whose title is missing or older is named from its file name, in
    words the sources spell."""
    module = generator()
    known = ("Amazon", "SageMaker", "AI", "Fault", "Injection", "Service", "FSx", "WFS")
    vocabulary = {w.casefold(): w for w in known}
    vocabulary.update((w, w) for w in module.JOINERS)
    assert module.split_words("AmazonSageMakerAI", vocabulary) == "Amazon SageMaker AI"
    assert module.split_words("AWSFaultInjectionService", vocabulary) == (
        "AWS Fault Injection Service"
    )
    assert module.split_words("AmazonFSxforWFS", vocabulary) == "Amazon FSx for WFS"


@pytest.mark.parametrize(
    ("heading", "name", "category"),
    [
        ("TrustedAdvisor", "AWS Trusted Advisor", "management"),
        ("AWS SecurityHub", "AWS Security Hub", "security"),
        ("Security Hub", "AWS Security Hub", "security"),
        ("Amazon EC2 Container Service", "Amazon Elastic Container Service", "containers"),
        ("ECS", "Amazon Elastic Container Service", "containers"),
        ("Simple Systems Manager (SSM)", "AWS Systems Manager", "management"),
        ("Price List", "AWS Price List", "cost"),
        ("Amazon AppConfig", "AWS AppConfig", "management"),
        ("Simple Workflow Service", "Amazon Simple Workflow Service", "integration"),
        ("SWF", "Amazon Simple Workflow Service", "integration"),
        ("Mechanical Turk", "Amazon Mechanical Turk", "ml"),
        ("MTurk", "Amazon Mechanical Turk", "ml"),
        ("CodeGuru", "Amazon CodeGuru", "devtools"),
        ("Fault Injection Simulator", "AWS Fault Injection Service", "management"),
        ("Fault Injection Service", "AWS Fault Injection Service", "management"),
        ("FIS", "AWS Fault Injection Service", "management"),
        ("MemoryDB", "Amazon MemoryDB", "databases"),
        ("MemoryDB for Redis", "Amazon MemoryDB", "databases"),
        ("Free Tier", "AWS Free Tier", "cost"),
        ("AWS FreeTier", "AWS Free Tier", "cost"),
    ],
)
def test_names_from_other_notes_find_their_product(heading: str, name: str, category: str) -> None:
    """A name as authors write it (spaced or not, with or without Amazon/AWS,
    old or new, or its abbreviation) finds the product, in its AWS category."""
    entry = CATALOGUE.match(heading)
    assert entry is not None and (entry.name, entry.category) == (name, category)


def test_the_original_notes_keep_their_pages() -> None:
    """However many services the generated list names, the original notes'
    pages are the hand-kept entries, with their titles."""
    notes = parse_notes((ROOT / "notes" / "aws-notes.md").read_text(encoding="utf-8"), "n.md")
    pages = {(p.slug, p.entry.name) for p in plan_site(notes, CATALOGUE).pages}
    assert pages == {(e.slug, e.name) for e in CATALOGUE.entries}


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
