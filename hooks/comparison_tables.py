"""Transform: turn fact lists that compare options into comparison tables.

(Placeholder: returns the tokens unchanged until the table detection lands.)
"""

from __future__ import annotations

from markdown_it.token import Token
from transforms import PageContext


def transform_tables(tokens: list[Token], context: PageContext) -> list[Token]:
    return tokens
