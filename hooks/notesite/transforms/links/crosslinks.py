"""Transform: link a page's first mention of another service to that service's page.

Looks at the text of each paragraph, list item and table cell of the page
(the ``text`` children of its inline tokens) for the names of services that
have a page of their own: the catalogue's name and short name of each entry
(also without "Amazon"/"AWS" and without the part in brackets, and that part
alone: "S3", "DX"), its aliases, and those of its abbreviations that stand
for the service itself (see ``docs/_data/crosslinks.yml``). Whole words, any
case. The first mention of each service becomes a link (``sqs.md``); later
mentions stay text.

Never linked: the page's own service, code, text that is already a link (or
an image), headings, table header cells, bare URLs, and the Markdown other
transforms generated (``raw_markdown``: tables, diagrams), which is only read
to complete the list. The page ends with a "Related services" line naming
every service it mentions, kept out of the search index (the words are the
other pages' names). A page that mentions no other service is unchanged.
"""

from __future__ import annotations

import copy
import re
from collections.abc import Iterable, Sequence, Set
from dataclasses import dataclass, field, replace
from pathlib import Path
from typing import Any

import yaml
from markdown_it.token import Token

from notesite import yaml_data
from notesite.planning.catalogue import Catalogue, CatalogueError, Entry, catalogue_from_data
from notesite.reading.parse import RAW_MARKDOWN, inline_text, raw_markdown_token
from notesite.transforms.context import PageContext
from notesite.transforms.study.numbers import text_markdown
from notesite.transforms.study.text import URL

SETTINGS_FILE = "docs/_data/crosslinks.yml"
RELATED_CLASS = "notes-related"
_BRACKETS = re.compile(r"\s*\(([^()]*)\)\s*")


@dataclass(frozen=True)
class Settings:
    catalogue: str = "docs/_data/catalogue.yml"
    kinds: tuple[str, ...] = ("service",)
    vendor_prefixes: tuple[str, ...] = ("Amazon", "AWS")
    never: tuple[str, ...] = ()
    terms: dict[str, tuple[str, ...]] = field(default_factory=dict)
    related_title: str = "Related services"
    backlinks_title: str = "Mentioned on"

    @classmethod
    def from_data(cls, data: dict[str, Any]) -> Settings:
        def strings(value: Any) -> tuple[str, ...]:
            return tuple(str(v) for v in value or ())

        defaults = cls()
        return cls(
            catalogue=str(data.get("catalogue") or defaults.catalogue),
            kinds=strings(data.get("kinds", defaults.kinds)),
            vendor_prefixes=strings(data.get("vendor_prefixes", defaults.vendor_prefixes)),
            never=strings(data.get("never")),
            terms={str(k): strings(v) for k, v in (data.get("terms") or {}).items()},
            related_title=str(data.get("related_title") or defaults.related_title),
            backlinks_title=str(data.get("backlinks_title") or defaults.backlinks_title),
        )


def load_settings(root: Path) -> Settings:
    path = root / SETTINGS_FILE
    if not path.is_file():
        return Settings()
    data = yaml_data.safe_load(path.read_text(encoding="utf-8"))
    return Settings.from_data(data if isinstance(data, dict) else {})


def load_catalogue_at(root: Path, settings: Settings) -> Catalogue | None:
    """The catalogue the settings name, or None if there is none to read."""
    path = root / settings.catalogue
    if not path.is_file():
        return None
    try:
        data = yaml_data.safe_load(path.read_text(encoding="utf-8"))
        return catalogue_from_data(data if isinstance(data, dict) else {}, settings.catalogue)
    except (yaml.YAMLError, CatalogueError):
        return None  # notes_site reports a broken catalogue; nothing to link with here


def name_variants(name: str, prefixes: Sequence[str]) -> list[str]:
    """A name as the notes may write it: "Amazon Simple Storage Service (S3)" is
    also "Simple Storage Service", "S3" and "Amazon Simple Storage Service"."""
    inside = [part.strip() for m in _BRACKETS.finditer(name) for part in m.group(1).split(",")]
    bare = _BRACKETS.sub(" ", name).strip()
    variants: list[str] = []
    for variant in [name, bare, *inside]:
        variants.append(variant)
        for prefix in prefixes:
            if variant.startswith(f"{prefix} "):
                variants.append(variant[len(prefix) + 1 :])
    return [v for v in dict.fromkeys(variants) if len(v) >= 2]


