"""Output formats for diagnostics: each reporter turns a :class:`~vaultgraph.checker.CheckReport` into text.

Adding a format is adding a class to ``REPORTER_BY_NAME``, not an ``if`` in a command.
"""

from __future__ import annotations

from .base import Reporter
from .github import GithubReporter
from .json_report import JsonReporter
from .sarif import SarifReporter
from .text import TextReporter

REPORTER_BY_NAME: dict[str, type[Reporter]] = {
    "text": TextReporter,
    "json": JsonReporter,
    "github": GithubReporter,
    "sarif": SarifReporter,
}

__all__ = ["REPORTER_BY_NAME", "Reporter"]
