"""Tables the author names in tables.yml: options spread over lists or pages,
compared in a table added after the last of their rows on each page holding one."""

from __future__ import annotations

from dataclasses import dataclass

from markdown_it.token import Token
from markdown_it.tree import SyntaxTreeNode

from notesite.reading.parse import inline_text
from notesite.transforms.context import block_end
from notesite.transforms.tables.data import NamedRow, Settings
from notesite.transforms.tables.model import Option, facts_from_blocks, option_from_item, plain_text
from notesite.transforms.tables.page_pass import (
    LIST_CLOSE,
    LIST_OPEN,
    Addition,
    TablePass,
    join_labels,
    next_heading,
    next_heading_index,
    normalise_label,
    raw_token,
)


class NamedTables(TablePass):
    """The comparisons named in tables.yml, on the pages holding their rows."""

    def named(self, tokens: list[Token], notes_tokens: list[Token]) -> list[Addition]:
        """Tables the author named in tables.yml, on the pages holding their rows."""
        additions: list[Addition] = []
        labels = _labels(tokens)
        for comparison in self.data.comparisons:
            # Rows on this page first: most pages hold none, and then the
            # whole notes need no search.
            here_or_none = [
                _find_row(tokens, labels, row, self.settings) for row in comparison.rows
            ]
            here = [hit for hit in here_or_none if hit is not None]
            if not here:
                continue
            everywhere = _labels(notes_tokens)
            found = [
                (row, hit or _find_row(notes_tokens, everywhere, row, self.settings))
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
            anchor = next_heading(tokens, at + 1)
            additions.append((anchor, raw_token(markdown, last.token)))
        return additions


@dataclass
class RowHit:
    option: Option
    token: Token  # the heading_open or list_item_open that holds the row
    level: int  # the level of the heading the table gets
    lists: set[int]  # id() of the lists holding the row's facts: not converted then


@dataclass(frozen=True)
class _Label:
    """A heading, or a list item by its first line, that a row may name."""

    index: int  # of its heading_open or list_item_open
    heading: bool
    text: str  # normalised: the heading's text, the item's first line
    level: int  # the level of the heading a table for this row gets
    holder: int | None  # an item's list (its index), if any


def _labels(tokens: list[Token]) -> list[_Label]:
    """Every heading and list item of ``tokens``, in order, read once."""
    labels = []
    level = 2
    parents: list[int] = []  # indices of the open lists around the current token
    for index, token in enumerate(tokens):
        if token.type == "heading_open":
            level = int(token.tag[1])
            text = normalise_label(inline_text(tokens[index + 1]))
            labels.append(_Label(index, True, text, level, None))
            level += 1  # a table for an item row goes one level below its heading
        elif token.type in LIST_OPEN:
            parents.append(index)
        elif token.type in LIST_CLOSE:
            parents.pop()
        elif token.type == "list_item_open" and tokens[index + 2].type == "inline":
            text = normalise_label(inline_text(tokens[index + 2]))
            labels.append(_Label(index, False, text, level, parents[-1] if parents else None))
    return labels


def _find_row(
    tokens: list[Token], labels: list[_Label], row: NamedRow, settings: Settings
) -> RowHit | None:
    """The first heading or list item (of ``labels``, read from ``tokens``)
    whose label is the row's ``match``."""
    wanted = normalise_label(row.match)
    for label in labels:
        index, token = label.index, tokens[label.index]
        if label.heading:
            if label.text != wanted:
                continue
            end = next_heading_index(tokens, index + 3)
            blocks = list(SyntaxTreeNode(tokens[index + 3 : end]).children)
            facts, problems = facts_from_blocks(blocks)
            heading = list(tokens[index + 1].children or [])
            line = token.map[0] if token.map else None
            option = Option(heading, plain_text(heading), facts, line, problems=problems)
            lists = {id(tokens[i]) for i in range(index + 3, end) if tokens[i].type in LIST_OPEN}
            return RowHit(option, token, label.level, lists)
        # A cheap test on the item's first line before building its tree.
        if not label.text.startswith(wanted):
            continue
        item = SyntaxTreeNode(tokens[index : block_end(tokens, index)]).children[0]
        candidate = option_from_item(item, settings)
        if candidate is not None and normalise_label(candidate.label_text) == wanted:
            holder = {id(tokens[label.holder])} if label.holder is not None else set()
            return RowHit(candidate, token, label.level, holder)
    return None
