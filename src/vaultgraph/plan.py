"""A change to a vault's files, worked out before anything is written: what `vault mv` and
`vault fix` compute (pure functions) and what the journal applies (all of it, or none).

A plan names every file it touches with the size and modification time it had when the plan was
made, so that a file edited in between makes the whole operation stop with nothing changed.
"""

from __future__ import annotations

import difflib
from dataclasses import dataclass

#: (size, mtime_ns) of a file when the plan was made.
Stamp = tuple[int, int]


@dataclass(frozen=True, slots=True)
class FileChange:
    """One file: moved (``new_path`` differs from ``path``), rewritten (``after`` is not None),
    or both. Paths are vault paths; ``before`` is the bytes the plan was made from."""

    path: str
    new_path: str
    before: bytes
    after: bytes | None
    stamp: Stamp

    @property
    def moved(self) -> bool:
        return self.new_path != self.path

    @property
    def rewritten(self) -> bool:
        return self.after is not None and self.after != self.before


@dataclass(frozen=True, slots=True)
class Plan:
    changes: tuple[FileChange, ...]

    def __bool__(self) -> bool:
        return any(change.moved or change.rewritten for change in self.changes)

    def diff(self) -> str:
        """A unified diff of every change, renames as git writes them: what `--dry-run` prints."""
        out: list[str] = []
        for change in sorted(self.changes, key=lambda c: c.path):
            if change.moved:
                out += [f"rename from {change.path}\n", f"rename to {change.new_path}\n"]
            if change.rewritten:
                assert change.after is not None
                before = change.before.decode("utf-8", "surrogateescape").splitlines(keepends=True)
                after = change.after.decode("utf-8", "surrogateescape").splitlines(keepends=True)
                out += difflib.unified_diff(before, after, f"a/{change.path}", f"b/{change.new_path}")
                if out and not out[-1].endswith("\n"):
                    out[-1] += "\n\\ No newline at end of file\n"
        return "".join(out)
