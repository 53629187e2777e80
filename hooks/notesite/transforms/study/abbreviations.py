"""Abbreviations: the hover text of every use, and the glossary page.

One source: the ``abbreviations`` of the catalogue's entries
(``docs/_data/catalogue.yml``). From them this module makes

- the glossary Python-Markdown's ``abbr`` extension applies to every page,
  so each use of "RCU" on the site is ``<abbr title="Read Capacity Unit">``
  and Material's ``content.tooltips`` shows what it stands for. The
  extension matches whole words, case as written, and never inside code,
  link targets or heading ids (its ``<abbr>`` sits inside the heading, whose
  id comes from the same text). Plurals the notes use ("RCUs", "AZs") are
  added, so they get their tooltip too;
- the glossary page: every abbreviation, what it stands for, the page that
  explains it (its entry's page) and the other pages that use it.

Search is not done here: the search index carries each entry's
abbreviations and their meanings (``notesite.output.search_index``).
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass
from xml.etree.ElementTree import Element

from markdown import Markdown
from markdown.extensions.abbr import AbbrExtension, AbbrTreeprocessor

from notesite.planning.catalogue import Catalogue
from notesite.transforms.study.numbers import text_markdown
from notesite.transforms.study.text import Passage, unsearched_page

# Elements whose text keeps no tooltips: a figure's caption is read as one
# line of plain text (and the diagrams' tests read it so).
SKIP_TAGS = frozenset({"figcaption"})


@dataclass(frozen=True)
class Abbreviation:
    short: str  # as written: "RCU"
    long: str  # what it stands for: "Read Capacity Unit"
    slugs: tuple[str, ...]  # the entries that define it, catalogue order


def collect_abbreviations(catalogue: Catalogue) -> tuple[list[Abbreviation], list[str]]:
    """Every abbreviation of the catalogue, sorted; and the conflicts found.

    An abbreviation several entries define with the same meaning is one
    abbreviation explained on each of their pages. Defined with different
    meanings, the first entry's meaning is kept and a conflict is reported:
    a tooltip can say only one thing.
    """
    longs: dict[str, str] = {}
    slugs: dict[str, list[str]] = {}
    problems: list[str] = []
    for entry in catalogue.entries:
        for short, long in entry.abbreviations:
            if short in longs and longs[short].casefold() != long.casefold():
                first = slugs[short][0]
                problems.append(
                    f"abbreviation {short!r} stands for {longs[short]!r} in entry '{first}' "
                    f"but for {long!r} in entry '{entry.slug}'; the tooltip says the first. "
                    f"Keep one meaning in the catalogue."
                )
                continue
            longs.setdefault(short, long)
            slugs.setdefault(short, []).append(entry.slug)
    found = [Abbreviation(short, longs[short], tuple(slugs[short])) for short in longs]
    found.sort(key=lambda a: (a.short.casefold(), a.short))
    return found, problems


_PLURALISABLE = re.compile(r"[A-Z][A-Z0-9]*[A-RT-Z0-9]")


def plural(word: str) -> str:
    """The English plural of a word or of a phrase's last word."""
    head, _, last = word.rpartition(" ")
    if re.search(r"[^aeiou]y$", last):
        last = last[:-1] + "ies"
    elif re.search(r"(s|x|z|ch|sh)$", last):
        last += "es"
    else:
        last += "s"
    return f"{head} {last}" if head else last


def tooltip_glossary(abbreviations: Iterable[Abbreviation]) -> dict[str, str]:
    """Abbreviation -> meaning, for the ``abbr`` extension, with plurals ("RCUs").

    Only capital-letter abbreviations get a plural, and only when their
    meaning is a countable singular: not "IOPS" (already ends in S), not
    "SaaS", not "Multi-AZ" or "IA" (Infrequent Access).
    """
    listed = list(abbreviations)
    glossary = {a.short: a.long for a in listed}
    for abbreviation in listed:
        short, long = abbreviation.short, abbreviation.long
        if _PLURALISABLE.fullmatch(short) and not long.endswith("s"):
            glossary.setdefault(f"{short}s", plural(long))
    return glossary


class _SkippingTreeprocessor(AbbrTreeprocessor):
    """The ``abbr`` extension's treeprocessor, leaving the text of some elements alone."""

    def __init__(self, md: Markdown, abbrs: dict[str, str], skip: frozenset[str]) -> None:
        super().__init__(md, abbrs)
        self.skip = skip

    def iter_element(self, el: Element, parent: Element | None = None) -> None:
        if el.tag not in self.skip:
            super().iter_element(el, parent)
            return
        # Only the text after the element (its tail) belongs to the parent's text.
        children, text = list(el), el.text
        for child in children:
            el.remove(child)
        el.text = None
        super().iter_element(el, parent)
        el.text = text
        el.extend(children)


class StudyAbbrExtension(AbbrExtension):
    """Python-Markdown's ``abbr`` extension that leaves ``skip`` elements' text alone."""

    def __init__(self, skip: frozenset[str] = SKIP_TAGS, **kwargs: object) -> None:
        super().__init__(**kwargs)
        self.skip = skip

    def extendMarkdown(self, md: Markdown) -> None:
        super().extendMarkdown(md)
        md.treeprocessors.register(_SkippingTreeprocessor(md, self.abbrs, self.skip), "abbr", 7)


def uses(
    abbreviations: Sequence[Abbreviation], passages: Iterable[Passage]
) -> dict[str, list[str]]:
    """Abbreviation -> slugs of the pages whose text uses it (or its plural), in order.

    Matched as the ``abbr`` extension matches: whole word, case as written,
    outside code and URLs.
    """
    if not abbreviations:
        return {}
    words = sorted({a.short for a in abbreviations}, key=len, reverse=True)
    pattern = re.compile(r"\b(" + "|".join(re.escape(w) for w in words) + r")s?\b")
    found: dict[str, list[str]] = {}
    for passage in passages:
        for match in pattern.finditer(passage.text):
            if not passage.outside_skip(*match.span()):
                continue
            pages = found.setdefault(match.group(1), [])
            if passage.slug not in pages:
                pages.append(passage.slug)
    return found


def _links(slugs: Iterable[str], titles: Mapping[str, str]) -> str:
    return ", ".join(f"[{text_markdown(titles[s])}]({s}.md)" for s in slugs if s in titles)


def glossary_markdown(
    abbreviations: Sequence[Abbreviation],
    titles: Mapping[str, str],
    used: Mapping[str, Sequence[str]],
) -> str:
    """The glossary page: a definition list per initial letter.

    ``titles`` maps each page's slug to its name; an entry with no page is
    listed without a link. ``used`` is what ``uses`` found.
    """
    lines = [
        *unsearched_page("Glossary"),
        f"The {len(abbreviations)} abbreviations of the notes, what each stands for and "
        "the page that explains it. Anywhere on the site, hover over an abbreviation "
        "(or tap it) to see what it stands for.",
    ]
    letter = ""
    for abbreviation in abbreviations:
        initial = abbreviation.short[0].upper()
        if initial != letter:
            letter = initial
            lines += ["", f"## {letter}", ""]
        explained = _links(abbreviation.slugs, titles)
        others = _links(
            [s for s in used.get(abbreviation.short, ()) if s not in abbreviation.slugs], titles
        )
        detail = f" — see {explained}" if explained else ""
        if others:
            detail += f"; also used on {others}"
        lines += [
            text_markdown(abbreviation.short),
            f":   {text_markdown(abbreviation.long)}{detail}",
            "",
        ]
    return "\n".join(lines).rstrip("\n") + "\n"
