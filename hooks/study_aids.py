"""MkDocs hook: the study aids — tooltips, glossary, numbers to remember, print page.

Glue only, over what notes_site planned (``config["notes_site"]``, so this
hook is listed after it):

- on_config: gives Python-Markdown's ``abbr`` extension the catalogue's
  abbreviations (every use on every page gets its tooltip), and adds the
  study pages to the navigation after the categories, the practice exams
  (pages of the author's questions, ``notesite.transforms.quiz``) in a
  section of their own before them;
- on_files: adds the generated pages ``test-yourself.md``, ``glossary.md``,
  ``numbers.md`` and ``print.md`` (``notesite.output.study_pages``), and
  works out each page's backlinks and question cards, and the Anki deck of
  every card with its CSV (``notesite.output.anki``);
- on_page_context: gives each page its backlinks ("Mentioned on", shown by
  ``overrides/partials/backlinks.html``) and question cards
  (``overrides/partials/cards.html``), and fills the print page with every other page's rendered
  content in navigation order (``notesite.output.print_page``) and checks its links, so a
  broken one is a warning (``--strict`` fails); gives the pages with questions
  the quiz's words (``overrides/partials/quiz.html``), and Test yourself the
  questions to retry and the deck's links (``overrides/partials/deck.html``).

The cross-links are a page transform (``notesite.transforms.links``); the
home page's counts are ``notesite.output.home``'s.
"""

from __future__ import annotations

import html
import logging
import posixpath
from pathlib import Path
from typing import TYPE_CHECKING, Any

from mkdocs.exceptions import PluginError
from mkdocs.plugins import event_priority
from mkdocs.structure.files import File
from mkdocs.structure.nav import Section
from mkdocs.structure.pages import Page
from mkdocs.structure.toc import get_toc
from notesite.errors import NotesSiteError
from notesite.output.anki import CSV_FILE, DECK_FILE, anki_deck, deck_cards, deck_csv
from notesite.output.nav import exams_apart, pages_in_order
from notesite.output.previews import SummariesByPage, links_in, page_previews
from notesite.output.print_page import (
    ContentsItem,
    PrintSource,
    check_links,
    combine,
    contents_html,
    page_key,
)
from notesite.output.study_pages import (
    GLOSSARY,
    NUMBERS,
    PRINT,
    TEST,
    backlinks_by_page,
    question_cards,
    study_pages,
)
from notesite.pipeline import kept, kept_entry
from notesite.transforms.quiz.model import load_quiz_rules
from notesite.transforms.study.abbreviations import (
    StudyAbbrExtension,
    collect_abbreviations,
    tooltip_glossary,
)

if TYPE_CHECKING:
    from mkdocs.config.defaults import MkDocsConfig
    from mkdocs.structure.files import Files
    from mkdocs.structure.nav import Navigation

log = logging.getLogger("mkdocs.hooks.study_aids")

NOTES_STATE = "notes_site"
# Top-level entries after the categories (a section of their own would read
# as one more category of services).
NAV = (
    {"Test yourself": TEST},
    {"Glossary": GLOSSARY},
    {"Numbers to remember": NUMBERS},
    {"Print or save as PDF": PRINT},
)

# Where the print page's body goes until on_post_page, and where it waits.
PRINT_BODY = "<!-- study_aids: print body -->"
PRINT_BODY_KEY = "study_aids_print_body"
# Each page's backlinks, from on_files to on_page_context.
BACKLINKS_KEY = "study_aids_backlinks"
# The question cards, from on_files to on_page_context.
CARDS_KEY = "study_aids_cards"
# Every page's section summaries, read once all pages are rendered.
SUMMARIES_KEY = "study_aids_summaries"
SUMMARIES = "section summaries"  # their name in the build cache
# The quiz's words, its pages and the author's questions, from on_files to on_page_context.
QUIZ_KEY = "study_aids_quiz"


def _state(config: MkDocsConfig) -> Any:
    return config.get(NOTES_STATE)