def entry_terms(entry: Entry, settings: Settings) -> list[str]:
    """The words that name an entry: its names, aliases, the abbreviations that
    stand for it (not every abbreviation its page explains) and extra terms."""
    names = [entry.name, entry.short, *entry.aliases]
    variants = [v for name in names for v in name_variants(name, settings.vendor_prefixes)]
    folded = {v.casefold() for v in variants}
    terms = list(variants)
    for short, long in entry.abbreviations:
        long_folded = long.casefold()
        if (
            short.casefold() in folded
            or long_folded in folded
            or any(long_folded.startswith(f"{v} ") for v in folded)
        ):
            terms += [short, long]
    terms += settings.terms.get(entry.slug, ())
    return list(dict.fromkeys(t for t in terms if len(t.strip()) >= 2))


@dataclass(frozen=True)
class ServiceFinder:
    """Finds mentions of services in text: which page each mention names.

    One finder (one compiled pattern) serves a whole build; ``for_page`` gives
    the view of it from one page, whose own names are not links."""

    pattern: re.Pattern[str] | None
    slugs: dict[str, str]  # term, case folded -> slug
    titles: dict[str, str]  # slug -> short name, for the related line
    own_slug: str | None = None  # the page looking: never a link to itself
    own_terms: frozenset[str] = frozenset()  # its names, case folded: never links

    @classmethod
    def build(cls, terms: dict[str, list[str]], titles: dict[str, str]) -> ServiceFinder:
        slugs: dict[str, str] = {}
        for slug, words in terms.items():
            for word in words:
                slugs.setdefault(_fold(word), slug)
        if not slugs:
            return cls(None, {}, titles)
        # Whole words: not part of SSE-S3, s3.amazonaws.com, S3:GetObject or tier15.
        pattern = re.compile(
            rf"(?<![\w\-./:@#]){trie_pattern(slugs)}(?![\w\-@]|[.:/]\w)", re.IGNORECASE
        )
        return cls(pattern, slugs, titles)

    def for_page(self, slug: str, own_terms: Iterable[str]) -> ServiceFinder:
        return replace(self, own_slug=slug, own_terms=frozenset(_fold(t) for t in own_terms))

    def find(self, text: str) -> list[tuple[int, int, str]]:
        """(start, end, slug) of each mention, outside bare URLs."""
        if self.pattern is None:
            return []
        urls = [m.span() for m in URL.finditer(text)]
        found = []
        for match in self.pattern.finditer(text):
            start, end = match.span()
            if any(start < b and end > a for a, b in urls):
                continue
            term = _fold(match.group(0))
            slug = self.slugs.get(term)
            if slug is not None and slug != self.own_slug and term not in self.own_terms:
                found.append((start, end, slug))
        return found


def trie_pattern(terms: Iterable[str]) -> str:
    """One regular expression for all the (case folded) terms, as a trie: the
    engine follows one branch per character instead of trying every term at
    every place, so its cost does not grow with the number of terms. Where
    terms share a start, the longer is tried first (a greedy optional tail),
    as longest-first alternatives would. A space matches any run of white space."""
    trie: dict[str, dict] = {}
    for term in terms:
        node = trie
        for char in term:
            node = node.setdefault(char, {})
        node[""] = {}

    def emit(node: dict[str, dict]) -> str:
        branches = [
            (r"\s+" if char == " " else re.escape(char)) + emit(child)
            for char, child in sorted(node.items())
            if char
        ]
        if not branches:
            return ""
        group = branches[0] if len(branches) == 1 else f"(?:{'|'.join(branches)})"
        if "" in node:
            return f"(?:{group})?" if len(branches) == 1 else f"{group}?"
        return group

    return f"(?:{emit(trie)})"


def _fold(term: str) -> str:
    return re.sub(r"\s+", " ", term).casefold()


def pages_in_notes(catalogue: Catalogue, tokens: Iterable[Token]) -> set[str]:
    """Slugs of the entries whose headings the notes have: the pages that exist."""
    found = set()
    previous: Token | None = None
    for token in tokens:
        if token.type == "inline" and previous is not None and previous.type == "heading_open":
            entry = catalogue.match(inline_text(token))
            if entry is not None:
                found.add(entry.slug)
        previous = token
    return found


