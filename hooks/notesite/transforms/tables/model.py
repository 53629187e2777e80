"""Read the options of a comparison and their facts out of parsed lists.

The notes write "one of several options" in three shapes, all recognised
here from the markdown-it syntax tree, never from re-parsed text:

* nested: sibling items whose first line is a short label ("S3 Standard.",
  "Simple:", "**Cross account roles:** …", "Layer 3 (Network) - …") and whose
  sub-bullets are the facts. Items around them that are not options (a
  sentence, a bare label that announces them) stay outside the table;
* grouped: a flat list where short label items ("SSE-S3") head the
  sentences that follow them, or items that open with a bold label
  ("**Master node** …") head the plain items after them;
* sections: sibling headings, each followed by a list of facts (the
  transform reads each item with ``fact_from_item``).

A fact keeps its inline tokens (code, links, emphasis survive into the table
cell), is split into sentences so that each sentence can find its column,
and keeps its deeper sub-bullets and code blocks as children. Blocks that
cannot sit in a table cell are recorded as problems, not dropped.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from itertools import pairwise

from markdown_it.token import Token
from markdown_it.tree import SyntaxTreeNode

from notesite.reading.parse import inline_text
from notesite.transforms.tables.data import Settings

LISTS = ("bullet_list", "ordered_list")
CODE = ("fence", "code_block")

# Where a sentence ends: after . ! ? and before the next word, except after
# the abbreviations that the notes use mid-sentence.
_SENTENCE_END = re.compile(
    r"(?<=[.!?])(?<!\be\.g\.)(?<!\bi\.e\.)(?<!\betc\.)(?<!\bvs\.)(?<!\beg\.)\s+(?=\S)"
)
# What separates a label from the text after it on the item's first line:
# "Simple: A simple …", "Layer 3 (Network) - Source …", "S3 Standard. All …".
_LABEL_END = re.compile(r":(?:\s+|$)|\s+[-–—]\s+|(?<=[.!?])\s+(?=\S)")
_PARENS = re.compile(r"\([^()]*\)")
_TERMINAL = re.compile(r"[.:;!?,]\s*$")
_TRAILING = re.compile(r"[\s.:;,-]+$")


@dataclass
class Piece:
    """One sentence of a fact: its inline tokens and its plain text."""

    children: list[Token]
    text: str


@dataclass
class Fact:
    """One bullet (or the text after a label): sentences, sub-bullets, code."""

    pieces: list[Piece]
    line: int | None
    children: list[Fact] = field(default_factory=list)
    code: list[str] = field(default_factory=list)  # lines of code blocks in the bullet
    problems: list[str] = field(default_factory=list)  # blocks that cannot sit in a cell

    @property
    def text(self) -> str:
        return " ".join(p.text for p in self.pieces)

    def all_text(self) -> str:
        """The fact's text with its sub-bullets', for facets that look deeper."""
        parts = [self.text, *(child.all_text() for child in self.children)]
        return " ".join(part for part in parts if part)

    def all_problems(self) -> list[str]:
        found = list(self.problems)
        for child in self.children:
            found.extend(child.all_problems())
        return found


@dataclass
class Option:
    """A row of a comparison: a label and the facts the notes give for it."""

    label: list[Token]
    label_text: str
    facts: list[Fact]
    line: int | None
    group: list[Token] = field(default_factory=list)  # label of the option it was unfolded from
    problems: list[str] = field(default_factory=list)

    def all_problems(self) -> list[str]:
        found = list(self.problems)
        for fact in self.facts:
            found.extend(fact.all_problems())
        return found


@dataclass
class ListShape:
    """How a list splits into options: items before, the options, items after."""

    kind: str  # "nested" or "grouped"
    options: list[Option]
    first: int  # index of the first item that belongs to the options
    last: int  # index after the last one


# ---------------------------------------------------------------- inline tokens


def plain_text(children: list[Token]) -> str:
    return inline_text(Token("inline", "", 0, children=children)).strip()


def _normalise(children: list[Token]) -> list[Token]:
    """Soft breaks become spaces and neighbouring text tokens merge, so that
    a sentence or label can be found across the notes' wrapped lines."""
    out: list[Token] = []
    depth = 0
    merging = False  # the last token of ``out`` is a text token made here
    for child in children:
        if depth == 0 and child.type in ("text", "softbreak"):
            content = child.content if child.type == "text" else " "
            if merging:
                out[-1].content += content
            else:
                out.append(Token("text", "", 0, content=content))
                merging = True
            continue
        merging = False
        depth += child.nesting
        out.append(child)
    return out


