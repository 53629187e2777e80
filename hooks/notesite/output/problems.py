"""The problems a preview shows the author on each page (``mkdocs serve`` only).

In: every problem of the build (``NotesState.problems()``) and the notes
files a page was made from. Out: the lines to show on that page, the same
lines the build logs (``notesite.report.told``), for the page's own files,
and how many problems the other files hold. The text is the notes'
(untrusted): the template and the script show it as text only.
"""

from __future__ import annotations

from collections.abc import Collection, Sequence
from dataclasses import dataclass

from notesite.planning.plan import Message
from notesite.reading.checks import Finding
from notesite.report import told


@dataclass(frozen=True)
class PageProblems:
    """What a page's banner says: its files' lines, and a count of the rest."""

    lines: list[str]
    count: int  # problems in the page's own notes files
    rest: int  # problems in the other notes files

    @property
    def total(self) -> int:
        return self.count + self.rest

    def as_data(self) -> dict[str, object]:
        """The banner's data, for the page's JSON block."""
        return {"lines": self.lines, "count": self.count, "rest": self.rest}


def page_problems(problems: Sequence[Message | Finding], files: Collection[str]) -> PageProblems:
    """The problems of the notes ``files`` as the build tells them, and how many others."""
    own = [problem for problem in problems if problem.path in files]
    lines = told(own)
    return PageProblems([line.text for line in lines], len(own), len(problems) - len(own))
