"""Helpers for running `vault` in-process (typer's CliRunner) and as a real subprocess."""

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

FIXTURES = Path(__file__).parent.parent / "fixtures" / "cli"


@pytest.fixture
def basic_vault(tmp_path: Path) -> Path:
    """A copy of tests/fixtures/cli/basic that a test may change."""
    target = tmp_path / "basic"
    shutil.copytree(FIXTURES / "basic", target)
    return target


@pytest.fixture
def run() -> Callable[..., object]:
    runner = CliRunner()

    def invoke(*args: str | Path) -> object:
        return runner.invoke(app, [str(arg) for arg in args], catch_exceptions=False)

    return invoke


@pytest.fixture
def run_process() -> Callable[..., subprocess.CompletedProcess[str]]:
    """`vault ARGS` as a user runs it: the installed console script in a fresh process."""
    script = Path(sys.executable).with_name("vault")
    command = [str(script)] if script.exists() else [sys.executable, "-m", "vaultgraph"]

    def invoke(
        *args: str | Path, cwd: Path | None = None, env: dict[str, str] | None = None
    ) -> subprocess.CompletedProcess[str]:
        return subprocess.run(
            [*command, *map(str, args)],
            cwd=cwd,
            env={**os.environ, **(env or {})},
            capture_output=True,
            text=True,
            timeout=60,
        )

    return invoke
