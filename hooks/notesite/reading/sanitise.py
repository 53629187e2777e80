"""Make the notes' raw HTML and link targets safe, as GitHub does, right after parsing.

The notes are untrusted input: whatever they hold is shown, never run. This
stage rewrites the parsed tokens of each file, so every later stage (pages,
titles, navigation, search, tables, diagrams, tooltips, the print page) sees
only clean input:

- ``html_block`` and ``html_inline`` tokens are read tag by tag; each start
  tag is cleaned by nh3 (ammonia) against an allowlist equivalent to
  GitHub's: no script, style, iframe, object, embed, base, meta, form or
  input, no ``on*`` or ``style`` attributes. End tags of allowed elements are
  kept, the text between tags is kept as text (escaped), so nothing readable
  is lost. Comments stay only when they cannot close early or hide markup
  (the ``<!-- table -->`` markers).
- Link and image targets, in Markdown or in HTML, are kept only when they are
  relative, http(s) or mailto (images also ``data:`` raster pictures). A link
  with any other target becomes its text; an image becomes its alt text. A
  local picture path, in ``![]()`` or ``<img src>``, is left for the images
  transform to resolve inside the notes' root.

Each removal is a ``Finding`` (a warning) naming the file and line, but for
attributes GitHub drops with no effect a reader sees (``SILENT_ATTRIBUTES``). The tags are
regenerated from what was kept, never copied, so a browser reads exactly
what this stage decided, whatever tricks the input played on parsers.
"""

from __future__ import annotations

import html
import re
from collections.abc import Iterator
from dataclasses import dataclass
from html.parser import HTMLParser
from urllib.parse import unquote

import nh3
from markdown_it.token import Token

from notesite.reading.checks import Finding
from notesite.reading.parse import inline_text


def _names(text: str) -> frozenset[str]:
    return frozenset(text.split())


# GitHub's allowlist (its html-pipeline sanitisation filter), less what MkDocs
# pages have no use for. Anything else is dropped, its text kept.
ALLOWED_TAGS = _names(
    """
    a abbr b bdo blockquote br caption cite code dd del details dfn div dl dt em
    figcaption figure h1 h2 h3 h4 h5 h6 hr i img ins kbd li mark ol p pre q rp rt
    ruby s samp small span strike strong sub summary sup table tbody td tfoot th
    thead time tr tt ul var wbr
    """
)
_ANY_TAG = _names(
    """
    abbr align alt axis border cellpadding cellspacing char charoff clear cols
    colspan compact datetime dir frame headers height hreflang hspace lang nowrap
    open rowspan rules scope span start summary title valign vspace width
    """
)
ALLOWED_ATTRIBUTES = {
    "*": _ANY_TAG,
    "a": _ANY_TAG | {"href"},
    "img": _ANY_TAG | {"src", "longdesc"},
    "blockquote": _ANY_TAG | {"cite"},
    "del": _ANY_TAG | {"cite"},
    "ins": _ANY_TAG | {"cite"},
    "q": _ANY_TAG | {"cite"},
}
URL_ATTRIBUTES = frozenset({"href", "src", "cite", "longdesc"})
# Attributes GitHub drops with no effect a reader could see on any page: hints
# for other Markdown tools (``<details markdown="1">``), the author's own
# styling hooks, where a link opens, data for scripts. They are dropped
# without a word; any other removal (a handler, a style, a refused URL, an
# id a link may aim at) is reported.
SILENT_ATTRIBUTES = frozenset({"markdown", "class", "target", "rel"})
SILENT_PREFIXES = ("data-",)
LINK_SCHEMES = frozenset({"http", "https", "mailto"})
# data: URLs shown as pictures: raster formats only (an SVG can carry script).
DATA_IMAGE = re.compile(r"^data:image/(png|gif|jpe?g|webp|avif|bmp);base64,[a-z0-9+/=\s]*$", re.I)
_SCHEME = re.compile(r"^([a-z][a-z0-9+.-]*):", re.I)
# Browsers ignore these inside a URL's scheme ("java\tscript:"), so they are
# ignored here too before the scheme is read.
_URL_IGNORED = re.compile(r"[\x00-\x20\x7f]+")
# A comment kept as written: one that cannot end early or open markup.
# A local path that climbs out of its folder or starts at the root.
_OUTSIDE = re.compile(r"^\s*[/\\]|(^|[/\\])\.\.([/\\]|$)")
_SAFE_COMMENT = re.compile(r"^[^<>!-]*(?:-[^<>!-]+)*$")


