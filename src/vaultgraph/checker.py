"""`vault check` and `vault validate` as library calls: a vault's diagnostics, narrowed to paths and rules."""

from __future__ import annotations

from collections import Counter
from collections.abc import Callable, Iterable
from dataclasses import dataclass, replace
from functools import partial
from operator import attrgetter
from pathlib import Path
from typing import TYPE_CHECKING

from .config import Config, listed
from .model import RULES, Diagnostic

if TYPE_CHECKING:
    from .baseline import BaselineOutcome
    from .resolve import PathIndex
    from .vault import Vault

# Imported where used: `vault validate FILES` (validate_files), run by pre-commit on every
# commit, needs neither the link resolver nor a Vault.

_BY_POSITION = attrgetter("path", "line", "column", "rule")


@dataclass(frozen=True, slots=True)
class CheckReport:
    """What a check read and what it found."""

    root: Path
    notes: int
    diagnostics: tuple[Diagnostic, ...]
    #: The notes whose findings are reported (one JUnit test case each).
    checked: tuple[str, ...] = ()
    #: What comparing with a baseline found, when there was one.
    baseline: BaselineOutcome | None = None

    def counts(self) -> dict[str, int]:
        found = Counter(diagnostic.severity for diagnostic in self.diagnostics)
        return {"error": found["error"], "warning": found["warning"]}

    def fails(self, fail_on: str) -> bool:
        """Whether anything is at or above ``fail_on`` ("error" or "warning")."""
        failing = failing_severities(fail_on)
        return any(diagnostic.severity in failing for diagnostic in self.diagnostics)


def failing_severities(fail_on: str) -> frozenset[str]:
    """The severities that fail a check run with ``--fail-on fail_on``."""
    return frozenset({"error"} if fail_on == "error" else {"error", "warning"})


def unknown_rules(rules: Iterable[str]) -> list[str]:
    return [rule for rule in rules if rule not in RULES]


def check(
    vault: Vault,
    paths: Iterable[str] | None = None,
    select: Iterable[str] = (),
    ignore: Iterable[str] = (),
    deleted: Iterable[str] = (),
) -> CheckReport:
    """Diagnostics located in ``paths`` (vault paths of files or folders; None or "" among them:
    the whole vault), keeping only the ``select``ed rules (none: all) and dropping the
    ``ignore``d ones.

    ``deleted`` names files that are gone but that git still has (see :mod:`.gitstate`). With
    ``paths``, the broken links anywhere in the vault that led to one of them are reported too:
    deleting a note breaks links in notes that nobody hands to the check."""
    from .suppress import apply_suppressions

    prefixes = _prefixes(paths)
    if prefixes is None:
        found = list(vault.diagnostics)
    else:
        found = [diagnostic for diagnostic in vault.diagnostics if within(diagnostic.path, prefixes)]
        elsewhere = (diagnostic for diagnostic in vault.diagnostics if not within(diagnostic.path, prefixes))
        found.extend(links_into_deleted(vault, elsewhere, deleted))
    found, unused = apply_suppressions(found, vault.suppressions, vault.config)
    added = [diagnostic for diagnostic in unused if within(diagnostic.path, prefixes)]
    if prefixes is not None or added:  # else in order already: vault.diagnostics are (0.05 s for 64,000)
        found.extend(added)
        found.sort(key=_BY_POSITION)
    selected = rule_filter(select, ignore)
    kept = tuple(diagnostic for diagnostic in found if selected(diagnostic.rule))
    checked = tuple(path for path in vault.parsed if within(path, prefixes))
    return CheckReport(vault.root, len(vault.parsed), kept, checked)


def _prefixes(paths: Iterable[str] | None) -> list[str] | None:
    paths = None if paths is None else list(paths)
    return None if paths is None or "" in paths else [path.rstrip("/") for path in paths]


def rule_filter(select: Iterable[str], ignore: Iterable[str]) -> Callable[[str], bool]:
    """Whether a rule is reported: one of ``select`` (none: all), not one of ``ignore``."""
    wanted, dropped = set(select), set(ignore)
    return lambda rule: (not wanted or rule in wanted) and rule not in dropped


