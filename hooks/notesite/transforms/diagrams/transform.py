"""Transform: turn step and component lists that describe a flow into mermaid diagrams.

Looks at every list of a page (outermost first) for a flow, using the actors
and rules of docs/_data/actors.yml and flows.yml (see diagrams_build for the
four kinds):

* an item whose steps are linked by arrows ("A -> B -> C") is a chain;
* an item with a fan-out cue ("Topic for SQS fanout") and sub-items is a
  fan-out flowchart;
* a list of steps that pass messages between actors is a sequence diagram;
* a list of components, or one that a cue introduces ("Example:", or a lead
  item saying "Usecase:"), is a flowchart; a list under an "Example:"
  paragraph continues after a code block that interrupts it;
* a list about moving between members of a group (storage classes) is drawn
  from the list elsewhere on the page that names the members.

A list that holds none is looked into: its items' sub-lists are tried in turn.

Each diagram is a mermaid fence in a figure, placed just before its list (a
chain: just after its own text), and the list stays as written, so no fact
is lost and the text stays searchable (the figure itself is kept out of the
search index). A list that gets a figure inside one of its items is made
loose, the one form in which Python-Markdown keeps its nesting.

A missing picture (``/pic/sns.png``) is replaced by the nearest diagram of
its section after it (or else before it), its alt text and title becoming
the caption; a missing picture in a list item with no diagram near it gets
one from the items that follow it, when they make one. The picture is then
no longer reported by check_images, which runs after this transform.

A list that is a flow but cannot be drawn (an arrow with nothing on one side,
too many actors) stays a list, with a warning naming its line.
"""

from __future__ import annotations

import logging
import re
from collections.abc import Callable
from dataclasses import dataclass, field
from functools import partial

from markdown_it.token import Token

from notesite.output.page import escape_markdown
from notesite.reading.parse import raw_markdown_token
from notesite.transforms.context import PageContext, block_end
from notesite.transforms.diagrams.data import DiagramRules, TransitionRule, load_rules
from notesite.transforms.diagrams.mermaid import check_mermaid, render_mermaid
from notesite.transforms.diagrams.model import (
    CannotDraw,
    Diagram,
    Step,
    build_chain,
    build_flowchart,
    build_sequence,
    build_transitions,
    group_members,
    is_wide,
    node_count,
)
from notesite.transforms.diagrams.text import find_phrase
from notesite.transforms.images.transform import missing_image

log = logging.getLogger("mkdocs.hooks.flow_diagrams")

_LISTS = ("bullet_list_open", "ordered_list_open")
_CODE = ("fence", "code_block")
_OPENING = re.compile(r"\W*\w[\w'-]*(?:\W+\w[\w'-]*)?")


# -- the page's lists, as found in its tokens -----------------------------------


@dataclass
class Item:
    open: int  # token index of list_item_open
    text: str  # the item's own first paragraph, as plain text
    line: int | None
    inline: int | None  # token index of that paragraph's inline token
    para_close: int | None  # token index of its paragraph_close
    has_code_arrows: bool = False
    sublists: list[ListBlock] = field(default_factory=list)


@dataclass
class ListBlock:
    open: int
    end: int  # index just past the list's close token
    items: list[Item] = field(default_factory=list)

    def walk(self) -> list[Item]:
        """Every item, sub-items included, in document order."""
        found: list[Item] = []
        for item in self.items:
            found.append(item)
            for sub in item.sublists:
                found.extend(sub.walk())
        return found


@dataclass
class Section:
    """A heading's own blocks: (start, end) of each top-level block up to the next heading."""

    blocks: list[tuple[int, int]] = field(default_factory=list)


@dataclass
class Picture:
    """A missing local image: the figure of a flow that was never drawn."""

    inline: int
    child: int
    line: int | None
    caption: str
    section: int


@dataclass
class Flow:
    diagram: Diagram
    anchor: int  # token index the figure is inserted at when no picture takes it
    span: tuple[int, int]  # token range the flow was read from
    line: int | None
    section: int
    picture: Picture | None = None


def _own_text(inline: Token) -> tuple[str, bool]:
    """Plain text of an inline token without its images; and whether code spans hold arrows."""
    parts, code_arrows = [], False
    for child in inline.children or []:
        if child.type == "image":
            continue
        if child.type in ("softbreak", "hardbreak"):
            parts.append(" ")
        elif child.type == "code_inline":
            parts.append(child.content)
            code_arrows = code_arrows or "->" in child.content or "<-" in child.content
        elif child.type in ("text", "html_inline"):
            parts.append(child.content)
    return "".join(parts), code_arrows


