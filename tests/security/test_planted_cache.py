"""A cache planted by someone else never carries a write out of the vault.

Files that are not a usable cache (garbage, another application's database, another schema,
damaged pages) are rebuilt: tests/test_cache.py, `test_a_cache_that_cannot_be_used_is_replaced`.
Here: symlinks planted where the cache goes, as a shared or cloned vault could hold them. Each
points at a file outside the vault, which must be left exactly as it was, while the check still
gives its findings and the cache (now a real file in the vault) works.
"""

from __future__ import annotations

import os
from collections.abc import Callable
from pathlib import Path

import pytest
from typer.testing import CliRunner

from test_cache import _other_application
from vaultgraph.cli import app


def _empty_file(victim: Path) -> None:
    victim.write_bytes(b"")


def _nothing(victim: Path) -> None:
    pass


def _text(victim: Path) -> None:
    victim.write_text("export PATH=$HOME/bin:$PATH\n")


VICTIMS: dict[str, Callable[[Path], None]] = {
    "an empty file": _empty_file,
    "a path that does not exist": _nothing,
    "another application's database": _other_application,
    "a text file": _text,
}


def vault_with_broken_link(tmp_path: Path) -> Path:
    vault = tmp_path / "vault"
    (vault / ".vault").mkdir(parents=True)
    (vault / "vault.toml").write_text("")
    (vault / "a.md").write_text("# A\n\n[[gone]]\n")
    return vault


def check(vault: Path) -> str:
    result = CliRunner().invoke(app, ["check", str(vault)], catch_exceptions=False)
    assert result.exit_code == 1
    return result.stdout


def snapshot(folder: Path) -> dict[str, bytes]:
    return {path.name: path.read_bytes() for path in folder.iterdir() if path.is_file()}


@pytest.mark.parametrize("victim", VICTIMS.values(), ids=VICTIMS.keys())
@pytest.mark.parametrize("link", ["cache.sqlite", "cache.sqlite-wal", "cache.sqlite-shm"])
def test_a_planted_symlink_in_place_of_the_cache_is_never_written_through(
    link: str, victim: Callable[[Path], None], tmp_path: Path
) -> None:
    vault = vault_with_broken_link(tmp_path)
    outside = tmp_path / "outside"
    outside.mkdir()
    victim(outside / "victim")
    before = snapshot(outside)
    os.symlink(outside / "victim", vault / ".vault" / link)

    assert check(vault) == "a.md:3:1: error broken-link no note or file named 'gone'\n"
    assert check(vault) == "a.md:3:1: error broken-link no note or file named 'gone'\n"
    assert snapshot(outside) == before
    assert not (vault / ".vault" / "cache.sqlite").is_symlink()
    assert (vault / ".vault" / "cache.sqlite").stat().st_size > 0


def test_a_planted_symlink_in_place_of_the_cache_folder_is_not_followed(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Not even into a folder whose cache.sqlite is not ours, which a real `.vault` would replace."""
    vault = vault_with_broken_link(tmp_path)
    (vault / ".vault").rmdir()
    outside = tmp_path / "outside"
    outside.mkdir()
    _other_application(outside / "cache.sqlite")
    before = snapshot(outside)
    os.symlink(outside, vault / ".vault")
    monkeypatch.setenv("XDG_CACHE_HOME", str(tmp_path / "user-cache"))

    check(vault)
    check(vault)
    assert snapshot(outside) == before
    assert len(list((tmp_path / "user-cache" / "vaultgraph").glob("*.sqlite"))) == 1
