"""Mermaid blocks of a rendered page in, inline SVG drawings out.

A page's diagrams reach its HTML as ``<pre class="mermaid"><code>`` blocks
(pymdownx.superfences with mkdocs-mermaid2's fence format). ``diagram_sources``
lists the sources they hold; ``inline_drawings`` replaces each block that has
a drawing with that drawing, named by its figure's caption, and leaves the
others for the browser to draw. It can put a short placeholder in the
drawing's place instead, which ``put_drawings`` replaces once the page is
written: what reads the page's content in between (the search index, the
print page) then never parses the drawings.

``clean_svg`` makes what mermaid drew safe and self-contained: elements that
run or embed something (``script``, ``iframe``, ...), event handler
attributes and ``javascript:`` links are dropped; every id is renamed after
the drawing's own id, in order, so that two drawings on one page never share
an id and a drawing is the same whichever others were drawn with it (mermaid
numbers some ids, ``actor0``, across a session); HTML's void elements in
labels (``<br>``) are written closed (``<br/>``, the same to a browser), so
the drawing is XML. Nothing else is changed: styles, ``foreignObject``
labels and markers stay as mermaid wrote them.

``drawing_problem`` checks a drawing as a drawing before it goes into a
page, whether just drawn or read from the cache: one well-formed XML
element ``<svg>``, closed, with nothing after it, so that whatever it holds
it cannot swallow the page around it.
"""

from __future__ import annotations

import hashlib
import html
import re
from collections.abc import Callable, Mapping, Sequence
from html.entities import name2codepoint
from html.parser import HTMLParser
from xml.etree.ElementTree import ParseError, fromstring

BLOCK = re.compile(r"<pre\s+class=\"mermaid\"\s*>\s*<code>(?P<source>.*?)</code>\s*</pre>", re.S)
# The caption of the figure a block stands in, if the block is followed by one.
_CAPTION = re.compile(r"\s*(?:<figcaption[^>]*>(?P<caption>.*?)</figcaption>)?", re.S)
_TAGS = re.compile(r"<[^>]*>")
_SPACE = re.compile(r"\s+")

# Elements that run or embed something; dropped with all they hold.
_DROPPED = frozenset({"script", "iframe", "object", "embed", "frame", "frameset", "base"})
# HTML's void elements (in a label's HTML): never closed in HTML, written
# closed here (<br/>, the same element to a browser) so a drawing is XML.
_VOID = frozenset(
    {"area", "base", "br", "col", "embed", "hr", "img", "input", "link", "meta", "param"}
    | {"source", "track", "wbr"}
)
_ATTRIBUTE = re.compile(r"""(\s+)([^\s=/>]+)(\s*=\s*(?:"[^"]*"|'[^']*'|[^\s"'>]+))?""")
_URL_ATTRIBUTES = frozenset({"href", "xlink:href", "src", "action", "formaction"})
_UNSAFE_URL = re.compile(r"^\s*(?:javascript|vbscript|data:text/html)", re.I)
_REFERENCE = re.compile(r"(url\(\s*['\"]?#|\bhref=\"#|#)([A-Za-z_][\w\-.:]*)")
_ID_LISTS = frozenset({"aria-labelledby", "aria-describedby"})

WRAPPER = "notes-diagram__drawing"
SVG_TAGS = frozenset({"svg", "{http://www.w3.org/2000/svg}svg"})
# A browser writes some characters of an HTML document's SVG as HTML's named
# references (&nbsp;): a page reads them, an XML parser reads their numbers.
_NAMED = re.compile(r"&([A-Za-z][A-Za-z0-9]*);")
_XML_NAMED = frozenset({"amp", "lt", "gt", "quot", "apos"})


def _numbered(match: re.Match[str]) -> str:
    name = match[1]
    if name in _XML_NAMED or name not in name2codepoint:
        return match[0]
    return f"&#{name2codepoint[name]};"


def drawing_key(source: str, renderer: str) -> str:
    """The cache key of a drawing: its source and everything about the renderer."""
    sha = hashlib.sha256()
    for part in (renderer, source):
        sha.update(f"{len(part)}\n{part}\n".encode())
    return sha.hexdigest()


def drawing_id(key: str) -> str:
    """The id mermaid draws a diagram under, and the prefix of its inner ids."""
    return f"diagram-{key[:16]}"


def normalise(source: str) -> str:
    """A block's source as a key reads it: the same text with or without a final newline."""
    return source.strip("\n") + "\n"


def diagram_sources(page_html: str) -> list[str]:
    """The source of each mermaid block of a page, in order."""
    return [normalise(html.unescape(m["source"])) for m in BLOCK.finditer(page_html)]


def caption_text(caption_html: str) -> str:
    """A caption as plain text, for an accessible name."""
    return _SPACE.sub(" ", html.unescape(_TAGS.sub("", caption_html))).strip()


def inline_drawings(
    page_html: str,
    drawing: Callable[[str], str | None],
    place: Callable[[str], str] = lambda svg: svg,
) -> tuple[str, int]:
    """The page with every block that ``drawing(source)`` has a drawing for
    replaced by it, and the number of blocks left as they were. ``place``
    gets each drawing, named, and returns what goes in the page for it (the
    drawing itself, or a placeholder for ``put_drawings``)."""
    left = 0

    def replace(match: re.Match[str]) -> str:
        nonlocal left
        svg = drawing(normalise(html.unescape(match["source"])))
        if svg is None:
            left += 1
            return match[0]
        after = _CAPTION.match(page_html, match.end())
        name = caption_text(after["caption"]) if after and after["caption"] else ""
        return f'<div class="{WRAPPER}">{place(named(svg, name))}</div>'

    return BLOCK.sub(replace, page_html), left


