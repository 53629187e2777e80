"""Transform: turn fact lists that compare options into comparison tables.

Looks, on each page's tokens, for lists whose items are options with facts
(see tables_model: nested, grouped) and for sibling sections that each hold
one fact list (``## CLB`` / ``## ALB`` / ``## NLB``). The columns come from
facets (docs/_data/facets.yml); a list becomes a table only with enough
evidence that its options are compared on common facets (tables.yml), so
lists that merely enumerate pass through unchanged.

* A list is replaced by its table, followed by the original list in a
  collapsed ``??? note "From the notes"`` admonition: the table is what a
  reader studies, the author's own wording, order and nesting stay one click
  away, and both are in the search index. Items before or after the options
  stay as lists.
* Sibling sections are kept; their table is added after the last of them,
  under a heading of the same level ("CLB, ALB and NLB compared").
* Comparisons named in tables.yml (options spread over lists or pages) are
  added after the last of their rows on every page holding one.

Lists are examined innermost first: options that hold a comparison are not
themselves one, unless they are its parent and parallel siblings ("Server
side encryption" with SSE-S3/SSE-KMS/SSE-C, and "Client side encryption"),
which unfold into one table. The author steers detection with
``<!-- table -->`` / ``<!-- no-table -->`` on the line before a list or a
heading (HTML comments: invisible on GitHub). A list that looks like a
comparison but cannot become one (a block that cannot sit in a cell, a marked
list without options) stays as written, with a warning naming its line.
"""

from __future__ import annotations

import copy
import re
from dataclasses import dataclass, field
from typing import TYPE_CHECKING

from markdown_it.token import Token
from markdown_it.tree import SyntaxTreeNode

from notesite.reading.parse import RAW_MARKDOWN, inline_text, make_parser, raw_markdown_token
from notesite.transforms.context import PageContext, block_end
from notesite.transforms.tables.columns import (
    Entry,
    Table,
    build_table,
    is_comparison,
    parallel_labels,
)
from notesite.transforms.tables.data import (
    Facet,
    NamedRow,
    Settings,
    TableData,
    load_glossary,
    load_table_data,
)
from notesite.transforms.tables.model import (
    LISTS,
    Fact,
    Option,
    fact_from_item,
    facts_from_blocks,
    is_marker,
    item_label,
    item_label_text,
    label_words,
    list_shape,
    option_from_item,
    pieces_of,
    plain_text,
)
from notesite.transforms.tables.render import (
    CellWriter,
    list_markdown,
    source_markdown,
    table_markdown,
)

if TYPE_CHECKING:
    from markdown_it import MarkdownIt

LIST_OPEN = tuple(f"{kind}_open" for kind in LISTS)
LIST_CLOSE = tuple(f"{kind}_close" for kind in LISTS)
_NORMAL = re.compile(r"[\W_]+")

# A table to add to the page: the token it goes before (None: at the end), and it.
Addition = tuple[Token | None, Token]


def normalise_label(text: str) -> str:
    """A label as compared with the names in tables.yml: case and punctuation aside."""
    return _NORMAL.sub(" ", text.casefold()).strip()


def join_labels(labels: list[str]) -> str:
    return labels[0] if len(labels) == 1 else ", ".join(labels[:-1]) + " and " + labels[-1]


def _raw(markdown: str, replaces: Token) -> Token:
    token = raw_markdown_token(markdown, replaces.map)
    token.level = replaces.level  # it sits where the list sat (inside an item, maybe)
    return token