def _strip_edges(children: list[Token]) -> list[Token]:
    """Drop whitespace at both ends (text tokens only) and empty text tokens."""
    out = [Token("text", "", 0, content=c.content) if c.type == "text" else c for c in children]
    if out and out[0].type == "text":
        out[0].content = out[0].content.lstrip()
    if out and out[-1].type == "text":
        out[-1].content = out[-1].content.rstrip()
    return [c for c in out if c.type != "text" or c.content]


def split_first(
    children: list[Token], pattern: re.Pattern[str]
) -> tuple[list[Token], list[Token]] | None:
    """Split at the first match of ``pattern`` in top-level text, dropping the match."""
    depth = 0
    for index, child in enumerate(children):
        if depth == 0 and child.type == "text":
            match = pattern.search(child.content)
            if match:
                before = [
                    *children[:index],
                    Token("text", "", 0, content=child.content[: match.start()]),
                ]
                after = [
                    Token("text", "", 0, content=child.content[match.end() :]),
                    *children[index + 1 :],
                ]
                return _strip_edges(before), _strip_edges(after)
        depth += child.nesting
    return None


def sentences(children: list[Token]) -> list[list[Token]]:
    """The inline tokens cut into sentences (only in top-level text)."""
    result: list[list[Token]] = [[]]
    depth = 0
    for child in _normalise(children):
        if depth == 0 and child.type == "text":
            parts = _SENTENCE_END.split(child.content)
            for number, part in enumerate(parts):
                if number:
                    result.append([])
                if part:
                    result[-1].append(Token("text", "", 0, content=part))
            continue
        depth += child.nesting
        result[-1].append(child)
    pieces: list[list[Token]] = []
    for piece in (_strip_edges(p) for p in result):
        if not piece or not plain_text(piece):
            continue
        if pieces and piece[0].type == "text" and piece[0].content.startswith("("):
            # "(faster the higher the cost)." qualifies the sentence before it.
            pieces[-1] = [*pieces[-1], Token("text", "", 0, content=" "), *piece]
        else:
            pieces.append(piece)
    return pieces


def pieces_of(children: list[Token]) -> list[Piece]:
    return [Piece(piece, plain_text(piece)) for piece in sentences(children)]


def label_words(text: str) -> int:
    """Words of a label, not counting what it says in parentheses."""
    return len(_PARENS.sub(" ", text).split())


def read_label(children: list[Token], settings: Settings) -> tuple[list[Token], list[Token]] | None:
    """A short label at the start of an item, and what follows it.

    A bold opening (``**Cross account roles:** …``) is the label; otherwise the
    first line up to a colon, a spaced dash or the end of its first sentence
    (the lines after it, as in "Simple:" then a description, are the rest).
    None when the first line is a sentence rather than a name.
    """
    later: list[Token] = []
    depth = 0
    for index, child in enumerate(children):
        if depth == 0 and child.type == "softbreak":
            children, later = children[:index], children[index + 1 :]
            break
        depth += child.nesting
    children = _normalise(children)
    # Bold label: the item opens with strong text.
    lead = [c for c in children if not (c.type == "text" and not c.content.strip())]
    if lead and lead[0].type == "strong_open":
        start = children.index(lead[0])
        depth, end = 0, start
        for end in range(start, len(children)):
            depth += children[end].nesting
            if depth == 0:
                break
        label = _strip_edges(children[start + 1 : end])
        rest = _strip_edges(children[end + 1 :])
        if rest and rest[0].type == "text":
            rest[0].content = re.sub(r"^\s*(?::|[-–—])\s*", "", rest[0].content)
            rest = _strip_edges(rest)
    else:
        split = split_first(children, _LABEL_END)
        label, rest = split if split else (children, [])
    if later:
        rest = [*rest, Token("text", "", 0, content=" "), *later] if rest else later
    label = _trim_label(label)
    text = plain_text(label)
    if not text or label_words(text) > settings.max_label_words:
        return None
    return label, rest


