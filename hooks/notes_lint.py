"""Lint the notes: list what the author may want to fix, as file:line.

A command, not a hook, but glue like them over the same pipeline. Runs the
same reading, planning and transforms as the build (so it reports
the same problems the build warns about: missing images, unknown headings,
unclosed fences, broken heading links, bytes that are not UTF-8, lists that
looked like a table or a flow but could not become one) plus suggestions the
build only notes (links written backwards). Exits 1 when there is anything
to report, 0 when the notes are clean, 2 when they cannot be read at all, so
it can run in the author's own CI:

    python hooks/notes_lint.py [-f mkdocs.yml] [--all]

Four or more problems of a kind in one file are one line, as the build
logs them; ``--all`` lists each on its own line.
"""

from __future__ import annotations

import argparse
import logging
import os
import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

from mkdocs.config import load_config
from mkdocs.exceptions import MkDocsException, PluginError
from notesite.errors import NotesSiteError
from notesite.pipeline import load_state
from notesite.report import told
from notesite.settings import read_settings


def lint(config_file: str, every: bool = False) -> tuple[list[str], list[str], tuple[int, int]]:
    """(problems, suggestions) of the notes that the config names, as the build
    tells them (four or more of a kind in a file as one line, unless ``every``),
    and how many problems and suggestions there are."""
    config = load_config(config_file)
    root = Path(config.config_file_path).parent
    try:
        state = load_state(root, read_settings(config.extra, root).notes)
    except NotesSiteError as error:
        raise PluginError(str(error)) from error
    found = state.problems()
    lines = told(found, len(found) + 1) if every else told(found)
    problems = [line.text for line in lines if line.warning]
    suggestions = [line.text for line in lines if not line.warning]
    counts = (
        sum(line.count for line in lines if line.warning),
        sum(line.count for line in lines if not line.warning),
    )
    return problems, suggestions, counts


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description="List problems in the notes, as file:line.")
    parser.add_argument("-f", "--config-file", default="mkdocs.yml")
    parser.add_argument(
        "--all", action="store_true", help="each problem on its own line, never grouped"
    )
    args = parser.parse_args(argv)
    os.environ.setdefault("NO_MKDOCS_2_WARNING", "1")
    logger = logging.getLogger("mkdocs")
    level, cwd = logger.level, Path.cwd()
    logger.setLevel(logging.ERROR)  # the findings are printed below, once
    config_dir = Path(args.config_file).resolve().parent
    try:
        os.chdir(config_dir)
        config_file = str(Path(args.config_file).resolve())
        problems, suggestions, (warned, suggested) = lint(config_file, args.all)
    except MkDocsException as error:
        print(f"error: {error}", file=sys.stderr)
        return 2
    finally:
        # Called in-process (tests), the caller's logging and folder stay as they were.
        logger.setLevel(level)
        os.chdir(cwd)
    for line in problems:
        print(f"warning: {line}")
    for line in suggestions:
        print(f"suggestion: {line}")
    total = warned + suggested
    print(f"{warned} warnings, {suggested} suggestions" if total else "no problems found")
    return 1 if total else 0


if __name__ == "__main__":
    sys.exit(main())