# The theme shows titles (link, image, abbreviation, raw HTML title=) as
# tooltips made from HTML: a "<" that starts a tag there would be markup.
_TAG_START = re.compile(r"<(?=[a-z/!?])", re.I)
TITLE_LT = "\u2039"  # "‹", what such a "<" is shown as


def safe_title(title: str) -> str:
    """A title that no HTML parser reads a tag in: "<" before a tag name becomes "‹"."""
    return _TAG_START.sub(TITLE_LT, title)


def url_problem(url: str, image: bool = False) -> str | None:
    """Why a link (or image) target is refused, or None when it may stay:
    relative, http(s) or mailto; for images also a data: raster picture."""
    bare = _URL_IGNORED.sub("", unquote(html.unescape(url)))
    match = _SCHEME.match(bare)
    if match is None:
        return None
    scheme = match.group(1).lower()
    if scheme in LINK_SCHEMES - ({"mailto"} if image else set()):
        return None
    if image and scheme == "data" and DATA_IMAGE.match(bare):
        return None
    return f"{scheme}: {'images' if image else 'links'} are not kept"


@dataclass(frozen=True)
class _Part:
    kind: str  # "start", "end", "data", "comment", "other"
    tag: str = ""
    attrs: tuple[tuple[str, str | None], ...] = ()
    text: str = ""
    self_closing: bool = False


class _Parts(HTMLParser):
    """An HTML fragment as a flat list of parts, in order."""

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.parts: list[_Part] = []

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        self.parts.append(_Part("start", tag, tuple(attrs)))

    def handle_startendtag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        self.parts.append(_Part("start", tag, tuple(attrs), self_closing=True))

    def handle_endtag(self, tag: str) -> None:
        self.parts.append(_Part("end", tag))

    def handle_data(self, data: str) -> None:
        self.parts.append(_Part("data", text=data))

    def handle_comment(self, data: str) -> None:
        self.parts.append(_Part("comment", text=data))

    def handle_decl(self, decl: str) -> None:
        self.parts.append(_Part("other", text=f"<!{decl}>"))

    def unknown_decl(self, data: str) -> None:
        self.parts.append(_Part("other", text=f"<![{data}]>"))

    def handle_pi(self, data: str) -> None:
        self.parts.append(_Part("other", text=f"<?{data}>"))


def _parts(fragment: str) -> list[_Part]:
    parser = _Parts()
    parser.feed(fragment)
    parser.close()
    return parser.parts


def _attribute_filter(tag: str, name: str, value: str) -> str | None:
    if name == "title":
        return safe_title(value)
    if name in URL_ATTRIBUTES and url_problem(value, image=tag == "img" and name == "src"):
        return None
    return value


def _confined_filter(tag: str, name: str, value: str) -> str | None:
    if tag == "img" and name == "src" and _OUTSIDE.search(unquote(value)):
        # Where no later stage resolves pictures, one by a path that climbs
        # out of the site (or starts at the disk's root) would be read from
        # the reader's disk.
        return None
    return _attribute_filter(tag, name, value)


def _silent(name: str) -> bool:
    return name in SILENT_ATTRIBUTES or name.startswith(SILENT_PREFIXES)


def _serialise(tag: str, attrs: Iterator[tuple[str, str | None]] | tuple) -> str:
    written = "".join(f' {name}="{html.escape(value or "", quote=True)}"' for name, value in attrs)
    return f"<{tag}{written}>"


