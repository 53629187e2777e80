"""Abbreviations: one source (the catalogue), tooltips on every use, the glossary page."""

from __future__ import annotations

import markdown
import pytest
from notesite.planning.catalogue import catalogue_from_data, load_catalogue
from notesite.transforms.study.abbreviations import (
    Abbreviation,
    StudyAbbrExtension,
    collect_abbreviations,
    glossary_markdown,
    plural,
    tooltip_glossary,
    uses,
)
from notesite.transforms.study.text import Passage, Target

from .golden import PROJECT, Case, cases

CATALOGUE = load_catalogue(PROJECT / "docs" / "_data" / "catalogue.yml")
CASES = cases("abbreviations")
# The extensions the site's pages are rendered with that change what abbr sees.
EXTENSIONS = [
    "attr_list",
    "md_in_html",
    "toc",
    "pymdownx.blocks.caption",
    "pymdownx.highlight",
    "pymdownx.inlinehilite",
    "pymdownx.superfences",
]


def render(text: str) -> str:
    abbreviations, _ = collect_abbreviations(CATALOGUE)
    extension = StudyAbbrExtension(glossary=tooltip_glossary(abbreviations))
    return markdown.markdown(text, extensions=[*EXTENSIONS, extension])


@pytest.mark.parametrize("case", CASES, ids=[c.name for c in CASES])
def test_golden(case: Case) -> None:
    """The rendered HTML, tooltips included, is the fixture's (UPDATE_GOLDEN=1 rewrites it)."""
    case.check(render(case.input) + "\n", "html")


def test_text_without_abbreviations_is_rendered_as_without_the_extension() -> None:
    """Where no abbreviation occurs, the HTML is exactly what plain Python-Markdown gives."""
    text = "## Queues and topics\n\nMessages wait in a queue, `code` stays code.\n"
    assert render(text) == markdown.markdown(text, extensions=EXTENSIONS)


def test_catalogue_is_the_one_source_and_conflicts_are_reported() -> None:
    """Two entries giving one abbreviation two meanings: the first wins, the clash is named."""
    data = {
        "categories": [{"id": "c", "title": "C"}],
        "entries": [
            {"slug": slug, "name": slug, "category": "c", "abbreviations": {"IA": meaning}}
            for slug, meaning in [
                ("a", "Infrequent Access"),
                ("b", "Identity Auth"),
                ("d", "infrequent access"),
            ]
        ],
    }
    found, problems = collect_abbreviations(catalogue_from_data(data))
    assert found == [Abbreviation("IA", "Infrequent Access", ("a", "d"))]
    assert len(problems) == 1 and "'b'" in problems[0] and "Identity Auth" in problems[0]


def test_plurals_only_where_they_make_sense() -> None:
    """RCUs and AZs get plural meanings; IOPS, SaaS and meanings already plural get none."""
    glossary = tooltip_glossary(
        [
            Abbreviation("RCU", "Read Capacity Unit", ("x",)),
            Abbreviation("SCP", "Service Control Policy", ("x",)),
            Abbreviation("IOPS", "Input/Output Operations Per Second", ("x",)),
            Abbreviation("SaaS", "Software as a Service", ("x",)),
            Abbreviation("IA", "Infrequent Access", ("x",)),
        ]
    )
    assert glossary["RCUs"] == "Read Capacity Units"
    assert glossary["SCPs"] == "Service Control Policies"
    assert not {"IOPSs", "SaaSs", "IAs"} & set(glossary)
    assert plural("Box") == "Boxes"


def test_uses_are_whole_words_outside_code() -> None:
    """A page uses an abbreviation when its text has the word, not when only code or a URL has."""
    abbreviation = Abbreviation("SQS", "Simple Queue Service", ("sqs",))
    section = Target("x", "", "X")
    passages = [
        Passage("sns", "n.md", 0, "Fan out to SQS queues.", (), section, ""),
        Passage("s3", "n.md", 1, "Run sqs or SQSX, aws-sqs SQS", ((25, 28),), section, ""),
    ]
    assert uses([abbreviation], passages) == {"SQS": ["sns"]}


def test_glossary_page_links_each_abbreviation_to_its_page() -> None:
    """Each abbreviation is listed under its letter with its meaning, its page and other uses."""
    abbreviations, _ = collect_abbreviations(CATALOGUE)
    titles = {"sqs": "Amazon SQS", "sns": "Amazon SNS"}
    page = glossary_markdown(abbreviations, titles, {"SQS": ["sqs", "sns"]})
    assert "search:\n  exclude: true" in page
    assert "\n## S\n" in page
    sqs = "SQS\n:   Simple Queue Service — see [Amazon SQS](sqs.md)"
    assert f"{sqs}; also used on [Amazon SNS](sns.md)\n" in page
    # An entry with no page here is listed without a link.
    assert "ASG\n:   Auto Scaling Group\n" in page
