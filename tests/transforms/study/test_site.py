"""The study aids in the real site, built in strict mode from the real notes."""

from __future__ import annotations

import re
from pathlib import Path
from urllib.parse import unquote, urlsplit

import pytest
from bs4 import BeautifulSoup, Tag
from notesite.planning.catalogue import load_catalogue
from notesite.transforms.study.abbreviations import collect_abbreviations, tooltip_glossary

from .golden import ROOT

pytestmark = pytest.mark.slow
CATALOGUE = load_catalogue(ROOT / "docs" / "_data" / "catalogue.yml")


def soup(site: Path, name: str) -> BeautifulSoup:
    return BeautifulSoup((site / name).read_text(encoding="utf-8"), "lxml")


def article(site: Path, name: str) -> Tag:
    found = soup(site, name).find("article")
    assert isinstance(found, Tag), f"{name} has no article"
    return found


def notes_part(site: Path, name: str) -> Tag:
    """The page's article without the study parts that follow the notes."""
    found = article(site, name)
    for part in found.select(".notes-study"):
        part.decompose()
    return found


def content_pages(site: Path) -> list[str]:
    return sorted(p.name for p in site.glob("*.html") if p.name != "404.html")


def unresolved(site: Path, page: str, links: list[Tag]) -> list[str]:
    """The links of a page whose file or anchor does not exist in the built site."""
    ids: dict[str, set[str]] = {}
    missing = []
    for link in links:
        parts = urlsplit(link["href"])
        if parts.scheme or parts.netloc:
            continue
        target = unquote(parts.path) or page
        if not (site / target).is_file():
            missing.append(link["href"])
            continue
        if parts.fragment:
            if target not in ids:
                ids[target] = {el["id"] for el in soup(site, target).find_all(id=True)}
            if unquote(parts.fragment) not in ids[target]:
                missing.append(link["href"])
    return missing


# ---------------------------------------------------------------- numbers


def test_numbers_page_links_resolve_to_existing_anchors(built_site: Path) -> None:
    """Every link of the numbers page leads to an existing page and, if it names one, anchor."""
    links = article(built_site, "numbers.html").select("a[href]:not(.headerlink)")
    assert len([a for a in links if "#" in a["href"]]) > 10
    assert unresolved(built_site, "numbers.html", links) == []


def test_numbers_entries_are_never_cut(built_site: Path) -> None:
    """Each entry's context is a whole sentence or clause of the notes: none ends in "…"."""
    contexts = [em.get_text() for em in article(built_site, "numbers.html").select("li > em")]
    assert len(contexts) > 20
    assert [c for c in contexts if c.endswith("…")] == []


def numbers_by_page(site: Path) -> dict[str, list[str]]:
    """Page title (h2) -> the numbers in bold under it."""
    found: dict[str, list[str]] = {}
    current: list[str] = []
    for element in article(site, "numbers.html").find_all(["h2", "strong"]):
        if element.name == "h2":
            current = found.setdefault(element.get_text().rstrip("¶").strip(), [])
        else:
            current.append(" ".join(element.get_text().split()))
    return found


def test_numbers_page_holds_the_numbers_the_issue_names_under_their_service(
    built_site: Path,
) -> None:
    """SQS 256 KB, DynamoDB 400 KB, Lambda 15 minutes, S3 5 TB, 5 read replicas, 500 IAM users."""
    found = numbers_by_page(built_site)
    assert "256 KB" in found["Amazon SQS"]
    assert "400KB" in found["DynamoDB"]
    assert "15 minutes" in found["AWS Lambda"]
    assert "0 to 5 TB" in found["Amazon S3"]
    assert "5 read replicas" in found["Amazon RDS"]
    assert "500 IAM users per account" in found["AWS IAM"]
    assert "1-35 day" in found["Amazon RDS"]
    assert "10,000 parts" in found["Amazon S3"]


# ---------------------------------------------------------------- abbreviations


def test_every_abbreviation_use_has_its_tooltip_and_none_is_in_code(built_site: Path) -> None:
    """Each <abbr> says what the catalogue says; none sits in code, a caption or a permalink."""
    abbreviations, _ = collect_abbreviations(CATALOGUE)
    meanings = tooltip_glossary(abbreviations)
    count = 0
    for name in content_pages(built_site):
        for abbr in article(built_site, name).find_all("abbr"):
            count += 1
            assert meanings.get(abbr.get_text()) == abbr["title"], (name, str(abbr))
            assert abbr.find_parent(["code", "pre", "figcaption"]) is None, (name, str(abbr))
            assert abbr.find_parent(class_="headerlink") is None, (name, str(abbr))
    assert count > 500