@dataclass
class PageTables:
    """One page's pass: the data, the page, and what has been converted so far."""

    data: TableData
    context: PageContext
    mdit: MarkdownIt
    writer: CellWriter
    headings: dict[int, str] = field(default_factory=dict)  # level -> text, above the list
    converted: dict[int, list[Option]] = field(default_factory=dict)  # id(list open) -> rows
    claimed: set[int] = field(default_factory=set)  # id(list open) used by named comparisons
    glossary: dict[str, str] | None = None  # read when a list of abbreviations turns up

    # ------------------------------------------------------------ shared

    @property
    def settings(self) -> Settings:
        return self.data.settings

    def facets_for(self, labels: list[str], ancestors: list[str]) -> list[Facet]:
        """The facets whose subject (``where``) fits this comparison's context."""
        trail = [self.context.slug.replace("-", " "), *self.headings.values(), *ancestors]
        where = " ".join([*trail, *labels])
        return [facet for facet in self.data.facets if facet.applies(where)]

    def table_for(self, options: list[Option], ancestors: list[str]) -> Table:
        facets = self.facets_for([o.label_text for o in options], ancestors)
        return build_table(options, facets)

    def markdown(self, table: Table) -> str:
        return table_markdown(table, self.settings, self.writer)

    def problems(self, options: list[Option]) -> list[str]:
        return [problem for option in options for problem in option.all_problems()]

    def refuse(self, line: int | None, labels: list[str], why: str) -> None:
        self.context.warn(
            line,
            f"this list looks like a comparison of {join_labels(labels)} but {why}; "
            f"it stays a list. Fix the list, or put <!-- no-table --> on the line before it.",
        )

    # ------------------------------------------------------------ lists

    def lists(
        self, tokens: list[Token], lo: int, hi: int, ancestors: list[str]
    ) -> tuple[list[Token], bool]:
        """Tokens[lo:hi] with comparison lists replaced; True if any table was made."""
        out: list[Token] = []
        made = False
        index = lo
        while index < hi:
            token = tokens[index]
            if token.type == "heading_open" and token.level == 0:
                level = int(token.tag[1])
                self.headings = {k: v for k, v in self.headings.items() if k < level}
                self.headings[level] = inline_text(tokens[index + 1])
            if token.type in LIST_OPEN:
                end = block_end(tokens, index)
                replaced, inner = self.one_list(tokens, index, end, ancestors)
                out.extend(replaced)
                made = made or inner
                index = end
                continue
            out.append(token)
            index += 1
        return out, made

    def items(
        self, tokens: list[Token], start: int, end: int, ancestors: list[str]
    ) -> list[tuple[list[Token], bool]]:
        """Each item of the list with its nested lists transformed, and whether
        a table was made inside it."""
        result = []
        index = start + 1
        while index < end - 1:
            item_end = block_end(tokens, index)
            label = _first_inline_text(tokens, index)
            inner, made = self.lists(tokens, index + 1, item_end - 1, [*ancestors, label])
            result.append(([tokens[index], *inner, tokens[item_end - 1]], made))
            index = item_end
        return result

    def one_list(
        self, tokens: list[Token], start: int, end: int, ancestors: list[str]
    ) -> tuple[list[Token], bool]:
        items = self.items(tokens, start, end, ancestors)
        made_inside = any(made for _, made in items)
        kept = [tokens[start], *(t for item, _ in items for t in item), tokens[end - 1]]
        if made_inside:
            kept = _loosen(kept)
        marker = _marker_before(tokens, start)
        if marker == "no-table" or id(tokens[start]) in self.claimed:
            return kept, made_inside
        node = SyntaxTreeNode(tokens[start:end]).children[0]
        line_map = tokens[start].map
        line = line_map[0] if line_map else None
        shape = list_shape(node, self.settings)
        found: tuple[list[Option], int, int, Table] | None = None
        if shape is not None and not any(made for _, made in items[shape.first : shape.last]):
            # The bullet that announces the options is part of their topic.
            intro = [item_label_text(node.children[shape.first - 1])] if shape.first else []
            table = self.table_for(shape.options, [*ancestors, *intro])
            if marker == "table" or is_comparison(table, self.settings):
                found = (shape.options, shape.first, shape.last, table)
        elif made_inside:
            unfolded = self.unfold(node, ancestors)
            if unfolded is not None:
                found = (unfolded[0], 0, len(node.children), unfolded[1])
        if found is None and shape is None and not made_inside:
            found = self.glossary_table(node)
        if found is None:
            if marker == "table":
                self.context.warn(
                    line,
                    "this list is marked <!-- table --> but it has no two options with facts "
                    "(a short label, then sub-bullets); it stays a list.",
                )
            return kept, made_inside
        options, first, last, table = found
        problems = self.problems(options)
        if problems:
            self.refuse(line, [o.label_text for o in options], problems[0])
            return kept, made_inside
        self.converted[id(tokens[start])] = options
        parts = []
        if first > 0:
            parts.append(
                self.render_items(tokens, start, end, [t for i, _ in items[:first] for t in i])
            )
        parts.append(self.markdown(table))
        source = [t for item in node.children[first:last] for t in item.to_tokens()]
        source = self.wrap(tokens, start, end, source, first)
        parts.append(source_markdown(source, self.settings, self.context.env, self.mdit))
        if last < len(items):
            after = [t for i, _ in items[last:] for t in i]
            parts.append(self.render_items(tokens, start, end, after, last))
        return [_raw("\n\n".join(parts), tokens[start])], True

    def glossary_table(self, node: SyntaxTreeNode) -> tuple[list[Option], int, int, Table] | None:
        """A list of bare abbreviations ("Iaas", "Paas", …) that the glossary
        spells out: a table of what each stands for."""
        items = list(node.children)
        if len(items) < self.settings.min_options:
            return None
        if any(len(i.children) != 1 or i.children[0].type != "paragraph" for i in items):
            return None
        texts = [item_label_text(item).strip().rstrip(".:") for item in items]
        if any(not text or " " in text for text in texts):
            return None
        if self.glossary is None:
            self.glossary = load_glossary(self.context.root, self.settings)
        expansions = [self.glossary.get(text.casefold()) for text in texts]
        if any(e is None for e in expansions):
            return None
        column = Facet("glossary", self.settings.glossary_title, ())
        options, cells = [], []
        for item, expansion in zip(items, expansions, strict=True):
            inline = item.children[0].children[0].token
            label = list(inline.children or []) if inline is not None else []
            options.append(Option(label, plain_text(label), [], item.map[0] if item.map else None))
            said = Fact(pieces_of([Token("text", "", 0, content=str(expansion))]), None)
            cells.append({column.id: [Entry(said, said.pieces, {column.id: []})]})
        return options, 0, len(items), Table(options, [column], cells, len(items), len(items))

    def wrap(
        self, tokens: list[Token], start: int, end: int, items: list[Token], first: int = 0
    ) -> list[Token]:
        """Items between the list's own open and close tokens (numbering kept)."""
        opening = tokens[start]
        if first and opening.type == "ordered_list_open":
            opening = copy.copy(opening)
            opening.attrs = dict(opening.attrs)
            opening.attrSet("start", int(opening.attrGet("start") or 1) + first)
        return [opening, *items, tokens[end - 1]]

    def render_items(
        self, tokens: list[Token], start: int, end: int, items: list[Token], first: int = 0
    ) -> str:
        wrapped = self.wrap(tokens, start, end, items, first)
        if any(token.type == RAW_MARKDOWN for token in items):
            wrapped = _loosen(wrapped)
        return list_markdown(wrapped, self.context.env, self.mdit)

    def unfold(
        self, node: SyntaxTreeNode, ancestors: list[str]
    ) -> tuple[list[Option], Table] | None:
        """Options whose sub-list became a table, with parallel siblings: one table.

        "Server side encryption" (SSE-S3, SSE-KMS, SSE-C) and "Client side
        encryption" give four rows; the first three show their group's label.
        """
        options: list[Option] = []
        labels: list[str] = []
        unfolded_any = False
        for item in node.children:
            option = option_from_item(item, self.settings)
            read = item_label(item, self.settings)
            if option is None or read is None:
                return None
            labels.append(option.label_text)
            blocks = list(item.children[1:])
            sub = blocks[0].nester_tokens if len(blocks) == 1 and blocks[0].type in LISTS else None
            rows = self.converted.get(id(sub.opening)) if sub is not None else None
            if rows is not None and not plain_text(read[1]):
                for row in rows:
                    options.append(copy.copy(row))
                    options[-1].group = option.label
                unfolded_any = True
                continue
            if not option.facts:
                return None
            options.append(option)
        if not unfolded_any or not parallel_labels(labels):
            return None
        table = self.table_for(options, ancestors)
        if not is_comparison(table, self.settings):
            return None
        return options, table

    # ------------------------------------------------------------ sections

    def sections(self, tokens: list[Token]) -> list[Addition]:
        """A table after each run of sibling sections that compare options.

        Read from the page's tokens before lists were replaced: the sections
        stay as they are, so their facts are read as the author wrote them.
        """
        heads = [i for i, t in enumerate(tokens) if t.type == "heading_open" and t.level == 0]
        additions: list[Addition] = []
        for group in _sibling_groups(tokens, heads, self.settings.max_section_label_words):
            if any(id(tokens[start]) in self.converted for _, start, _ in group):
                continue  # a section whose list is itself a comparison is not an option
            table = self.section_table(tokens, group)
            if table is not None:
                end = group[-1][2]
                additions.append((tokens[end] if end < len(tokens) else None, table))
        return additions

    def section_table(self, tokens: list[Token], group: list[tuple[int, int, int]]) -> Token | None:
        markers = {_marker_before(tokens, head) for head, _, _ in group}
        markers |= {_marker_before(tokens, start) for _, start, _ in group}
        if "no-table" in markers:
            return None
        options: list[Option] = []
        for head, start, end in group:
            heading = tokens[head + 1]
            node = SyntaxTreeNode(tokens[start:end]).children[0]
            label = list(heading.children or [])
            facts = [fact_from_item(item) for item in node.children]
            line = heading.map[0] if heading.map else None
            options.append(Option(label, plain_text(label), facts, line))
        self.headings = _trail(tokens, group[0][0])
        table = self.table_for(options, [])
        if "table" not in markers and not is_comparison(table, self.settings):
            return None
        labels = [o.label_text for o in options]
        problems = self.problems(options)
        if problems:
            self.refuse(options[0].line, labels, problems[0])
            return None
        level = int(tokens[group[0][0]].tag[1])
        title = self.settings.compared_title.format(labels=join_labels(labels))
        markdown = f"{'#' * level} {title}\n\n{self.markdown(table)}"
        return _raw(markdown, tokens[group[-1][1]])

    # ------------------------------------------------------------ named comparisons

    def named(self, tokens: list[Token], notes_tokens: list[Token]) -> list[Addition]:
        """Tables the author named in tables.yml, on the pages holding their rows."""
        additions: list[Addition] = []
        for comparison in self.data.comparisons:
            # Rows on this page first: most pages hold none, and then the
            # whole notes need no search.
            here_or_none = [_find_row(tokens, row, self.settings) for row in comparison.rows]
            here = [hit for hit in here_or_none if hit is not None]
            if not here:
                continue
            found = [
                (row, hit or _find_row(notes_tokens, row, self.settings))
                for row, hit in zip(comparison.rows, here_or_none, strict=True)
            ]
            missing = [row.match for row, hit in found if hit is None]
            if missing:
                self.context.warn(
                    here[0].option.line,
                    f"the comparison '{comparison.title}' in docs/_data/tables.yml names "
                    f"{join_labels(missing)}, which the notes do not have; the table leaves "
                    f"it out. Correct the row's 'match' in tables.yml.",
                )
            options = []
            for row, hit in found:
                if hit is None:
                    continue
                if row.label:
                    hit.option.label = [Token("text", "", 0, content=row.label)]
                    hit.option.label_text = row.label
                options.append(hit.option)
            if len(options) < self.settings.min_options:
                continue
            problems = self.problems(options)
            if problems:
                self.refuse(here[0].option.line, [o.label_text for o in options], problems[0])
                continue
            for hit in here:
                self.claimed |= hit.lists
            table = self.table_for(options, [])
            last = here[-1]
            title = comparison.title or self.settings.compared_title.format(
                labels=join_labels([o.label_text for o in options])
            )
            markdown = f"{'#' * min(6, last.level)} {title}\n\n{self.markdown(table)}"
            at = next(i for i, t in enumerate(tokens) if t is last.token)
            anchor = _next_heading(tokens, at + 1)
            additions.append((anchor, _raw(markdown, last.token)))
        return additions


