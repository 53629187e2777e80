"""Parse notes once with markdown-it-py and render token ranges back to Markdown.

The notes are GitHub-style Markdown (CommonMark): nested lists indented by two
spaces, lists that start without a blank line, headings indented by a space or
two. Python-Markdown reads the same text differently (it needs four spaces and
blank lines), so the site never feeds it the author's text directly. Instead
the notes are parsed once here, as GitHub would, and each page's share of the
token stream is rendered back to canonical Markdown by mdformat (with the
mdformat-mkdocs plugin, which indents nested lists by four spaces).

Transforms may replace a run of tokens with one ``raw_markdown`` token whose
``content`` is Markdown they produced (a table, a mermaid fence); it is
rendered as is.
"""

from __future__ import annotations

import re
import types
from collections.abc import Iterator, Mapping, MutableMapping, Sequence
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any

from markdown_it.token import Token

from notesite.reading.limits import (
    MAX_NESTING,
    LimitExceeded,
    NotesLimitError,
    check_block_limits,
)

if TYPE_CHECKING:
    from markdown_it import MarkdownIt
    from mdformat.renderer import RenderContext, RenderTreeNode

# mdformat is imported where it is used, not here: a build whose notes come
# from the build cache never writes Markdown, and mdformat's imports (tomllib
# compiles its expressions) are a tenth of such a build.

# mdformat plugins that shape the parse: "mkdocs" renders nested lists with
# four-space indents (what Python-Markdown needs) and "gfm" keeps GitHub's
# tables, strikethrough and autolinks.
MDFORMAT_EXTENSIONS = ("mkdocs", "gfm", "footnote", "frontmatter")
RAW_MARKDOWN = "raw_markdown"
RAW_INLINE = "raw_inline"


def _render_raw(node: RenderTreeNode, context: RenderContext) -> str:
    return node.content.rstrip("\n")


_LISTS = ("bullet_list", "ordered_list")
_TASK_ITEM = re.compile(r"^\[[ xX]\]\s")
# Renderers of list items that other mdformat plugins define (GitHub task
# lists); filled by make_parser.
_OTHER_LIST_ITEM_RENDERERS: dict[str, Any] = {}
# Generated Markdown (tables, diagrams) is a block of its own: blank lines around
# it in a list item, or Python-Markdown reads it as part of the paragraph.
_CODE = ("fence", "code_block", RAW_MARKDOWN)


def _render_list_item(node: RenderTreeNode, context: RenderContext) -> str:
    """A list item whose blocks Python-Markdown reads as CommonMark does.

    In a tight item, mdformat joins blocks with a single newline. Python-Markdown
    then pulls a code fence or paragraph that follows a nested list into that
    list's last item; a blank line keeps it at the item's own level.
    """
    if node.children and node.children[0].type == "paragraph":
        first_text = node.children[0].children[0].content if node.children[0].children else ""
        if _TASK_ITEM.match(first_text) and "task" in _OTHER_LIST_ITEM_RENDERERS:
            return _OTHER_LIST_ITEM_RENDERERS["task"](node, context)
    from mdformat.renderer._util import is_tight_list_item

    tight = is_tight_list_item(node)
    text = ""
    previous: RenderTreeNode | None = None
    for child in node.children:
        out = child.render(context)
        if not out:
            continue
        if text:
            loose_here = not tight or _gap_before(previous.type if previous else None, child.type)
            text += "\n\n" if loose_here else "\n"
        text += out
        previous = child
    return text if text.strip() else ""


# A brace pair that Python-Markdown's attr_list would read as attributes
# ("*x*{: onclick=...}" sets an event handler): its "{" written as an entity.
_ATTR_LIST = re.compile(r"\{(?=[^}\n]*\})")


def _python_markdown_escapes(text: str, node: RenderTreeNode, context: RenderContext) -> str:
    """Python-Markdown does not take `\\<` or `\\&` as escapes; entities say the
    same. Text never becomes attributes (attr_list): its braces are entities.
    Nor a link: Python-Markdown reads "[x](java\tscript:...)" as one where
    CommonMark (and so the sanitiser) saw text."""
    text = text.replace("\\<", "&lt;").replace("\\&", "&amp;").replace("](", "]\\(")
    return _ATTR_LIST.sub("&#123;", text)


# mdformat looks up renderers on "parser extension" objects; this one knows
# the token type that transforms use for Markdown they generated themselves.
_RAW_EXTENSION = types.SimpleNamespace(
    RENDERERS={
        RAW_MARKDOWN: _render_raw,
        RAW_INLINE: _render_raw,
        "list_item": _render_list_item,
    },
    POSTPROCESSORS={"text": _python_markdown_escapes},
    CHANGES_AST=True,
    update_mdit=lambda mdit: None,
    add_cli_options=None,
    add_cli_argument_group=None,
)