def scope(
    paths: Iterable[str] | None, select: Iterable[str] = (), ignore: Iterable[str] = ()
) -> Callable[[str, str], bool]:
    """Whether a finding at (path, rule) is one a check of ``paths``, ``select`` and ``ignore``
    looks for (see :func:`check`): what a baseline may count as fixed or rewrite."""
    prefixes = _prefixes(paths)
    selected = rule_filter(select, ignore)
    return lambda path, rule: within(path, prefixes) and selected(rule)


def links_into_deleted(
    vault: Vault, diagnostics: Iterable[Diagnostic], deleted: Iterable[str]
) -> list[Diagnostic]:
    """Those broken-link ``diagnostics`` whose target would resolve to one of the ``deleted``
    files if it were still there, each with a message that says so."""
    from .resolve import PathIndex, resolve_target

    present = set(vault.files)
    # Only a file that a scan lists (not hidden, not ignored) could ever have been a link target.
    gone = {path for path in deleted if path not in present and listed(path, vault.config)}
    if not gone:
        return []
    before = PathIndex([*vault.files, *gone], vault.config.extensions)
    found = []
    for diagnostic in diagnostics:
        if diagnostic.rule != "broken-link" or diagnostic.target is None:
            continue
        was = resolve_target(before, diagnostic.target, diagnostic.path).path
        if was in gone:
            message = f"{diagnostic.message} ('{was}' was deleted; git still has it in HEAD)"
            found.append(replace(diagnostic, message=message))
    return found


def within(path: str, prefixes: Iterable[str] | None) -> bool:
    """Whether vault path ``path`` is one of ``prefixes`` or inside one (None or "": everything)."""
    if prefixes is None:
        return True
    return any(not prefix or path == prefix or path.startswith(prefix + "/") for prefix in prefixes)


def validate(vault: Vault, paths: Iterable[str] | None = None) -> CheckReport:
    """`vault validate` as a library call: the frontmatter findings (unreadable notes, invalid
    YAML, schema violations) of the notes in ``paths`` (None or "": all). No link is resolved,
    and no note outside ``paths`` is read."""
    prefixes = None if paths is None else [path.rstrip("/") for path in paths]
    notes = [path for path in vault.parsed if within(path, prefixes)]
    unreadable = [
        d for d in vault.scan_diagnostics() if d.rule == "unreadable-note" and within(d.path, prefixes)
    ]
    found = sorted([*unreadable, *vault.frontmatter_diagnostics(notes)], key=_BY_POSITION)
    return CheckReport(vault.root, len(notes), tuple(found), tuple(notes))


def scanned_index(root: Path, config: Config) -> PathIndex:
    from .resolve import PathIndex
    from .scan import scan_vault

    return PathIndex(scan_vault(root, config).files, config.extensions)


def validate_files(
    root: Path, config: Config, paths: Iterable[str], *, use_cache: bool = True
) -> CheckReport:
    """`vault validate FILES` as pre-commit runs it: the frontmatter findings of the notes at
    ``paths`` (vault paths), reading those files and no other, not even the vault's folders.
    Paths the vault doesn't list as notes (hidden, ignored, other types) are left out."""
    from .cache import Cache, cache_path
    from .linkfields import Linking, frontmatter_of_files
    from .notefile import read_note, read_text
    from .parse import parse_frontmatter
    from .schemas import KnownValid, load_schemas
    from .violations import note_findings

    notes = [path for path in dict.fromkeys(paths) if config.is_note(path) and listed(path, config)]
    cache = Cache(cache_path(root)) if use_cache else None
    # The vault is listed only if an x-vault-link value is checked: a link resolves against it.
    linking = Linking(partial(scanned_index, root, config), frontmatter_of_files(root))
    schemas = load_schemas(root, config, cache, linking)
    known = KnownValid(schemas, cache) if schemas is not None and cache is not None else None
    found = []
    for path in notes:
        note = read_note(root / path, parse_frontmatter)
        for line, column, rule, message, field in note_findings(
            schemas, path, note, partial(read_text, root / path), known
        ):
            severity = config.severity(rule)
            if severity is not None:
                found.append(Diagnostic(path, line, column, rule, severity, message, None, field))
    if known is not None:
        known.save()
    return CheckReport(root, len(notes), tuple(sorted(found, key=_BY_POSITION)), tuple(notes))