@dataclass
class RowHit:
    option: Option
    token: Token  # the heading_open or list_item_open that holds the row
    level: int  # the level of the heading the table gets
    lists: set[int]  # id() of the lists holding the row's facts: not converted then


def _find_row(tokens: list[Token], row: NamedRow, settings: Settings) -> RowHit | None:
    """The first heading or list item whose label is the row's ``match``."""
    wanted = normalise_label(row.match)
    level = 2
    parents: list[int] = []  # indices of the open lists around the current token
    for index, token in enumerate(tokens):
        if token.type == "heading_open":
            level = int(token.tag[1])
            if normalise_label(inline_text(tokens[index + 1])) == wanted:
                end = _next_heading_index(tokens, index + 3)
                blocks = list(SyntaxTreeNode(tokens[index + 3 : end]).children)
                facts, problems = facts_from_blocks(blocks)
                label = list(tokens[index + 1].children or [])
                line = token.map[0] if token.map else None
                option = Option(label, plain_text(label), facts, line, problems=problems)
                lists = {
                    id(tokens[i]) for i in range(index + 3, end) if tokens[i].type in LIST_OPEN
                }
                return RowHit(option, token, level, lists)
            level += 1  # a table for an item row goes one level below its heading
        elif token.type in LIST_OPEN:
            parents.append(index)
        elif token.type in LIST_CLOSE:
            parents.pop()
        elif token.type == "list_item_open" and tokens[index + 2].type == "inline":
            # A cheap test on the item's first line before building its tree.
            if not normalise_label(inline_text(tokens[index + 2])).startswith(wanted):
                continue
            item = SyntaxTreeNode(tokens[index : block_end(tokens, index)]).children[0]
            candidate = option_from_item(item, settings)
            if candidate is not None and normalise_label(candidate.label_text) == wanted:
                holder = {id(tokens[parents[-1]])} if parents else set()
                return RowHit(candidate, token, level, holder)
    return None


