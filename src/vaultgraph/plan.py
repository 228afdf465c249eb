"""A change to a vault's files, worked out before anything is written: what `vault mv` and
`vault fix` compute (pure functions) and what the journal applies (all of it, or none).

A plan names every file it touches with the size and modification time it had when the plan was
made, so that a file edited in between makes the whole operation stop with nothing changed.
"""

from __future__ import annotations

from dataclasses import dataclass


class Refused(Exception):
    """`vault mv` or `vault fix` won't make this change (NEW exists, OLD unknown, a note changed
    while planning ...): nothing is changed."""


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
        """A unified diff of every change as git writes one (renames included): what `--dry-run`
        prints, and what `git apply` takes to make the same change."""
        import difflib  # here: only --dry-run shows a plan, and every command loads this module

        out: list[str] = []
        for change in sorted(self.changes, key=lambda c: c.path):
            out.append(f"diff --git a/{change.path} b/{change.new_path}\n")
            if change.moved:
                out += [f"rename from {change.path}\n", f"rename to {change.new_path}\n"]
            if change.rewritten:
                assert change.after is not None
                before, after = _lines(change.before), _lines(change.after)
                for line in difflib.unified_diff(before, after, f"a/{change.path}", f"b/{change.new_path}"):
                    # A last line without a newline, old or new, is marked as diff and patch expect.
                    out.append(line if line.endswith("\n") else line + "\n\\ No newline at end of file\n")
        return "".join(out)


def _lines(data: bytes) -> list[str]:
    """Lines as git and patch see them: ended by \\n only (a \\r stays in its line, so a diff
    of a CRLF or CR-only file applies with `git apply`)."""
    text = data.decode("utf-8", "surrogateescape")
    lines = [line + "\n" for line in text.split("\n")]
    lines[-1] = lines[-1][:-1]
    return lines if lines[-1] else lines[:-1]
