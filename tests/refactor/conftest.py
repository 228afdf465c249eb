"""Helpers for the `vault mv` and `vault fix` tests: a copy of a fixture vault and its files as
bytes (`vault` itself runs through tests/conftest.py's `run` and `run_process`)."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest

FIXTURES = Path(__file__).parent.parent / "fixtures" / "refactor"
FIX_FIXTURES = Path(__file__).parent.parent / "fixtures" / "fix"


def snapshot(root: Path) -> dict[str, bytes]:
    """Every file of the vault by vault path (the cache in .vault/ left out)."""
    return {
        path.relative_to(root).as_posix(): path.read_bytes()
        for path in sorted(root.rglob("*"))
        if path.is_file() and ".vault" not in path.relative_to(root).parts
    }


@pytest.fixture
def refactor_vault(tmp_path: Path) -> Path:
    """A copy of tests/fixtures/refactor/vault that a test may change."""
    return Path(shutil.copytree(FIXTURES / "vault", tmp_path / "vault"))


@pytest.fixture
def fix_vault(tmp_path: Path) -> Path:
    """A copy of tests/fixtures/fix/vault that a test may change."""
    return Path(shutil.copytree(FIX_FIXTURES / "vault", tmp_path / "vault"))