def _trim_label(label: list[Token]) -> list[Token]:
    label = _strip_edges(label)
    if label and label[-1].type == "text":
        label[-1] = Token("text", "", 0, content=_TRAILING.sub("", label[-1].content))
    return _strip_edges(label)


# ---------------------------------------------------------------- blocks


def _paragraph_children(node: SyntaxTreeNode) -> list[Token]:
    inline = node.children[0].token if node.children else None
    return list(inline.children or []) if inline is not None else []


def _code_lines(node: SyntaxTreeNode) -> list[str]:
    return [line for line in node.content.splitlines() if line.strip()]


def _problem(node: SyntaxTreeNode) -> str:
    line = f" (line {node.map[0] + 1})" if node.map else ""
    return f"a {node.type.replace('_', ' ')}{line} cannot go in a table cell"


def _image_problem(block: SyntaxTreeNode) -> str | None:
    """Images stay in lists: the image check (which runs later) sees only lists."""
    for child in _paragraph_children(block):
        if child.type == "image":
            line = f" (line {block.map[0] + 1})" if block.map else ""
            return f"an image{line} cannot go in a table cell"
    return None


def fact_from_item(item: SyntaxTreeNode) -> Fact:
    """A list item as a fact: its text, deeper bullets as children, code kept."""
    fact = Fact([], item.map[0] if item.map else None)
    for block in item.children:
        if block.type == "paragraph":
            problem = _image_problem(block)
            if problem:
                fact.problems.append(problem)
            fact.pieces.extend(pieces_of(_paragraph_children(block)))
        elif block.type in LISTS:
            fact.children.extend(fact_from_item(sub) for sub in block.children)
        elif block.type in CODE:
            fact.code.extend(_code_lines(block))
        else:
            fact.problems.append(_problem(block))
    return fact


def facts_from_blocks(blocks: list[SyntaxTreeNode]) -> tuple[list[Fact], list[str]]:
    """Facts from an option's blocks after its label: list items, paragraphs, code."""
    facts: list[Fact] = []
    problems: list[str] = []
    for block in blocks:
        line = block.map[0] if block.map else None
        if block.type in LISTS:
            facts.extend(fact_from_item(item) for item in block.children)
        elif block.type == "paragraph":
            facts.append(Fact(pieces_of(_paragraph_children(block)), line))
            problem = _image_problem(block)
            if problem:
                problems.append(problem)
        elif block.type in CODE:
            facts.append(Fact([], line, code=_code_lines(block)))
        elif block.type == "html_block" and is_marker(block.content):
            continue
        else:
            problems.append(_problem(block))
    return facts, problems


def item_label(item: SyntaxTreeNode, settings: Settings) -> tuple[list[Token], list[Token]] | None:
    """The label of an item and the text after it on its first paragraph."""
    if not item.children or item.children[0].type != "paragraph":
        return None
    return read_label(_paragraph_children(item.children[0]), settings)


def option_from_item(item: SyntaxTreeNode, settings: Settings) -> Option | None:
    """A nested-shape option: a labelled item; None if the item has no label."""
    read = item_label(item, settings)
    if read is None:
        return None
    label, rest = read
    line = item.map[0] if item.map else None
    facts = [Fact(pieces_of(rest), line)] if rest and plain_text(rest) else []
    more, problems = facts_from_blocks(list(item.children[1:]))
    first = _image_problem(item.children[0])
    return Option(
        label,
        plain_text(label),
        facts + more,
        line,
        problems=[*([first] if first else []), *problems],
    )


def nested_shape(node: SyntaxTreeNode, settings: Settings) -> ListShape | None:
    """The longest run of labelled items with facts (at least ``min_options``).

    An item that is not labelled, or a label with nothing under it ("Record
    types:" before the options, "A IPV4" among names), ends a run.
    """
    options = [option_from_item(item, settings) for item in node.children]
    best: tuple[int, int] | None = None
    start = 0
    while start < len(options):
        end = start
        while end < len(options) and options[end] is not None and options[end].facts:  # type: ignore[union-attr]
            end += 1
        if end - start >= settings.min_options and (
            best is None or end - start > best[1] - best[0]
        ):
            best = (start, end)
        start = end + 1
    if best is None:
        return None
    chosen = [o for o in options[best[0] : best[1]] if o is not None]
    inline_only = all(len(item.children) == 1 for item in node.children[best[0] : best[1]])
    if inline_only and (best[0], best[1]) != (0, len(options)):
        # "NS - used to …" amid "A IPV4", "MX": one-line definitions make a
        # table only when the whole list is made of them.
        return None
    if (
        best[0] > 0
        and best[1] - best[0] < 3
        and not _introduces(node.children[best[0] - 1], options[best[0] - 1], settings)
    ):
        # Two labelled bullets amid sentences are two remarks, unless a
        # bullet before them announces them ("Read/write capacity modes.").
        return None
    return ListShape("nested", chosen, best[0], best[1])