def finder_for(context: PageContext) -> tuple[ServiceFinder, Settings] | None:
    """The finder of every linkable service but the page's own; None without a catalogue."""
    # Read once per build: the same for every page. Inside a build, the
    # catalogue and the page set are the ones the build already has.
    settings = context.cached("crosslinks.settings", lambda: load_settings(context.root))
    catalogue = context.catalogue or context.cached(
        "crosslinks.catalogue", lambda: load_catalogue_at(context.root, settings)
    )
    if catalogue is None:
        return None
    existing = context.page_slugs or context.cached(
        "crosslinks.pages", lambda: pages_in_notes(catalogue, context.notes_tokens)
    )
    base = context.cached("crosslinks.finder", lambda: build_finder(catalogue, settings, existing))
    own = next((e for e in catalogue.entries if e.slug == context.slug), None)
    mine = entry_terms(own, settings) if own is not None else []
    return base.for_page(context.slug, mine), settings


def build_finder(catalogue: Catalogue, settings: Settings, existing: Set[str]) -> ServiceFinder:
    """The finder of every linkable service, compiled once per build."""
    linkable = [
        entry
        for entry in catalogue.entries
        if entry.kind in settings.kinds
        and entry.slug in existing
        and entry.slug not in settings.never
    ]
    terms = {entry.slug: entry_terms(entry, settings) for entry in linkable}
    return ServiceFinder.build(terms, {e.slug: e.short for e in linkable})


def _link(href: str, text: str) -> list[Token]:
    return [
        Token("link_open", "a", 1, attrs={"href": href}),
        Token("text", "", 0, content=text),
        Token("link_close", "a", -1),
    ]


def link_children(children: list[Token], finder: ServiceFinder, linked: list[str]) -> list[Token]:
    """An inline token's children with the first mention of each service not yet
    in ``linked`` made a link; ``linked`` gains the services linked."""
    out: list[Token] = []
    in_link = 0
    for child in children:
        if child.type == "link_open":
            in_link += 1
        elif child.type == "link_close":
            in_link -= 1
        if child.type != "text" or in_link:
            out.append(child)
            continue
        text, position = child.content, 0
        for start, end, slug in finder.find(text):
            if slug in linked:
                continue
            linked.append(slug)
            if start > position:
                out.append(Token("text", "", 0, content=text[position:start]))
            out += _link(f"{slug}.md", text[start:end])
            position = end
        if position == 0:
            out.append(child)
        elif position < len(text):
            out.append(Token("text", "", 0, content=text[position:]))
    return out


_RAW_SKIP = re.compile(
    r"^ *(`{3,}|~{3,})[^\n]*\n.*?^ *\1 *$"  # fenced code
    r"|`[^`\n]*`"  # code spans
    r"|\]\([^)\s]*(?:\s+\"[^\"]*\")?\)"  # link destinations
    r"|<[^>\n]+>",  # autolinks and HTML tags
    re.M | re.S,
)


def raw_mentions(markdown: str, finder: ServiceFinder) -> list[str]:
    """Services mentioned in generated Markdown (tables, diagram captions), in order."""
    text = _RAW_SKIP.sub(" ", markdown)
    return list(dict.fromkeys(slug for _, _, slug in finder.find(text)))


def related_markdown(slugs: Sequence[str], finder: ServiceFinder, title: str) -> str:
    links = " · ".join(f"[{text_markdown(finder.titles[s])}]({s}.md)" for s in slugs)
    return f"**{text_markdown(title)}:** {links}\n{{ .{RELATED_CLASS} data-search-exclude }}\n"


def link_services(tokens: list[Token], context: PageContext) -> list[Token]:
    found = finder_for(context)
    if found is None:
        return tokens
    finder, settings = found
    if finder.pattern is None:
        return tokens
    linked: list[str] = []
    mentioned: list[str] = []
    out: list[Token] = []
    for index, token in enumerate(tokens):
        previous = tokens[index - 1] if index else None
        if token.type == RAW_MARKDOWN:
            mentioned += raw_mentions(token.content, finder)
        elif (
            token.type == "inline"
            and token.children
            and not (previous is not None and previous.type in ("heading_open", "th_open"))
        ):
            children = link_children(token.children, finder, linked)
            if len(children) != len(token.children):
                # A copy: the notes' own tokens stay as parsed for other readers.
                token = copy.copy(token)
                token.children = children
        out.append(token)
    related = list(dict.fromkeys([*linked, *mentioned]))
    if not related:
        return tokens
    out.append(raw_markdown_token(related_markdown(related, finder, settings.related_title), None))
    return out
