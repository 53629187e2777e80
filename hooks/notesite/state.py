"""What one build knows about the notes: parsed once, planned once, each page
transformed and written as Markdown once. Its own module, so that a build
cache can keep it (see cache.py) whatever name MkDocs loads the hooks as.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

from notesite.planning.catalogue import Catalogue
from notesite.planning.plan import Message, SitePlan
from notesite.reading.checks import Finding
from notesite.reading.parse import NotesSet


def is_warning(problem: Message | Finding) -> bool:
    """Everything but a notes check's suggestion is a warning."""
    return not (isinstance(problem, Finding) and problem.severity != "warning")


class NotesState:
    """What one build knows about the notes: parsed once, planned once."""

    def __init__(self, notes: NotesSet, catalogue: Catalogue, plan: SitePlan) -> None:
        self.notes = notes
        self.catalogue = catalogue
        self.plan = plan
        self.assets: dict[str, Path] = {}  # site path -> source file
        self.messages: list[Message] = list(plan.messages)
        self.findings: list[Finding] = []  # from reading.checks
        # Files the transforms looked at without reading (pictures, found or not).
        self.looked_at: set[Path] = set()
        self.markdown: dict[str, str] = {}  # page slug -> the page's whole Markdown
        # page slug -> its questions and flashcards (transforms.quiz.model.PageQuiz)
        self.quizzes: dict[str, Any] = {}
        # One line for the build when pictures from the web stay links, or "".
        self.remote_note = ""
        self.from_cache = False  # True when a build cache gave this state
        # Where values made from this state alone are kept between builds
        # (pipeline.kept): a folder and this state's key; None without a cache.
        self.kept_in: tuple[Path, str] | None = None

    def problems(self) -> list[Message | Finding]:
        """Everything to tell the author, in file and line order."""
        files = [notes.path for notes in self.notes.files]
        problems: list[Message | Finding] = [*self.messages, *self.findings]
        problems.sort(
            key=lambda p: (files.index(p.path) if p.path in files else len(files), p.line)
        )
        return problems
