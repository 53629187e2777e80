"""Tables from lists: options with facts under them, in one list.

``ListTables`` walks a page's lists innermost first and replaces each list
that compares options with its table and the list, collapsed; ``unfold``
joins options whose own sub-lists became tables ("Server side encryption"
with SSE-S3/SSE-KMS/SSE-C) into one table, and ``glossary_table`` spells out
a list of bare abbreviations.
"""

from __future__ import annotations

import copy

from markdown_it.token import Token
from markdown_it.tree import SyntaxTreeNode

from notesite.reading.parse import RAW_MARKDOWN, inline_text
from notesite.transforms.context import block_end
from notesite.transforms.tables.columns import Entry, Table, is_comparison, parallel_labels
from notesite.transforms.tables.data import Facet, load_glossary
from notesite.transforms.tables.model import (
    LISTS,
    Fact,
    Option,
    item_label,
    item_label_text,
    list_shape,
    option_from_item,
    pieces_of,
    plain_text,
)
from notesite.transforms.tables.page_pass import (
    LIST_OPEN,
    TablePass,
    first_inline_text,
    loosen,
    marker_before,
    raw_token,
)
from notesite.transforms.tables.render import list_markdown, source_markdown


class GroupedTables(TablePass):
    """Tables whose rows are not simply a list's items: groups and glossaries."""

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
            wrapped = loosen(wrapped)
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
            if not option.facts or (sub is not None and list_shape(blocks[0], self.settings)):
                # A group of options that did not become a table is not one row.
                return None
            options.append(option)
        if not unfolded_any or not parallel_labels(labels):
            return None
        table = self.table_for(options, ancestors)
        if not is_comparison(table, self.settings):
            return None
        return options, table


class ListTables(GroupedTables):
    """Comparison lists replaced by their tables, innermost first."""

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
            label = first_inline_text(tokens, index)
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
            kept = loosen(kept)
        marker = marker_before(tokens, start)
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
        return [raw_token("\n\n".join(parts), tokens[start])], True