def _parse_list(tokens: list[Token], start: int) -> ListBlock:
    block = ListBlock(start, block_end(tokens, start))
    index = start + 1
    while index < block.end - 1:
        item_end = block_end(tokens, index)
        line_map = tokens[index].map
        item = Item(index, "", line_map[0] if line_map else None, None, None)
        child = index + 1
        first = True
        while child < item_end - 1:
            child_end = block_end(tokens, child)
            kind = tokens[child].type
            if first and kind == "paragraph_open":
                inline = tokens[child + 1]
                item.inline, item.para_close = child + 1, child_end - 1
                item.text, item.has_code_arrows = _own_text(inline)
            elif kind in _LISTS:
                item.sublists.append(_parse_list(tokens, child))
            first = False
            child = child_end
        block.items.append(item)
        index = item_end
    return block


def _sections(tokens: list[Token]) -> list[Section]:
    sections = [Section()]
    index = 0
    while index < len(tokens):
        end = block_end(tokens, index)
        if tokens[index].type == "heading_open":
            sections.append(Section())
        else:
            sections[-1].blocks.append((index, end))
        index = end
    return sections


def _introduces(text: str, cues: tuple[str, ...]) -> bool:
    """True when a lead opens with a cue ("Example:", "Usecase:", "Flow:").

    Only its first two words count: "In above example, ..." is a sentence
    about something else, not a lead.
    """
    opening = _OPENING.match(text)
    return opening is not None and find_phrase(opening.group(0), cues) is not None


def _steps(lists: list[ListBlock], skip: set[int]) -> list[Step]:
    """The items of lists as steps, sub-items after their parent, skipped items left out."""
    steps: list[Step] = []

    def add(block: ListBlock, depth: int, parent: int | None) -> None:
        for item in block.items:
            if item.open in skip:
                continue
            steps.append(Step(item.text, item.line, depth, parent, bool(item.sublists)))
            own = len(steps) - 1
            for sub in item.sublists:
                add(sub, depth + 1, own)

    for block in lists:
        add(block, 0, None)
    return steps


def _first_line(steps: list[Step]) -> int | None:
    return next((s.line for s in steps if s.line is not None), None)


# -- finding the flows -------------------------------------------------------------


