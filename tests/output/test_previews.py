"""Previews: each section's title and first lines, read from a rendered page."""

from __future__ import annotations

from collections.abc import Iterator, Mapping

from notesite.output.previews import (
    SummariesByPage,
    links_in,
    page_previews,
    section_summaries,
)

PAGE = """\
<h1 id="amazon-sqs">Amazon SQS<a class="headerlink" href="#amazon-sqs">¶</a></h1>
<p class="notes-source">From the notes: lines 1–9</p>
<p class="notes-keywords">Keywords: queue</p>
<p>Queues hold <abbr title="x">messages</abbr>.</p>
<ul><li>Pull based.<ul><li>Nested item.</li></ul></li></ul>
<pre><code>not text</code></pre>
<h2 id="polling">Polling<a class="headerlink" href="#polling">¶</a></h2>
<table><tr><td>cell</td></tr></table>
<details><summary>From the notes</summary><p>kept list</p></details>
<p>Long polling waits up to 20 seconds.</p>
<section class="notes-study"><h2 id="notes-cards-title">Test yourself</h2><p>card</p></section>
"""


def test_each_heading_has_its_title_and_first_lines() -> None:
    """Titles without the permalink; text of paragraphs and items, not code, tables,
    kept lists, the source and keywords lines, or the study parts."""
    found = section_summaries(PAGE)
    assert found[""] == found["amazon-sqs"]
    assert found["amazon-sqs"].title == "Amazon SQS"
    assert found["amazon-sqs"].text == "Queues hold messages. · Pull based. · Nested item."
    assert found["polling"].title == "Polling"
    assert found["polling"].text == "Long polling waits up to 20 seconds."
    assert "notes-cards-title" not in found


def test_long_text_is_cut_at_a_word() -> None:
    """A long section shows its first lines, cut at a word, with an ellipsis."""
    text = section_summaries(f'<h1 id="a">A</h1><p>{"word " * 100}</p>')["a"].text
    assert len(text) <= 221 and text.endswith("word…")


def test_a_page_gets_the_previews_of_the_pages_it_links_to() -> None:
    """Links to other pages (and their sections) have previews; external links,
    links to itself and to unknown sections do not."""
    summaries = {"sqs.html": section_summaries(PAGE), "sns.html": section_summaries(PAGE)}
    links = links_in(
        '<a href="sqs.html">SQS</a> <a href="sqs.html#polling">p</a> <a href="sqs.html#nope">n</a>'
        '<a href="https://aws.amazon.com/">x</a> <a href="sns.html">self</a> <a href="#top">t</a>'
    )
    found = page_previews("sns.html", links, summaries)
    assert found == {
        "sqs.html": {"title": "Amazon SQS", "text": summaries["sqs.html"][""].text},
        "sqs.html#polling": {"title": "Polling", "text": "Long polling waits up to 20 seconds."},
    }


def test_a_page_without_headings_gives_nothing() -> None:
    """No heading with an id: no summaries, so no previews."""
    assert section_summaries("<p>Just text.</p>") == {}


class _Watched(Mapping[str, str]):
    """Pages' HTML by URL, remembering which pages were read."""

    def __init__(self, pages: dict[str, str]) -> None:
        self.pages, self.read = pages, set[str]()

    def __getitem__(self, url: str) -> str:
        html = self.pages[url]
        self.read.add(url)
        return html

    def __iter__(self) -> Iterator[str]:
        return iter(self.pages)

    def __len__(self) -> int:
        return len(self.pages)


def test_only_the_pages_links_point_to_are_read() -> None:
    """A page no link points to (the print page, which holds all the others) is never
    read; the previews are those of summaries read all at once."""
    pages = _Watched({"sqs.html": PAGE, "sns.html": PAGE, "print.html": PAGE * 50})
    links = links_in('<a href="sqs.html#polling">p</a> <a href="nowhere.html">n</a>')
    found = page_previews("sns.html", links, SummariesByPage(pages))
    eager = {url: section_summaries(html) for url, html in pages.pages.items()}
    assert found == page_previews("sns.html", links, eager)
    assert found["sqs.html#polling"]["title"] == "Polling"
    assert pages.read == {"sqs.html"}
