"""What `vault fix` proposes for broken links: a new target where there is exactly one confident
candidate, the candidates where there are several, nothing where there are none.

Confident, in the order tried (the first that finds anything decides):

1. git renamed the file the link meant (the link resolves among HEAD's paths to a file git shows
   renamed);
2. the file name is right but the folder is not (``[[old-folder/note]]``, ``[[note.md.md]]``):
   notes or files with that name elsewhere;
3. a single close name by edit distance (``[[power-law-return]]``).

(A link that resolves only when case is ignored is not broken; :mod:`.fixplan` fixes it to the
file's own case where the vault turns the ``case-mismatch`` rule on.)

Pure functions over the vault's path index and its broken links; git's renames come in as a
mapping, read by the caller.
"""

from __future__ import annotations

import difflib
import posixpath
from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from typing import Literal

from .names import name_key
from .resolve import PathIndex, resolve_target

Reason = Literal["renamed", "folder", "close-match", "case"]

#: How alike a name must be to another to be its one close match (difflib's ratio).
CLOSE_ENOUGH = 0.85


@dataclass(frozen=True, slots=True)
class Proposal:
    """A broken link in ``source`` at ``line``:``column`` and what it should lead to.
    ``new_path`` is set when exactly one candidate is confident; otherwise ``candidates`` lists
    them (or is empty: nothing to propose)."""

    source: str
    line: int
    column: int
    target: str
    reason: Reason | None
    new_path: str | None
    candidates: tuple[str, ...]

    @property
    def confident(self) -> bool:
        return self.new_path is not None


@dataclass(frozen=True, slots=True)
class BrokenLink:
    source: str
    line: int
    column: int
    target: str


def propose(
    index: PathIndex, broken: Iterable[BrokenLink], renamed: Mapping[str, str] | None = None
) -> list[Proposal]:
    """A proposal for each broken link, in the order given."""
    renamed = renamed or {}
    before = PathIndex([*index.paths, *renamed], index.note_suffixes) if renamed else None
    return [_propose(index, before, renamed, link) for link in broken]


def _propose(
    index: PathIndex, before: PathIndex | None, renamed: Mapping[str, str], link: BrokenLink
) -> Proposal:
    tries: list[tuple[Reason, list[str]]] = [
        ("renamed", _renamed(before, renamed, link)),
        ("folder", _same_name(index, link.target)),
        ("close-match", _close_match(index, link.target)),
    ]
    for reason, candidates in tries:
        if candidates:
            chosen = candidates[0] if len(candidates) == 1 else None
            return Proposal(
                link.source, link.line, link.column, link.target, reason, chosen, tuple(candidates)
            )
    return Proposal(link.source, link.line, link.column, link.target, None, None, ())


def _renamed(before: PathIndex | None, renamed: Mapping[str, str], link: BrokenLink) -> list[str]:
    if before is None:
        return []
    was = resolve_target(before, link.target, link.source).path
    return [renamed[was]] if was is not None and was in renamed else []


def _same_name(index: PathIndex, target: str) -> list[str]:
    """Files named as the target's last part, when its folder (or a doubled .md) was wrong."""
    name = target.rstrip("/").rsplit("/", 1)[-1]
    while name_key(name).endswith(".md.md"):
        name = name[:-3]
    key = name_key(name)
    found = index.by_name.get(key) or index.by_filename.get(key)
    if not found and key.endswith(index.note_suffixes):
        found = index.by_name.get(posixpath.splitext(key)[0])
    return sorted(found or [])


def _close_match(index: PathIndex, target: str) -> list[str]:
    """The notes whose name is within a typo or two of the target's: one is confident."""
    name = target.rstrip("/").rsplit("/", 1)[-1]
    key = name_key(posixpath.splitext(name)[0] if name_key(name).endswith(".md") else name)
    found = []
    for suggestion in index.suggest(name):
        if difflib.SequenceMatcher(None, key, name_key(suggestion)).ratio() >= CLOSE_ENOUGH:
            key_of = name_key(suggestion)
            found.extend(index.by_name.get(key_of) or index.by_filename.get(key_of) or [])
    return sorted(dict.fromkeys(found))