class _Finder:
    """Finds the flows of one page; collects them and the warnings."""

    def __init__(self, tokens: list[Token], rules: DiagramRules, context: PageContext) -> None:
        self.tokens = tokens
        self.rules = rules
        self.context = context
        self.flows: list[Flow] = []
        self.used: set[int] = set()  # items (list_item_open index) already drawn

    def _try(
        self, kind: str, line: int | None, make: Callable[[], Diagram | None]
    ) -> Diagram | None:
        """The diagram ``make`` builds; a flow it cannot draw is reported and stays a list."""
        try:
            return make()
        except CannotDraw as reason:
            self.context.warn(
                line, f"this {kind} is not drawn as a diagram ({reason}); it stays a list."
            )
            return None

    def _add(
        self, diagram: Diagram, anchor: int, span: tuple[int, int], line: int | None, section: int
    ) -> None:
        self.flows.append(Flow(diagram, anchor, span, line, section))

    def chains(self, block: ListBlock, section: int) -> None:
        for item in block.walk():
            if item.inline is None or item.has_code_arrows or item.para_close is None:
                continue
            chart = self._try(
                "chain of arrows", item.line, partial(build_chain, item.text, self.rules)
            )
            if chart is not None:
                self._add(
                    chart, item.para_close + 1, (item.open, item.para_close + 1), item.line, section
                )
                self.used.add(item.open)

    def fanouts(self, block: ListBlock, section: int) -> None:
        cues = self.rules.flowchart.fanout.cues
        for item in block.walk():
            if item.open in self.used or not item.sublists or find_phrase(item.text, cues) is None:
                continue
            steps = _steps(item.sublists, self.used)
            line = _first_line(steps)
            chart = self._try(
                "fan-out", line, partial(build_flowchart, steps, self.rules, cued=True, fanout=True)
            )
            if chart is not None:
                first = item.sublists[0]
                self._add(chart, first.open, (first.open, item.sublists[-1].end), line, section)
                # The item introduces the fan-out: its words are the fan-out's, not its list's.
                self.used.add(item.open)
                self.used.update(i.open for sub in item.sublists for i in sub.walk())

    def lists(
        self, blocks: list[ListBlock], lead: str, section: int, pictured: bool = False
    ) -> None:
        """Outermost first: the lists (one region) as a flow, else each item's sub-lists.

        ``lead`` is what introduces the lists (the paragraph before them, or
        the item they hang under); ``pictured``: a missing picture of a flow
        comes right before them. Either must say "steps" for a sequence: a
        list of kinds ("Types of IDF:") also names actors in every item.
        """
        items = [i for b in blocks for i in b.items if i.open not in self.used]
        if not items:
            return
        if len(blocks) == 1 and len(items) == 1 and items[0].sublists:
            # One item holding a list: it introduces the list ("workflow as below").
            self.lists(items[0].sublists, items[0].text, section)
            return
        steps = _steps(blocks, self.used)
        line = _first_line(steps)
        span = (blocks[0].open, blocks[-1].end)
        diagram: Diagram | None = None
        if pictured or find_phrase(lead, self.rules.sequence.cues):
            diagram = self._try("list of steps", line, partial(build_sequence, steps, self.rules))
        if diagram is None:
            cues = self.rules.flowchart.cues
            cued = _introduces(lead, cues) or any(
                _introduces(i.text, cues)
                for b in blocks
                for i in b.walk()
                if i.sublists and i.open not in self.used
            )
            diagram = self._try(
                "list of components", line, partial(build_flowchart, steps, self.rules, cued=cued)
            )
        if diagram is not None:
            self._add(diagram, blocks[0].open, span, line, section)
            self.used.update(i.open for b in blocks for i in b.walk())
            return
        for item in items:
            if item.sublists:
                self.lists(item.sublists, item.text, section)

    def transitions(
        self, all_lists: list[tuple[ListBlock, int]], notes_tokens: list[Token]
    ) -> None:
        """Lists about one-way moves between a group's members (storage classes).

        The members come from the list of the notes that names them, looked
        for in the whole notes as parsed: on this page, an earlier transform
        may have turned that list into a table already.
        """
        for rule in self.rules.transitions:
            members: list[tuple[str, str]] | None = None
            for block, section in all_lists:
                if any(i.open in self.used for i in block.walk()):
                    continue
                steps = _steps([block], set())
                if not any(find_phrase(step.text, rule.cues) for step in steps):
                    continue
                if group_members(steps, self.rules, rule):
                    continue  # the list that names the members, not one that moves between them
                if members is None:
                    members = self.context.cached(
                        f"diagrams.members.{rule.group}",
                        partial(_group_members, notes_tokens, self.rules, rule),
                    )
                chart = build_transitions(steps, members, self.rules, rule)
                if chart is not None:
                    self._add(
                        chart, block.open, (block.open, block.end), _first_line(steps), section
                    )
                    self.used.update(i.open for i in block.walk())


def _group_members(
    tokens: list[Token], rules: DiagramRules, rule: TransitionRule
) -> list[tuple[str, str]]:
    """The members of a group, from the first list whose items are named after them."""
    index = 0
    while index < len(tokens):
        if tokens[index].type in _LISTS:
            block = _parse_list(tokens, index)
            for candidate in [block, *(s for i in block.walk() for s in i.sublists)]:
                members = group_members(_steps([candidate], set()), rules, rule)
                if members:
                    return members
            index = block.end
        else:
            index += 1
    return []


def _pictures(tokens: list[Token], sections: list[Section], context: PageContext) -> list[Picture]:
    notes_file = context.root / context.notes_path
    section_of: dict[int, int] = {}
    for number, section in enumerate(sections):
        for start, end in section.blocks:
            for index in range(start, end):
                section_of[index] = number
    found = []
    for index, token in enumerate(tokens):
        if token.type != "inline" or not token.children:
            continue
        for child_index, child in enumerate(token.children):
            if (
                child.type != "image"
                or missing_image(str(child.attrGet("src") or ""), notes_file) is None
            ):
                continue
            line = None
            if token.map:
                breaks = sum(
                    c.type in ("softbreak", "hardbreak") for c in token.children[:child_index]
                )
                line = token.map[0] + breaks
            found.append(
                Picture(index, child_index, line, _caption(child), section_of.get(index, 0))
            )
    return found