PLACEHOLDER = "<!--notes-drawing:{}-->"
_PLACEHOLDER = re.compile(r"<!--notes-drawing:(\d+)-->")


def put_drawings(page_html: str, drawings: Sequence[str]) -> str:
    """The page with each placeholder (``PLACEHOLDER`` of an index into
    ``drawings``) replaced by its drawing."""
    if "<!--notes-drawing:" not in page_html:
        return page_html
    return _PLACEHOLDER.sub(lambda m: drawings[int(m[1])], page_html)


def named(svg: str, name: str) -> str:
    """A drawing as one image named ``name`` (its own title when empty)."""
    if not name:
        title = re.search(r"<title[^>]*>(.*?)</title>", svg, re.S)
        name = caption_text(title[1]) if title else ""
    if not name:
        return svg
    head_end = svg.index(">")
    head = svg[:head_end]
    for attribute in ("role", "aria-label", "aria-labelledby", "aria-roledescription"):
        head = re.sub(rf'\s{attribute}="[^"]*"', "", head)
    return f'{head} role="img" aria-label="{html.escape(name)}"{svg[head_end:]}'


class _Ids(HTMLParser):
    """Collects the ids of every element, in document order."""

    def __init__(self) -> None:
        super().__init__(convert_charrefs=False)
        self.ids: list[str] = []

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        self.ids += [value for name, value in attrs if name == "id" and value]


class _Cleaner(HTMLParser):
    """Writes the markup back as it came, less what runs, with ids renamed."""

    def __init__(self, ids: Mapping[str, str]) -> None:
        super().__init__(convert_charrefs=False)
        self.ids = ids
        self.out: list[str] = []
        self.skipping: list[str] = []
        self.names: dict[str, str] = {}  # lower-case tag -> as written (foreignObject)

    def _tag(self, text: str) -> str:
        def attribute(match: re.Match[str]) -> str:
            name = match[2].lower()
            raw = match[3] or ""
            value = html.unescape(raw.split("=", 1)[1].strip().strip("'\"")) if raw else ""
            if name.startswith("on"):
                return ""
            if name in _URL_ATTRIBUTES and _UNSAFE_URL.match(value):
                return ""
            if name == "id":
                value = self.ids.get(value, value)
            elif name in _ID_LISTS:
                value = " ".join(self.ids.get(part, part) for part in value.split())
            elif name in _URL_ATTRIBUTES or name == "style" or "url(" in value:
                value = self.references(value)
            else:
                return match[0]
            return f'{match[1]}{match[2]}="{html.escape(value)}"'

        opening = re.match(r"<[^\s/>]+", text)
        assert opening is not None
        return opening[0] + _ATTRIBUTE.sub(attribute, text[opening.end() :])

    def references(self, text: str) -> str:
        def rename(match: re.Match[str]) -> str:
            return match[1] + self.ids.get(match[2], match[2])

        return _REFERENCE.sub(rename, text)

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        text = self.get_starttag_text() or ""
        if tag in _VOID:
            self.handle_startendtag(tag, attrs)
            return
        if self.skipping or tag in _DROPPED:
            self.skipping.append(tag)
            return
        self.names[tag] = re.match(r"<([^\s/>]+)", text)[1]  # type: ignore[index]
        self.out.append(self._tag(text))

    def handle_startendtag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        if self.skipping or tag in _DROPPED:
            return
        text = self._tag(self.get_starttag_text() or "")
        self.out.append(text if text.endswith("/>") else f"{text[:-1].rstrip()}/>")

    def handle_endtag(self, tag: str) -> None:
        if tag in _VOID:  # nothing to close; a browser reads </br> as <br>
            if tag == "br" and not self.skipping:
                self.out.append("<br/>")
            return
        if self.skipping:
            if tag == self.skipping[-1]:
                self.skipping.pop()
            return
        if tag in _DROPPED:
            return
        self.out.append(f"</{self.names.get(tag, tag)}>")

    def handle_data(self, data: str) -> None:
        if self.skipping:
            return
        # Style sheets name ids (#diagram-1 .node); text is left as it is.
        self.out.append(self.references(data) if self.lasttag == "style" else data)

    def handle_entityref(self, name: str) -> None:
        if not self.skipping:
            self.out.append(f"&{name};")

    def handle_charref(self, name: str) -> None:
        if not self.skipping:
            self.out.append(f"&#{name};")

    def handle_comment(self, data: str) -> None:
        pass

    def handle_decl(self, decl: str) -> None:
        pass

    def handle_pi(self, data: str) -> None:
        pass


def clean_svg(svg: str, root: str) -> str:
    """What mermaid drew under the id ``root``: without anything that runs,
    every other id renamed ``<root>-1``, ``<root>-2``, ... in order."""
    collector = _Ids()
    collector.feed(svg)
    collector.close()
    ids: dict[str, str] = {root: root}
    for found in collector.ids:
        if found not in ids:
            ids[found] = f"{root}-{len(ids)}"
    cleaner = _Cleaner(ids)
    cleaner.feed(svg)
    cleaner.close()
    return "".join(cleaner.out).strip()


def drawing_problem(svg: str) -> str | None:
    """Why ``svg`` cannot go into a page as a drawing; None when it can: it
    is one well-formed ``<svg>`` element, closed, with nothing around it and
    no document type (no entity of its own to expand)."""
    if not svg.startswith("<svg") or not svg.endswith("</svg>"):
        return "not a whole <svg> element"
    if "<!DOCTYPE" in svg.upper() or "<!ENTITY" in svg.upper():
        return "an SVG with a document type"
    try:
        root = fromstring(_NAMED.sub(_numbered, svg))
    except ParseError as error:
        return f"not well-formed XML ({error})"
    if root.tag not in SVG_TAGS:
        return f"not an <svg> element (its root is <{root.tag}>)"
    return None