def _next_heading_index(tokens: list[Token], start: int) -> int:
    for index in range(start, len(tokens)):
        if tokens[index].type == "heading_open" and tokens[index].level == 0:
            return index
    return len(tokens)


def _next_heading(tokens: list[Token], start: int) -> Token | None:
    index = _next_heading_index(tokens, start)
    return tokens[index] if index < len(tokens) else None


def _first_inline_text(tokens: list[Token], item: int) -> str:
    """The first line of the list item opening at ``item`` ("" if it has none)."""
    if item + 2 < len(tokens) and tokens[item + 2].type == "inline":
        return inline_text(tokens[item + 2])
    return ""


def _loosen(tokens: list[Token]) -> list[Token]:
    """The list made loose (blank lines between its items), with copies of its tokens.

    A table and its collapsed source list end with indented lines; Python-
    Markdown reads a next item that follows them without a blank line as
    more of the collapsed list.
    """
    level = tokens[0].level + 2  # the paragraphs of the list's own items
    out = []
    for token in tokens:
        if (
            token.type in ("paragraph_open", "paragraph_close")
            and token.level == level
            and token.hidden
        ):
            token = copy.copy(token)
            token.hidden = False
        out.append(token)
    return out


def _trail(tokens: list[Token], end: int) -> dict[int, str]:
    """The headings above ``tokens[end]``, by level (the nearest of each)."""
    trail: dict[int, str] = {}
    for index in range(end):
        token = tokens[index]
        if token.type == "heading_open" and token.level == 0:
            level = int(token.tag[1])
            trail = {k: v for k, v in trail.items() if k < level}
            trail[level] = inline_text(tokens[index + 1])
    return trail


