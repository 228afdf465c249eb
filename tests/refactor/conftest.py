"""Helpers for the `vault mv` and `vault fix` tests: a copy of a fixture vault, its files as
bytes, and `vault` (in-process and as a real subprocess)."""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
from collections.abc import Callable
from pathlib import Path

import pytest
from typer.testing import CliRunner

from vaultgraph.cli import app

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


@pytest.fixture
def run() -> Callable[..., object]:
    runner = CliRunner()

    def invoke(*args: str | Path) -> object:
        return runner.invoke(app, [str(arg) for arg in args], catch_exceptions=False)

    return invoke


@pytest.fixture
def run_process() -> Callable[..., subprocess.CompletedProcess[str]]:
    def invoke(*args: str | Path, cwd: Path | None = None) -> subprocess.CompletedProcess[str]:
        return subprocess.run(
            [sys.executable, "-m", "vaultgraph", *map(str, args)],
            cwd=cwd,
            env={**os.environ, "NO_COLOR": "1"},
            capture_output=True,
            text=True,
            timeout=60,
        )

    return invoke
