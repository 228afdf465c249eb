"""Inline suppressions in `vault check`: silenced findings, unused ones reported, the same from a
cold check, a warm cache and worker processes."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

import vaultgraph
import vaultgraph.loader
from vaultgraph import parallel_check
from vaultgraph.checker import check

NOTES: dict[str, str | bytes] = {
    "target.md": "# Target\n\n## Real\n",
    "a.md": (
        "# A\n"
        "%% vault-ignore broken-link %%\n"
        "[[gone-one]]\n"  # line 3: silenced by line 2
        "[[gone-two]] <!-- vault-ignore broken-link -->\n"  # silenced on its own line
        "[[gone-three]]\n"  # reported
        "[[target#Nope]] %% vault-ignore %%\n"  # every rule on this line
        "%% vault-ignore broken-link %%\n"
        "nothing to silence here\n"  # line 8: the suppression on line 7 is unused
        "[[gone-four]] %% vault-ignore brokenlink %%\n"  # unknown rule: reported, link too
    ),
    "b.md": "<!-- vault-ignore-file broken-link -->\n[[x]]\n\n[[y]]\n[[target#Nope]]\n",
}


def found(root: Path, **options: object) -> list[tuple[str, int, str, str]]:
    report = check(vaultgraph.load(root, **options))  # type: ignore[arg-type]
    return [(d.path, d.line, d.rule, d.message) for d in report.diagnostics]


EXPECTED = [
    ("a.md", 5, "broken-link", "no note or file named 'gone-three'"),
    (
        "a.md",
        7,
        "unused-suppression",
        "vault-ignore broken-link silences nothing: no broken-link finding on the line it covers",
    ),
    ("a.md", 9, "broken-link", "no note or file named 'gone-four'"),
    (
        "a.md",
        9,
        "unused-suppression",
        "vault-ignore names no rule 'brokenlink' (did you mean 'broken-link'?)",
    ),
    ("b.md", 5, "broken-anchor", "no heading 'Nope' in 'target.md'"),
]


def test_suppressions_silence_their_lines_and_files_and_unused_ones_are_reported(make_vault) -> None:
    assert found(make_vault(NOTES), use_cache=False) == EXPECTED


def test_a_warm_cache_and_an_incremental_check_apply_the_same_suppressions(
    make_vault, monkeypatch: pytest.MonkeyPatch
) -> None:
    root = make_vault(NOTES)
    assert found(root) == EXPECTED  # cold: fills the cache
    with monkeypatch.context() as patched:
        patched.setattr(vaultgraph.loader, "read_note", lambda *args: pytest.fail("read a note"))
        assert found(root) == EXPECTED  # warm: no note read, suppressions from the cache
    (root / "b.md").write_text("<!-- vault-ignore-file broken-anchor -->\n[[zzz]]\n\n[[target#Nope]]\n")
    after_edit = [*EXPECTED[:4], ("b.md", 2, "broken-link", "no note or file named 'zzz'")]
    assert found(root) == after_edit  # only b.md checked again
    assert found(root, use_cache=False) == after_edit


def test_worker_processes_carry_the_suppressions(make_vault, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(parallel_check, "PARALLEL_FROM", 1)
    monkeypatch.setattr(parallel_check.os, "cpu_count", lambda: 2)
    calls: list[int] = []
    real = parallel_check.check_in_workers
    monkeypatch.setattr(parallel_check, "check_in_workers", lambda vault: calls.append(1) or real(vault))
    assert found(make_vault(NOTES), use_cache=False) == EXPECTED
    assert calls == [1]


def test_a_rule_turned_off_is_not_reported_as_unused(make_vault) -> None:
    root = make_vault({**NOTES, "vault.toml": '[rules]\nbroken-link = "off"\n'})
    assert [f for f in found(root, use_cache=False) if f[2] == "unused-suppression"] == [EXPECTED[3]]


def test_unused_suppressions_can_be_ignored_and_only_paths_asked_for_are_judged(run, make_vault) -> None:
    root = make_vault(NOTES)
    result = run("check", root, "--ignore", "unused-suppression", "--format", "json")
    assert {d["rule"] for d in json.loads(result.stdout)["diagnostics"]} == {"broken-link", "broken-anchor"}
    result = run("check", root / "b.md", "--format", "json")
    assert [d["rule"] for d in json.loads(result.stdout)["diagnostics"]] == ["broken-anchor"]
