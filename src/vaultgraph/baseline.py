"""A baseline: the findings a vault had when its team turned `vault check` on, so that CI fails only
on new ones while the old ones are fixed at leisure.

Each finding is keyed by its file, rule, target and a fingerprint of its text (the link as written,
else the message), never by its line: adding a paragraph above a baselined broken link must not
make it new. Keys are counted, so a second copy of a baselined link in the same note is new.
"""

from __future__ import annotations

import hashlib
import json
from collections import Counter
from collections.abc import Callable, Iterable
from dataclasses import dataclass, replace
from pathlib import Path
from typing import TYPE_CHECKING, Any

from .atomic import write_atomically
from .config import DEFAULT_BASELINE, Config, ConfigError
from .model import Diagnostic

if TYPE_CHECKING:
    from .checker import CheckReport
    from .vault import Vault

#: The format of the file; a baseline of another version is refused, not misread.
VERSION = 1
#: path, rule, target ("" when the finding has none), fingerprint.
Key = tuple[str, str, str, str]
#: Whether a finding at (path, rule) is one the check looked for (PATHS, --select, --ignore).
Scope = Callable[[str, str], bool]


class BaselineError(ConfigError):
    """The baseline file is missing or not a baseline: a usage error (exit 2)."""


@dataclass(frozen=True, slots=True)
class BaselineOutcome:
    """What comparing a check with its baseline found."""

    file: str
    #: Findings left out of the report because the baseline holds them.
    unchanged: int
    #: Findings the baseline holds that the vault no longer has.
    fixed: int
    #: How many findings the baseline file now records, when it was (re)written.
    written: int | None = None


def baseline_file(root: Path, config: Config, given: Path | None, *, write: bool) -> Path | None:
    """The baseline in effect: ``--baseline FILE``, else vault.toml's ``baseline`` (relative to the
    vault root), else, when writing one, ``vault-baseline.json`` at the root; None: no baseline."""
    if given is not None:
        return given
    if config.baseline is not None:
        return root / config.baseline
    return root / DEFAULT_BASELINE if write else None


def ratchet(
    vault: Vault, report: CheckReport, file: Path, scope: Scope, *, write: bool = False, dry_run: bool = False
) -> CheckReport:
    """``report`` without the findings ``file`` holds, with how many it held and how many are fixed.

    With ``write``, ``file`` is first made to record today's findings in ``scope`` (those out of
    scope are kept as they were), which drops the fixed ones; ``dry_run`` only says so."""
    keys = finding_keys(vault, report.diagnostics)
    recorded = Counter() if write and not file.exists() else read_baseline(file)
    remaining = Counter({key: count for key, count in recorded.items() if scope(key[0], key[1])})
    fixed = sum((remaining - Counter(keys)).values())
    written = None
    if write:
        now = Counter(key for key in keys if scope(key[0], key[1]))
        remaining = now
        kept = Counter({key: count for key, count in recorded.items() if not scope(key[0], key[1])})
        written = sum((kept + now).values())
        if not dry_run:
            try:
                write_atomically(file, render_baseline(kept + now))
            except OSError as error:
                raise BaselineError(f"cannot write the baseline {shown(file)}: {error}") from error
    new = []
    for diagnostic, key in zip(report.diagnostics, keys, strict=True):
        if remaining[key] > 0:
            remaining[key] -= 1
        else:
            new.append(diagnostic)
    outcome = BaselineOutcome(shown(file), len(keys) - len(new), fixed, written)
    return replace(report, diagnostics=tuple(new), baseline=outcome)


def finding_keys(vault: Vault, diagnostics: Iterable[Diagnostic]) -> list[Key]:
    """Each finding's key: a link's is fingerprinted by the link as written (its message may
    change with the vault: "did you mean" suggestions), any other finding's by its message."""
    links: dict[str, dict[tuple[int, int], str]] = {}
    keys = []
    for diagnostic in diagnostics:
        text = diagnostic.message
        if diagnostic.target is not None:
            if diagnostic.path not in links:
                parsed = vault.parsed.get(diagnostic.path)
                written = parsed.links if parsed is not None else ()
                links[diagnostic.path] = {(link.line, link.column): link.raw for link in written}
            text = links[diagnostic.path].get((diagnostic.line, diagnostic.column), text)
        fingerprint = hashlib.sha256(f"{diagnostic.rule}\0{text}".encode()).hexdigest()[:16]
        keys.append((diagnostic.path, diagnostic.rule, diagnostic.target or "", fingerprint))
    return keys


def read_baseline(file: Path) -> Counter[Key]:
    """The findings ``file`` records; BaselineError when it is missing or not a baseline."""
    try:
        data = json.loads(file.read_text(encoding="utf-8"))
    except FileNotFoundError:
        raise BaselineError(
            f"baseline file not found: {shown(file)} (`vault check --write-baseline` writes it)"
        ) from None
    except (OSError, UnicodeDecodeError, ValueError) as error:
        raise BaselineError(f"{shown(file)}: not a vaultgraph baseline: {error}") from error
    if (
        not isinstance(data, dict)
        or data.get("version") != VERSION
        or not isinstance(data.get("findings"), list)
    ):
        raise BaselineError(f"{shown(file)}: not a vaultgraph baseline of version {VERSION}")
    recorded: Counter[Key] = Counter()
    for index, entry in enumerate(data["findings"]):
        key = _entry_key(entry)
        if key is None:
            raise BaselineError(f"{shown(file)}: finding {index + 1} is not a baseline entry: {entry!r}")
        recorded[key] += entry["count"]
    return recorded


def _entry_key(entry: Any) -> Key | None:
    if not isinstance(entry, dict):
        return None
    fields = [entry.get("path"), entry.get("rule"), entry.get("target", ""), entry.get("fingerprint")]
    count = entry.get("count")
    if not all(isinstance(value, str) for value in fields) or type(count) is not int or count < 1:
        return None
    path, rule, target, fingerprint = fields
    return path, rule, target, fingerprint


def render_baseline(recorded: Counter[Key]) -> str:
    """The file's text: sorted and free of timestamps, so that it changes only when findings do
    and reviews as a diff."""
    findings = []
    for (path, rule, target, fingerprint), count in sorted(recorded.items()):
        entry: dict[str, Any] = {"path": path, "rule": rule}
        if target:
            entry["target"] = target
        entry.update(fingerprint=fingerprint, count=count)
        findings.append(entry)
    document = {"version": VERSION, "findings": findings}
    return json.dumps(document, indent=2, ensure_ascii=False) + "\n"


def shown(file: Path) -> str:
    """``file`` as messages name it: relative to the current folder when inside it."""
    try:
        return file.resolve().relative_to(Path.cwd()).as_posix()
    except ValueError:
        return str(file)
