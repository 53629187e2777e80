"""Backlinks: each page lists the pages that mention it, with the sentence."""

from __future__ import annotations

from notesite.planning.catalogue import load_catalogue
from notesite.planning.plan import plan_site
from notesite.reading.parse import NotesSet, make_parser, parse_notes
from notesite.transforms.links.backlinks import find_backlinks, sentence_around
from notesite.transforms.links.crosslinks import Settings, load_settings
from notesite.transforms.study.text import passages

from .golden import PROJECT

CATALOGUE = load_catalogue(PROJECT / "docs" / "_data" / "catalogue.yml")
NOTES = """\
# SQS
Queues hold messages. Lambda can poll the queue. Later Lambda again.

# SNS
## Fan out
- Topics push to SQS queues, and to Lambda.
- SQS again, in another sentence.

# Lambda
- Functions. Code `sqs` is not a mention.
"""


def backlinks(notes: str, settings: Settings | None = None) -> dict:
    parsed = NotesSet([parse_notes(notes, "notes.md", make_parser())])
    plan = plan_site(parsed, CATALOGUE)
    order = [page.slug for page in plan.pages]
    found = passages(parsed, plan)
    return find_backlinks(found, CATALOGUE, settings or load_settings(PROJECT), order)


def test_each_page_lists_the_pages_that_mention_it_with_the_first_sentence() -> None:
    """SQS is mentioned on SNS (first sentence, linked to its section); Lambda on SQS and SNS."""
    found = backlinks(NOTES)
    [sns] = found["sqs"]
    assert (sns.source, sns.href, sns.sentence) == (
        "sns",
        "sns.md#fan-out",
        "Topics push to SQS queues, and to Lambda.",
    )
    assert sns.mention == "SQS"
    assert [(b.source, b.sentence) for b in found["lambda"]] == [
        ("sqs", "Lambda can poll the queue."),
        ("sns", "Topics push to SQS queues, and to Lambda."),
    ]


def test_code_and_the_page_itself_are_not_mentions() -> None:
    """`sqs` in code is no mention, and no page is mentioned on itself."""
    found = backlinks(NOTES)
    assert all(b.source != "lambda" for b in found["sqs"])
    assert all(b.source != target for target, links in found.items() for b in links)


def test_notes_that_mention_no_other_page_give_no_backlinks() -> None:
    """Nothing to link: no backlinks at all."""
    assert backlinks("# SQS\nQueues.\n\n# SNS\nTopics.\n") == {}


def test_a_long_sentence_is_cut_around_the_mention() -> None:
    """A long sentence keeps the mention, cut at words with ellipses."""
    text = " ".join(["word"] * 60) + " SQS " + " ".join(["more"] * 60) + "."
    start = text.index("SQS")
    before, mention, after = sentence_around(text, start, start + 3)
    assert mention == "SQS"
    assert before.startswith("…") and after.endswith("…")
    assert len(before + mention + after) <= 170


def test_sentences_split_at_ends_not_at_abbreviations() -> None:
    """ "e.g. foo" continues a sentence; ". Next" starts one."""
    text = "First one. Then e.g. SQS is here. Last."
    start = text.index("SQS")
    assert "".join(sentence_around(text, start, start + 3)) == "Then e.g. SQS is here."
