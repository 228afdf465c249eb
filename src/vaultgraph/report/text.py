"""`path:line:column: severity rule message`, one finding a line, as editors read it."""

from __future__ import annotations

from typing import TYPE_CHECKING

from ..checker import CheckReport

if TYPE_CHECKING:
    from rich.text import Text

_STYLE = {"error": "bold red", "warning": "yellow"}


class TextReporter:
    def render(self, report: CheckReport) -> str:
        return "".join(
            f"{d.path}:{d.line}:{d.column}: {d.severity} {d.rule} {d.message}\n" for d in report.diagnostics
        )

    def renderable(self, report: CheckReport) -> Text:
        """The same lines, styled for a terminal."""
        from rich.text import Text

        text = Text()
        for d in report.diagnostics:
            text.append(f"{d.path}:{d.line}:{d.column}:", style="bold")
            text.append(" ")
            text.append(d.severity, style=_STYLE[d.severity])
            text.append(f" {d.rule}", style="cyan")
            text.append(f" {d.message}\n")
        return text
