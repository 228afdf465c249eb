"""Applying a :class:`~vaultgraph.plan.Plan` so that nothing is ever lost, even if the process is
killed (or the power fails) part way: every file ends up wholly old or wholly new, all of them.

How: the new contents are written to hidden temporary files next to their destinations, and the
steps are recorded in a journal in the vault's cache folder, before any note is touched. The
journal is written twice, each time atomically (a temporary file renamed over it): first as
``prepare`` (what temporary files and folders may exist), then as ``commit`` once every temporary
file is on disk. Only then are notes renamed. :func:`recover`, run by every command before it
loads the vault, reads a journal left behind: a ``commit`` one is finished (every step checks what
exists, so it can be run again after another crash); a ``prepare`` one, or one that can't be
read, is undone by deleting the temporary files, the notes being untouched.
"""

from __future__ import annotations

import contextlib
import json
import os
import re
import signal
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from .plan import FileChange, Plan, Refused

#: Test hook (see :func:`_step_done`): kill the process after this many file-system steps.
CRASH_ENV = "VAULTGRAPH_CRASH_AFTER"
_FORMAT = 1
#: ``.NAME.vg-XXXXXXXX.tmp`` (new content) and ``.NAME.vg-XXXXXXXX.bak`` (an original's bytes).
_OURS = re.compile(r"^\..+\.vg-[0-9a-f]{8}\.(?:tmp|bak)$")


class PlanOutdated(ValueError):
    """A file changed since the plan was made (or a destination is taken): nothing was done."""


@dataclass(frozen=True, slots=True)
class _Step:
    """One change as the journal records it; paths are vault paths, ``None`` when not needed."""

    source: str
    destination: str
    temporary: str | None  # the new content, next to the destination
    backup: str | None  # the original, renamed aside (next to the source) until the end

    def as_json(self) -> dict[str, str | None]:
        return {
            "source": self.source,
            "destination": self.destination,
            "temporary": self.temporary,
            "backup": self.backup,
        }


@dataclass(frozen=True, slots=True)
class _Journal:
    state: str  # "prepare" or "commit"
    what: str  # for the message of recover(): "move of A to B, rewriting 3 notes"
    steps: tuple[_Step, ...]
    made_folders: tuple[str, ...]  # destination folders apply created, parents first

    def as_json(self) -> str:
        return json.dumps(
            {
                "format": _FORMAT,
                "state": self.state,
                "what": self.what,
                "steps": [step.as_json() for step in self.steps],
                "made_folders": list(self.made_folders),
            },
            indent=1,
        )


# The test hook: a step counter, reset by each apply() and recover().
_steps_done = 0


def _step_done() -> None:
    """Test hook: count a file-system step (a write, fsync, rename, unlink, mkdir or rmdir) and,
    when the environment variable VAULTGRAPH_CRASH_AFTER=N is set, kill this process with SIGKILL
    right after step N, so that a test can crash apply() or recover() at every point."""
    global _steps_done
    _steps_done += 1
    if os.environ.get(CRASH_ENV) == str(_steps_done):
        os.kill(os.getpid(), signal.SIGKILL)


def journal_path(root: Path) -> Path:
    """Where the journal of the vault at ``root`` lives: beside its cache, one per vault."""
    from .cache import cache_path

    cache = cache_path(root)
    if cache.parent.name == ".vault":
        return cache.parent / "journal.json"
    return cache.with_name(f"{cache.stem}.journal.json")  # the user cache folder holds many vaults


def apply(root: Path, plan: Plan) -> None:
    """Carry out ``plan`` in the vault at ``root``: all of it, or (raising) none of it.

    Raises :class:`PlanOutdated`, having changed nothing, when a file's size or modification time
    differs from its stamp in the plan, a source is missing or a move's destination exists.
    """
    global _steps_done
    _steps_done = 0
    changes = [change for change in plan.changes if change.moved or change.rewritten]
    journal_file = journal_path(root)
    _make_folder(journal_file.parent)
    with _locked(journal_file.parent):
        if journal_file.exists():
            raise PlanOutdated(
                "another `vault mv` or `vault fix` is unfinished (run any vault command to finish it)"
            )
        _check(root, plan)
        if not changes:
            return
        steps = tuple(_step_for(change) for change in changes)
        made = _missing_folders(root, [step.destination for step in steps])
        journal = _Journal("prepare", _describe(changes), steps, made)
        _write_journal(journal_file, journal)
        try:
            for folder in made:
                os.mkdir(root / folder)
                _step_done()
            for change, step in zip(changes, steps, strict=True):
                if step.temporary is not None:
                    assert change.after is not None
                    _write_new(root / step.temporary, change.after, root / change.path)
            _sync_folders(root, {_parent(step.destination) for step in steps if step.temporary})
        except BaseException:  # a full disk, say: undo now rather than at the next command
            _roll_back(root, journal_file, journal)
            raise
        # From here on the plan is committed: recover() rolls it forward.
        _write_journal(journal_file, _Journal("commit", journal.what, steps, made))
        _roll_forward(root, journal_file, steps)