def _caption(image: Token) -> str:
    """The picture's alt text, and its title when it says more (as check_images words it)."""
    alt = "".join(child.content for child in image.children or []).strip()
    title = str(image.attrGet("title") or "").strip()
    if alt and title and title != alt:
        return f"{alt} — {title}"
    return alt or title


def _match_pictures(finder: _Finder, pictures: list[Picture], sections: list[Section]) -> None:
    """Give each missing picture the nearest flow of its section, or one of its own."""
    for picture in pictures:
        free = [f for f in finder.flows if f.section == picture.section and f.picture is None]
        after = [
            f for f in free if f.span[0] <= picture.inline < f.span[1] or f.span[0] > picture.inline
        ]
        before = [f for f in free if f.span[1] <= picture.inline]
        flow = min(after, key=lambda f: f.span[0], default=None) or max(
            before, key=lambda f: f.span[1], default=None
        )
        if flow is None:
            flow = _flow_after_picture(finder, picture, sections)
        if flow is not None:
            flow.picture = picture


def _flow_after_picture(finder: _Finder, picture: Picture, sections: list[Section]) -> Flow | None:
    """The items that follow a picture in its list ("Architecture" + image, then the parts)."""
    for start, end in sections[picture.section].blocks:
        if not start <= picture.inline < end or finder.tokens[start].type not in _LISTS:
            continue
        block = _parse_list(finder.tokens, start)
        for holder in [block, *(s for i in block.walk() for s in i.sublists)]:
            for position, item in enumerate(holder.items):
                if item.inline != picture.inline:
                    continue
                following = ListBlock(holder.open, holder.end, holder.items[position:])
                steps = _steps([following], finder.used)
                line = _first_line(steps)
                chart = finder._try(
                    "list after a missing picture",
                    line,
                    partial(build_flowchart, steps, finder.rules, cued=True),
                )
                if chart is None:
                    return None
                flow = Flow(
                    chart, item.open, (item.open, holder.end), picture.line, picture.section
                )
                finder.flows.append(flow)
                return flow
    return None


# -- writing the diagrams into the page ------------------------------------------


def figure_markdown(source: str, caption: str, kind: str, wide: bool) -> str:
    """A mermaid fence in a figure with its caption (pymdownx.blocks.caption).

    The figure is left out of the search index: its mermaid source would
    only repeat the list beside it, between words like "participant".
    """
    classes = f"notes-diagram notes-diagram--{kind}" + (" notes-diagram--wide" if wide else "")
    return (
        f"```mermaid\n{source}```\n/// caption\n"
        f'    attrs: {{class: {classes}, data-search-exclude: ""}}\n'
        f"{escape_markdown(caption)}\n///\n"
    )


def _drop_picture(tokens: list[Token], picture: Picture) -> bool:
    """Take the picture out of its paragraph; True when nothing else was in it."""
    inline = tokens[picture.inline]
    children = list(inline.children or [])
    del children[picture.child]
    # The line break that led to the picture goes with it.
    if picture.child > 0 and children[picture.child - 1].type in ("softbreak", "hardbreak"):
        del children[picture.child - 1]
    elif picture.child < len(children) and children[picture.child].type in (
        "softbreak",
        "hardbreak",
    ):
        del children[picture.child]
    inline.children = children
    empty = not any(c.content.strip() for c in children if c.type not in ("softbreak", "hardbreak"))
    return empty and all(c.type in ("text", "softbreak", "hardbreak") for c in children)


def _lead(tokens: list[Token], blocks: list[tuple[int, int]], position: int) -> str:
    """The paragraph right before a block, which may introduce it ("Example:")."""
    if position and tokens[blocks[position - 1][0]].type == "paragraph_open":
        return _own_text(tokens[blocks[position - 1][0] + 1])[0]
    return ""


def _region(
    tokens: list[Token], blocks: list[tuple[int, int]], lists: dict[int, ListBlock], position: int
) -> list[ListBlock]:
    """A list, and the lists that go on after code blocks interrupting it."""
    region = [lists[position]]
    after = position + 1
    while after < len(blocks) and tokens[blocks[after][0]].type in _CODE:
        after += 1
        if after in lists:
            region.append(lists[after])
            after += 1
    return region