@dataclass
class ParsedNotes:
    """The notes of one source file as a flat markdown-it token stream."""

    path: str  # as shown in messages, e.g. "notes/aws-notes.md"
    text: str
    tokens: list[Token]
    env: MutableMapping[str, Any] = field(default_factory=dict)

    @property
    def lines(self) -> list[str]:
        return self.text.splitlines()


@dataclass
class NotesSet:
    """All the notes files of a site, each parsed once, in reading order."""

    files: list[ParsedNotes]

    @property
    def path(self) -> str:
        """The first (main) file, as messages show it."""
        return self.files[0].path if self.files else ""

    @property
    def tokens(self) -> list[Token]:
        return [token for notes in self.files for token in notes.tokens]

    @property
    def env(self) -> dict[str, Any]:
        """Link reference definitions of all files (the first file's win)."""
        references: dict[str, Any] = {}
        for notes in reversed(self.files):
            references.update(notes.env.get("references", {}))
        return {"references": references}


class _CharReferences:
    """mdformat's pattern of character references ("&amp;", "&#10;"), for its
    text renderer, which escapes each one it finds with a template string.
    ``Pattern.sub`` looks a template up in a cache keyed by the pattern, and
    hashing this pattern (every HTML entity name) took a third of rendering
    a paragraph; a function does the same escape without the lookup, and
    text without "&" holds none."""

    def __init__(self, pattern: re.Pattern[str]) -> None:
        self.pattern = pattern

    def sub(self, template: str, text: str, count: int = 0) -> str:
        if "&" not in text:
            return text
        return self.pattern.sub(lambda match: match.expand(template), text, count)


def _quicker_char_references() -> None:
    from mdformat.renderer import _context, _util

    pattern = _util.re_char_reference()
    if getattr(_context, "re_char_reference", None) is _util.re_char_reference:
        _context.re_char_reference = lambda: _CharReferences(pattern)


def make_parser() -> MarkdownIt:
    """A CommonMark (GitHub) parser with the plugins mdformat renders back."""
    from mdformat._util import build_mdit
    from mdformat.renderer import MDRenderer

    _quicker_char_references()

    mdit = build_mdit(MDRenderer, mdformat_opts={}, extensions=MDFORMAT_EXTENSIONS)
    extensions = []
    for extension in mdit.options["parser_extension"]:
        renderers = dict(getattr(extension, "RENDERERS", {}))
        if "list_item" in renderers:
            # Our list_item renderer hands task-list items to this one.
            _OTHER_LIST_ITEM_RENDERERS["task"] = renderers.pop("list_item")
            extension = types.SimpleNamespace(**{**vars(extension), "RENDERERS": renderers})
        extensions.append(extension)
    extensions.append(_RAW_EXTENSION)
    mdit.options["parser_extension"] = extensions
    # Every link target becomes a link token, whatever its scheme, so that
    # reading.sanitise sees it and reports a refused one at its line (markdown-it
    # would silently leave `[x](javascript:...)` as text).
    mdit.validateLink = _any_link
    # What the build reads is bounded (reading/limits.py).
    mdit.options["maxNesting"] = MAX_NESTING
    mdit.core.ruler.before("inline", "notes_limits", check_block_limits)
    return mdit


def _any_link(url: str) -> bool:
    return True


def parse_notes(text: str, path: str, mdit: MarkdownIt | None = None) -> ParsedNotes:
    """Parse the notes text once; the tokens carry 0-based line maps. Raises
    NotesLimitError for notes over the limits of reading/limits.py."""
    mdit = mdit or make_parser()
    env: MutableMapping[str, Any] = {}
    try:
        tokens = mdit.parse(text, env)
    except LimitExceeded as error:
        raise NotesLimitError(f"{path}:{error.line + 1}: {error.text}") from None
    item: Token | None = None
    for token in tokens:
        # Which file a block came from, for messages and relative paths.
        token.meta["source"] = path
        if token.type == "list_item_open":
            item = token
        elif token.type == "inline" and item is not None:
            _keep_task_tick(item, token)
            item = None
        if token.type == "fence" and token.info.strip():
            # GitHub reads only the first word, in any case ("shell script" is
            # shell, "YAML" is yaml); Python-Markdown's fences would not read a
            # line with more words as a fence at all.
            token.info = token.info.split()[0].lower()
    return ParsedNotes(path=path, text=text, tokens=tokens, env=env)


