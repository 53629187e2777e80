"""The one error type of the pipeline: input it cannot use at all.

A problem the build can recover from is a warning naming file and line (see
``planning.plan.Message``); a notes source, catalogue or data file the build
cannot use raises a subclass of ``NotesSiteError`` with the place and what to
do. The MkDocs hooks turn it into a ``PluginError``, so MkDocs prints the
message instead of a traceback.
"""

from __future__ import annotations


class NotesSiteError(Exception):
    """Input the pipeline cannot use: its message names the place and the fix."""
