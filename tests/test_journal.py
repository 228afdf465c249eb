"""journal.apply and journal.recover: a plan happens wholly or not at all, even when the process
is killed at any point (the crash test kills it after every one of its file-system steps)."""

from __future__ import annotations

import json
import os
import pickle
import shutil
import subprocess
import sys
import time
from collections.abc import Mapping
from pathlib import Path

import pytest
from typer.testing import CliRunner

from vaultgraph import journal
from vaultgraph.cli import app
from vaultgraph.journal import PlanOutdated, apply, journal_path, recover
from vaultgraph.plan import FileChange, Plan


def write_vault(root: Path, files: Mapping[str, bytes]) -> None:
    for path, data in files.items():
        (root / path).parent.mkdir(parents=True, exist_ok=True)
        (root / path).write_bytes(data)
    (root / "vault.toml").write_text("")


def snapshot(root: Path) -> dict[str, bytes]:
    """Every file under ``root`` but the cache folder, hidden ones included."""
    return {
        path.relative_to(root).as_posix(): path.read_bytes()
        for path in root.rglob("*")
        if path.is_file() and ".vault" not in path.relative_to(root).parts
    }


def change(root: Path, path: str, new_path: str | None = None, after: bytes | None = None) -> FileChange:
    status = os.stat(root / path)
    before = (root / path).read_bytes()
    return FileChange(path, new_path or path, before, after, (status.st_size, status.st_mtime_ns))


def leftovers(root: Path) -> list[str]:
    """Temporary files, backups and journals: what must never remain."""
    return [p.as_posix() for p in root.rglob("*") if ".vg-" in p.name or "journal" in p.name]


@pytest.fixture
def vault(tmp_path: Path) -> Path:
    write_vault(
        tmp_path,
        {
            "a.md": b"# A\nsee [[b]]\n",
            "b.md": b"# B\n",
            "c.md": b"# C\nsee [[b]] and [[a]]\n",
            "dir/x.md": b"# X\n[[a]]\n",
            "dir/sub/y.md": b"# Y\n",
            "dir/pic.png": b"\x89PNG\x00\xff",
        },
    )
    return tmp_path


def test_a_move(vault: Path) -> None:
    apply(vault, Plan((change(vault, "b.md", "notes/b2.md"),)))
    files = snapshot(vault)
    assert "b.md" not in files and files["notes/b2.md"] == b"# B\n"
    assert leftovers(vault) == []


def test_rewrites_keep_the_file_mode(vault: Path) -> None:
    (vault / "c.md").chmod(0o640)
    plan = Plan((change(vault, "a.md", after=b"# A\nsee [[b2]]\n"), change(vault, "c.md", after=b"new c")))
    before = snapshot(vault)
    apply(vault, plan)
    after = snapshot(vault)
    assert after == {**before, "a.md": b"# A\nsee [[b2]]\n", "c.md": b"new c"}
    assert (vault / "c.md").stat().st_mode & 0o777 == 0o640
    assert leftovers(vault) == []


def test_a_move_and_rewrites(vault: Path) -> None:
    plan = Plan(
        (
            change(vault, "b.md", "b2.md", after=b"# B2\n"),
            change(vault, "a.md", after=b"# A\nsee [[b2]]\n"),
            change(vault, "c.md", after=b"# C\nsee [[b2]] and [[a]]\n"),
        )
    )
    apply(vault, plan)
    files = snapshot(vault)
    assert "b.md" not in files and files["b2.md"] == b"# B2\n"
    assert files["a.md"] == b"# A\nsee [[b2]]\n"
    assert leftovers(vault) == []


def test_a_folder_move_removes_the_emptied_folders(vault: Path) -> None:
    plan = Plan(
        (
            change(vault, "dir/x.md", "new/place/x.md", after=b"# X\n[[../a]]\n"),
            change(vault, "dir/sub/y.md", "new/place/sub/y.md"),
            change(vault, "dir/pic.png", "new/place/pic.png"),
        )
    )
    apply(vault, plan)
    files = snapshot(vault)
    assert files["new/place/x.md"] == b"# X\n[[../a]]\n"
    assert files["new/place/pic.png"] == b"\x89PNG\x00\xff"
    assert files["new/place/sub/y.md"] == b"# Y\n"
    assert not (vault / "dir").exists()
    assert leftovers(vault) == []


