"""`vault check` as a library call: the vault's diagnostics, narrowed to paths and rules."""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterable
from dataclasses import dataclass
from pathlib import Path

from .model import RULES, Diagnostic
from .vault import Vault


@dataclass(frozen=True, slots=True)
class CheckReport:
    """What a check read and what it found."""

    root: Path
    notes: int
    diagnostics: tuple[Diagnostic, ...]

    def counts(self) -> dict[str, int]:
        found = Counter(diagnostic.severity for diagnostic in self.diagnostics)
        return {"error": found["error"], "warning": found["warning"]}

    def fails(self, fail_on: str) -> bool:
        """Whether anything is at or above ``fail_on`` ("error" or "warning")."""
        failing = {"error"} if fail_on == "error" else {"error", "warning"}
        return any(diagnostic.severity in failing for diagnostic in self.diagnostics)


def unknown_rules(rules: Iterable[str]) -> list[str]:
    return [rule for rule in rules if rule not in RULES]


def check(
    vault: Vault,
    paths: Iterable[str] = (),
    select: Iterable[str] = (),
    ignore: Iterable[str] = (),
) -> CheckReport:
    """Diagnostics located in ``paths`` (vault paths of files or folders; "" or none: all),
    keeping only the ``select``ed rules (none: all) and dropping the ``ignore``d ones."""
    wanted = set(select)
    dropped = set(ignore)
    prefixes = [path.rstrip("/") for path in paths]
    kept = tuple(
        diagnostic
        for diagnostic in vault.diagnostics
        if (not wanted or diagnostic.rule in wanted)
        and diagnostic.rule not in dropped
        and _within(diagnostic.path, prefixes)
    )
    return CheckReport(vault.root, len(vault.parsed), kept)


def _within(path: str, prefixes: list[str]) -> bool:
    if not prefixes or "" in prefixes:
        return True
    return any(path == prefix or path.startswith(prefix + "/") for prefix in prefixes)
