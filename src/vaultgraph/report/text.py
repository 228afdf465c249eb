"""`path:line:column: severity rule message`, one finding a line, as editors read it."""

from __future__ import annotations

from collections.abc import Callable

from ..checker import CheckReport
from .base import Reporter
from .terminal import printable

_STYLE = {"location": "bold", "error": "bold red", "warning": "yellow", "rule": "cyan"}


class TextReporter(Reporter):
    def render(self, report: CheckReport) -> str:
        paint = _painter(self.color_system)
        return "".join(
            f"{paint(f'{printable(d.path)}:{d.line}:{d.column}:', 'location')} "
            f"{paint(d.severity, d.severity)} {paint(d.rule, 'rule')} {printable(d.message)}\n"
            for d in report.diagnostics
        )


def _painter(color_system: str | None) -> Callable[[str, str], str]:
    """Colour by role. Rendering each line as a rich renderable is far too slow for the
    tens of thousands of lines a large vault can produce, so only the ANSI codes come from rich."""
    if color_system is None:
        return lambda text, role: text
    from rich.color import ColorSystem
    from rich.style import Style

    system = {"standard": ColorSystem.STANDARD, "256": ColorSystem.EIGHT_BIT}.get(
        color_system, ColorSystem.TRUECOLOR
    )
    styles = {role: Style.parse(style) for role, style in _STYLE.items()}
    return lambda text, role: styles[role].render(text, color_system=system)
