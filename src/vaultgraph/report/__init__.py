"""Output formats for diagnostics: each reporter turns a :class:`~vaultgraph.checker.CheckReport` into text.

Adding a format is adding a line to ``_REPORTERS``, not an ``if`` in a command. Each is imported
only when asked for: a hook run prints one format and should load no other.
"""

from __future__ import annotations

import importlib

from .base import Reporter

_REPORTERS = {
    "text": "text:TextReporter",
    "json": "json_report:JsonReporter",
    "github": "github:GithubReporter",
    "sarif": "sarif:SarifReporter",
    "junit": "junit:JunitReporter",
}
FORMATS = tuple(_REPORTERS)


def reporter(
    name: str, color_system: str | None = None, *, fail_on: str = "error", stats: bool = False
) -> Reporter:
    """The reporter of format ``name`` (one of ``FORMATS``)."""
    module, cls = _REPORTERS[name].split(":")
    found: type[Reporter] = getattr(importlib.import_module(f".{module}", __name__), cls)
    return found(color_system, fail_on=fail_on, stats=stats)


__all__ = ["FORMATS", "Reporter", "reporter"]
