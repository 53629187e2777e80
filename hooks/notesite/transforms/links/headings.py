"""Transform: make the notes' links to their own headings work across pages.

The notes are one document, so a hand-made table of contents links headings
as ``[S3](#s3)`` (GitHub's anchors), and notes split over several files link
``other.md#heading``. Once the notes are split into pages, those targets are
on other pages, under the ids Python-Markdown gives. This looks at every
link, finds the page and id of the heading it names, and rewrites it as a
link MkDocs resolves and checks (``s3.md#lifecycle``). The notes check
(``reading.checks``) reports each broken link once, against the author's
file and line; so that MkDocs does not report it again against a generated
page, a link to a heading that does not exist points at the top of the page
its file begins on, and a link to a ``.md`` file that is not one of the
notes becomes its text.
"""

from __future__ import annotations

import posixpath
from urllib.parse import unquote, urlsplit

from markdown.extensions.toc import slugify, unique
from markdown_it.token import Token

from notesite.planning.plan import SitePlan
from notesite.reading.checks import github_anchor
from notesite.reading.parse import NotesSet, inline_text
from notesite.transforms.context import PageContext

# (notes file, GitHub anchor or "" for the file itself) -> (page slug, id on the page or "")
AnchorMap = dict[tuple[str, str], tuple[str, str]]


def anchor_map(notes: NotesSet, plan: SitePlan) -> AnchorMap:
    """Where each heading of the notes ended up: its page and its id there."""
    owner: dict[tuple[str, int], str] = {}
    for page in plan.pages:
        for path, start, end in page.sources:
            for line in range(start, end):
                owner[(path, line)] = page.slug
    anchors: AnchorMap = {}
    used_ids: dict[str, set[str]] = {p.slug: {slugify(p.entry.name, "-")} for p in plan.pages}
    titles = {page.title_at for page in plan.pages if page.title_at is not None}
    for parsed in notes.files:
        seen: dict[str, int] = {}
        for index, token in enumerate(parsed.tokens):
            if token.type != "heading_open" or not token.map:
                continue
            text = inline_text(parsed.tokens[index + 1])
            base = github_anchor(text)
            count = seen.get(base, 0)
            seen[base] = count + 1
            github = base if count == 0 else f"{base}-{count}"
            slug = owner.get((parsed.path, token.map[0]))
            if slug is None:
                continue
            if (parsed.path, token.map[0]) in titles:
                # The heading became its page's title: link to the page.
                site_id = ""
            else:
                site_id = unique(slugify(text, "-"), used_ids[slug])
            anchors[(parsed.path, github)] = (slug, site_id)
            anchors.setdefault((parsed.path, ""), (slug, ""))
    return anchors


def rewrite_heading_links(tokens: list[Token], context: PageContext) -> list[Token]:
    anchors: AnchorMap = context.anchors
    if not anchors:
        return tokens
    for token in tokens:
        if token.type != "inline":
            continue
        source = token.meta.get("source", context.notes_path)
        children = token.children or []
        for index, child in enumerate(children):
            href = child.attrGet("href") if child.type == "link_open" else None
            target = _target(href, source) if href else None
            if target is None:
                continue
            if target not in anchors and (target[0], "") not in anchors:
                if urlsplit(href or "").path:
                    _as_text(children, index)
                continue
            slug, site_id = anchors.get(target, anchors[(target[0], "")])
            page = "" if slug == context.slug else f"{slug}.md"
            child.attrSet("href", f"{page}#{site_id}" if site_id else (page or "#"))
    return tokens


def _as_text(children: list[Token], start: int) -> None:
    """The link opened at ``start`` becomes its text: both its tokens turn empty."""
    for index in range(start, len(children)):
        if children[index].type in ("link_open", "link_close"):
            children[index] = Token("text", "", 0, content="")
            if index > start:
                return


def _target(href: str, source: str) -> tuple[str, str] | None:
    parts = urlsplit(href)
    if parts.scheme or parts.netloc:
        return None
    if not parts.path:
        return (source, unquote(parts.fragment)) if parts.fragment else None
    if not parts.path.endswith(".md"):
        return None
    path = posixpath.normpath(posixpath.join(posixpath.dirname(source), unquote(parts.path)))
    return (path, unquote(parts.fragment))
