"""What the author is told: the build's problems as lines an author can act on.

In: every problem of a build (``NotesState.problems()``), each at a file and
line. Out: the lines the build logs and ``make lint`` prints, in file and
line order. Problems of one kind in one file (many links to missing headings,
many missing pictures) make one line with their count and first lines, so a
real problem is not lost among a thousand of the same; up to three stay as
they are, each with its own suggested fix.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass

from notesite.planning.plan import Message
from notesite.reading.checks import Finding
from notesite.state import is_warning

# From this many problems of one kind in one file, they are told as one line.
GROUP_FROM = 4
LINES_SHOWN = 3
# The words that say what kind a problem is: its plain lower-case words (a
# name, path, anchor or number is what differs between two of a kind).
_WORD = re.compile(r"^\(?([a-z]+)[,;:.)]*$")
KIND_WORDS = 5


@dataclass(frozen=True)
class Told:
    """One line to tell the author, and whether it is a warning (else a suggestion)."""

    text: str
    warning: bool
    count: int = 1  # how many problems the line stands for


def kind(text: str) -> str:
    """The kind of a problem, from the fixed words of its message."""
    words = [m[1] for w in text.split() if (m := _WORD.match(w))]
    return " ".join(words[:KIND_WORDS])


def told(problems: Sequence[Message | Finding], group_from: int = GROUP_FROM) -> list[Told]:
    """The lines to tell, in the order of the problems (a group at its first);
    ``group_from`` problems of a kind in a file make one line."""
    groups: dict[tuple[str, bool, str], list[int]] = {}
    for index, problem in enumerate(problems):
        text = str(problem).removeprefix(f"{problem.path}:{problem.line}: ")
        groups.setdefault((problem.path, is_warning(problem), kind(text)), []).append(index)
    lines: list[tuple[int, Told]] = []
    for (path, warning, _), members in groups.items():
        if len(members) < group_from:
            lines += [(index, Told(str(problems[index]), warning)) for index in members]
            continue
        first = problems[members[0]]
        lines_of = list(dict.fromkeys(problems[index].line for index in members))
        numbers = ", ".join(str(line) for line in lines_of[:LINES_SHOWN])
        more = ", …" if len(lines_of) > LINES_SHOWN else ""
        text = str(first).removeprefix(f"{path}:{first.line}: ")
        summary = f"{path}: {len(members)} of this kind (lines {numbers}{more}); the first: {text}"
        lines.append((members[0], Told(summary, warning, len(members))))
    return [line for _, line in sorted(lines, key=lambda pair: pair[0])]
