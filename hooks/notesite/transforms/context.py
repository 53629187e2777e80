"""What every transform of a page's tokens gets, and small token helpers.

A transform is a pure function ``(tokens, context) -> tokens`` over the flat
markdown-it token stream of one page. It replaces what it recognises (a list
that is really a comparison, a list of steps) with ``raw_markdown`` tokens
and reports what it could not handle through ``context.warn`` (file:line);
what it does not recognise it returns unchanged.
"""

from __future__ import annotations

from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from markdown_it.token import Token

from notesite.planning.catalogue import Catalogue
from notesite.planning.plan import Message


@dataclass
class PageContext:
    notes_path: str  # as shown in messages, e.g. "notes/aws-notes.md"
    slug: str  # the page being transformed
    root: Path  # the project folder: data files and images are found from here
    # The notes' own repository (or the notes' folder, or extra.notes.root):
    # no local file outside it is read. None: the folder of the page's notes file.
    notes_root: Path | None = None
    # The folder notes paths (notes_path, a token's meta["source"]) are relative
    # to: the project, or the notes' own folder when they are outside it. None: root.
    notes_base: Path | None = None
    messages: list[Message] = field(default_factory=list)
    env: dict[str, Any] = field(default_factory=dict)  # the parse's env (references)
    # Files the page needs copied into the site: (absolute source, site path).
    assets: list[tuple[Path, str]] = field(default_factory=list)
    # Files whose presence decided something (a picture found or missing): a
    # build cache uses the result again only while they stay as they are.
    looked_at: list[Path] = field(default_factory=list)
    # The build's catalogue and the slugs of the pages it makes, when the
    # transform runs inside a build (unit tests may leave them out).
    catalogue: Catalogue | None = None
    page_slugs: frozenset[str] = frozenset()
    # (notes file, heading anchor) -> (page slug, id there): see transforms/links/headings.py.
    anchors: dict[tuple[str, str], tuple[str, str]] = field(default_factory=dict)
    # The whole notes' tokens, read only: for comparisons whose options are on several pages.
    notes_tokens: list[Token] = field(default_factory=list)
    # The page's own questions and flashcards (transforms/quiz), for the
    # navigation's practice exams and the Anki deck; None for none.
    quiz: Any = None
    # The build's remote pictures (transforms/images/remote.RemotePictures):
    # None leaves every http(s) picture a link.
    remote: Any = None

    # Shared by all pages of one build (never across builds): data files and
    # parsers a transform needs once, not once per page.
    cache: dict[str, Any] = field(default_factory=dict)

    def cached(self, key: str, make: Callable[[], Any]) -> Any:
        """``make()`` once per build under ``key``."""
        if key not in self.cache:
            self.cache[key] = make()
        return self.cache[key]

    def notes_file(self, path: str | None = None) -> Path:
        """The notes file at ``path`` as messages show it (default: the page's own)."""
        return (self.notes_base or self.root) / (path or self.notes_path)

    def warn(self, line: int | None, text: str, path: str | None = None) -> None:
        """Record a problem at a 0-based notes line (as token.map gives it) of
        the page's notes file, or of ``path`` (a token's ``meta["source"]``)."""
        self.messages.append(Message(path or self.notes_path, (line or 0) + 1, text))


Transform = Callable[[list[Token], PageContext], list[Token]]


def block_end(tokens: list[Token], start: int) -> int:
    """Index just past the block that opens at ``start`` (its matching close)."""
    if tokens[start].nesting != 1:
        return start + 1
    depth = 0
    for index in range(start, len(tokens)):
        depth += tokens[index].nesting
        if depth == 0:
            return index + 1
    return len(tokens)


def iter_blocks(tokens: list[Token], types: tuple[str, ...]) -> Iterator[tuple[int, int]]:
    """(start, end) of each outermost block whose open token has one of ``types``."""
    index = 0
    while index < len(tokens):
        if tokens[index].type in types:
            end = block_end(tokens, index)
            yield index, end
            index = end
        else:
            index += 1
