"""`vault mv` and `vault fix` never write outside the vault: not through a folder symlinked in
from elsewhere, not through a symlinked note, not for a link that climbs out with `..`."""

from __future__ import annotations

from pathlib import Path

import pytest

from vaultgraph import journal
from vaultgraph.diskfiles import DiskFiles
from vaultgraph.plan import FileChange, Plan, Refused

from .conftest import snapshot


@pytest.fixture
def linked_in(tmp_path: Path) -> tuple[Path, Path]:
    """A vault with a folder `ext` and a note `linked.md` symlinked in from a folder beside it."""
    vault, outside = tmp_path / "vault", tmp_path / "outside"
    vault.mkdir()
    outside.mkdir()
    (vault / "vault.toml").write_text("")
    (vault / "typo-note.md").write_text("# Typo note\n")
    (vault / "home.md").write_text("[[typo-nte]] and [[../../etc/passwd]] and [secret](../outside/n.md)\n")
    (outside / "n.md").write_text("[[typo-nte]]\n")
    (vault / "ext").symlink_to(outside)
    (vault / "linked.md").symlink_to(outside / "n.md")
    return vault, outside


@pytest.mark.parametrize(
    ("old", "new"),
    [("ext/n.md", "moved.md"), ("typo-note.md", "ext/typo-note.md"), ("home.md", "../home.md")],
)
def test_mv_refuses_to_move_into_or_out_of_a_folder_outside(run, linked_in, old: str, new: str) -> None:
    vault, outside = linked_in
    before, outside_before = snapshot(vault), snapshot(outside)
    result = run("mv", old, new, "--vault", vault)
    assert result.exit_code == 2
    assert "outside the vault" in result.stderr
    assert (snapshot(vault), snapshot(outside)) == (before, outside_before)


def test_fix_writes_only_inside_the_vault(run, linked_in) -> None:
    vault, outside = linked_in
    outside_before = snapshot(outside)
    result = run("fix", "--vault", vault, "--apply")
    assert (vault / "home.md").read_text().startswith("[[typo-note]] and [[../../etc/passwd]]")
    assert snapshot(outside) == outside_before
    assert (vault / "linked.md").is_symlink()
    assert "ext/n.md:1:1: 'typo-nte' not fixed: the note is a symlink, or in a folder" in result.stderr
    assert "home.md:1:18: '../../etc/passwd' not fixed: no candidate" in result.stderr


def test_the_journal_refuses_a_plan_that_would_write_outside(linked_in) -> None:
    """The last line of defence, whatever made the plan."""
    vault, outside = linked_in
    files = DiskFiles(vault)
    outside_before = snapshot(outside)
    for change in (
        FileChange("ext/n.md", "ext/n.md", b"[[typo-nte]]\n", b"[[typo-note]]\n", files.stamp("ext/n.md")),
        FileChange("linked.md", "linked.md", b"[[typo-nte]]\n", b"[[typo-note]]\n", files.stamp("linked.md")),
        FileChange("home.md", "ext/home.md", files.read("home.md"), None, files.stamp("home.md")),
    ):
        with pytest.raises(Refused):
            journal.apply(vault, Plan((change,)))
    assert snapshot(outside) == outside_before
    assert not journal.journal_path(vault).exists()
