"""`vault check` while notes change under it: a note that vanishes is reported, never fatal.

benchmarks/stress.py runs the full-size case (50,000 notes); here the same with 2,000.
"""

from __future__ import annotations

import json
from collections.abc import Callable
from pathlib import Path

import pytest
from typer.testing import CliRunner

import make_vault
import stress
import vaultgraph.loader
from vaultgraph.cli import app
from vaultgraph.config import Config
from vaultgraph.scan import Scan


@pytest.mark.slow
def test_check_survives_a_process_editing_creating_and_deleting_notes(tmp_path: Path) -> None:
    root = tmp_path / "vault"
    make_vault.main([str(root), "2000"])
    runs, changes = stress.under_churn(root)
    assert changes > 100  # the vault did change while it was checked
    for run in runs:
        assert not run.traceback, run
        assert run.exit_code == 1, run  # the generated vault has broken links
        assert run.notes is not None and run.notes > 1000, run  # created and deleted alike


@pytest.mark.parametrize("notes", [3, 600], ids=["read here", "read by worker processes"])
@pytest.mark.parametrize("cache", [True, False], ids=["cache", "no cache"])
def test_a_note_deleted_between_listing_and_reading_is_reported(
    notes: int, cache: bool, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    root = tmp_path / "vault"
    root.mkdir()
    (root / "vault.toml").write_text("")
    for i in range(notes):
        (root / f"note-{i}.md").write_text(f"# Note {i}\n\n[[note-{(i + 1) % notes}]]\n")
    scan_vault: Callable[[Path, Config], Scan] = vaultgraph.loader.scan_vault

    def scan_then_delete(folder: Path, config: Config) -> Scan:
        scan = scan_vault(folder, config)
        (folder / "note-1.md").unlink()  # as another process would, right after the listing
        return scan

    monkeypatch.setattr(vaultgraph.loader, "scan_vault", scan_then_delete)
    args = ["check", str(root), "--format", "json"] + ([] if cache else ["--no-cache"])
    result = CliRunner().invoke(app, args, catch_exceptions=False)
    report = json.loads(result.stdout)
    assert result.exit_code == 1
    assert report["notes"] == notes
    assert [(d["path"], d["rule"], d["message"]) for d in report["diagnostics"]] == [
        ("note-1.md", "unreadable-note", "cannot read: No such file or directory")
    ]
