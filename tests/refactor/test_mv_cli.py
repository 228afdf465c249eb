"""`vault mv OLD NEW`: through typer's CliRunner and as a real subprocess; --dry-run prints the
diff and changes nothing; refusals exit 2 with nothing changed."""

from __future__ import annotations

import shutil
import subprocess
from pathlib import Path

import pytest

from .conftest import FIXTURES, snapshot
from .test_plan_move import CASES, expected_tree

POWER_LAW = "concepts/Power Law.md"


def test_dry_run_prints_the_diff_and_changes_nothing(
    run, refactor_vault: Path, tmp_path, monkeypatch
) -> None:
    monkeypatch.chdir(tmp_path)  # outside the vault: OLD and NEW are vault paths
    before = snapshot(refactor_vault)
    result = run("mv", "assets/diagram.png", "media/diagram.png", "--vault", refactor_vault, "--dry-run")
    assert result.exit_code == 0, result.stderr
    assert result.stdout == (FIXTURES / "dry-run-attachment.diff").read_text()
    assert snapshot(refactor_vault) == before


@pytest.mark.skipif(shutil.which("git") is None, reason="needs git")
@pytest.mark.parametrize("case", CASES)
def test_the_dry_run_diff_is_a_patch_git_applies_to_the_same_files(
    case: str, run, refactor_vault: Path, tmp_path: Path
) -> None:
    old, new, moved, _, _ = CASES[case]
    patch = run("mv", old, new, "--vault", refactor_vault, "--dry-run").stdout_bytes
    applied = subprocess.run(["git", "apply", "-"], cwd=refactor_vault, input=patch, capture_output=True)
    assert applied.returncode == 0, applied.stderr
    assert snapshot(refactor_vault) == expected_tree(case, moved)


def test_paths_are_relative_to_the_current_folder_inside_the_vault(
    run, refactor_vault: Path, monkeypatch
) -> None:
    monkeypatch.chdir(refactor_vault / "concepts")
    result = run("mv", "Power Law.md", "../ideas", "--dry-run")
    assert result.exit_code == 0, result.stderr
    assert "rename from concepts/Power Law.md\nrename to ideas/Power Law.md\n" in result.stdout


def test_old_may_be_named_as_a_link_names_it(run, refactor_vault: Path, tmp_path, monkeypatch) -> None:
    monkeypatch.chdir(tmp_path)
    result = run("mv", "Power Law", "concepts/Scaling Law", "--vault", refactor_vault, "--dry-run")
    assert result.exit_code == 0, result.stderr
    assert "rename from concepts/Power Law.md\nrename to concepts/Scaling Law.md\n" in result.stdout


@pytest.mark.parametrize(
    ("args", "message"),
    [
        ((POWER_LAW, "concepts/Sibling.md"), "'concepts/Sibling.md' already exists"),
        (("concepts/Nothing.md", "x.md"), "no file or folder 'concepts/Nothing.md'"),
        ((POWER_LAW, "../outside.md"), "outside the vault"),
        ((POWER_LAW, POWER_LAW), "already there"),
        (("concepts", "concepts/sub"), "can't move the folder 'concepts' into itself"),
    ],
)
def test_refusals_exit_2_and_change_nothing(run, refactor_vault: Path, monkeypatch, args, message) -> None:
    monkeypatch.chdir(refactor_vault)
    before = snapshot(refactor_vault)
    result = run("mv", *args)
    assert result.exit_code == 2
    assert result.stderr.startswith("vault: error: ") and message in result.stderr
    assert result.stdout == ""
    assert snapshot(refactor_vault) == before


def test_a_taken_path_in_the_folder_moved_into_is_refused(run, refactor_vault: Path, monkeypatch) -> None:
    (refactor_vault / "ideas" / "Power Law.md").write_text("# Another\n")
    monkeypatch.chdir(refactor_vault)
    before = snapshot(refactor_vault)
    result = run("mv", POWER_LAW, "ideas")
    assert result.exit_code == 2 and "'ideas/Power Law.md' already exists" in result.stderr
    assert snapshot(refactor_vault) == before


