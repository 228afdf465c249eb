"""What every diagnostics reporter provides, and how CI formats name files."""

from __future__ import annotations

import os
from pathlib import Path

from ..checker import CheckReport


def display_path(report: CheckReport, path: str) -> str:
    """A vault path as CI systems want it: relative to the folder the command ran in (the
    repository root, in CI), absolute when the vault lies elsewhere."""
    absolute = report.root / path
    try:
        return absolute.relative_to(Path.cwd()).as_posix()
    except ValueError:
        return os.fspath(absolute)


class Reporter:
    """Turns a report into the text of one format. ``color_system`` is rich's name for the
    terminal's colours ("truecolor", "256", ...), None for plain text; most formats ignore it.
    ``fail_on`` is the check's --fail-on (JUnit tells failures from passes by it); ``stats``
    asks for --stats in the document itself (JSON), where other formats print none."""

    def __init__(
        self, color_system: str | None = None, *, fail_on: str = "error", stats: bool = False
    ) -> None:
        self.color_system = color_system
        self.fail_on = fail_on
        self.stats = stats

    def render(self, report: CheckReport) -> str:
        raise NotImplementedError
