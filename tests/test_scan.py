"""Which files a vault holds: hidden and ignored ones skipped, symlinks followed once, loops and
unreadable files reported (spec: notes-and-links.md, "The vault").

tests/fixtures/scan holds the hidden and ignored files; symlinks and unreadable files are made in
a temporary folder.
"""

from __future__ import annotations

import os
import threading
from collections.abc import Callable, Mapping
from pathlib import Path

import pytest

import vaultgraph
from vaultgraph.vault import Vault

LoadFixture = Callable[[str], Vault]
MakeVault = Callable[[Mapping[str, str | bytes]], Path]


def load_within(root: Path, seconds: float = 10) -> Vault:
    """Load the vault, failing the test (instead of hanging it) if that takes too long."""
    result: list[Vault] = []
    errors: list[BaseException] = []

    def work() -> None:
        try:
            result.append(vaultgraph.load(root))
        except BaseException as error:
            errors.append(error)

    worker = threading.Thread(target=work, daemon=True)
    worker.start()
    worker.join(seconds)
    if errors:
        raise errors[0]
    assert result, f"loading {root} did not finish within {seconds} seconds"
    return result[0]


def test_hidden_and_ignored_files_are_skipped(fixture_vault: LoadFixture) -> None:
    vault = fixture_vault("scan")
    assert vault.files == ("LOUD.MD", "attachments/photo.png", "notes/visible.md")
    assert list(vault.notes) == ["LOUD.MD", "notes/visible.md"]


def test_links_to_skipped_files_are_broken(fixture_vault: LoadFixture) -> None:
    vault = fixture_vault("scan")
    assert [(item.link.target, item.status) for item in vault.links] == [
        ("deleted", "broken"),  # .trash/deleted.md
        ("daily", "broken"),  # templates/daily.md, ignored by templates/**
        ("idea", "broken"),  # notes/idea.draft.md, ignored by *.draft.md (its name is "idea.draft")
        ("secret", "broken"),  # notes/private/secret.md, ignored by "private" at any depth
        ("logo.png", "broken"),  # templates/logo.png
    ]


def test_notes_in_hidden_folders_are_not_checked(fixture_vault: LoadFixture) -> None:
    # .obsidian/snippets/not-a-note.md links to [[visible]]; no link of it may appear.
    vault = fixture_vault("scan")
    assert {item.source for item in vault.links} == {"notes/visible.md"}
    assert {d.path for d in vault.diagnostics if d.path.endswith(".md")} == {"notes/visible.md"}


def test_vault_toml_is_not_a_file_of_the_vault(fixture_vault: LoadFixture) -> None:
    assert "vault.toml" not in fixture_vault("scan").files


def test_a_hidden_file_in_a_subfolder_is_skipped(make_vault: MakeVault) -> None:
    vault = vaultgraph.load(make_vault({"a/.secret.md": "x", "a/b/.cache/c.md": "x", "a/visible.md": "x"}))
    assert vault.files == ("a/visible.md",)


# --- symlinks --------------------------------------------------------------------------------


def test_a_symlink_loop_is_reported_and_does_not_hang(make_vault: MakeVault) -> None:
    root = make_vault({"notes/a.md": "[[b]]", "notes/b.md": "# B"})
    (root / "notes" / "loop").symlink_to(root, target_is_directory=True)
    vault = load_within(root)
    assert vault.files == ("notes/a.md", "notes/b.md")
    assert [(d.path, d.rule, d.severity) for d in vault.diagnostics] == [
        ("notes/loop", "unreadable-note", "error")
    ]
    assert [(item.status, item.resolved) for item in vault.links] == [("ok", "notes/b.md")]


def test_a_folder_linking_to_itself_is_reported(make_vault: MakeVault) -> None:
    root = make_vault({"a.md": "# A"})
    (root / "here").symlink_to(".", target_is_directory=True)
    vault = load_within(root)
    assert vault.files == ("a.md",)
    assert [(d.path, d.rule) for d in vault.diagnostics] == [("here", "unreadable-note")]


def test_a_symlinked_folder_outside_the_vault_is_followed(make_vault: MakeVault, tmp_path: Path) -> None:
    shared = tmp_path / "shared"
    shared.mkdir()
    (shared / "common.md").write_text("# Common\n")
    root = make_vault({"home.md": "[[common]]"})
    (root / "linked").symlink_to(shared, target_is_directory=True)
    vault = load_within(root)
    assert vault.files == ("home.md", "linked/common.md")
    assert [(item.status, item.resolved) for item in vault.links] == [("ok", "linked/common.md")]


def test_a_second_link_to_a_folder_does_not_list_its_notes_again(make_vault: MakeVault) -> None:
    # "a-shortcut" sorts before "z-real" and points to it. The notes are listed once, under the
    # folder's real path, and a link to them is not ambiguous.
    root = make_vault({"z-real/note.md": "# Note", "home.md": "[[note]]"})
    (root / "a-shortcut").symlink_to(root / "z-real", target_is_directory=True)
    vault = load_within(root)
    assert vault.files == ("home.md", "z-real/note.md")
    assert [(item.status, item.resolved) for item in vault.links] == [("ok", "z-real/note.md")]


def test_a_broken_symlink_note_is_reported(make_vault: MakeVault) -> None:
    root = make_vault({"home.md": "# Home"})
    (root / "gone.md").symlink_to(root / "nowhere.md")
    vault = load_within(root)
    assert vault.files == ("home.md",)
    assert [(d.path, d.rule) for d in vault.diagnostics] == [("gone.md", "unreadable-note")]


# --- files that can't be read ----------------------------------------------------------------

running_as_root = hasattr(os, "geteuid") and os.geteuid() == 0
needs_permissions = pytest.mark.skipif(running_as_root, reason="root can read a file with mode 000")


@needs_permissions
def test_an_unreadable_note_is_reported_and_the_rest_loads(make_vault: MakeVault) -> None:
    root = make_vault({"locked.md": "# Locked [[open]]", "open.md": "# Open\n[[locked]]\n"})
    (root / "locked.md").chmod(0)
    try:
        vault = load_within(root)
    finally:
        (root / "locked.md").chmod(0o644)
    assert [(d.path, d.rule, d.severity) for d in vault.diagnostics] == [
        ("locked.md", "unreadable-note", "error")
    ]
    assert [(item.source, item.status) for item in vault.links] == [("open.md", "ok")]


@needs_permissions
def test_an_unreadable_folder_is_reported_and_the_rest_loads(make_vault: MakeVault) -> None:
    root = make_vault({"locked/inside.md": "# Inside", "open.md": "# Open"})
    (root / "locked").chmod(0)
    try:
        vault = load_within(root)
    finally:
        (root / "locked").chmod(0o755)
    assert vault.files == ("open.md",)
    assert [(d.path, d.rule) for d in vault.diagnostics] == [("locked", "unreadable-note")]
