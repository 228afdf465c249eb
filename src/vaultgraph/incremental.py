"""Check results kept between runs, so that `vault check` redoes only what an edit touched.

The diagnostics of the last full check are stored with the (size, mtime) of every note they
were computed from, keyed by everything else they depend on: the tool's version, the
configuration, the schema files and the set of file paths (which decides what every link
resolves to). Then:

- nothing changed: the stored diagnostics are the answer, and no note is read;
- some notes changed, and none of them changed what other notes can see of it (its headings and
  block ids, which anchors point at, its aliases, which broken-link messages mention, and its
  ``type``, which a schema's x-vault-link may ask of the notes linking to it): only the changed
  notes are parsed and checked again, and the findings about the vault as a whole (which a link
  added or removed can change: see :mod:`.hygiene`) are redone from the stored link counts;
- anything else (a file added, removed or renamed, a heading renamed): a full check.

The notes' ``vault-ignore`` comments are stored with the diagnostics, so that a check which reads
no note can still apply them.
"""

from __future__ import annotations

import hashlib
import json
from collections import Counter
from typing import TYPE_CHECKING, Any

from . import __version__
from .hygiene import VAULT_RULES, Connections, linked_files
from .model import Diagnostic, ParsedNote, Suppression
from .parse.structure import frontmatter_list

if TYPE_CHECKING:
    from .cache import Cache
    from .loader import NoteStore
    from .vault import Vault

_NAME = "check"


def cached_diagnostics(vault: Vault, cache: Cache) -> list[Diagnostic]:
    """The diagnostics of every note (scan problems aside), computed as little as possible."""
    from .loader import NoteStore

    if not isinstance(vault.parsed, NoteStore):  # notes not from files: nothing to compare
        return vault.full_check()
    signature = _signature(vault)
    stamps = vault.parsed.stamps
    stored = _load(cache.result(_NAME, signature))
    if stored is not None:
        changed = [path for path, stamp in stamps.items() if stored["stamps"].get(path) != list(stamp)]
        if not changed:
            vault.suppressions = _suppressions(stored)
            return [Diagnostic(*fields) for fields in stored["diagnostics"]]
        updated = _update(vault, vault.parsed, cache, stored, changed)
        if updated is not None:
            _store(cache, signature, stamps, stored["aliases"], updated, vault)
            return updated
    diagnostics = vault.full_check()
    _store(cache, signature, stamps, vault.alias_owners, diagnostics, vault)
    return diagnostics


def _update(
    vault: Vault, store: NoteStore, cache: Cache, stored: dict[str, Any], changed: list[str]
) -> list[Diagnostic] | None:
    """The stored diagnostics with those of ``changed`` notes redone, or None when the change
    reaches beyond those notes."""
    before = cache.parsed(changed)
    stamps_before = cache.stamps()
    for path in changed:
        # The parse cache must hold the version the stored diagnostics came from.
        if path not in before or list(stamps_before.get(path, ())) != stored["stamps"][path]:
            return None
        if _visible(before[path]) != _visible(store[path]):
            return None
    # Seed the aliases of the whole vault, unchanged as _visible just showed, so that resolving
    # the changed notes' links reads no other note.
    vault.alias_owners = stored["aliases"]
    store.remember(changed)
    # The file list is unchanged (the signature says so): the links the changed notes had
    # resolve now as they did then.
    links_before = [(path, linked_files(vault.index, path, before[path].links)) for path in changed]
    links_after = [(path, linked_files(vault.index, path, store[path].links)) for path in changed]
    counted = Connections(*map(Counter, stored["connections"]))
    vault.connections = counted.changed(links_before, links_after)
    redone = set(changed)
    kept = [
        Diagnostic(*fields)
        for fields in stored["diagnostics"]
        if fields[0] not in redone and fields[3] not in VAULT_RULES
    ]
    suppressions = {path: found for path, found in _suppressions(stored).items() if path not in redone}
    suppressions.update((path, store[path].suppressions) for path in changed if store[path].suppressions)
    vault.suppressions = suppressions
    return kept + vault.diagnostics_of(changed) + vault.vault_diagnostics()


def _suppressions(stored: dict[str, Any]) -> dict[str, tuple[Suppression, ...]]:
    return {
        path: tuple(Suppression(line, column, covers, tuple(rules)) for line, column, covers, rules in rows)
        for path, rows in stored["suppressions"].items()
    }


def _visible(note: ParsedNote) -> tuple[object, ...]:
    """What other notes' diagnostics can depend on."""
    aliases = frontmatter_list(note.frontmatter, "aliases", "alias")
    headings = tuple((h.level, h.text) for h in note.headings)
    return headings, note.block_ids, aliases, note.frontmatter.get("type")


def _signature(vault: Vault) -> str:
    digest = hashlib.sha256()
    schemas = vault.schemas
    digest.update(f"{__version__}\0{vault.config!r}\0{schemas and schemas.fingerprint}\0".encode())
    for path in vault.files:
        digest.update(path.encode("utf-8", "surrogateescape") + b"\0")
    return digest.hexdigest()


_KEYS = {"stamps", "aliases", "connections", "diagnostics", "suppressions"}


def _load(text: str | None) -> dict[str, Any] | None:
    if text is None:
        return None
    try:
        stored = json.loads(text)
        if isinstance(stored, dict) and stored.keys() >= _KEYS:
            return stored
    except ValueError:
        pass
    return None


def _store(
    cache: Cache,
    signature: str,
    stamps: dict[str, tuple[int, int]],
    aliases: dict[str, str],
    found: list[Diagnostic],
    vault: Vault,
) -> None:
    """Store the check's findings with what the next check needs to update them: the vault's
    link counts (for the vault-wide rules) and its notes' suppressions."""
    rows = [[d.path, d.line, d.column, d.rule, d.severity, d.message, d.target, d.field] for d in found]
    value = {
        "stamps": {path: list(stamp) for path, stamp in stamps.items()},
        "aliases": aliases,
        "connections": [vault.connections.inbound, vault.connections.outbound],
        "diagnostics": rows,
        "suppressions": vault.suppressions,
    }
    cache.store_result(_NAME, signature, json.dumps(value, ensure_ascii=False, separators=(",", ":")))