def find_flows(tokens: list[Token], rules: DiagramRules, context: PageContext) -> list[Flow]:
    """Every flow of a page, each with the missing picture it replaces (if any)."""
    sections = _sections(tokens)
    finder = _Finder(tokens, rules, context)
    pictures = _pictures(tokens, sections, context)
    # Paragraphs that hold a missing picture (their paragraph_open index).
    pictured = {p.inline - 1 for p in pictures}
    all_lists: list[tuple[ListBlock, int]] = []
    for number, section in enumerate(sections):
        blocks = section.blocks
        lists = {
            p: _parse_list(tokens, start)
            for p, (start, _) in enumerate(blocks)
            if tokens[start].type in _LISTS
        }
        all_lists += [(block, number) for block in lists.values()]
        for block in lists.values():
            finder.chains(block, number)
            finder.fanouts(block, number)
        for position in lists:
            lead = _lead(tokens, blocks, position)
            # A code block that interrupts a list an "Example:" introduces does not end it.
            region = (
                _region(tokens, blocks, lists, position)
                if _introduces(lead, rules.flowchart.cues)
                else [lists[position]]
            )
            after_picture = position > 0 and blocks[position - 1][0] in pictured
            if not all(i.open in finder.used for b in region for i in b.items):
                finder.lists(region, lead, number, after_picture)
    finder.transitions(all_lists, context.notes_tokens or tokens)
    _match_pictures(finder, pictures, sections)
    return finder.flows


def transform_flows(tokens: list[Token], context: PageContext) -> list[Token]:
    # Read once per build (the cache lives as long as the build's pages).
    rules = context.cached("diagrams.rules", partial(load_rules, context.root))
    if rules is None:
        return tokens
    flows = find_flows(tokens, rules, context)
    return _place(tokens, flows, rules, context) if flows else tokens


def _place(
    tokens: list[Token], flows: list[Flow], rules: DiagramRules, context: PageContext
) -> list[Token]:
    # (start, end, replacement): tokens[start:end] becomes the replacement.
    edits: list[tuple[int, int, list[Token]]] = []
    for flow in flows:
        picture = flow.picture
        caption = (
            picture.caption
            if picture and picture.caption
            else rules.captions.get(flow.diagram.kind, "")
        )
        source = render_mermaid(flow.diagram, caption or flow.diagram.kind)
        problems = check_mermaid(source)
        if problems:
            context.warn(
                flow.line,
                f"the diagram of this list would not parse ({problems[0]}); it stays a list.",
            )
            continue
        line = picture.line if picture else flow.line
        figure = raw_markdown_token(
            figure_markdown(source, caption, flow.diagram.kind, is_wide(flow.diagram)),
            [line, line + 1] if line is not None else None,
        )
        log.debug(
            f"{context.notes_path}:{(flow.line or 0) + 1}: {flow.diagram.kind} diagram with "
            f"{node_count(flow.diagram)} nodes on page '{context.slug}'"
        )
        if picture is None:
            edits.append((flow.anchor, flow.anchor, [figure]))
        elif _drop_picture(tokens, picture):
            # The paragraph held only the picture: the figure takes its place.
            edits.append((picture.inline - 1, picture.inline + 2, [figure]))
        else:
            edits.append((picture.inline + 2, picture.inline + 2, [figure]))
    for start, _, _ in edits:
        _loosen_lists_around(tokens, start)
    result = list(tokens)
    for start, end, replacement in sorted(edits, key=lambda e: (e[0], e[1]), reverse=True):
        result[start:end] = replacement
    return result


def _loosen_lists_around(tokens: list[Token], index: int) -> None:
    """Make every list that encloses ``index`` a loose list (blank lines between items).

    Python-Markdown reads a tight list that holds a figure wrongly: the items
    after it sink into it. Between loose items it keeps the nesting the notes
    have. (mdformat writes a list loose when its items' paragraphs are not
    hidden.)
    """
    open_lists: list[int] = []
    for position, token in enumerate(tokens[:index]):
        if token.type in _LISTS:
            open_lists.append(position)
        elif token.type in ("bullet_list_close", "ordered_list_close"):
            open_lists.pop()
    for start in open_lists:
        level = tokens[start].level + 2  # list > item > paragraph
        for token in tokens[start : block_end(tokens, start)]:
            if token.type in ("paragraph_open", "paragraph_close") and token.level == level:
                token.hidden = False