def test_headings_keep_their_ids_with_a_tooltip_inside(built_site: Path) -> None:
    """A heading with an abbreviation keeps the id its plain text gives."""
    heading = article(built_site, "rds.html").find(id="rds-backup-and-restore")
    assert heading is not None and heading.find("abbr")["title"] == "Relational Database Service"


def test_glossary_lists_every_abbreviation_and_its_links_resolve(built_site: Path) -> None:
    """Each catalogue abbreviation is a term of the glossary; each link leads to a page."""
    page = article(built_site, "glossary.html")
    terms = {" ".join(dt.get_text().split()) for dt in page.find_all("dt")}
    abbreviations, _ = collect_abbreviations(CATALOGUE)
    assert terms == {a.short for a in abbreviations}
    assert unresolved(built_site, "glossary.html", page.select("a[href]:not(.headerlink)")) == []
    ddb = next(dt for dt in page.find_all("dt") if dt.get_text().strip() == "DDB")
    assert ddb.find_next_sibling("dd").find("a")["href"] == "dynamodb.html"


# ---------------------------------------------------------------- cross-links


def test_cross_links_never_lead_to_their_own_page_and_the_related_line_resolves(
    built_site: Path,
) -> None:
    """No page links to itself; every related service exists; SNS links to SQS and Lambda."""
    for name in content_pages(built_site):
        page = notes_part(built_site, name)
        assert not page.select(f'a[href="{name}"]'), name
        related = page.select(".notes-related a")
        assert unresolved(built_site, name, related) == [], name
        assert related == [] or page.select(".notes-related")[0]["data-search-exclude"] == ""
    sns = article(built_site, "sns.html")
    assert [a["href"] for a in sns.select(".notes-related a")][:2] == ["sqs.html", "lambda.html"]
    first_sqs = next(a for a in sns.select("li a") if a["href"] == "sqs.html")
    assert first_sqs.get_text() == "SQS"


# ---------------------------------------------------------------- print page


def test_print_page_holds_every_page_in_navigation_order(built_site: Path) -> None:
    """One section per page of the navigation (not home, not itself), in its order."""
    # The reading order is the chain of "Next" links from the home page.
    order, page = [], "index.html"
    while (next_link := soup(built_site, page).select_one("a.md-footer__link--next")) is not None:
        page = next_link["href"]
        assert page not in order, f"the Next links loop at {page}"
        order.append(page)
    # Test yourself is its question cards, which the theme shows after the content.
    left_out = ("index.html", "print.html", "test-yourself.html")
    expected = [p.removesuffix(".html") for p in order if p not in left_out]
    sections = article(built_site, "print.html").select("section.notes-print-page")
    assert [s["id"] for s in sections] == expected


def test_print_page_links_and_ids_all_work(built_site: Path) -> None:
    """Every in-page link has its target, ids are unique, and there is one h1."""
    page = article(built_site, "print.html")
    ids = [el["id"] for el in page.find_all(id=True)]
    assert len(ids) == len(set(ids))
    local = [a["href"][1:] for a in page.select('a[href^="#"]') if len(a["href"]) > 1]
    assert len(local) > 100
    assert sorted({unquote(t) for t in local} - set(ids)) == []
    assert len(page.find_all("h1")) == 1
    others = page.select('a[href]:not([href^="#"])')
    assert unresolved(built_site, "print.html", others) == []


DRAWING = "figure.notes-diagram > .notes-diagram__drawing > svg"


def test_print_page_holds_the_drawings_and_stays_out_of_search(built_site: Path) -> None:
    """Every drawing of the site is on the print page, as drawn (its ids and the style
    sheet naming them unchanged), with no mermaid loaded; search skips the page."""
    drawn = {
        str(svg["id"]): svg
        for name in content_pages(built_site)
        if name != "print.html"
        for svg in article(built_site, name).select(DRAWING)
    }
    printed = soup(built_site, "print.html")
    on_print = {str(svg["id"]): svg for svg in printed.select(f"article {DRAWING}")}
    assert drawn and on_print.keys() == drawn.keys()
    assert all(str(on_print[key]) == str(svg) for key, svg in drawn.items())
    assert not printed.select(".mermaid")
    assert not printed.find_all("script", src=re.compile("mermaid"))
    # The body went in where its marker was, after the other plugins had run.
    assert "study_aids: print body" not in (built_site / "print.html").read_text(encoding="utf-8")
    index = (built_site / "search" / "search_index.json").read_text(encoding="utf-8")
    for page in ("print.html", "numbers.html", "glossary.html"):
        assert f'"location":"{page}' not in index.replace(" ", "")


