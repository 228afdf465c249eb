"""GitHub Actions workflow commands: one annotation per finding, shown on the pull request."""

from __future__ import annotations

from ..checker import CheckReport
from .base import Reporter, display_path


def _escape_data(text: str) -> str:
    return text.replace("%", "%25").replace("\r", "%0D").replace("\n", "%0A")


def _escape_property(text: str) -> str:
    return _escape_data(text).replace(":", "%3A").replace(",", "%2C")


class GithubReporter(Reporter):
    def render(self, report: CheckReport) -> str:
        lines = []
        for d in report.diagnostics:
            properties = ",".join(
                [
                    f"file={_escape_property(display_path(report, d.path))}",
                    f"line={d.line}",
                    f"col={d.column}",
                    f"title={_escape_property(d.rule)}",
                ]
            )
            lines.append(f"::{d.severity} {properties}::{_escape_data(d.message)}\n")
        return "".join(lines)
