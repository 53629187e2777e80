"""Tables from sibling sections: ``## CLB`` / ``## ALB`` / ``## NLB``, each one
fact list, compared in a table added after the last of them."""

from __future__ import annotations

from markdown_it.token import Token
from markdown_it.tree import SyntaxTreeNode

from notesite.reading.parse import inline_text
from notesite.transforms.context import block_end
from notesite.transforms.tables.columns import is_comparison
from notesite.transforms.tables.model import (
    Option,
    fact_from_item,
    is_marker,
    label_words,
    plain_text,
)
from notesite.transforms.tables.page_pass import (
    LIST_OPEN,
    Addition,
    TablePass,
    heading_trail,
    join_labels,
    marker_before,
    raw_token,
)


class SectionTables(TablePass):
    """A table after each run of sibling sections that compare options."""

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
        markers = {marker_before(tokens, head) for head, _, _ in group}
        markers |= {marker_before(tokens, start) for _, start, _ in group}
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
        self.headings = heading_trail(tokens, group[0][0])
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
        return raw_token(markdown, tokens[group[-1][1]])


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
