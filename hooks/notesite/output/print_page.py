"""The whole site on one page, for printing or saving as PDF.

Puts the rendered HTML of every page (MkDocs' ``page.content``, in the
navigation's order) one after another, each in a ``<section id="slug">``, so
that links and anchors keep working on the one page:

- every id of a page gets the page's key in front (``s3--lifecycle``): two
  pages may each have a "Lifecycle" heading, or a footnote 1;
- a link to a page that is on the print page goes to its section
  (``sqs.html`` -> ``#sqs``, ``sqs.html#polling`` -> ``#sqs--polling``, and
  ``#polling`` on the SQS page -> ``#sqs--polling``); other links and images
  are made relative to the print page;
- headings go one level down (the print page's own title is the only h1),
  or two for a page in a group: the group's title (the navigation's
  category) is a heading above its first page, so a PDF's outline nests
  pages under their category;
- an inline SVG drawing is left as it is: its ids are its own already
  (``notesite.drawing``), and its style sheet and markers name them.

``check_links`` then lists every in-page link whose target is missing, so
the build can say so.
"""

from __future__ import annotations

import html
import posixpath
import re
from collections import Counter
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from urllib.parse import unquote, urlsplit, urlunsplit

SEPARATOR = "--"
_ID_ATTRS = re.compile(r'(\s(?:id|for)=")([^"]*)(")')
_ID_LIST_ATTRS = re.compile(r'(\saria-(?:labelledby|describedby|controls)=")([^"]*)(")')
_URL_ATTRS = re.compile(r'(\s(?:href|src)=")([^"]*)(")')
_HEADING = re.compile(r"<(/?)h([1-6])(?=[\s>])")
DEEPEST = 6
_SCHEME = re.compile(r"^[A-Za-z][A-Za-z0-9+.\-]*:|^//")
_SVG = re.compile(r"(<svg[\s>].*?</svg>)", re.S)


@dataclass(frozen=True)
class PrintSource:
    """One page to put on the print page."""

    key: str  # unique on the print page; its section's id and its ids' prefix
    url: str  # the page's site path, as MkDocs links to it ("s3.html")
    title: str
    html: str  # the page's rendered content
    group: str = ""  # the title of the group it is in (its category), if any


@dataclass(frozen=True)
class ContentsItem:
    """A line of the print page's contents: a page (with its key) or a group of pages."""

    title: str
    key: str | None = None
    children: tuple[ContentsItem, ...] = field(default_factory=tuple)


def page_key(url: str) -> str:
    """A page's key from its site path: "s3.html" -> "s3", "a/b.html" -> "a-b"."""
    stem = url.removesuffix(".html").removesuffix("/index").strip("/") or "index"
    return re.sub(r"[^\w-]+", "-", stem)


@dataclass
class _Rebase:
    """Rewrites the links of the pages put on the print page."""

    keys: dict[str, str]  # normalised site path of a page -> its key
    ids: dict[str, set[str]]  # key -> the ids its page has
    print_dir: str
    # Targets that were already missing on their own page (MkDocs reports
    # those there); the print page's check leaves them out.
    broken: set[str] = field(default_factory=set)

    def target(self, key: str, fragment: str) -> str:
        if unquote(fragment) not in self.ids.get(key, set()):
            self.broken.add(f"{key}{SEPARATOR}{unquote(fragment)}")
        return f"#{key}{SEPARATOR}{fragment}"

    def __call__(self, value: str, source: PrintSource) -> str:
        if _SCHEME.match(value):
            return value
        parts = urlsplit(value)
        if not parts.path:
            return self.target(source.key, parts.fragment) if parts.fragment else value
        target = posixpath.normpath(posixpath.join(posixpath.dirname(source.url), parts.path))
        key = self.keys.get(unquote(target))
        if key is not None:
            return self.target(key, parts.fragment) if parts.fragment else f"#{key}"
        relative = posixpath.relpath(target, self.print_dir or ".")
        return urlunsplit(("", "", relative, parts.query, parts.fragment))


