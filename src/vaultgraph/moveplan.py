"""What `vault mv OLD NEW` changes: the files moved, and every link whose text must change so
that it still leads where it led (links to the moved files, links inside moved notes, and links
the move would make ambiguous).

Pure: the vault and the files' bytes (through ``read``) in, a :class:`Plan` out. Only the span of
each link's target is replaced; every other byte of a file (line endings, BOM, trailing spaces,
YAML comments) is kept as it was.
"""

from __future__ import annotations

import posixpath
from collections.abc import Callable
from dataclasses import dataclass

from .linkedit import LinkEdit, file_changes, new_target, numbered
from .names import name_key
from .plan import Plan, Refused, Stamp
from .resolve import PathIndex, note_name, resolve_target
from .vault import ResolvedLink, Vault


@dataclass(frozen=True, slots=True)
class MovePlan(Plan):
    """A :class:`Plan` that also says what moves where (vault paths; folders without a slash)
    and how many links it rewrites, for the summary."""

    old: str = ""
    new: str = ""
    links: int = 0

    @property
    def notes(self) -> int:
        """How many notes get links rewritten."""
        return sum(change.rewritten for change in self.changes)


def plan_move(
    vault: Vault,
    old: str,
    new: str,
    read: Callable[[str], bytes],
    *,
    stamp: Callable[[str], Stamp],
    exists: Callable[[str], bool] | None = None,
) -> MovePlan:
    """Move the file or folder at vault path ``old`` to ``new`` (into it when ``new`` ends with
    ``/`` or is a folder of the vault) and rewrite the links that must change.

    ``read`` gives a file's bytes and ``stamp`` its (size, mtime_ns), taken before reading so that
    an edit in between makes the plan outdated; ``exists`` says whether a path is taken by a file
    the vault doesn't list (a hidden one). Raises :class:`Refused`.
    """
    old = _clean(old, "OLD")
    new = _destination(vault, old, _clean(new, "NEW"))
    moves = _moves(vault, old, new, exists or (lambda _: False))
    new_index = PathIndex([moves.get(path, path) for path in vault.files], vault.config.extensions)
    edits = _edits(vault, moves, new_index)
    changes = file_changes(vault, edits, read, stamp, moves)
    return MovePlan(changes, old, new, links=sum(len(found) for found in edits.values()))


def _clean(path: str, what: str) -> str:
    """``path`` as a normal vault path; NEW keeps a trailing `/` (into that folder), and the
    root is `/`."""
    cleaned = posixpath.normpath(path) if path.strip() else "."
    if cleaned == ".." or cleaned.startswith(("../", "/")):
        raise Refused(f"{what} '{path}' is outside the vault")
    if what == "OLD":
        if cleaned == ".":
            raise Refused("OLD is the vault itself")
        return cleaned
    if cleaned == ".":
        return "/"
    return cleaned + "/" if path.endswith("/") else cleaned


def _destination(vault: Vault, old: str, new: str) -> str:
    """Where ``old`` goes: into ``new`` when that is a folder."""
    if new.endswith("/") or _is_folder(vault, new):
        return posixpath.join(new.rstrip("/"), posixpath.basename(old))
    if old in vault.files and vault.index.is_note(old) and not posixpath.splitext(new)[1]:
        return new + posixpath.splitext(old)[1]  # `vault mv Note.md Renamed` means Renamed.md
    return new


