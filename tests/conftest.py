"""Helpers shared by the tests: the fixture vaults under tests/fixtures/, small vaults written into
a temporary folder for what a checked-in folder can't hold (symlinks, bad bytes, file names git
would normalise), and `vault` run in-process (typer's CliRunner) and as a real subprocess."""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
from collections.abc import Callable, Mapping
from pathlib import Path

import pytest
from hypothesis import HealthCheck, settings
from typer.testing import CliRunner

import vaultgraph
from vaultgraph import notefile
from vaultgraph.cli import app
from vaultgraph.vault import Vault

# Hypothesis profiles: "ci" for `make test` (the default), "fuzz" for the long run of `make fuzz`
# (`--hypothesis-profile=fuzz`, VAULTGRAPH_FUZZ_EXAMPLES examples a test). Tests that set their own
# max_examples keep it in both. No deadline: this suite also runs on loaded machines, and speed
# is measured in benchmarks/ only.
settings.register_profile("ci", deadline=None, max_examples=200)
settings.register_profile(
    "fuzz",
    deadline=None,
    max_examples=int(os.environ.get("VAULTGRAPH_FUZZ_EXAMPLES", "50000")),
    suppress_health_check=[HealthCheck.too_slow, HealthCheck.filter_too_much],
)
settings.load_profile("ci")

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


@pytest.fixture
def opened_notes(monkeypatch: pytest.MonkeyPatch) -> list[str]:
    """The path of every note file vaultgraph opens from now on (notefile reads them all)."""
    opened: list[str] = []

    def record(file: str | os.PathLike[str], *args: object, **kwargs: object) -> object:
        opened.append(os.fspath(file))
        return open(file, *args, **kwargs)  # type: ignore[call-overload]

    monkeypatch.setattr(notefile, "open", record, raising=False)
    return opened