def _clean_start(part: _Part, confined: bool) -> tuple[str, list[str]]:
    """The start tag as nh3 keeps it (or "" when the element is not allowed),
    and what was removed from it that a reader could miss."""
    cleaned = nh3.clean(
        _serialise(part.tag, part.attrs),
        tags=set(ALLOWED_TAGS),
        clean_content_tags=set(),
        attributes={tag: set(names) for tag, names in ALLOWED_ATTRIBUTES.items()},
        attribute_filter=_confined_filter if confined else _attribute_filter,
        link_rel=None,
        url_schemes=set(LINK_SCHEMES) | {"data"},
    )
    kept = next((p for p in _parts(cleaned) if p.kind == "start"), None)
    if kept is None:
        return "", [f"<{part.tag}>"]
    names = {name for name, _ in kept.attrs}
    removed = [
        f"{name}= of <{part.tag}>"
        for name, _ in part.attrs
        if name not in names and not _silent(name)
    ]
    return _serialise(kept.tag, kept.attrs), removed


def sanitise_html(fragment: str, confined: bool = False) -> tuple[str, list[str]]:
    """A raw HTML fragment made safe, and a description of each thing removed.

    Every tag in the result is written here from what nh3 kept; text is
    escaped, so no parser can find markup in it that this one did not. A
    local ``<img src>`` is kept for the images transform to resolve and
    confine, as a Markdown image's is; ``confined`` drops one that climbs
    out of its folder, for HTML that transform never sees."""
    out: list[str] = []
    removed: list[str] = []
    for part in _parts(fragment):
        if part.kind == "start":
            tag, dropped = _clean_start(part, confined)
            out.append(tag)
            removed += dropped
        elif part.kind == "end":
            if part.tag in ALLOWED_TAGS:
                out.append(f"</{part.tag}>")
            else:
                removed.append(f"</{part.tag}>")
        elif part.kind == "data":
            out.append(html.escape(part.text, quote=False))
        elif part.kind == "comment" and _SAFE_COMMENT.match(part.text):
            out.append(f"<!--{part.text}-->")
        else:
            removed.append("a comment" if part.kind == "comment" else part.text[:40])
    return "".join(out), list(dict.fromkeys(removed))


def _sanitise_block(block: str) -> tuple[str, list[str]]:
    """An html_block made safe. A line left empty by what was removed is
    dropped: a blank line would end the block for the Markdown that reads it."""
    cleaned, removed = sanitise_html(block)
    if removed and all(line.strip() for line in block.splitlines()):
        cleaned = "".join(line for line in cleaned.splitlines(keepends=True) if line.strip())
    return cleaned, removed


def _removal(path: str, line: int, removed: list[str]) -> Finding:
    what = ", ".join(removed)
    return Finding(
        path,
        line + 1,
        f"raw HTML not shown, as GitHub would not show it: {what}; the text around it is kept",
    )


def _url_removal(path: str, line: int, url: str, problem: str, image: bool) -> Finding:
    kept = "its alt text" if image else "its text"
    shown = url if len(url) <= 60 else url[:57] + "..."
    return Finding(
        path,
        line + 1,
        f"{'image' if image else 'link'} {shown} removed ({problem}); {kept} is kept",
    )


def _clean_children(token: Token, path: str, findings: list[Finding]) -> None:
    """Sanitise an inline token's children in place."""
    line = token.map[0] if token.map else 0
    children: list[Token] = []
    refused: list[bool] = []  # for each open link: whether its target was refused
    for child in token.children or []:
        if child.type in ("softbreak", "hardbreak"):
            line += 1
        if child.type in ("link_open", "image") and child.attrGet("title"):
            title = str(child.attrGet("title"))
            if safe_title(title) != title:
                child.attrSet("title", safe_title(title))
                findings.append(_removal(path, line, ["markup in a title"]))
        if child.type == "html_inline":
            child.content, removed = sanitise_html(child.content)
            if removed:
                findings.append(_removal(path, line, removed))
        elif child.type == "link_open":
            href = child.attrGet("href") or ""
            problem = url_problem(href)
            refused.append(problem is not None)
            if problem:
                findings.append(_url_removal(path, line, href, problem, image=False))
                continue
        elif child.type == "link_close" and refused and refused.pop():
            continue
        elif child.type == "image":
            src = child.attrGet("src") or ""
            problem = url_problem(src, image=True)
            if problem:
                findings.append(_url_removal(path, line, src, problem, image=True))
                child = Token("text", "", 0, content=inline_text(child))
            else:
                _clean_children(child, path, findings)
        children.append(child)
    token.children = children


