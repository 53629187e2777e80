"""Titles as a person writes them: headings and file names cleaned of the
habits of files and hand numbering; titles that say nothing told apart."""

from __future__ import annotations

import pytest
from notesite.planning.titles import file_title, heading_title, is_generic, site_case

GENERIC = ["summary", "section", "introduction", "table of contents", "contents"]


@pytest.mark.parametrize(
    ("heading", "title"),
    [
        ("# 01 - EC2 and Lambda for SysOps #", "EC2 and Lambda for SysOps"),
        ("1.10. Relational-Database-Service-RDS", "Relational Database Service RDS"),
        ("S3 presigned URL:", "S3 presigned URL"),
        ("Storage_Gateway", "Storage Gateway"),
        ("S3 STORAGE CLASSES AND LIFECYCLE", "S3 Storage Classes and Lifecycle"),
        ("AWS KMS", "AWS KMS"),
        ("Route 53 routing policies.", "Route 53 routing policies"),
    ],
)
def test_a_heading_becomes_a_title(heading: str, title: str) -> None:
    """Numbering, closing hashes, end punctuation and underscores go; capitals: site case."""
    assert heading_title(heading.lstrip("# ")) == title


@pytest.mark.parametrize(
    ("name", "title"),
    [
        ("01_Regions.md", "Regions"),
        ("08_Compute_serverless.md", "Compute serverless"),
        ("07_Container_services_ EKS.md", "Container services EKS"),
        ("notes/quantum ledger.md", "Quantum ledger"),
        ("05-compute/gwlb.md", "GWLB"),
        ("other_services.md", "Other services"),
        ("Study Notes/Well-Architected.md", "Well Architected"),
    ],
)
def test_a_file_name_is_made_readable(name: str, title: str) -> None:
    """No underscores, file numbers, extensions or lower-case stems; short stems: acronyms."""
    assert file_title(name) == title


def test_mixed_case_and_short_capitals_are_kept() -> None:
    """Only a title written wholly in capitals changes case; "AWS IAM" and "McAfee" stay."""
    assert site_case("AWS IAM") == "AWS IAM"
    assert site_case("Using McAfee with EC2") == "Using McAfee with EC2"
    assert site_case("WHAT IS A VPC") == "What Is a VPC"


@pytest.mark.parametrize(
    ("title", "generic"),
    [
        ("Summary", True),
        ("2. Summary", True),
        ("Section Introduction", True),
        ("Table of Contents", True),
        ("Integration - Summary", False),
        ("Summary of S3 storage classes", False),
        ("Introduction to VPC", False),
    ],
)
def test_titles_that_say_nothing(title: str, generic: bool) -> None:
    """A title made only of generic words says nothing; one naming a topic does."""
    assert is_generic(title, GENERIC) is generic