def _keep_task_tick(item: Token, inline: Token) -> None:
    """A task-list item's tick as data on the item (``meta["task"]``), before
    the sanitiser takes the checkbox the task-list plugin wrote as HTML."""
    first = (inline.children or [None])[0]
    if (
        first is not None
        and first.type == "html_inline"
        and "task-list-item-checkbox" in first.content
    ):
        item.meta["task"] = " checked" in first.content


def _gap_before(previous: str | None, block: str) -> bool:
    """Whether _render_list_item puts a blank line between these blocks of a tight item."""
    return previous is not None and (
        (previous in _LISTS and block not in _LISTS) or block in _CODE or previous in _CODE
    )


def _loosen_lists_around_loose_ones(tokens: Sequence[Token]) -> None:
    """Make a tight list loose when one of its items, not the last, ends in a
    loose list or holds a blank line of its own (a heading after a nested
    list, a code block): Python-Markdown would otherwise pull the next item
    into it."""
    opens: list[int] = []  # indices of the open lists
    paragraphs: dict[int, list[Token]] = {}  # list index -> its items' own paragraphs
    previous: dict[int, str | None] = {}  # list index -> its open item's last block
    gapped: dict[int, bool] = {}  # list index -> its open item holds a blank line
    to_loosen: set[int] = set()
    for index, token in enumerate(tokens):
        own = opens and token.level == tokens[opens[-1]].level + 2 and token.nesting >= 0
        if own:
            block = token.type.removesuffix("_open")
            gapped[opens[-1]] = gapped[opens[-1]] or _gap_before(previous[opens[-1]], block)
            previous[opens[-1]] = block
        if token.type == "list_item_open" and opens:
            previous[opens[-1]], gapped[opens[-1]] = None, False
        elif (
            token.type == "list_item_close"
            and opens
            and gapped[opens[-1]]
            and index + 1 < len(tokens)
            and tokens[index + 1].type == "list_item_open"
        ):
            to_loosen.add(opens[-1])
        if token.type in ("bullet_list_open", "ordered_list_open"):
            opens.append(index)
            paragraphs[index] = []
            previous[index], gapped[index] = None, False
        elif (
            token.type == "paragraph_open" and opens and token.level == tokens[opens[-1]].level + 2
        ):
            paragraphs[opens[-1]].append(token)
        elif token.type in ("bullet_list_close", "ordered_list_close") and opens:
            start = opens.pop()
            loose = any(not p.hidden for p in paragraphs[start]) or start in to_loosen
            next_item = (
                index + 2 < len(tokens)
                and tokens[index + 1].type == "list_item_close"
                and tokens[index + 2].type == "list_item_open"
            )
            if loose and next_item and opens:
                to_loosen.add(opens[-1])
    for start in to_loosen:
        for paragraph in paragraphs[start]:
            paragraph.hidden = False
    # Each paragraph's close token follows its inline token; keep the pair alike.
    for index, token in enumerate(tokens):
        if token.type == "paragraph_close" and tokens[index - 2].type == "paragraph_open":
            token.hidden = tokens[index - 2].hidden


def render_markdown(
    tokens: Sequence[Token], env: Mapping[str, Any], mdit: MarkdownIt | None = None
) -> str:
    """Render a balanced run of block tokens back to canonical Markdown."""
    if not tokens:
        return ""
    mdit = mdit or make_parser()
    # Link reference definitions live in env; the renderer writes them out
    # again unless told they are used elsewhere, so give it a copy.
    env_copy: MutableMapping[str, Any] = dict(env)
    env_copy.setdefault("references", {})
    env_copy["used_refs"] = set()
    _loosen_lists_around_loose_ones(tokens)
    from mdformat.renderer import MDRenderer

    return MDRenderer().render(list(tokens), mdit.options, env_copy)


def inline_text(token: Token) -> str:
    """Plain text of an inline token: what a reader sees, without markup (raw HTML too)."""
    return "".join(_plain_parts(token.children or []))


def _plain_parts(children: Sequence[Token]) -> Iterator[str]:
    for child in children:
        if child.type in ("text", "code_inline"):
            yield child.content
        elif child.type in ("softbreak", "hardbreak"):
            yield " "
        elif child.type == "image":
            yield from _plain_parts(child.children or [])
        elif child.children:
            yield from _plain_parts(child.children)


def raw_markdown_token(markdown: str, line_map: list[int] | None) -> Token:
    """A block token that renders as the given Markdown, verbatim."""
    token = Token(RAW_MARKDOWN, "", 0, content=markdown, block=True)
    token.map = line_map
    return token
