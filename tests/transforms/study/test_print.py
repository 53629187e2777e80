"""The print page: every page's content on one page, ids and links kept working."""

from __future__ import annotations

from notesite.output.print_page import (
    ContentsItem,
    PrintSource,
    check_links,
    combine,
    contents_html,
    page_key,
)

SQS = PrintSource(
    "sqs",
    "sqs.html",
    "Amazon SQS",
    '<h1 id="amazon-sqs">Amazon SQS</h1>\n'
    '<h2 id="polling">Polling</h2>\n'
    '<p>See <a href="#polling">polling</a>, <a href="sns.html#topics">topics</a>, '
    '<a href="sns.html">SNS</a>, <a href="index.html">home</a>, '
    '<a href="https://aws.amazon.com/sqs/">AWS</a> and <img src="assets/q.png" alt="q">'
    '<sup id="fnref:1"><a href="#fn:1">1</a></sup></p>\n'
    '<div class="footnote"><ol><li id="fn:1">Note.</li></ol></div>',
)
SNS = PrintSource(
    "sns",
    "sns.html",
    "Amazon SNS",
    '<h1 id="amazon-sns">Amazon SNS</h1>\n<h2 id="polling">Polling</h2>\n'
    '<h3 id="topics">Topics</h3><h6 id="deep">Deep</h6>'
    '<p><a href="#missing">a link broken on its own page</a></p>',
)


def test_each_page_is_a_section_with_its_ids_prefixed() -> None:
    """Two pages' "polling" headings become sqs--polling and sns--polling, in sections."""
    html = combine([SQS, SNS], "print.html").html
    assert '<section class="notes-print-page" id="sqs">' in html
    assert 'id="sqs--polling"' in html and 'id="sns--polling"' in html
    assert 'id="sqs--fn:1"' in html and 'href="#sqs--fn:1"' in html


def test_a_drawing_is_kept_as_drawn() -> None:
    """An inline SVG drawing keeps its ids (its style sheet and markers name them);
    the page's own ids around it are prefixed as usual."""
    svg = (
        '<svg id="diagram-1" aria-label="Flow"><style>#diagram-1 .node{}</style>'
        '<marker id="diagram-1-2"></marker><path marker-end="url(#diagram-1-2)"/>'
        '<a href="#diagram-1-2"></a></svg>'
    )
    page = PrintSource("s3", "s3.html", "S3", f'<h2 id="flow">Flow</h2><figure>{svg}</figure>')
    html = combine([page], "print.html").html
    assert svg in html
    assert 'id="s3--flow"' in html


def test_links_to_pages_on_the_print_page_go_to_their_sections() -> None:
    """Links within a page, to another page and to its anchors stay on the print page."""
    html = combine([SQS, SNS], "print.html").html
    assert 'href="#sqs--polling"' in html
    assert 'href="#sns--topics"' in html
    assert 'href="#sns"' in html


def test_other_links_and_images_keep_their_targets() -> None:
    """Pages not on the print page, other sites and images are linked as before."""
    html = combine([SQS], "print.html").html
    assert 'href="index.html"' in html
    assert 'href="https://aws.amazon.com/sqs/"' in html
    assert 'src="assets/q.png"' in html
    assert 'href="../index.html"' in combine([SQS], "study/print.html").html


def test_headings_go_one_level_down() -> None:
    """h1 to h5 become h2 to h6; h6 stays h6 (there is no h7)."""
    html = combine([SNS], "print.html").html
    assert '<h2 id="sns--amazon-sns">Amazon SNS</h2>' in html
    assert '<h4 id="sns--topics">Topics</h4>' in html
    assert '<h6 id="sns--deep">Deep</h6>' in html
    assert "<h1" not in html


def test_check_reports_missing_targets_and_repeated_ids_but_not_known_breakages() -> None:
    """A link to a missing id is reported, unless it was already broken on its own page."""
    combined = combine([SQS, SNS], "print.html")
    assert combined.broken == frozenset({"sns--missing"})
    assert check_links(combined.html, combined.broken) == []
    assert check_links(combined.html) == ["link to '#sns--missing' has no target on the page"]
    assert check_links('<p id="a"></p><p id="a"></p><a href="#b">b</a>') == [
        "id 'a' is used more than once",
        "link to '#b' has no target on the page",
    ]


def test_contents_list_the_pages_as_the_navigation_groups_them() -> None:
    """Groups hold their pages' links; a group with no page on the print page is left out."""
    html = contents_html(
        [
            ContentsItem("Integration", None, (ContentsItem("Amazon SQS", "sqs"),)),
            ContentsItem("Empty", None, (ContentsItem("Home"),)),
        ]
    )
    assert '<li>Integration<ol><li><a href="#sqs">Amazon SQS</a></li></ol></li>' in html
    assert "Empty" not in html


def test_page_keys_come_from_site_paths() -> None:
    """A page's key is its path without .html, safe as an id."""
    assert page_key("s3.html") == "s3"
    assert page_key("guide/intro.html") == "guide-intro"


def test_a_group_title_heads_its_first_page_and_its_pages_go_two_levels_down() -> None:
    """Grouped pages: the group's title once, as an h2, above its first page, whose
    headings go two levels down (h1 -> h3, capped at h6); an ungrouped page, one level."""
    sqs, sns = (
        PrintSource(s.key, s.url, s.title, s.html, "Application Integration") for s in (SQS, SNS)
    )
    alone = PrintSource("glossary", "glossary.html", "Glossary", '<h1 id="glossary">Glossary</h1>')
    html = combine([sqs, sns, alone], "print.html").html
    assert html.count('<h2 class="notes-print-group">Application Integration</h2>') == 1
    assert html.index("notes-print-group") < html.index('id="sqs--amazon-sqs"')
    assert '<h3 id="sqs--amazon-sqs">' in html and '<h4 id="sns--polling">' in html
    assert '<h6 id="sns--deep">' in html and "<h7" not in html
    assert '<h2 id="glossary--glossary">' in html