def _attr_list_as_text(children: list[Token]) -> list[Token]:
    """Python-Markdown attribute lists (``*x*{: onclick=...}``) back to the text
    GitHub shows them as; the Markdown writer keeps such braces from being read
    as attributes again."""
    out: list[Token] = []
    inside: list[Token] | None = None
    for child in children:
        if child.type == "python_markdown_attr_list_open":
            inside = []
        elif child.type == "python_markdown_attr_list_close" and inside is not None:
            text = "".join(c.content for c in inside)
            out.append(Token("text", "", 0, content=f"{{{text}}}"))
            inside = None
        elif inside is not None:
            inside.append(child)
        else:
            out.append(child)
    return out


# Tokens of syntax GitHub does not have (math, MkDocs plugins' lines) that the
# Markdown writer copies as written: a "<" in them is written as an entity, so
# Python-Markdown shows it as text instead of reading a tag.
VERBATIM = frozenset(
    {
        "math_inline",
        "math_inline_double",
        "math_block",
        "math_block_eqno",
        "amsmath",
        "mkdocstrings_injection",
    }
)
# A code fence's language: one word, as GitHub reads it.
_LANGUAGE = re.compile(r"^[\w.+#-]*$")


def _verbatim_as_text(token: Token) -> None:
    token.content = token.content.replace("<", "&lt;")


# Block tokens of MkDocs syntax whose title the Markdown writer copies from
# ``info`` as written (admonitions, content tabs): their title's inline token
# is sanitised and reported like any other, this is the copy that is written.
_TITLED = ("admonition", "content_tab")


def sanitise_tokens(tokens: list[Token], path: str) -> list[Finding]:
    """Make a file's tokens safe in place; what was removed, as warnings at file:line."""
    findings: list[Finding] = []
    for index, token in enumerate(tokens):
        # Some plugins' open tokens carry no line map: the next token's line.
        line = next((t.map[0] for t in tokens[index : index + 4] if t.map), 0)
        if token.type.startswith(_TITLED) and token.nesting == 1 and "<" in token.info:
            token.info = sanitise_html(token.info, confined=True)[0]
        elif token.type == "mkdocs_caption_open" and token.meta.get("attrs"):
            findings.append(
                Finding(
                    path,
                    line + 1,
                    f"caption {token.meta['attrs']} not kept: notes set no attributes",
                )
            )
            token.meta["attrs"] = None
        elif token.type == "inline" and token.children:
            token.children = _attr_list_as_text(token.children)
            for child in token.children:
                if child.type in VERBATIM:
                    _verbatim_as_text(child)
            if index and tokens[index - 1].type == "pymd_snippet_open":
                _verbatim_as_text(token)  # written from its source, not its children
            if index and tokens[index - 1].type == "mkdocs_abbreviation_open":
                # Written from its source; its meaning becomes a title.
                title = safe_title(token.content)
                if title != token.content:
                    findings.append(_removal(path, line, ["markup in an abbreviation"]))
                    token.content = title
        elif token.type in VERBATIM:
            _verbatim_as_text(token)
        elif token.type == "fence" and not _LANGUAGE.match(token.info):
            findings.append(
                Finding(path, line + 1, f"code fence language {token.info[:40]} not kept")
            )
            token.info = ""
        if token.type == "html_block":
            token.content, removed = _sanitise_block(token.content)
            if removed:
                findings.append(_removal(path, line, removed))
        elif token.type == "inline":
            _clean_children(token, path, findings)
    return findings
