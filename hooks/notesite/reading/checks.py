"""Checks of the notes' Markdown that the author may want to fix.

Looks at the parsed tokens of each notes file (never re-parsing strings) for:

- links written backwards, ``(text)[https://…]``: shown as the author wrote
  them, with a suggestion to swap the brackets;
- code fences that are never closed, which swallow the rest of the notes;
- links to a heading (``#anchor``) that no heading of the notes has, and
  links to another notes file (``other.md``, ``other.md#anchor``) that is not
  one of the notes or has no such heading. A fix is suggested only when it is
  close: a heading of the same target file, or a notes file of a close name.

Each finding is a ``Finding`` (file, 1-based line, message, suggestion,
severity). "warning" findings are what the build reports as warnings (so
``--strict`` fails on them); "suggestion" findings only show in ``lint``
and as INFO in the build, because the page still reads as the author meant.
"""

from __future__ import annotations

import posixpath
import re
import unicodedata
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from urllib.parse import unquote, urlsplit

from markdown_it.token import Token

from notesite.reading.parse import NotesSet, ParsedNotes, inline_text

_BACKWARDS_LINK = re.compile(r"\(([^()\[\]]+)\)\[((?:https?://|/|\.{0,2}/|#)[^\]\s]*)[\])]")


@dataclass(frozen=True)
class Finding:
    path: str
    line: int  # 1-based
    message: str
    suggestion: str = ""
    severity: str = "warning"  # "warning" or "suggestion"

    def __str__(self) -> str:
        fix = f" Suggested fix: {self.suggestion}" if self.suggestion else ""
        return f"{self.path}:{self.line}: {self.message}.{fix}"


def _inline_lines(token: Token) -> Iterator[tuple[int, Token]]:
    """Each child of an inline token with the 0-based line it is on."""
    line = token.map[0] if token.map else 0
    for child in token.children or []:
        if child.type in ("softbreak", "hardbreak"):
            line += 1
        yield line, child


def backwards_links(notes: ParsedNotes) -> list[Finding]:
    findings = []
    for token in notes.tokens:
        if token.type != "inline":
            continue
        for line, child in _inline_lines(token):
            if child.type != "text":
                continue
            for match in _BACKWARDS_LINK.finditer(child.content):
                text, url = match.groups()
                findings.append(
                    Finding(
                        notes.path,
                        line + 1,
                        f"link written backwards: ({text})[{url}]",
                        f"write [{text}]({url})",
                        "suggestion",
                    )
                )
    return findings


def remote_image_message(src: str) -> str:
    """What ``remote_images`` says of the picture at ``src``."""
    return f"image {src} is loaded from the network, so offline readers do not see it"


def remote_images(notes: ParsedNotes) -> list[Finding]:
    """Images from another host: the page would load them from the network,
    and offline readers would not see them."""
    findings = []
    for token in notes.tokens:
        if token.type != "inline":
            continue
        for line, child in _inline_lines(token):
            src = child.attrGet("src") if child.type == "image" else None
            if src and re.match(r"^(https?:)?//", src):
                findings.append(
                    Finding(
                        notes.path,
                        line + 1,
                        remote_image_message(src),
                        "save the image beside the notes and link it by a relative path",
                        "suggestion",
                    )
                )
    return findings


def unclosed_fences(notes: ParsedNotes) -> list[Finding]:
    """Fences whose closing line never comes: they run to the end of their container."""
    findings = []
    lines = notes.lines
    for token in notes.tokens:
        if token.type != "fence" or not token.map:
            continue
        last = lines[token.map[1] - 1].strip() if token.map[1] - 1 < len(lines) else ""
        marker = token.markup[0]
        closes = (
            token.map[1] - token.map[0] >= 2
            and set(last) == {marker}
            and len(last) >= len(token.markup)
        )
        if not closes:
            findings.append(
                Finding(
                    notes.path,
                    token.map[0] + 1,
                    f"code fence {token.markup} is never closed; everything after it "
                    f"(to line {token.map[1]}) is shown as code",
                    f"add a line with {token.markup} where the code ends",
                )
            )
    return findings


_FOOTNOTE_DEFINITION = re.compile(r"^ {0,3}\[\^([^\]\s]+)\]:")


def unreferenced_footnotes(notes: ParsedNotes) -> list[Finding]:
    """Footnote definitions no reference uses: Markdown shows them nowhere."""
    listed = (notes.env.get("footnotes") or {}).get("list") or {}
    used = {str(item.get("label")) for item in listed.values()}
    in_code = {
        line
        for token in notes.tokens
        if token.type in ("fence", "code_block") and token.map
        for line in range(token.map[0], token.map[1])
    }
    findings = []
    for number, line in enumerate(notes.lines, start=1):
        match = _FOOTNOTE_DEFINITION.match(line)
        if match and match.group(1) not in used and number - 1 not in in_code:
            findings.append(
                Finding(
                    notes.path,
                    number,
                    f"footnote [^{match.group(1)}] is defined but never referenced, "
                    f"so no page can show it",
                    f"add [^{match.group(1)}] where it belongs, or remove the definition",
                )
            )
    return findings


