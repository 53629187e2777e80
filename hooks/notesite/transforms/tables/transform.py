"""Transform: turn fact lists that compare options into comparison tables.

Looks, on each page's tokens, for lists whose items are options with facts
(see model: nested, grouped) and for sibling sections that each hold
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

from markdown_it.token import Token

from notesite.reading.parse import make_parser
from notesite.transforms.context import PageContext
from notesite.transforms.tables.data import load_table_data
from notesite.transforms.tables.lists import ListTables
from notesite.transforms.tables.named import NamedTables
from notesite.transforms.tables.page_pass import Addition
from notesite.transforms.tables.render import CellWriter
from notesite.transforms.tables.sections import SectionTables


class PageTables(ListTables, SectionTables, NamedTables):
    """One page's pass over every kind of table."""


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