def on_config(config: MkDocsConfig) -> MkDocsConfig:
    state = _state(config)
    if state is None:
        return config
    abbreviations, problems = collect_abbreviations(state.catalogue)
    catalogue_path = (config.extra.get("notes") or {}).get("catalogue", "the catalogue")
    for problem in problems:
        log.warning(f"{catalogue_path}: {problem}")
    if "abbr" in config.markdown_extensions:
        # The same extension, given the catalogue's abbreviations (those written
        # into mkdocs.yml win) and leaving figure captions as plain text.
        settings = config.mdx_configs.pop("abbr", None) or {}
        glossary = {**tooltip_glossary(abbreviations), **settings.get("glossary", {})}
        at = config.markdown_extensions.index("abbr")
        config.markdown_extensions[at] = StudyAbbrExtension(glossary=glossary)
    nav = list(config.nav or [])
    config.nav = nav + [item for item in NAV if item not in nav]
    rules = _quiz_rules(config)
    if rules is not None:
        ordered = pages_in_order(state.catalogue, state.plan)
        exams = [(p.entry.short, p.src_uri) for p in ordered if _is_exam(state, p.slug)]
        config.nav = exams_apart(config.nav, exams, rules.section)
    return config


def _quiz_rules(config: MkDocsConfig) -> Any:
    try:
        return load_quiz_rules(Path(config.config_file_path).parent)
    except NotesSiteError as error:
        raise PluginError(str(error)) from error


def _is_exam(state: Any, slug: str) -> bool:
    quiz = state.quizzes.get(slug)
    return bool(quiz and quiz.exam)


def on_files(files: Files, config: MkDocsConfig) -> Files:
    state = _state(config)
    if state is None:
        return files
    root = Path(config.config_file_path).parent
    try:
        pages = kept(state, "study pages", lambda: study_pages(state, root))
        cards = kept(state, "question cards", lambda: question_cards(state, root))
    except NotesSiteError as error:
        raise PluginError(str(error)) from error
    for src_uri, content in pages.items():
        if files.get_file_from_path(src_uri) is not None:
            log.warning(f"docs/{src_uri} exists, so the generated {src_uri} is not added")
            continue
        file = File.generated(config, src_uri, content=content)
        file.edit_uri = None  # made from the notes and the data, not edited here
        files.append(file)
    title, backlinks = kept(state, "backlinks", lambda: backlinks_by_page(state, root))
    config[BACKLINKS_KEY] = {
        "title": title,
        "pages": {
            src_uri: [{"link": link, "url": _site_url(files, link.href)} for link in links]
            for src_uri, links in backlinks.items()
        },
    }
    config[CARDS_KEY] = _cards_data(cards, files, state) if cards else None
    _add_deck(files, config, state, cards[1] if cards else [])
    for generated in (NUMBERS, TEST):
        if generated not in {f.src_uri for f in files}:
            config.nav = [item for item in config.nav or [] if generated not in item.values()]
    return files


def _add_deck(files: Files, config: MkDocsConfig, state: Any, generated: list[Any]) -> None:
    """The Anki deck and its CSV (every card of the site), and what the quiz
    script needs on the pages with questions and on Test yourself."""
    rules = _quiz_rules(config)
    if rules is None:
        config[QUIZ_KEY] = None
        return
    ordered = pages_in_order(state.catalogue, state.plan)
    titles = {page.slug: page.entry.short for page in ordered}
    urls = {}
    for page in ordered:
        file = files.get_file_from_path(page.src_uri)
        urls[page.slug] = file.url if file is not None else f"{page.slug}.html"
    deck = deck_cards(
        generated, state.quizzes, titles, [p.slug for p in ordered], urls,
        rules.labels.get("answer", "Answer"),
    )  # fmt: skip
    deck_links = None
    if deck:
        site_url = config.site_url or ""
        apkg = kept(
            state,
            f"anki deck {config.site_name} {site_url}",
            lambda: anki_deck(config.site_name, deck, site_url),
        )
        urls_of = {}
        for src_uri, content in ((DECK_FILE, apkg), (CSV_FILE, deck_csv(deck))):
            file = File.generated(config, src_uri, content=content)
            file.edit_uri = None
            files.append(file)
            urls_of[src_uri] = file.url
        deck_links = {"apkg": urls_of[DECK_FILE], "csv": urls_of[CSV_FILE]}
    index = {
        question.id: [f"{urls[slug]}#quiz-{question.id}", f"{titles[slug]}: {question.stem_text}"]
        for slug, quiz in state.quizzes.items()
        if slug in urls
        for question in quiz.questions
    }
    config[QUIZ_KEY] = {
        "labels": rules.labels,
        "pages": {f"{slug}.md" for slug in state.quizzes},
        "index": index,
        "deck": deck_links,
    }


