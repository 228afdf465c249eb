"""The CLI tests' fixture vaults (`vault` itself runs through tests/conftest.py's `run` and
`run_process`)."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest

FIXTURES = Path(__file__).parent.parent / "fixtures" / "cli"


@pytest.fixture
def basic_vault(tmp_path: Path) -> Path:
    """A copy of tests/fixtures/cli/basic that a test may change."""
    target = tmp_path / "basic"
    shutil.copytree(FIXTURES / "basic", target)
    return target
