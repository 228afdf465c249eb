"""What every diagnostics reporter provides, and how CI formats name files."""

from __future__ import annotations

import os
from pathlib import Path
from typing import Protocol

from ..checker import CheckReport


def display_path(report: CheckReport, path: str) -> str:
    """A vault path as CI systems want it: relative to the folder the command ran in (the
    repository root, in CI), absolute when the vault lies elsewhere."""
    absolute = report.root / path
    try:
        return absolute.relative_to(Path.cwd()).as_posix()
    except ValueError:
        return os.fspath(absolute)


class Reporter(Protocol):
    def render(self, report: CheckReport) -> str: ...