def recover(root: Path) -> str | None:
    """Finish or undo an apply() that was interrupted; a one-line message of what was done, or
    None when there was nothing to do (the usual case, costing one stat)."""
    global _steps_done
    _steps_done = 0
    journal_file = journal_path(root)
    if not journal_file.exists() and not _journal_temporary(journal_file).exists():
        return None
    with _locked(journal_file.parent):
        # Under the lock, a running apply() has finished: look again.
        _remove(_journal_temporary(journal_file))
        if not journal_file.exists():
            return None
        journal = _read_journal(journal_file)
        if journal is None:
            _sweep(root)
            _remove(journal_file)
            return (
                "rolled back an interrupted move whose journal was unreadable (its temporary files deleted)"
            )
        if journal.state == "commit":
            _roll_forward(root, journal_file, journal.steps)
            return f"finished an interrupted {journal.what}"
        _roll_back(root, journal_file, journal)
        return f"rolled back an interrupted {journal.what}; no note was changed"


def _check(root: Path, plan: Plan) -> None:
    destinations: set[str] = set()
    real_root = root.resolve()
    for change in plan.changes:
        for path in {change.path, change.new_path}:
            # A folder symlinked in from elsewhere is read like the vault's own, never written.
            if not _real_parent(root / path).is_relative_to(real_root):
                raise Refused(f"{path} is in a folder linked in from outside the vault")
        if change.rewritten and (root / change.path).is_symlink():
            raise Refused(f"{change.path} is a symlink; change the file it links to instead")
        try:
            status = os.stat(root / change.path)
        except FileNotFoundError:
            raise PlanOutdated(f"{change.path} is gone") from None
        if (status.st_size, status.st_mtime_ns) != tuple(change.stamp):
            raise PlanOutdated(f"{change.path} changed since the move was planned")
        if change.moved:
            # lexists: a dangling symlink or a hidden file takes the name too.
            if os.path.lexists(root / change.new_path) or change.new_path in destinations:
                raise PlanOutdated(f"{change.new_path} exists")
            destinations.add(change.new_path)


def _real_parent(path: Path) -> Path:
    """The real path of ``path``'s nearest existing folder."""
    folder = path.parent
    while not folder.exists() and folder != folder.parent:
        folder = folder.parent
    return folder.resolve()


def _step_for(change: FileChange) -> _Step:
    if not change.rewritten:
        return _Step(change.path, change.new_path, None, None)
    return _Step(
        change.path, change.new_path, _hidden_name(change.new_path, "tmp"), _hidden_name(change.path, "bak")
    )


def _hidden_name(path: str, kind: str) -> str:
    folder, _, name = path.rpartition("/")
    import secrets  # here: every command imports this module to recover, few ever write

    hidden = f".{name}.vg-{secrets.token_hex(4)}.{kind}"
    return f"{folder}/{hidden}" if folder else hidden


def _parent(path: str) -> str:
    return path.rpartition("/")[0]


def _missing_folders(root: Path, destinations: list[str]) -> tuple[str, ...]:
    missing: set[str] = set()
    for destination in destinations:
        folder = _parent(destination)
        while folder and not (root / folder).is_dir():
            missing.add(folder)
            folder = _parent(folder)
    return tuple(sorted(missing, key=lambda folder: folder.count("/")))


def _describe(changes: list[FileChange]) -> str:
    """What the plan does, for recover()'s message: "move of A to B, rewriting 3 notes"."""
    moves = [change for change in changes if change.moved]
    rewrites = sum(1 for change in changes if change.rewritten and not change.moved)
    parts = []
    if moves:
        others = f" and {_count(len(moves) - 1, 'other file')}" if len(moves) > 1 else ""
        parts.append(f"move of {moves[0].path} to {moves[0].new_path}{others}")
    if rewrites:
        parts.append(
            f"rewriting {_count(rewrites, 'note')}" if moves else f"rewrite of {_count(rewrites, 'note')}"
        )
    return ", ".join(parts)


def _count(number: int, noun: str) -> str:
    return f"{number} {noun}{'' if number == 1 else 's'}"


def _write_new(temporary: Path, data: bytes, original: Path) -> None:
    # The new file keeps the original's permissions: a rename would otherwise change them.
    mode = os.stat(original).st_mode & 0o7777
    descriptor = os.open(temporary, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o600)
    try:
        os.fchmod(descriptor, mode)
        _write_all(descriptor, data)
        _step_done()
        os.fsync(descriptor)
        _step_done()
    finally:
        os.close(descriptor)


def _write_all(descriptor: int, data: bytes) -> None:
    view = memoryview(data)
    while view:
        view = view[os.write(descriptor, view) :]