def _moves(vault: Vault, old: str, new: str, exists: Callable[[str], bool]) -> dict[str, str]:
    """Each file's vault path to its new one."""
    files = set(vault.files)
    old_folder = old + "/"
    inside = [path for path in vault.files if path.startswith(old_folder)]
    if old not in files and not inside:
        raise Refused(f"no file or folder '{old}' in the vault")
    if new == old:
        raise Refused(f"'{old}' is already there")
    if old not in files and (new + "/").startswith(old_folder):
        raise Refused(f"can't move the folder '{old}' into itself")
    moves = {old: new} if old in files else {path: new + path[len(old) :] for path in inside}
    taken = {name_key(path): path for path in files - set(moves)}
    for path, target in moves.items():
        # A case-only rename finds the file itself on a case-insensitive file system.
        if name_key(target) in taken or (exists(target) and name_key(target) != name_key(path)):
            raise Refused(f"'{taken.get(name_key(target), target)}' already exists")
    if old not in files and _is_folder(vault, new):
        raise Refused(f"the folder '{new}' already exists")
    for folder in {posixpath.dirname(target) for target in moves.values()}:
        while folder:  # a file where a folder of NEW must go
            if name_key(folder) in taken:
                raise Refused(f"'{taken[name_key(folder)]}' is a file, not a folder")
            folder = posixpath.dirname(folder)
    return moves


def _is_folder(vault: Vault, path: str) -> bool:
    """Whether some file of the vault is inside ``path`` (the root always is a folder)."""
    prefix = path.rstrip("/") + "/"
    return any(file.startswith(prefix) for file in vault.files) if path.strip("/") else True


def _edits(vault: Vault, moves: dict[str, str], new_index: PathIndex) -> dict[str, list[LinkEdit]]:
    """The links to rewrite, by note: those that would no longer lead where they led."""
    keys = _touched_keys(moves)
    edits: dict[str, list[LinkEdit]] = {}
    for position, item in numbered(vault.links):
        target = item.link.target
        if not target or item.resolved is None or not _involved(item, moves, keys):
            continue
        expected = moves.get(item.resolved, item.resolved)
        source = moves.get(item.source, item.source)
        now = resolve_target(new_index, target, source)
        was_ambiguous = any(rule == "ambiguous-link" for rule, _ in item.messages)
        still_leads = now.path == expected and (now.status == "ok" or was_ambiguous)
        if still_leads and not _old_spelling(target, item.resolved, expected):
            continue
        full = "/" in target and bool(_exact(vault.index, target.lstrip("/")))
        rewritten = new_target(item.link.target, full, expected, source, new_index)
        edits.setdefault(item.source, []).append(LinkEdit(position, item.link, rewritten))
    return edits


def _old_spelling(target: str, old: str, new: str) -> bool:
    """Whether ``target`` spells the old path of a file renamed only in case or Unicode form: the
    link still resolves (names resolve case-insensitively) but should read as the new name."""
    written = _spelled(target)
    tail = len(written)
    old_tail, new_tail = _spelled(old)[-tail:], _spelled(new)[-tail:]
    return (
        old_tail == written
        and new_tail != written
        and [name_key(part) for part in new_tail] == [name_key(part) for part in written]
    )


def _spelled(path: str) -> list[str]:
    """A link target's or a path's folders and name, as written (a note's `.md` left out)."""
    parts = [part for part in path.strip("/").split("/") if part != "."]
    if parts[-1].lower().endswith(".md"):
        parts[-1] = parts[-1][:-3]
    return parts


def _touched_keys(moves: dict[str, str]) -> set[str]:
    """Name keys of the moved files, old and new: only links ending in one of them can change
    what they resolve to."""
    keys = set()
    for path in (*moves, *moves.values()):
        keys.add(name_key(note_name(path)))
        keys.add(name_key(posixpath.basename(path)))
    return keys


def _involved(item: ResolvedLink, moves: dict[str, str], keys: set[str]) -> bool:
    if item.source in moves or item.resolved in moves:
        return True
    last = name_key(posixpath.basename(item.link.target.rstrip("/")))
    return last in keys or posixpath.splitext(last)[0] in keys


def _exact(index: PathIndex, path: str) -> str | None:
    """The file whose whole vault path ``path`` is (``.md`` optional), not the end of one."""
    key = name_key(path)
    return index.by_path.get(key) or index.by_path.get(key + ".md")