def _cards_data(found: tuple[Any, Any], files: Files, state: Any) -> dict[str, Any]:
    """The cards as the theme's partial shows them: every card, and each page's."""
    rules, cards = found
    titles = {page.slug: page.entry.short for page in state.plan.pages}
    test = files.get_file_from_path(TEST)
    shown = [
        {
            "card": card,
            "url": _site_url(files, card.href),
            "title": titles.get(card.slug, card.slug),
        }
        for card in cards
    ]
    by_page: dict[str, list[dict[str, Any]]] = {}
    for item in shown:
        by_page.setdefault(f"{item['card'].slug}.md", []).append(item)
    slugs = [page.slug for page in state.plan.pages]
    return {
        "labels": rules.labels,
        "progress": rules.progress,
        # Each page's cards, for the home page's progress (pages without cards too).
        "ids": {slug: [i["card"].id for i in by_page.get(f"{slug}.md", [])] for slug in slugs},
        "per_page": rules.per_page,
        "all": shown,
        "by_page": by_page,
        "test_url": test.url if test is not None else None,
    }


def _site_url(files: Files, href: str) -> str:
    """A link between docs ("sns.md#fan-out") as a URL from the site's root."""
    path, _, anchor = href.partition("#")
    file = files.get_file_from_path(path)
    url = file.url if file is not None else path
    return f"{url}#{anchor}" if anchor else url


def _previews(
    context: dict[str, Any], page: Page, config: MkDocsConfig, nav: Navigation
) -> dict[str, dict[str, str]]:
    """The previews of the sections the page links to (its content, backlinks, cards)."""
    summaries = config.get(SUMMARIES_KEY)
    if summaries is None:
        # Every page is rendered before any page's context is made.
        summaries = SummariesByPage(
            {other.url: other.content or "" for other in nav.pages}, _known_summaries(config)
        )
        config[SUMMARIES_KEY] = summaries
    links = links_in(page.content or "")
    for part in ("backlinks", "cards"):
        found = context.get(part) or {}
        links += [item["url"] for item in found.get("links") or found.get("shown") or []]
    return page_previews(page.url, links, summaries)


def _known_summaries(config: MkDocsConfig) -> Any:
    """The section summaries earlier builds read, by a digest of each page's HTML."""
    state = _state(config)
    entry = kept_entry(state, SUMMARIES) if state is not None else None
    found = entry[0].load(entry[1]) if entry is not None else None
    return found if isinstance(found, dict) else None


def on_post_build(config: MkDocsConfig) -> None:
    summaries: SummariesByPage | None = config.get(SUMMARIES_KEY)
    state = _state(config)
    entry = kept_entry(state, SUMMARIES) if state is not None and summaries else None
    if entry is not None and summaries is not None:
        entry[0].store(entry[1], summaries.used())


def _anchors_checked(items: list[dict[str, Any]], nav: Navigation) -> list[dict[str, Any]]:
    """The items with each ``url`` to a section that its page does not have
    (a heading that became the page's title) pointed at the page instead.
    Every page is rendered before any page's context, so each one's HTML is known."""
    contents = {other.url: other.content or "" for other in nav.pages}
    checked = []
    for item in items:
        path, _, anchor = item["url"].partition("#")
        if anchor and f'id="{anchor}"' not in contents.get(path, f'id="{anchor}"'):
            item = {**item, "url": path}
        checked.append(item)
    return checked


def _contents(items: list[Any], keys: dict[int, str]) -> list[ContentsItem]:
    """The navigation as the print page's contents: sections and the pages on it."""
    found = []
    for item in items:
        if isinstance(item, Section):
            found.append(
                ContentsItem(item.title or "", None, tuple(_contents(item.children, keys)))
            )
        elif isinstance(item, Page) and id(item) in keys:
            found.append(ContentsItem(item.title or "", keys[id(item)]))
    return found