def github_anchor(text: str) -> str:
    """The id GitHub gives a heading: lower case, punctuation dropped, spaces to hyphens."""
    text = unicodedata.normalize("NFKC", text).strip().lower()
    text = re.sub(r"[^\w\- ]", "", text)
    return text.replace(" ", "-")


def heading_anchors(notes: ParsedNotes) -> dict[str, int]:
    """GitHub anchors of a file's headings (duplicates numbered) -> 0-based line."""
    anchors: dict[str, int] = {}
    seen: dict[str, int] = {}
    for index, token in enumerate(notes.tokens):
        if token.type != "heading_open":
            continue
        base = github_anchor(inline_text(notes.tokens[index + 1]))
        count = seen.get(base, 0)
        seen[base] = count + 1
        anchors[base if count == 0 else f"{base}-{count}"] = token.map[0] if token.map else 0
    return anchors


def broken_heading_links(notes: ParsedNotes) -> list[Finding]:
    anchors = heading_anchors(notes)
    findings = []
    for token in notes.tokens:
        if token.type != "inline":
            continue
        for line, child in _inline_lines(token):
            href = child.attrGet("href") if child.type == "link_open" else None
            if href and href.startswith("#") and href[1:] and href[1:] not in anchors:
                findings.append(_missing_heading(notes.path, line, href[1:], notes.path, anchors))
    return findings


def _missing_heading(
    path: str, line: int, anchor: str, target: str, anchors: Iterable[str]
) -> Finding:
    close = closest(anchor, anchors)
    where = "" if target == path else posixpath.relpath(target, posixpath.dirname(path) or ".")
    return Finding(
        path,
        line + 1,
        f"link to heading {where}#{anchor}, which no heading of {target} has",
        f"link to {where}#{close}"
        if close
        else "link to a heading the file has, or remove the link",
    )


def linked_file(href: str, source: str) -> tuple[str, str] | None:
    """(notes path, anchor) a relative link to a ``.md`` file names, resolved
    against the file it is in; None for any other link."""
    parts = urlsplit(href)
    if parts.scheme or parts.netloc or not parts.path.endswith(".md"):
        return None
    path = posixpath.normpath(posixpath.join(posixpath.dirname(source), unquote(parts.path)))
    return path, unquote(parts.fragment)


def broken_file_links(notes: NotesSet) -> list[Finding]:
    """Links to a notes file that is not one of the notes, or to a heading it lacks."""
    anchors = {parsed.path: heading_anchors(parsed) for parsed in notes.files}
    findings = []
    for parsed in notes.files:
        for token in parsed.tokens:
            if token.type != "inline":
                continue
            for line, child in _inline_lines(token):
                href = child.attrGet("href") if child.type == "link_open" else None
                target = linked_file(href, parsed.path) if href else None
                if target is None:
                    continue
                path, anchor = target
                if path not in anchors:
                    close = closest(path, anchors)
                    here = posixpath.dirname(parsed.path) or "."
                    findings.append(
                        Finding(
                            parsed.path,
                            line + 1,
                            f"link to {href}, which is not one of the notes files (missing, "
                            "or left out by extra.notes.exclude); it is shown as text",
                            f"link to {posixpath.relpath(close, here)}"
                            if close
                            else "add the file or remove the link",
                        )
                    )
                elif anchor and anchor not in anchors[path]:
                    findings.append(
                        _missing_heading(parsed.path, line, anchor, path, anchors[path])
                    )
    return findings


def closest(name: str, candidates: Iterable[str]) -> str:
    """The candidate a mistyped ``name`` probably meant, or "" when none is close
    (a few letters apart): a far one would mislead more than help."""
    best = min(candidates, key=lambda c: _distance(c, name), default="")
    return best if best and _distance(best, name) <= max(1, len(name) // 4) else ""


def _distance(a: str, b: str) -> int:
    """Edit distance, to suggest the heading a broken link probably meant."""
    previous = list(range(len(b) + 1))
    for i, ca in enumerate(a, 1):
        current = [i]
        for j, cb in enumerate(b, 1):
            current.append(min(previous[j] + 1, current[j - 1] + 1, previous[j - 1] + (ca != cb)))
        previous = current
    return previous[-1]


def check_notes(notes: NotesSet) -> list[Finding]:
    """Every finding of every file, in file and line order."""
    findings = [
        finding
        for parsed in notes.files
        for check in (
            backwards_links,
            remote_images,
            unclosed_fences,
            broken_heading_links,
            unreferenced_footnotes,
        )
        for finding in check(parsed)
    ]
    findings += broken_file_links(notes)
    return sorted(findings, key=lambda f: ([p.path for p in notes.files].index(f.path), f.line))