def test_an_unchanged_change_is_no_step(vault: Path) -> None:
    before = snapshot(vault)
    apply(vault, Plan((change(vault, "a.md", after=(vault / "a.md").read_bytes()),)))
    assert snapshot(vault) == before
    assert leftovers(vault) == []


@pytest.mark.parametrize("how", ["edited", "touched", "deleted", "destination taken", "two to one"])
def test_an_outdated_plan_changes_nothing(vault: Path, how: str) -> None:
    plan = Plan(
        (
            change(vault, "b.md", "b2.md", after=b"# B2\n"),
            change(vault, "a.md", after=b"# A\nsee [[b2]]\n"),
            change(vault, "dir/x.md", "x.md"),
        )
    )
    if how == "edited":
        (vault / "a.md").write_bytes(b"# A\nsee [[b]]\nmore\n")
    elif how == "touched":  # same size and bytes, another modification time
        stamp = (vault / "a.md").stat().st_mtime_ns
        os.utime(vault / "a.md", ns=(stamp, stamp + 1_000_000))
    elif how == "deleted":
        (vault / "a.md").unlink()
    elif how == "destination taken":
        (vault / "b2.md").write_bytes(b"someone else's")
    else:
        plan = Plan((*plan.changes, change(vault, "c.md", "b2.md")))
    before = snapshot(vault)
    with pytest.raises(PlanOutdated):
        apply(vault, plan)
    assert snapshot(vault) == before
    assert leftovers(vault) == []


def test_recover_without_a_journal_does_nothing(vault: Path) -> None:
    before = snapshot(vault)
    assert recover(vault) is None
    assert snapshot(vault) == before


def test_a_corrupt_journal_is_rolled_back(vault: Path) -> None:
    # Left by a crash (or damage): a temporary file next to a note, and a journal cut short.
    (vault / "dir" / ".x.md.vg-0123abcd.tmp").write_bytes(b"half")
    journal_path(vault).parent.mkdir(exist_ok=True)
    journal_path(vault).write_text('{"format": 1, "state": "comm')
    before = snapshot(vault)
    message = recover(vault)
    assert message is not None and message.startswith("rolled back")
    assert snapshot(vault) == {k: v for k, v in before.items() if ".vg-" not in k}
    assert leftovers(vault) == []


def test_a_prepared_journal_is_rolled_back_and_a_committed_one_finished(vault: Path) -> None:
    plan = Plan((change(vault, "b.md", "new/b2.md", after=b"# B2\n"), change(vault, "a.md", after=b"A2")))
    before = snapshot(vault)
    steps = tuple(journal._step_for(c) for c in plan.changes)
    made = journal._missing_folders(vault, [s.destination for s in steps])
    (vault / "new").mkdir()
    for c, s in zip(plan.changes, steps, strict=True):
        assert s.temporary is not None and c.after is not None
        (vault / s.temporary).write_bytes(c.after)
    journal_path(vault).parent.mkdir(exist_ok=True)
    prepared = journal._Journal("prepare", "move of b.md to new/b2.md", steps, made)
    journal_path(vault).write_text(prepared.as_json())
    assert recover(vault) == "rolled back an interrupted move of b.md to new/b2.md; no note was changed"
    assert snapshot(vault) == before and not (vault / "new").exists()
    assert leftovers(vault) == []

    (vault / "new").mkdir()
    for c, s in zip(plan.changes, steps, strict=True):
        assert s.temporary is not None and c.after is not None
        (vault / s.temporary).write_bytes(c.after)
    committed = journal._Journal("commit", "move of b.md to new/b2.md", steps, made)
    journal_path(vault).write_text(committed.as_json())
    assert recover(vault) == "finished an interrupted move of b.md to new/b2.md"
    files = snapshot(vault)
    assert files["new/b2.md"] == b"# B2\n" and files["a.md"] == b"A2" and "b.md" not in files
    assert leftovers(vault) == []


def test_commands_recover_first_and_say_so(vault: Path) -> None:
    steps = (journal._Step("b.md", "b2.md", None, None),)
    journal_path(vault).parent.mkdir(exist_ok=True)
    journal_path(vault).write_text(journal._Journal("commit", "move of b.md to b2.md", steps, ()).as_json())
    result = CliRunner().invoke(app, ["check", str(vault)])
    assert "vault: finished an interrupted move of b.md to b2.md" in result.stderr
    assert (vault / "b2.md").exists() and not (vault / "b.md").exists()
    assert leftovers(vault) == []


# The crash test ------------------------------------------------------------------------------

