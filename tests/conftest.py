"""Helpers shared by the library tests: the fixture vaults under tests/fixtures/, and small vaults
written into a temporary folder for what a checked-in folder can't hold (symlinks, bad bytes,
file names git would normalise)."""

from __future__ import annotations

import shutil
from collections.abc import Callable, Mapping
from pathlib import Path

import pytest

import vaultgraph
from vaultgraph.vault import Vault

FIXTURES = Path(__file__).parent / "fixtures"


@pytest.fixture
def fixture_path(tmp_path: Path) -> Callable[[str], Path]:
    """A copy of the vault in tests/fixtures/<name>, so that loading it writes nothing (such as
    a cache) into the repository. Each fixture has a vault.toml, so it is its own vault root."""

    def copy(name: str) -> Path:
        source = FIXTURES / name
        assert (source / "vault.toml").is_file(), f"{source} is not a fixture vault"
        return Path(shutil.copytree(source, tmp_path / "fixtures" / name))

    return copy


@pytest.fixture
def fixture_vault(fixture_path: Callable[[str], Path]) -> Callable[[str], Vault]:
    """Load (a copy of) the vault in tests/fixtures/<name>."""

    def load(name: str) -> Vault:
        return vaultgraph.load(fixture_path(name))

    return load


@pytest.fixture
def make_vault(tmp_path: Path) -> Callable[[Mapping[str, str | bytes]], Path]:
    """Write ``{vault path: text or bytes}`` into a fresh vault folder (with an empty vault.toml,
    so the vault root is that folder) and return the folder."""

    def make(files: Mapping[str, str | bytes]) -> Path:
        root = tmp_path / "vault"
        root.mkdir()
        (root / "vault.toml").write_text("")
        for path, content in files.items():
            file = root / path
            file.parent.mkdir(parents=True, exist_ok=True)
            if isinstance(content, bytes):
                file.write_bytes(content)
            else:
                file.write_text(content, encoding="utf-8")
        return root

    return make
