"""Applying a vault's ``vault-ignore`` comments to its findings, and reporting those that do nothing."""

from __future__ import annotations

import difflib
from collections.abc import Iterable, Mapping

from .config import Config
from .model import RULES, Diagnostic, Suppression

UNUSED = "unused-suppression"


def apply_suppressions(
    diagnostics: Iterable[Diagnostic], suppressions: Mapping[str, tuple[Suppression, ...]], config: Config
) -> tuple[list[Diagnostic], list[Diagnostic]]:
    """The ``diagnostics`` no suppression covers, and an ``unused-suppression`` finding for each
    rule a suppression names but never silences (or doesn't know). A rule turned off in the
    config has no findings to silence, so naming it is not reported."""
    kept = []
    used: set[tuple[str, int, str]] = set()  # (path, index, rule): "" for "every rule"
    for diagnostic in diagnostics:
        silenced = False
        for index, suppression in enumerate(suppressions.get(diagnostic.path, ())):
            if suppression.covers in (0, diagnostic.line) and (
                not suppression.rules or diagnostic.rule in suppression.rules
            ):
                used.add((diagnostic.path, index, diagnostic.rule if suppression.rules else ""))
                silenced = True
        if not silenced:
            kept.append(diagnostic)
    severity = config.severity(UNUSED)
    if severity is None:
        return kept, []
    unused = [
        Diagnostic(path, suppression.line, suppression.column, UNUSED, severity, message)
        for path, found in suppressions.items()
        for index, suppression in enumerate(found)
        for message in _unused(suppression, {rule for p, i, rule in used if (p, i) == (path, index)}, config)
    ]
    return kept, unused


def _unused(suppression: Suppression, used: set[str], config: Config) -> Iterable[str]:
    """Why each part of ``suppression`` is reported, given the rules it silenced (``""``: all)."""
    comment = "vault-ignore-file" if suppression.covers == 0 else "vault-ignore"
    where = "in this note" if suppression.covers == 0 else "on the line it covers"
    if not suppression.rules:
        if not used:
            yield f"{comment} silences nothing: no finding {where}"
        return
    for rule in suppression.rules:
        if rule not in RULES:
            close = difflib.get_close_matches(rule, RULES, 1)
            yield f"{comment} names no rule {rule!r}" + (f" (did you mean {close[0]!r}?)" if close else "")
        elif rule not in used and config.severity(rule) is not None:
            yield f"{comment} {rule} silences nothing: no {rule} finding {where}"
