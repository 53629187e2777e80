"""Finding the flows on a page: its lists read as items, and which of them are
chains, fan-outs, sequences, flowcharts or moves between a group's members.

Recognition only: ``Finder`` tries the kinds in turn on each list (its
items' sub-lists when the list holds none) and records each ``Flow`` with
the token range it came from; ``transform`` places them.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import dataclass, field
from functools import partial

from markdown_it.token import Token

from notesite.transforms.context import PageContext, block_end
from notesite.transforms.diagrams.data import DiagramRules, TransitionRule
from notesite.transforms.diagrams.model import (
    CannotDraw,
    Diagram,
    Step,
    build_chain,
    build_flowchart,
    build_sequence,
    build_transitions,
    group_members,
)
from notesite.transforms.diagrams.text import find_phrase

LISTS = ("bullet_list_open", "ordered_list_open")
CODE = ("fence", "code_block")
OPENING = re.compile(r"\W*\w[\w'-]*(?:\W+\w[\w'-]*)?")


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


def own_text(inline: Token) -> tuple[str, bool]:
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


def parse_list(tokens: list[Token], start: int) -> ListBlock:
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
                item.text, item.has_code_arrows = own_text(inline)
            elif kind in LISTS:
                item.sublists.append(parse_list(tokens, child))
            first = False
            child = child_end
        block.items.append(item)
        index = item_end
    return block


def page_sections(tokens: list[Token]) -> list[Section]:
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


def introduces(text: str, cues: tuple[str, ...]) -> bool:
    """True when a lead opens with a cue ("Example:", "Usecase:", "Flow:").

    Only its first two words count: "In above example, ..." is a sentence
    about something else, not a lead.
    """
    opening = OPENING.match(text)
    return opening is not None and find_phrase(opening.group(0), cues) is not None


def list_steps(lists: list[ListBlock], skip: set[int]) -> list[Step]:
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


def first_line(steps: list[Step]) -> int | None:
    return next((s.line for s in steps if s.line is not None), None)


# -- finding the flows -------------------------------------------------------------


class Finder:
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
            steps = list_steps(item.sublists, self.used)
            line = first_line(steps)
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
        steps = list_steps(blocks, self.used)
        line = first_line(steps)
        span = (blocks[0].open, blocks[-1].end)
        diagram: Diagram | None = None
        if pictured or find_phrase(lead, self.rules.sequence.cues):
            diagram = self._try("list of steps", line, partial(build_sequence, steps, self.rules))
        if diagram is None:
            cues = self.rules.flowchart.cues
            cued = introduces(lead, cues) or any(
                introduces(i.text, cues)
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
                steps = list_steps([block], set())
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
                        chart, block.open, (block.open, block.end), first_line(steps), section
                    )
                    self.used.update(i.open for i in block.walk())


def _group_members(
    tokens: list[Token], rules: DiagramRules, rule: TransitionRule
) -> list[tuple[str, str]]:
    """The members of a group, from the first list whose items are named after them."""
    index = 0
    while index < len(tokens):
        if tokens[index].type in LISTS:
            block = parse_list(tokens, index)
            for candidate in [block, *(s for i in block.walk() for s in i.sublists)]:
                members = group_members(list_steps([candidate], set()), rules, rule)
                if members:
                    return members
            index = block.end
        else:
            index += 1
    return []