def test_every_page_has_the_print_stylesheet(built_site: Path) -> None:
    """Each page loads print.css, which says how it prints."""
    for name in content_pages(built_site):
        assert soup(built_site, name).find("link", href=re.compile(r"print\.css$")), name


# ---------------------------------------------------------------- home page


def test_home_cards_carry_no_machine_counts(built_site: Path) -> None:
    """The home page's cards list every page with no "(12 facts)"-style counts; each
    category says only how many pages it has."""
    page = soup(built_site, "index.html")
    entries = page.select(".grid.cards li li")
    assert len(entries) >= 40
    assert all(entry.select_one(".notes-counts") is None for entry in entries)
    lines = [p.get_text() for p in page.select(".grid.cards p.notes-counts")]
    assert lines and all(re.fullmatch(r"\d+ pages?", line) for line in lines)


# ---------------------------------------------------------------- backlinks


def test_backlinks_on_sqs_include_sns_with_its_sentence(built_site: Path) -> None:
    """SQS ends with "Mentioned on", which links SNS and quotes its sentence naming SQS."""
    aside = article(built_site, "sqs.html").select_one("aside.notes-backlinks")
    assert aside is not None
    assert aside.h2 is not None and aside.h2.get_text() == "Mentioned on"
    items = {li.a.get_text(): li for li in aside.select("li") if li.a is not None}
    assert "Amazon SNS" in items
    sns = items["Amazon SNS"]
    assert sns.a["href"].startswith("sns.html")
    assert sns.mark is not None and sns.mark.get_text() == "SQS"
    assert unresolved(built_site, "sqs.html", aside.select("a[href]")) == []


def test_backlinks_stay_out_of_the_print_page_and_search(built_site: Path) -> None:
    """The print page holds no backlinks; the search index never names "Mentioned on"."""
    assert article(built_site, "print.html").select("aside.notes-backlinks") == []
    index = (built_site / "search" / "search_index.json").read_text(encoding="utf-8")
    assert "Mentioned on" not in index


# ---------------------------------------------------------------- question cards


def test_test_yourself_holds_cards_of_each_kind_that_link_to_the_notes(built_site: Path) -> None:
    """The page has number, table and abbreviation cards (VIF, S3 AZs, SQS size
    limits), each with an answer and a link to an existing section."""
    page = article(built_site, "test-yourself.html")
    cards = page.select("[data-card]")
    assert len(cards) > 100
    questions = {c.select_one(".notes-card__question").get_text(): c for c in cards}
    vif = questions["What does VIF stand for?"]
    assert vif.select_one(".notes-card__reply").get_text() == "Virtual Interface"
    one_az = "S3 Storage Classes: which one has data in 1 Az?"
    assert questions[one_az].select_one(".notes-card__reply").get_text() == (
        "S3 One zone Infrequent Access"
    )
    assert any(q.startswith("AWS Lambda: Executes upto _____") for q in questions)
    links = page.select(".notes-card__source a[href]")
    assert len(links) == len(cards)
    assert unresolved(built_site, "test-yourself.html", links) == []
    assert len({c["data-card"] for c in cards}) == len(cards)


def test_service_pages_end_with_a_few_of_their_cards(built_site: Path) -> None:
    """SQS shows at most four of its cards under a heading, and links to all of them."""
    section = article(built_site, "sqs.html").select_one("section.notes-cards")
    assert section is not None and section.h2 is not None
    assert section.h2.get_text() == "Test yourself on this page"
    assert 1 <= len(section.select("[data-card]")) <= 4
    more = section.select_one(".notes-cards__more a")
    assert more is not None and more["href"] == "test-yourself.html"


def test_cards_stay_out_of_search_and_the_print_page(built_site: Path) -> None:
    """Neither the search index nor the print page holds a question card."""
    assert article(built_site, "print.html").select("[data-card]") == []
    index = (built_site / "search" / "search_index.json").read_text(encoding="utf-8")
    assert "stand for?" not in index and "Show answer" not in index


def test_home_page_ships_each_pages_cards_for_its_progress(built_site: Path) -> None:
    """The home page's study data names every service page and exactly the card ids
    of the Test yourself page; every service page has its "read" box."""
    import json

    data = json.loads(soup(built_site, "index.html").select_one("#notes-study-pages").string)
    pages = set(data["pages"])
    assert {"sqs", "sns", "s3"} <= pages
    ids = {i for page_ids in data["pages"].values() for i in page_ids}
    cards = article(built_site, "test-yourself.html").select("[data-card]")
    assert ids == {c["data-card"] for c in cards}
    for slug in pages:
        assert article(built_site, f"{slug}.html").select_one(f'[data-notes-read="{slug}"]')
