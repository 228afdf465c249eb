"""`vault check` and `vault validate` as library calls: a vault's diagnostics, narrowed to paths and rules."""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterable
from dataclasses import dataclass
from operator import attrgetter
from pathlib import Path

from .model import RULES, Diagnostic
from .vault import Vault

_BY_POSITION = attrgetter("path", "line", "column", "rule")


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
        and within(diagnostic.path, prefixes)
    )
    return CheckReport(vault.root, len(vault.parsed), kept)


def within(path: str, prefixes: list[str]) -> bool:
    """Whether vault path ``path`` is one of ``prefixes`` or inside one (none or "": everything)."""
    if not prefixes or "" in prefixes:
        return True
    return any(path == prefix or path.startswith(prefix + "/") for prefix in prefixes)


def validate(vault: Vault, paths: Iterable[str] = ()) -> CheckReport:
    """`vault validate` as a library call: the frontmatter findings (unreadable notes, invalid
    YAML, schema violations) of the notes in ``paths`` ("" or none: all). No link is resolved,
    and no note outside ``paths`` is read."""
    prefixes = [path.rstrip("/") for path in paths]
    notes = [path for path in vault.parsed if within(path, prefixes)]
    unreadable = [
        d for d in vault.scan_diagnostics() if d.rule == "unreadable-note" and within(d.path, prefixes)
    ]
    found = sorted([*unreadable, *vault.frontmatter_diagnostics(notes)], key=_BY_POSITION)
    return CheckReport(vault.root, len(notes), tuple(found))
