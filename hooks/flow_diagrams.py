"""Transform: turn step and component lists that describe a flow into mermaid diagrams.

(Placeholder: returns the tokens unchanged until the flow detection lands.)
"""

from __future__ import annotations

from markdown_it.token import Token
from transforms import PageContext


def transform_flows(tokens: list[Token], context: PageContext) -> list[Token]:
    return tokens