NOTES = 2000
LINKING = 300  # notes that link to the moved one, rewritten by the plan
_RUN = (
    "import pickle, sys; from pathlib import Path; from vaultgraph.journal import {0}; "
    "{0}(Path(sys.argv[1]), *([pickle.loads(Path(sys.argv[2]).read_bytes())] if sys.argv[2:] else []))"
)


def crash_vault(root: Path) -> tuple[dict[str, bytes], dict[str, bytes], Plan]:
    """~2,000 notes, the plan that moves one of them into a new folder and rewrites the links to
    it in 300 others; the vault's files before and after the plan."""
    old: dict[str, bytes] = {}
    every = NOTES // LINKING
    for i in range(NOTES):
        links = "[[f00/target]] and " if i % every == 0 and i < LINKING * every else ""
        broken = f" and [[gone-{i}]]" if i % 97 == 0 else ""  # something for `vault check` to find
        old[f"f{i % 20:02}/note-{i:04}.md"] = (
            f"# Note {i}\n{links}[[note-{(i * 7) % NOTES:04}]]{broken}\n".encode()
        )
    old["f00/target.md"] = b"# Target\nlinks to [[target]] itself\n"
    write_vault(root, old)
    old["vault.toml"] = b""
    new = dict(old)
    del new["f00/target.md"]
    new["moved/here/target.md"] = b"# Target\nlinks to [[here/target]] itself\n"
    changes = [change(root, "f00/target.md", "moved/here/target.md", after=new["moved/here/target.md"])]
    for path, data in old.items():
        if b"[[f00/target]] and" in data:
            new[path] = data.replace(b"[[f00/target]]", b"[[moved/here/target]]")
            changes.append(change(root, path, after=new[path]))
    assert len(changes) == LINKING + 1
    return old, new, Plan(tuple(changes))


def run(what: str, root: Path, crash_after: int | None, plan_file: Path | None = None) -> int:
    env = {**os.environ}
    env.pop(journal.CRASH_ENV, None)
    if crash_after is not None:
        env[journal.CRASH_ENV] = str(crash_after)
    arguments = [str(root)] + ([str(plan_file)] if plan_file else [])
    done = subprocess.run([sys.executable, "-c", _RUN.format(what), *arguments], env=env, capture_output=True)
    assert done.returncode in (0, -9), done.stderr.decode()
    return done.returncode


def state_after_recovery(root: Path, old: dict[str, bytes], new: dict[str, bytes]) -> str:
    """ "old" or "new": every file wholly one version and all the same one, nothing left over."""
    files = snapshot(root)
    assert leftovers(root) == []
    if files == old:
        return "old"
    differing = sorted(path for path in files.keys() | new.keys() if files.get(path) != new.get(path))
    assert not differing, f"neither old nor new: {differing[:5]} ..."
    return "new"


