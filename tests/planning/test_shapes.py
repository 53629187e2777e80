"""Each shape of notes other authors write, planned with the real catalogue:
the page level is found in the heading tree, however deep and however named."""

from __future__ import annotations

from pathlib import Path

from notesite.planning.catalogue import load_catalogue
from notesite.planning.plan import SitePlan, plan_site
from notesite.reading.parse import NotesSet, make_parser, parse_notes

ROOT = Path(__file__).resolve().parents[2]
CATALOGUE = load_catalogue(ROOT / "docs" / "_data" / "catalogue.yml")
TEXT = "A paragraph long enough to be a section of its own. " * 8


def plan(*files: tuple[str, str]) -> SitePlan:
    mdit = make_parser()
    return plan_site(NotesSet([parse_notes(text, name, mdit) for name, text in files]), CATALOGUE)


def slugs(site: SitePlan) -> list[str]:
    return [page.slug for page in site.pages]


def test_a_single_wrapper_heading_is_the_title_not_a_page() -> None:
    """`# 1. SAA-C02 Notes` above numbered sections: its text introduces, its sections are pages."""
    site = plan(
        (
            "notes.md",
            f"# 1. SAA-C02 Notes\nContents.\n\n## 1.4. Simple-Storage-Service-(S3)\n{TEXT}\n"
            f"### 1.4.1. S3 Security\n{TEXT}\n## 1.10. Relational-Database-Service-RDS\n{TEXT}\n",
        )
    )
    assert slugs(site) == ["introduction", "s3", "rds"]
    assert site.messages == []


def test_headings_that_start_at_level_four_with_closing_hashes() -> None:
    """`####` as the top level, closing hashes and hyphens are no obstacle."""
    site = plan(("notes.md", f"#### EC2 ####\n{TEXT}\n#### Route53 ####\n{TEXT}\n"))
    assert slugs(site) == ["ec2", "route-53"]


def test_a_course_section_groups_the_services_it_lists() -> None:
    """`Section 6: RDS + Aurora + ElastiCache` only groups; its sub-headings are the pages."""
    site = plan(
        (
            "notes.md",
            f"#### Section 6: AWS Fundamentals: RDS + Aurora + ElastiCache\n"
            f"##### RDS\n{TEXT}\n##### Aurora\n{TEXT}\n##### ElastiCache\n{TEXT}\n",
        )
    )
    assert slugs(site) == ["rds", "aurora", "elasticache"]
    assert site.messages == []


def test_services_spelt_the_ways_people_write_them() -> None:
    """Full names with abbreviations, subtitles, run-together names and typos."""
    headings = [
        "Simple Queuing Service (SQS)",
        "Elastic Compute Cloud (EC2)",
        "EC2: Virtual Machines",
        "ElasticBeanstalk",
        "Amazon S3",
    ]
    site = plan(("notes.md", "".join(f"## {h}\n{TEXT}\n" for h in headings)))
    assert slugs(site) == ["sqs", "ec2", "elastic-beanstalk", "s3"]


def test_the_same_service_in_two_places_is_one_page_in_the_authors_order() -> None:
    """EC2 basics early and EC2 advanced later: one page holding both, each part's lines kept."""
    notes = f"# EC2\nbasics {TEXT}\n# S3\n{TEXT}\n# Advanced EC2\nmore {TEXT}\n"
    site = plan(("notes.md", notes))
    assert slugs(site) == ["ec2", "s3"]
    ec2 = site.page("ec2")
    assert ec2 is not None and [(a, b) for _, a, b in ec2.sources] == [(0, 2), (4, 6)]


def test_concepts_go_on_the_page_of_the_service_they_sit_under() -> None:
    """`Security Groups` under EC2 is part of EC2's page, and no warning."""
    site = plan(("notes.md", f"# EC2\n{TEXT}\n## Security Groups\n{TEXT}\n## Cooldown Period\nx\n"))
    assert slugs(site) == ["ec2"]
    assert site.messages == []


def test_sections_of_a_course_that_name_no_service_are_concept_pages() -> None:
    """Under a section that groups services, a section naming none is a concept page."""
    site = plan(
        (
            "notes.md",
            f"# Notes\n## Fundamentals\n### High Availability\n{TEXT}\n### EC2\n{TEXT}\n",
        )
    )
    assert slugs(site) == ["high-availability", "ec2"]
    concept = site.page("high-availability")
    assert concept is not None and concept.entry.kind == "concept"
    assert site.messages == []


def test_a_folder_of_files_one_per_service() -> None:
    """Each file is the page its name (or first heading) names; the index introduces."""
    site = plan(
        ("README.md", f"# My notes\nWhat these are.\n## Disclaimer\n{TEXT}\n"),
        ("route53.md", f"# Hosted zones\n{TEXT}\n# Health checks\n{TEXT}\n"),
        ("Storage.md", f"# S3\n{TEXT}\n# EFS\n{TEXT}\n"),
    )
    assert slugs(site) == ["introduction", "route-53", "s3", "efs"]
    assert site.messages == []


def test_an_unplaceable_top_level_section_is_warned_with_the_closest_names() -> None:
    """Only a top-level section nothing places gets a page under Other and a warning."""
    site = plan(("notes.md", f"# Kinesiss Streams Notez\n{TEXT}\n"))
    assert [p.entry.category for p in site.pages] == ["other"]
    assert len(site.messages) == 1
    assert "notes.md:1:" in str(site.messages[0])
    assert "Closest names:" in site.messages[0].text