def _introduces(item: SyntaxTreeNode, option: Option | None, settings: Settings) -> bool:
    """A bullet that announces the options after it: a short bare label, or "…:"."""
    if len(item.children) != 1:
        return False
    if (
        option is not None
        and not option.facts
        and label_words(option.label_text) <= settings.max_head_words
    ):
        return True
    return item_label_text(item).rstrip().endswith(":")


def _is_head(item: SyntaxTreeNode, settings: Settings) -> bool:
    """A bare label ("SSE-S3") or an item that opens with a bold label."""
    if len(item.children) != 1 or item.children[0].type != "paragraph":
        return False
    children = [
        c
        for c in _paragraph_children(item.children[0])
        if c.type != "softbreak" and not (c.type == "text" and not c.content.strip())
    ]
    if children and children[0].type == "strong_open":
        return True
    text = plain_text(children)
    return (
        bool(text) and label_words(text) <= settings.max_head_words and not _TERMINAL.search(text)
    )


def grouped_shape(node: SyntaxTreeNode, settings: Settings) -> ListShape | None:
    """Heads, each followed by the fact items that belong to it."""
    items = list(node.children)
    heads = [index for index, item in enumerate(items) if _is_head(item, settings)]
    if len(heads) < settings.min_options or heads[0] != 0:
        return None
    bounds = [*heads, len(items)]
    options: list[Option] = []
    for start, end in pairwise(bounds):
        if not _bold_lead(items[start]) and not all(
            _sentence_like(item, settings) for item in items[start + 1 : end]
        ):
            return None  # bare labels head sentences; short phrases are peers
        if end - start < 2 and not _has_text_after_label(items[start], settings):
            return None  # a head with nothing under it: a plain list of names
        head = items[start]
        read = read_label(_paragraph_children(head.children[0]), settings)
        if read is None:
            return None
        label, rest = read
        line = head.map[0] if head.map else None
        facts = [Fact(pieces_of(rest), line)] if rest and plain_text(rest) else []
        facts.extend(fact_from_item(item) for item in items[start + 1 : end])
        options.append(Option(label, plain_text(label), facts, line))
    return ListShape("grouped", options, 0, len(items))


def _bold_lead(item: SyntaxTreeNode) -> bool:
    children = [
        c for c in _paragraph_children(item.children[0]) if c.type != "text" or c.content.strip()
    ]
    return bool(children) and children[0].type == "strong_open"


def _sentence_like(item: SyntaxTreeNode, settings: Settings) -> bool:
    text = item_label_text(item)
    return bool(_TERMINAL.search(text)) or label_words(text) > settings.max_label_words


def _has_text_after_label(item: SyntaxTreeNode, settings: Settings) -> bool:
    read = read_label(_paragraph_children(item.children[0]), settings)
    return bool(read and plain_text(read[1]))


def list_shape(node: SyntaxTreeNode, settings: Settings) -> ListShape | None:
    """Grouped first (its heads are the more specific sign), then nested."""
    return grouped_shape(node, settings) or nested_shape(node, settings)


def item_label_text(item: SyntaxTreeNode) -> str:
    """The first line of an item, as plain text (for a comparison's context)."""
    if item.children and item.children[0].type == "paragraph":
        return plain_text(_paragraph_children(item.children[0]))
    return ""


_MARKER = re.compile(r"^\s*<!--\s*(no-table|table)\s*-->\s*$")


def is_marker(html: str) -> str | None:
    """ "table" or "no-table" for the author's marker comment, else None."""
    match = _MARKER.match(html)
    return match.group(1) if match else None
