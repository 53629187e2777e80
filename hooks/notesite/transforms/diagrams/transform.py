"""Transform: turn step and component lists that describe a flow into mermaid diagrams.

Looks at every list of a page (outermost first) for a flow, using the actors
and rules of docs/_data/actors.yml and flows.yml (see ``model`` for the
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
from functools import partial

from markdown_it.token import Token

from notesite.output.page import escape_markdown
from notesite.reading.parse import raw_markdown_token
from notesite.transforms.context import PageContext, block_end
from notesite.transforms.diagrams.data import DiagramRules, load_rules
from notesite.transforms.diagrams.flows import (
    CODE,
    LISTS,
    Finder,
    Flow,
    ListBlock,
    Picture,
    introduces,
    own_text,
    page_sections,
    parse_list,
)
from notesite.transforms.diagrams.mermaid import check_mermaid, render_mermaid
from notesite.transforms.diagrams.model import (
    is_wide,
    node_count,
)
from notesite.transforms.diagrams.pictures import match_pictures, missing_pictures

log = logging.getLogger("mkdocs.hooks.flow_diagrams")


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
        return own_text(tokens[blocks[position - 1][0] + 1])[0]
    return ""


def _region(
    tokens: list[Token], blocks: list[tuple[int, int]], lists: dict[int, ListBlock], position: int
) -> list[ListBlock]:
    """A list, and the lists that go on after code blocks interrupting it."""
    region = [lists[position]]
    after = position + 1
    while after < len(blocks) and tokens[blocks[after][0]].type in CODE:
        after += 1
        if after in lists:
            region.append(lists[after])
            after += 1
    return region


def find_flows(tokens: list[Token], rules: DiagramRules, context: PageContext) -> list[Flow]:
    """Every flow of a page, each with the missing picture it replaces (if any)."""
    sections = page_sections(tokens)
    finder = Finder(tokens, rules, context)
    pictures = missing_pictures(tokens, sections, context)
    # Paragraphs that hold a missing picture (their paragraph_open index).
    pictured = {p.inline - 1 for p in pictures}
    all_lists: list[tuple[ListBlock, int]] = []
    for number, section in enumerate(sections):
        blocks = section.blocks
        lists = {
            p: parse_list(tokens, start)
            for p, (start, _) in enumerate(blocks)
            if tokens[start].type in LISTS
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
                if introduces(lead, rules.flowchart.cues)
                else [lists[position]]
            )
            after_picture = position > 0 and blocks[position - 1][0] in pictured
            if not all(i.open in finder.used for b in region for i in b.items):
                finder.lists(region, lead, number, after_picture)
    finder.transitions(all_lists, context.notes_tokens or tokens)
    match_pictures(finder, pictures, sections)
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
        if token.type in LISTS:
            open_lists.append(position)
        elif token.type in ("bullet_list_close", "ordered_list_close"):
            open_lists.pop()
    for start in open_lists:
        level = tokens[start].level + 2  # list > item > paragraph
        for token in tokens[start : block_end(tokens, start)]:
            if token.type in ("paragraph_open", "paragraph_close") and token.level == level:
                token.hidden = False
