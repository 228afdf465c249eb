"""A cold check done in the workers that parse the notes finds exactly what a check here finds."""

from __future__ import annotations

import shutil
from collections.abc import Callable
from pathlib import Path

import pytest

import vaultgraph
from vaultgraph import parallel_check

FIXTURES = [
    "broken",
    "anchors",
    "ambiguous",
    "relative",
    "paths",
    "names",
    "severity",
    "graph",
    "hygiene",
    "linkfields",
]


def findings(vault: vaultgraph.Vault) -> list[tuple[object, ...]]:
    return [
        (d.path, d.line, d.column, d.rule, d.severity, d.message, d.target, d.field)
        for d in vault.diagnostics
    ]


@pytest.fixture
def every_check_in_workers(monkeypatch: pytest.MonkeyPatch) -> None:
    """Make even a small vault use worker processes, on any number of cores."""
    monkeypatch.setattr(parallel_check, "PARALLEL_FROM", 1)
    monkeypatch.setattr(parallel_check.os, "cpu_count", lambda: 2)


@pytest.mark.parametrize("name", FIXTURES)
@pytest.mark.parametrize("use_cache", [False, True], ids=["no-cache", "cache"])
def test_workers_find_what_a_check_here_finds(
    name: str, use_cache: bool, fixture_path: Callable[[str], Path], monkeypatch: pytest.MonkeyPatch
) -> None:
    root = fixture_path(name)
    here = findings(vaultgraph.load(root, use_cache=False))
    monkeypatch.setattr(parallel_check, "PARALLEL_FROM", 1)
    monkeypatch.setattr(parallel_check.os, "cpu_count", lambda: 2)
    calls: list[int] = []
    real = parallel_check.check_in_workers
    monkeypatch.setattr(parallel_check, "check_in_workers", lambda vault: calls.append(1) or real(vault))
    assert findings(vaultgraph.load(root, use_cache=use_cache)) == here
    assert calls == [1]  # the workers really did the check


def test_the_bundled_notes_with_mistakes_added(tmp_path: Path, every_check_in_workers: None) -> None:
    root = Path(shutil.copytree(Path(__file__).parent.parent / "notes", tmp_path / "notes"))
    note = root / "inbox" / "quick-capture-2025-02-14.md"
    note.write_text(
        note.read_text().replace("type: ", "type: an-")
        + "\n[[power-law-return]] [[Power Laws]] [[gpu-cloud-lock-in#Nope]] [[#Missing]]\n"
    )
    in_workers = findings(vaultgraph.load(root, use_cache=False))
    parallel_check.PARALLEL_FROM = 10**9  # the monkeypatch puts it back
    assert findings(vaultgraph.load(root, use_cache=False)) == in_workers
    rules = sorted({finding[3] for finding in in_workers})
    assert rules == ["broken-anchor", "broken-link", "schema"]
    assert any("link it as [[power-law-returns|Power Laws]]" in str(finding[5]) for finding in in_workers)


def test_the_cache_written_by_workers_serves_the_next_run(
    tmp_path: Path, every_check_in_workers: None
) -> None:
    root = Path(
        shutil.copytree(Path(__file__).parent.parent / "tests" / "fixtures" / "broken", tmp_path / "v")
    )
    first = findings(vaultgraph.load(root))
    vault = vaultgraph.load(root)
    assert findings(vault) == first
    assert set(vault.notes) == {path for path in vault.parsed}  # notes decode from the cache


def test_many_broken_links_get_the_same_suggestions_as_a_check_here(
    tmp_path: Path, every_check_in_workers: None
) -> None:
    # Broken links of many lengths, which the workers word in shares by length at the end; the
    # same broken targets from several folders (worded once), relative ones (worded per folder),
    # and anchors that exist, are missing, or are nested.
    root = tmp_path / "v"
    for folder in ("a", "b/c", "d"):
        (root / folder).mkdir(parents=True)
        for i in range(30):
            (root / folder / f"power-law-{folder[0]}{i}.md").write_text(
                f"# Top {i}\n\n## Part\n\ntext ^blk{i}\n\n"
                f"[[power-law-{folder[0]}{i + 1}0]] [[powr-law-a{i}]] [[./power-law-x{i}]] "
                f"[[../power-law-a{i}]] [[power-law-a{i}#Part]] [[power-law-a{i}#Nope]] "
                f"[[power-law-a{i}#Top {i}#Part]] [[power-law-a{i}#^blk{i}]] [[power-law-a{i}#^gone]]\n"
                f"[[{'x' * (i % 7)}p{i}]] [[power-law-{'long-' * (i % 6)}a{i}]]\n"
            )
    in_workers = findings(vaultgraph.load(root, use_cache=False))
    parallel_check.PARALLEL_FROM = 10**9  # the monkeypatch puts it back
    assert findings(vaultgraph.load(root, use_cache=False)) == in_workers
    messages = [str(finding[5]) for finding in in_workers]
    assert any("(did you mean 'power-law-a3'" in message for message in messages)
    assert any("no heading 'Nope'" in message for message in messages)
    assert any("no block '^gone'" in message for message in messages)
