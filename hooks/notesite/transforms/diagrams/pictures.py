"""Missing pictures of flows: a local image that does not exist is the figure of
a flow that was never drawn; each is matched with the nearest diagram of its
section, or drawn from the list items that follow it."""

from __future__ import annotations

from functools import partial

from markdown_it.token import Token

from notesite.transforms.context import PageContext
from notesite.transforms.diagrams.flows import (
    LISTS,
    Finder,
    Flow,
    ListBlock,
    Picture,
    Section,
    first_line,
    list_steps,
    parse_list,
)
from notesite.transforms.diagrams.model import (
    build_flowchart,
)
from notesite.transforms.images.captions import caption
from notesite.transforms.images.transform import missing_image


def missing_pictures(
    tokens: list[Token], sections: list[Section], context: PageContext
) -> list[Picture]:
    section_of: dict[int, int] = {}
    for number, section in enumerate(sections):
        for start, end in section.blocks:
            for index in range(start, end):
                section_of[index] = number
    found = []
    for index, token in enumerate(tokens):
        if token.type != "inline" or not token.children:
            continue
        notes_file = context.notes_file(token.meta.get("source"))
        for child_index, child in enumerate(token.children):
            if (
                child.type != "image"
                or missing_image(str(child.attrGet("src") or ""), notes_file, context.notes_root)
                is None
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
    """The picture's alt text, and its title when it says more; "" when they
    are what a tool wrote ("Screen Shot 2020-06-05 at 2 49 08 PM")."""
    alt = "".join(child.content for child in image.children or [])
    return caption(alt, str(image.attrGet("title") or ""))


def match_pictures(finder: Finder, pictures: list[Picture], sections: list[Section]) -> None:
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


def _flow_after_picture(finder: Finder, picture: Picture, sections: list[Section]) -> Flow | None:
    """The items that follow a picture in its list ("Architecture" + image, then the parts)."""
    for start, end in sections[picture.section].blocks:
        if not start <= picture.inline < end or finder.tokens[start].type not in LISTS:
            continue
        block = parse_list(finder.tokens, start)
        for holder in [block, *(s for i in block.walk() for s in i.sublists)]:
            for position, item in enumerate(holder.items):
                if item.inline != picture.inline:
                    continue
                following = ListBlock(holder.open, holder.end, holder.items[position:])
                steps = list_steps([following], finder.used)
                line = first_line(steps)
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