def page_ids(page_html: str) -> set[str]:
    return set(re.findall(r'\sid="([^"]*)"', page_html))


def page_section(source: PrintSource, rebase: _Rebase, group: str = "", down: int = 1) -> str:
    """One page's content, ids prefixed, links rebased, headings ``down``
    levels down; after ``group``'s title as a heading when one is given."""
    parts = _SVG.split(source.html)
    # Odd parts are drawings, kept whole.
    parts[::2] = [_rebase_part(part, source, rebase, down) for part in parts[::2]]
    title = f'<h2 class="notes-print-group">{html.escape(group)}</h2>\n' if group else ""
    return (
        f'<section class="notes-print-page" id="{source.key}">\n{title}{"".join(parts)}\n</section>'
    )


def _rebase_part(text: str, source: PrintSource, rebase: _Rebase, down: int) -> str:
    prefix = f"{source.key}{SEPARATOR}"
    text = _ID_ATTRS.sub(lambda m: f"{m[1]}{prefix}{m[2]}{m[3]}", text)
    text = _ID_LIST_ATTRS.sub(
        lambda m: m[1] + " ".join(prefix + i for i in m[2].split()) + m[3], text
    )
    text = _URL_ATTRS.sub(
        lambda m: m[1] + html.escape(rebase(html.unescape(m[2]), source)) + m[3], text
    )
    return _HEADING.sub(lambda m: f"<{m[1]}h{min(int(m[2]) + down, DEEPEST)}", text)


@dataclass(frozen=True)
class Combined:
    html: str  # the sections, in order
    broken: frozenset[str]  # in-page targets already missing on their own page


def combine(sources: Sequence[PrintSource], print_url: str) -> Combined:
    """The print page's body: every source's section, in order."""
    rebase = _Rebase(
        keys={posixpath.normpath(s.url): s.key for s in sources},
        ids={s.key: page_ids(s.html) for s in sources},
        print_dir=posixpath.dirname(print_url),
    )
    sections, previous = [], ""
    for source in sources:
        # A group's title above its first page only.
        group = source.group if source.group != previous else ""
        sections.append(page_section(source, rebase, group, 2 if source.group else 1))
        previous = source.group
    body = "\n".join(sections)
    return Combined(body, frozenset(rebase.broken))


def contents_html(items: Sequence[ContentsItem], title: str = "Contents") -> str:
    """A nested, numbered list of links to the sections, as the navigation groups them."""

    def render(entries: Iterable[ContentsItem]) -> str:
        lines = []
        for item in entries:
            label = html.escape(item.title)
            if item.key:
                label = f'<a href="#{item.key}">{label}</a>'
            inner = render(item.children) if item.children else ""
            if item.key or inner:
                lines.append(f"<li>{label}{inner}</li>")
        return f"<ol>{''.join(lines)}</ol>" if lines else ""

    return (
        '<nav class="notes-print-contents" aria-labelledby="contents">'
        f'<h2 id="contents">{html.escape(title)}</h2>{render(items)}</nav>'
    )


def check_links(page_html: str, ignored: Iterable[str] = ()) -> list[str]:
    """In-page links (``#id``) with no such id on the page, and ids used twice.

    ``ignored`` targets were already missing on their own page (MkDocs
    reports them there); they are not reported again.
    """
    ids = Counter(re.findall(r'\sid="([^"]*)"', page_html))
    problems = [f"id '{i}' is used more than once" for i, n in sorted(ids.items()) if n > 1]
    targets = {
        unquote(html.unescape(href[1:])) for href in re.findall(r'\shref="(#[^"]+)"', page_html)
    }
    missing = sorted(targets - set(ids) - set(ignored))
    problems += [f"link to '#{target}' has no target on the page" for target in missing]
    return problems