@pytest.mark.slow
def test_killed_at_every_step_nothing_is_lost(tmp_path: Path) -> None:
    started = time.monotonic()
    pristine = tmp_path / "pristine"
    pristine.mkdir()
    old, new, plan = crash_vault(pristine)
    plan_file = tmp_path / "plan.pickle"
    plan_file.write_bytes(pickle.dumps(plan))

    def fresh(name: str) -> Path:
        # Hard links: fast, and the plan's stamps hold in every copy. apply() never writes into
        # an existing file (it renames), so the pristine vault stays as it was; were it not so,
        # the comparisons with `old` would fail.
        return Path(shutil.copytree(pristine, tmp_path / name, copy_function=os.link))

    # How many steps a whole apply takes, counted by the hook itself.
    whole = fresh("whole")
    apply(whole, plan)
    total = journal._steps_done
    assert state_after_recovery(whole, old, new) == "new"
    shutil.rmtree(whole)

    points = sorted({*range(1, 41), *range(41, total + 1, max(1, total // 40)), total, total + 1, total + 50})
    outcome: dict[int, str] = {}
    for point in points:
        root = fresh(f"crash-{point}")
        returncode = run("apply", root, point, plan_file)
        assert returncode == (-9 if point <= total else 0), point
        recover(root)
        outcome[point] = state_after_recovery(root, old, new)
        shutil.rmtree(root)

    # Rolled back up to the commit, rolled forward from it: one switch, from old to new.
    states = [outcome[point] for point in points]
    assert states == sorted(states, key=lambda state: state == "new")
    assert states[0] == "old" and states[-1] == "new"
    committed_at = next(point for point in points if outcome[point] == "new")
    assert LINKING * 2 < committed_at < total

    # Killed again while recovering: recovery is idempotent, and so is the next one.
    for point, recovery_crash in [(20, 1), (committed_at + 5, 1), (committed_at + 5, 30), (total - 10, 2)]:
        root = fresh(f"twice-{point}-{recovery_crash}")
        run("apply", root, point, plan_file)
        run("recover", root, recovery_crash)
        recover(root)
        assert state_after_recovery(root, old, new) == ("old" if point < committed_at else "new")
        shutil.rmtree(root)
    print(f"{len(points)} crash points of {total} steps in {time.monotonic() - started:.1f} s")


def vault_command(*args: str | Path, crash_after: int | None = None) -> subprocess.CompletedProcess[str]:
    env = {key: value for key, value in os.environ.items() if key != journal.CRASH_ENV}
    if crash_after is not None:
        env[journal.CRASH_ENV] = str(crash_after)
    command = [sys.executable, "-m", "vaultgraph", *map(str, args)]
    return subprocess.run(command, env=env, capture_output=True, text=True, timeout=120)


def findings(root: Path, moved: Mapping[str, str]) -> list[tuple[str, int, str, str | None]]:
    """What `vault check` reports (the moved note named by its old path; no columns, which a
    longer link before a finding shifts), recovering first."""
    done = vault_command("check", "--vault", root, "--format", "json", "--no-cache")
    assert done.returncode == 1, done.stderr
    back = {new: old for old, new in moved.items()}
    return sorted(
        (back.get(d["path"], d["path"]), d["line"], d["rule"], d.get("target"))
        for d in json.loads(done.stdout)["diagnostics"]
    )


@pytest.mark.slow
def test_vault_mv_killed_then_any_command_recovers_and_checks_as_before(tmp_path: Path) -> None:
    """The real command, SIGKILLed before, at and after its commit point: the next `vault check`
    finishes or undoes the move, says so, and finds what it found before the move."""
    pristine = tmp_path / "pristine"
    pristine.mkdir()
    old, _, _ = crash_vault(pristine)
    moved = {"f00/target.md": "moved/here/target.md"}

    def fresh(name: str) -> Path:
        copy = shutil.copytree(pristine, tmp_path / name, copy_function=os.link)
        return Path(copy)

    before = findings(fresh("before"), {})
    assert len(before) > 10
    whole = fresh("whole")
    done = vault_command("mv", "f00/target.md", "moved/here/", "--vault", whole)
    assert done.returncode == 0, done.stderr
    new = snapshot(whole)
    assert findings(whole, moved) == before
    states = []
    for point in (5, 200, 450, 700):
        root = fresh(f"killed-{point}")
        killed = vault_command("mv", "f00/target.md", "moved/here/", "--vault", root, crash_after=point)
        assert killed.returncode == -9
        assert "interrupted move of f00/target.md" in vault_command("links", "--vault", root).stderr
        assert findings(root, moved) == before
        states.append(state_after_recovery(root, old, new))
    assert states[0] == "old" and states[-1] == "new"


def test_a_failure_before_the_commit_is_undone_at_once(vault: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    plan = Plan((change(vault, "b.md", "new/b2.md", after=b"# B2\n"), change(vault, "a.md", after=b"A2")))
    before = snapshot(vault)

    def disk_full(descriptor: int, data: bytes) -> None:
        raise OSError(28, "No space left on device")

    monkeypatch.setattr(journal, "_write_all", disk_full)
    with pytest.raises(OSError, match="No space"):
        apply(vault, plan)
    assert snapshot(vault) == before and not (vault / "new").exists()
    assert leftovers(vault) == []


def test_a_backup_whose_new_content_vanished_is_restored(vault: Path) -> None:
    # Committed, the original renamed aside, then the temporary file deleted by someone.
    step = journal._Step("a.md", "a.md", "._a.md.vg-00000000.tmp", ".a.md.vg-00000000.bak")
    (vault / "a.md").rename(vault / ".a.md.vg-00000000.bak")
    journal_path(vault).parent.mkdir(exist_ok=True)
    journal_path(vault).write_text(journal._Journal("commit", "rewrite of 1 note", (step,), ()).as_json())
    assert recover(vault) == "finished an interrupted rewrite of 1 note"
    assert (vault / "a.md").read_bytes() == b"# A\nsee [[b]]\n"
    assert leftovers(vault) == []
