"""The upload progress line on stderr."""

from __future__ import annotations

import io

from deploy.aws import Progress


class FakeTerminal(io.StringIO):
    def isatty(self) -> bool:
        return True


def test_progress_logs_each_tenth_in_a_log_file() -> None:
    """Outside a terminal, progress prints a line per 10% and always the last one."""
    stream = io.StringIO()
    progress = Progress(stream)
    progress.start("upload assets", total=20, total_bytes=20 * 1024)
    for _ in range(20):
        progress.advance(1024)
    lines = stream.getvalue().splitlines()
    assert lines[0] == "upload assets: 0/20 objects, 0 B/20.0 KiB (0%)"
    assert lines[-1] == "upload assets: 20/20 objects, 20.0 KiB/20.0 KiB (100%)"
    assert len(lines) == 11  # 0%, 10%, ..., 100%


def test_progress_redraws_one_line_on_a_terminal() -> None:
    """On a terminal the line is redrawn in place (\\r) and ended once complete."""
    stream = FakeTerminal()
    progress = Progress(stream)
    progress.start("upload pages", total=2, total_bytes=10)
    progress.advance(4)
    progress.advance(6)
    assert stream.getvalue() == (
        "\rupload pages: 0/2 objects, 0 B/10 B (0%)"
        "\rupload pages: 1/2 objects, 4 B/10 B (50%)"
        "\rupload pages: 2/2 objects, 10 B/10 B (100%)\n"
    )


def test_disabled_progress_prints_nothing() -> None:
    """--quiet turns the progress line off."""
    stream = io.StringIO()
    progress = Progress(stream, enabled=False)
    progress.start("upload", total=1, total_bytes=1)
    progress.advance(1)
    assert stream.getvalue() == ""