def _roll_forward(root: Path, journal_file: Path, steps: tuple[_Step, ...]) -> None:
    """Every step looks at what exists, so this finishes a run cut short at any point."""
    for step in steps:
        source, destination = root / step.source, root / step.destination
        if step.temporary is None:
            if os.path.lexists(source) and not os.path.lexists(destination):
                os.rename(source, destination)
                _step_done()
            continue
        temporary = root / step.temporary
        if not temporary.exists():
            continue  # already in place
        if step.backup is not None and os.path.lexists(source) and not os.path.lexists(root / step.backup):
            os.rename(source, root / step.backup)
            _step_done()
        os.replace(temporary, destination)
        _step_done()
    touched = {_parent(step.destination) for step in steps} | {_parent(step.source) for step in steps}
    _sync_folders(root, touched)
    for step in steps:
        if step.backup is None or not os.path.lexists(root / step.backup):
            continue
        if os.path.lexists(root / step.destination):
            os.unlink(root / step.backup)
        else:  # the new content is gone (its temporary file deleted by hand): keep the old one
            os.rename(root / step.backup, root / step.source)
        _step_done()
    _sync_folders(root, {_parent(step.source) for step in steps if step.backup is not None})
    _remove_emptied_folders(root, [step.source for step in steps if step.source != step.destination])
    _finish(journal_file)


def _roll_back(root: Path, journal_file: Path, journal: _Journal) -> None:
    """Before the commit no note was renamed: only temporary files and new folders to remove."""
    for step in journal.steps:
        if step.temporary is not None and _remove(root / step.temporary):
            _step_done()
    for folder in reversed(journal.made_folders):
        with contextlib.suppress(OSError):  # not empty: something else was put there since
            os.rmdir(root / folder)
            _step_done()
    _sync_folders(root, {_parent(step.destination) for step in journal.steps})
    _finish(journal_file)


def _finish(journal_file: Path) -> None:
    if _remove(journal_file):
        _step_done()
    _sync_folder(journal_file.parent)


def _remove_emptied_folders(root: Path, sources: list[str]) -> None:
    """The folders the moves emptied (a folder moved whole), up to the first one not empty."""
    for folder in sorted({_parent(source) for source in sources}, key=lambda f: -f.count("/")):
        while folder and (root / folder).is_dir() and not any(os.scandir(root / folder)):
            os.rmdir(root / folder)
            _step_done()
            folder = _parent(folder)


def _sweep(root: Path) -> None:
    """Delete every temporary file of ours in the vault: what is left of an apply() whose journal
    is unreadable. Backups are kept unless their note exists, as they may be a note's only copy."""
    for folder, subfolders, files in os.walk(root):
        subfolders[:] = [name for name in subfolders if name not in (".git", ".vault")]
        for name in files:
            if not _OURS.match(name):
                continue
            path = Path(folder, name)
            original = path.with_name(name[1:].rsplit(".vg-", 1)[0])
            if name.endswith(".tmp") or original.exists():
                path.unlink()
                _step_done()
            else:
                os.rename(path, original)
                _step_done()


def _write_journal(journal_file: Path, journal: _Journal) -> None:
    temporary = _journal_temporary(journal_file)
    with open(temporary, "w", encoding="utf-8") as file:
        file.write(journal.as_json())
        _step_done()
        file.flush()
        os.fsync(file.fileno())
        _step_done()
    os.replace(temporary, journal_file)
    _step_done()
    _sync_folder(journal_file.parent)


def _journal_temporary(journal_file: Path) -> Path:
    return journal_file.with_name(f".{journal_file.name}.tmp")


def _read_journal(journal_file: Path) -> _Journal | None:
    try:
        data: Any = json.loads(journal_file.read_text(encoding="utf-8"))
        steps = tuple(
            _Step(step["source"], step["destination"], step["temporary"], step["backup"])
            for step in data["steps"]
        )
        journal = _Journal(data["state"], str(data["what"]), steps, tuple(data["made_folders"]))
    except (OSError, ValueError, KeyError, TypeError):
        return None
    fields_ok = all(
        isinstance(value, str) or (value is None and name in ("temporary", "backup"))
        for step in journal.steps
        for name, value in step.as_json().items()
    )
    if data.get("format") != _FORMAT or journal.state not in ("prepare", "commit") or not fields_ok:
        return None
    return journal


def _make_folder(folder: Path) -> None:
    if not folder.is_dir():
        folder.mkdir(parents=True, exist_ok=True)
        _step_done()


def _sync_folders(root: Path, folders: set[str]) -> None:
    for folder in sorted(folders):
        _sync_folder(root / folder if folder else root)


def _sync_folder(folder: Path) -> None:
    """Make the renames and deletions in ``folder`` durable (a no-op where folders can't be opened)."""
    try:
        descriptor = os.open(folder, os.O_RDONLY)
    except OSError:
        return
    try:
        with contextlib.suppress(OSError):
            os.fsync(descriptor)
    finally:
        os.close(descriptor)
    _step_done()


def _remove(path: Path) -> bool:
    try:
        path.unlink()
    except FileNotFoundError:
        return False
    return True


@contextlib.contextmanager
def _locked(folder: Path) -> Iterator[None]:
    """Hold an exclusive lock on the cache folder: a command recovering while `vault mv` runs waits
    for it instead of undoing its half-written files. Released by the kernel if we are killed."""
    try:
        import fcntl
    except ImportError:  # no flock (Windows): one command at a time is the user's to ensure
        yield
        return
    descriptor = os.open(folder, os.O_RDONLY)
    try:
        fcntl.flock(descriptor, fcntl.LOCK_EX)
        yield
    finally:
        os.close(descriptor)