def _marker_before(tokens: list[Token], index: int) -> str | None:
    if index > 0 and tokens[index - 1].type == "html_block":
        return is_marker(tokens[index - 1].content)
    return None


def _sibling_groups(
    tokens: list[Token], heads: list[int], max_words: int
) -> list[list[tuple[int, int, int]]]:
    """Runs of same-level headings whose sections are each exactly one list.

    Returns (heading index, list start, list end) per section. A run counts
    only if it is every section under its parent heading: a sibling that is
    not a plain fact list, or a subsection, means these are not the options
    of one choice.
    """
    sections: list[tuple[int, int, tuple[int, int] | None]] = []  # level, heading, its list
    for number, head in enumerate(heads):
        end = heads[number + 1] if number + 1 < len(heads) else len(tokens)
        blocks = [
            i
            for i in range(head + 3, end)
            if tokens[i].level == 0
            and tokens[i].nesting != -1
            and not (tokens[i].type == "html_block" and is_marker(tokens[i].content))
        ]
        only_list = None
        short = label_words(inline_text(tokens[head + 1])) <= max_words
        if short and len(blocks) == 1 and tokens[blocks[0]].type in LIST_OPEN:
            only_list = (blocks[0], block_end(tokens, blocks[0]))
        sections.append((int(tokens[head].tag[1]), head, only_list))
    groups: list[list[tuple[int, int, int]]] = []
    for number, (level, _, _) in enumerate(sections):
        if number > 0 and sections[number - 1][0] >= level:
            continue  # not the first section under its parent
        span = []
        for section in sections[number:]:
            if section[0] < level:
                break
            span.append(section)
        lists = [s[2] for s in span if s[0] == level and s[2] is not None]
        if len(span) >= 2 and len(lists) == len(span):
            groups.append([(s[1], *s[2]) for s in span])  # type: ignore[misc]
    return groups


def _insert(tokens: list[Token], additions: list[Addition]) -> list[Token]:
    for anchor, table in additions:
        at = next((i for i, t in enumerate(tokens) if t is anchor), len(tokens))
        tokens = [*tokens[:at], table, *tokens[at:]]
    return tokens


def transform_tables(tokens: list[Token], context: PageContext) -> list[Token]:
    data = context.cached("tables.data", lambda: load_table_data(context.root))
    mdit = context.cached("mdit", make_parser)
    page = PageTables(data, context, mdit, CellWriter(context.env, mdit))
    named = page.named(tokens, context.notes_tokens) if data.comparisons else []
    converted, _ = page.lists(tokens, 0, len(tokens), [])
    return _insert(converted, [*page.sections(tokens), *named])