def on_page_context(
    context: dict[str, Any], page: Page, config: MkDocsConfig, nav: Navigation
) -> dict[str, Any]:
    backlinks = config.get(BACKLINKS_KEY) or {}
    links = (backlinks.get("pages") or {}).get(page.file.src_uri)
    if links:
        links = _anchors_checked(links, nav)
        context["backlinks"] = {"title": backlinks["title"], "links": links}
    cards = config.get(CARDS_KEY)
    if cards and cards["progress"]:
        if page.is_homepage:
            context["progress"] = {"labels": cards["progress"], "ids": cards["ids"], "home": True}
        elif page.file.src_uri in {f"{slug}.md" for slug in cards["ids"]}:
            context["progress"] = {"labels": cards["progress"], "page": page.file.src_uri[:-3]}
    if cards and page.file.src_uri == TEST:
        shown = _anchors_checked(cards["all"], nav)
        context["cards"] = {**cards, "shown": shown, "heading": None}
    elif cards and cards["by_page"].get(page.file.src_uri) and cards["per_page"] > 0:
        items = _anchors_checked(cards["by_page"][page.file.src_uri][: cards["per_page"]], nav)
        context["cards"] = {**cards, "shown": items, "heading": cards["labels"].get("page_block")}
    quiz = config.get(QUIZ_KEY)
    if quiz and page.file.src_uri in quiz["pages"]:
        context["quiz"] = {"labels": quiz["labels"]}
    elif quiz and page.file.src_uri == TEST:
        if quiz["index"]:
            context["quiz"] = {"labels": quiz["labels"], "index": quiz["index"]}
        if quiz["deck"]:
            context["deck"] = {"labels": quiz["labels"], **quiz["deck"]}
    # The quiz's styles, also on the print page: it holds the pages with questions.
    pages = quiz["pages"] if quiz else set()
    context["quiz_styles"] = bool(pages) and page.file.src_uri in {*pages, PRINT}
    if page.file.src_uri != PRINT:
        context["previews"] = _previews(context, page, config, nav)
    if page.file.src_uri != PRINT or page.file.generated_by is None:
        return context
    sources, keys = [], {}
    for other in nav.pages:
        # Test yourself is its cards, which only the theme shows (not content).
        if other is page or other.is_homepage or not other.content or other.file.src_uri == TEST:
            continue
        key = page_key(other.url)
        keys[id(other)] = key
        sources.append(PrintSource(key, other.url, other.title or "", other.content))
    contents = contents_html(_contents(nav.items, keys))
    combined = combine(sources, page.url)
    body = f"{contents}\n{combined.html}"
    for problem in check_links(f"{page.content or ''}\n{body}", combined.broken):
        log.warning(f"{PRINT}: {problem}")
    # The whole site's HTML goes in after the other plugins' on_post_page (see
    # below); until then the page holds a marker.
    page.content = f"{page.content or ''}\n{PRINT_BODY}"
    config[PRINT_BODY_KEY] = body
    page.toc = get_toc(
        [{"level": 2, "id": s.key, "name": s.title, "children": []} for s in sources]
    )
    return context


@event_priority(-100)  # after mermaid2's (priority 0)
def on_post_page(output: str, page: Page, config: MkDocsConfig) -> str:
    """The print page's body: every page of the site. Put in once the other
    plugins are done with the page, because mkdocs-mermaid2 parses and writes
    back with BeautifulSoup every page that mentions mermaid: for this page,
    the whole site's HTML, a fifth of a build. Then adds the diagram script
    mermaid2 would have added (its ``javascript`` option), as it does for a
    page with a diagram."""
    body = config.get(PRINT_BODY_KEY) if page.file.src_uri == PRINT else None
    if body is None or PRINT_BODY not in output:
        return output
    output = output.replace(PRINT_BODY, body, 1)
    script = _diagram_script(config, page) if 'class="mermaid"' in body else None
    if script is not None and script not in output:
        output = output.replace("</body>", f"{script}\n</body>", 1)
    return output


def _diagram_script(config: MkDocsConfig, page: Page) -> str | None:
    plugin = config.plugins.get("mermaid2")
    javascript = plugin.config.get("javascript") if plugin is not None else None
    if not javascript:
        return None
    source = posixpath.relpath(javascript, posixpath.dirname(page.url) or ".")
    return f'<script src="{html.escape(source)}"></script>'
