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


def test_a_file_that_names_no_service_is_one_page_titled_by_its_heading() -> None:
    """`The 6R's` with its sub-sections is one page; none of them is cut out."""
    site = plan(
        ("README.md", f"# Notes\n{TEXT}\n"),
        (
            "07-migration/6rs.md",
            f"# The 6R's\n{TEXT}\n## Rehosting\n{TEXT}\n## Replatforming\n{TEXT}\n",
        ),
    )
    assert [p.entry.name for p in site.pages] == ["Introduction", "The 6R's"]
    six = site.pages[1]
    assert six.sources == [("07-migration/6rs.md", 0, 6)]


def test_sub_sections_stay_on_the_service_page_of_their_file() -> None:
    """`Single Container Mode` stays on Elastic Beanstalk; `Routing policies` on Route 53."""
    site = plan(
        ("beanstalk.md", f"# Elastic Beanstalk\n{TEXT}\n## Single Container Mode\n{TEXT}\n"),
        ("route53.md", f"# Route 53\n{TEXT}\n## Routing policies\n{TEXT}\n"),
    )
    assert slugs(site) == ["elastic-beanstalk", "route-53"]


def test_a_file_title_comes_from_its_opening_heading_else_its_name() -> None:
    """Hand numbering and closing hashes go; a file opening with text is titled by its name."""
    site = plan(
        (
            "Notes/01 EC2 _and_Lambda_for_SysOps.md",
            f"<!-- c -->\n# 01 - EC2 and Lambda for SysOps #\n{TEXT}\n",
        ),
        ("08_Compute_serverless.md", f"{TEXT}\n## Lambda\n{TEXT}\n"),
        ("sam.md", f"{TEXT}\n"),
    )
    names = [p.entry.short for p in site.pages]
    assert names == ["EC2 and Lambda for SysOps", "Compute serverless", "AWS Lambda", "SAM"]


def test_contents_and_introduction_make_one_introduction_and_summaries_stay() -> None:
    """`Table of Contents`, `Introduction` and `Summary` are never pages of their own."""
    site = plan(
        (
            "guide.md",
            f"# AWS Notes\n## Table of Contents\n- [a](#s3)\n## Introduction\n{TEXT}\n"
            f"## S3\n{TEXT}\n## Summary\n{TEXT}\n",
        )
    )
    assert slugs(site) == ["introduction", "s3"]
    s3 = site.page("s3")
    assert s3 is not None and s3.sources == [("guide.md", 5, 9)]


def test_the_same_topic_in_two_files_is_one_page() -> None:
    """Two files titled `Privacy Policy` give one page, so no two pages share a title."""
    site = plan(("a.md", f"# Privacy Policy\n{TEXT}\n"), ("b.md", f"# Privacy Policy\n{TEXT}\n"))
    assert [p.entry.name for p in site.pages] == ["Privacy Policy"]
    assert [path for path, _, _ in site.pages[0].sources] == ["a.md", "b.md"]


def test_a_full_name_beats_the_abbreviation_beside_it() -> None:
    """`Web Application Firewall (WAF)` is AWS WAF, not the Well-Architected Framework."""
    site = plan(("notes.md", f"## Web Application Firewall (WAF)\n{TEXT}\n## WAF\n{TEXT}\n"))
    assert slugs(site) == ["waf"]


def test_a_plain_topic_word_names_no_service() -> None:
    """`Security`, `Backup`, `Support` alone are topics; `AWS Backup` is the service."""
    site = plan(
        (
            "notes.md",
            f"# Notes\n## Areas\n### Security\n{TEXT}\n### Support\n{TEXT}\n"
            f"### Backup\n{TEXT}\n### AWS Backup\n{TEXT}\n",
        )
    )
    kinds = {p.entry.name: p.entry.kind for p in site.pages}
    assert kinds == {
        "Security": "concept",
        "Support": "concept",
        "Backup": "concept",
        "AWS Backup": "service",
    }


def test_a_heading_listing_services_with_text_is_one_page_covering_each() -> None:
    """`EC2 and EBS` with text of its own is one page, in EC2's category, standing for both."""
    site = plan(("notes.md", f"# EC2 and EBS\n{TEXT}\n## Instance store\n{TEXT}\n# S3\n{TEXT}\n"))
    assert [p.entry.name for p in site.pages] == [
        "EC2 and EBS",
        "Amazon Simple Storage Service (S3)",
    ]
    page = site.pages[0]
    assert [e.slug for e in page.covers] == ["ec2", "ebs"]
    assert page.entry.category == "compute"


def test_a_link_to_the_heading_that_titles_a_page_goes_to_the_page() -> None:
    """`### Amazon Lex` under the group `## Lex & Connect` titles the Lex page: a link to it
    points at the page, and the group heading shown on that page keeps an anchor."""
    from notesite.transforms.links.headings import anchor_map

    text = f"# ML\n{TEXT}\n## Amazon Lex & Connect\n### Amazon Lex: chatbots\n{TEXT}\n"
    notes = NotesSet([parse_notes(text, "ml.md")])
    site = plan_site(notes, CATALOGUE)
    anchors = anchor_map(notes, site)
    lex = site.page("lex")
    assert lex is not None and lex.title_at == ("ml.md", 3)
    assert anchors[("ml.md", "amazon-lex-chatbots")] == ("lex", "")
    assert anchors[("ml.md", "amazon-lex--connect")][1] != ""