def test_dry_run_in_a_real_process(run_process, refactor_vault: Path) -> None:
    before = snapshot(refactor_vault)
    result = run_process("mv", "assets/diagram.png", "media/diagram.png", "--dry-run", cwd=refactor_vault)
    assert result.returncode == 0, result.stderr
    assert result.stdout == (FIXTURES / "dry-run-attachment.diff").read_text()
    assert snapshot(refactor_vault) == before


def test_a_refusal_in_a_real_process(run_process, refactor_vault: Path) -> None:
    before = snapshot(refactor_vault)
    result = run_process("mv", POWER_LAW, "concepts/Sibling.md", cwd=refactor_vault)
    assert result.returncode == 2 and "Traceback" not in result.stderr
    assert snapshot(refactor_vault) == before


# -- applied through the journal -------------------------------------------------------------------


@pytest.mark.parametrize("case", CASES)
def test_each_move_applied(run, refactor_vault: Path, monkeypatch, case: str) -> None:
    pytest.importorskip("vaultgraph.journal")
    old, new, moved, links, notes = CASES[case]
    monkeypatch.chdir(refactor_vault)
    result = run("mv", old, new)
    assert result.exit_code == 0, result.stderr
    destination = moved.get(old, new)
    noun = "link" if links == 1 else "links"
    assert f"moved {old} to {destination}, rewrote {links} {noun} in {notes} notes" in result.stderr
    assert snapshot(refactor_vault) == expected_tree(case, moved)


def test_a_move_in_a_real_process(run_process, refactor_vault: Path) -> None:
    pytest.importorskip("vaultgraph.journal")
    result = run_process("mv", POWER_LAW, "concepts/Ada.md", cwd=refactor_vault)
    assert result.returncode == 0, result.stderr
    assert snapshot(refactor_vault) == expected_tree("clash", {POWER_LAW: "concepts/Ada.md"})


def test_a_file_edited_after_planning_stops_the_move(run, refactor_vault: Path, monkeypatch) -> None:
    journal = pytest.importorskip("vaultgraph.journal")
    real_apply = journal.apply

    def edit_then_apply(root: Path, plan: object) -> None:
        (root / "people" / "Ada.md").write_text("# Ada\n\nEdited meanwhile: [[Power Law]].\n")
        real_apply(root, plan)

    monkeypatch.setattr(journal, "apply", edit_then_apply)
    monkeypatch.chdir(refactor_vault)
    before = snapshot(refactor_vault)
    result = run("mv", POWER_LAW, "concepts/Scaling Law.md")
    assert result.exit_code == 2
    assert snapshot(refactor_vault) == {
        **before,
        "people/Ada.md": (refactor_vault / "people/Ada.md").read_bytes(),
    }


@pytest.mark.skipif(shutil.which("git") is None, reason="needs git")
def test_git_sees_the_move_as_a_rename(run, refactor_vault: Path) -> None:
    def git(*args: str) -> str:
        config = ["-c", "user.name=t", "-c", "user.email=t@t"]
        done = subprocess.run(["git", *config, *args], cwd=refactor_vault, capture_output=True, text=True)
        assert done.returncode == 0, done.stderr
        return done.stdout

    git("init", "-q")
    git("add", ".")
    git("commit", "-qm", "before")
    result = run("mv", POWER_LAW, "ideas/Scaling Law.md", "--vault", refactor_vault)
    assert result.exit_code == 0, result.stderr
    git("add", "-A")
    status = git("diff", "--cached", "-M", "--name-status").splitlines()
    assert any(
        line.startswith("R") and line.endswith(f"{POWER_LAW}\tideas/Scaling Law.md") for line in status
    )


def test_new_is_read_from_the_current_folder_like_old(run, refactor_vault: Path, monkeypatch) -> None:
    """From outside the vault, with OLD a path from here, NEW is one too (not a vault path)."""
    monkeypatch.chdir(refactor_vault.parent)
    result = run("mv", f"vault/{POWER_LAW}", "vault/ideas/Power Law.md", "--dry-run")
    assert result.exit_code == 0, result.stderr
    assert f"rename from {POWER_LAW}\nrename to ideas/Power Law.md\n" in result.stdout
