"""`vault fix`: proposes a fix for each broken link with one confident candidate, shows them as a
diff, writes them only with --apply, lists the rest; files compared byte for byte."""

from __future__ import annotations

import json
import shutil
import subprocess
from pathlib import Path

import pytest

from .conftest import FIX_FIXTURES, snapshot


def test_without_apply_it_prints_the_diff_and_changes_nothing(run, fix_vault: Path) -> None:
    before = snapshot(fix_vault)
    result = run("fix", "--vault", fix_vault)
    assert result.exit_code == 1  # broken links remain until fixed
    # stdout_bytes: click's stdout turns the CRLF file's \r\n into \n
    assert result.stdout_bytes == (FIX_FIXTURES / "dry-run.diff").read_bytes()
    assert snapshot(fix_vault) == before


def test_apply_writes_every_confident_fix_and_keeps_every_other_byte(run, fix_vault: Path) -> None:
    result = run("fix", "--apply", "--vault", fix_vault)
    assert result.exit_code == 1, result.stderr  # two links are left: one ambiguous, one hopeless
    assert snapshot(fix_vault) == snapshot(FIX_FIXTURES / "expected")
    assert "10 fixes applied; 2 broken links left unfixed" in result.stderr


def test_ambiguous_and_hopeless_links_are_listed_never_guessed(run, fix_vault: Path) -> None:
    result = run("fix", "--vault", fix_vault)
    assert (
        "notes/reader.md:15:17: 'old/ada' not fixed: 2 candidates, archive/ada.md, people/ada.md\n"
        in result.stderr
    )
    assert "notes/reader.md:16:16: 'quantum-gravity' not fixed: no candidate\n" in result.stderr
    changed = [line for line in result.stdout.splitlines() if line.startswith(("+", "-"))]
    assert not [line for line in changed if "old/ada" in line or "quantum-gravity" in line]


def test_after_apply_check_finds_only_the_unfixable_links(run, fix_vault: Path) -> None:
    run("fix", "--apply", "--vault", fix_vault)
    check = run("check", "--vault", fix_vault, "--format", "json")
    diagnostics = json.loads(check.stdout)["diagnostics"]
    targets = sorted(d["target"] for d in diagnostics if d["rule"] == "broken-link")
    assert targets == ["old/ada", "quantum-gravity"]
    again = run("fix", "--vault", fix_vault)
    assert again.stdout == ""  # nothing more to propose
    assert "0 fixes proposed; 2 broken links left unfixed" in again.stderr


def test_json_lists_fixes_and_what_was_left(run, fix_vault: Path) -> None:
    result = run("fix", "--vault", fix_vault, "--format", "json")
    document = json.loads(result.stdout)
    assert document["applied"] is False
    assert document["fixes"][0] == {
        "source": "notes/crlf.md",
        "line": 1,
        "column": 23,
        "target": "power-law-return",
        "fix": "power-law-returns",
        "resolved": "concepts/power-law-returns.md",
        "reason": "close-match",
    }
    assert {
        "source": "notes/reader.md",
        "line": 15,
        "column": 17,
        "target": "old/ada",
        "candidates": ["archive/ada.md", "people/ada.md"],
        "why": "2 candidates, archive/ada.md, people/ada.md",
    } in document["unfixed"]
    assert len(document["fixes"]) == 10


def test_paths_limit_the_notes_fixed(run, fix_vault: Path) -> None:
    result = run("fix", fix_vault / "notes" / "crlf.md", "--apply")
    assert "2 fixes applied; 0 broken links left" in result.stderr
    assert result.exit_code == 0
    fixed, untouched = "notes/crlf.md", "notes/reader.md"
    assert (fix_vault / fixed).read_bytes() == (FIX_FIXTURES / "expected" / fixed).read_bytes()
    assert (fix_vault / untouched).read_bytes() == (FIX_FIXTURES / "vault" / untouched).read_bytes()


def test_a_clean_vault_exits_0(run, tmp_path: Path) -> None:
    (tmp_path / "a.md").write_text("[[b]]\n")
    (tmp_path / "b.md").write_text("# B\n")
    result = run("fix", "--vault", tmp_path, "--apply")
    assert result.exit_code == 0
    assert result.stdout == ""


def _git(root: Path, *args: str) -> None:
    subprocess.run(
        ["git", "-C", str(root), "-c", "user.name=t", "-c", "user.email=t@t", *args],
        check=True,
        capture_output=True,
    )


@pytest.mark.skipif(shutil.which("git") is None, reason="needs git")
@pytest.mark.parametrize("how", ["git mv", "plain mv"])
def test_a_note_renamed_since_the_last_commit_is_followed(run, tmp_path: Path, how: str) -> None:
    vault = tmp_path / "vault"
    (vault / "concepts").mkdir(parents=True)
    (vault / "concepts/power-law-returns.md").write_text("# Power-law returns\n\nwinners take most\n")
    (vault / "index.md").write_text("See [[power-law-returns#Power-law returns|the law]].\n")
    _git(vault, "init", "-q")
    _git(vault, "add", ".")
    _git(vault, "commit", "-qm", "start")
    old, new = vault / "concepts/power-law-returns.md", vault / "ideas/winner-take-most.md"
    if how == "git mv":
        new.parent.mkdir()
        _git(vault, "mv", str(old), str(new))
    else:
        new.parent.mkdir()
        old.rename(new)
    result = run("fix", "--vault", vault, "--apply")
    assert result.exit_code == 0, result.stderr
    assert "(git saw it renamed)" in result.stderr
    assert (vault / "index.md").read_text() == "See [[winner-take-most#Power-law returns|the law]].\n"


def test_fix_runs_as_a_real_process(run_process, fix_vault: Path) -> None:
    result = run_process("fix", "--vault", fix_vault)
    assert result.returncode == 1
    # text mode reads \r\n as \n; the bytes are checked in-process above
    assert result.stdout == (FIX_FIXTURES / "dry-run.diff").read_bytes().decode().replace("\r\n", "\n")
    assert result.stderr.endswith("10 fixes proposed (--apply writes them); 2 broken links left unfixed\n")


@pytest.mark.parametrize("rule_on", [True, False])
def test_links_in_the_wrong_case_are_fixed_where_the_vault_asks(run, tmp_path: Path, rule_on: bool) -> None:
    (tmp_path / "concepts").mkdir()
    (tmp_path / "concepts/power-law-returns.md").write_text("# Power-law returns\n")
    written = "[[Power-Law-Returns|the law]] and [[CONCEPTS/power-law-returns#Power-law returns]]\n"
    (tmp_path / "home.md").write_text(written)
    (tmp_path / "vault.toml").write_text('[rules]\ncase-mismatch = "warning"\n' if rule_on else "")
    result = run("fix", "--vault", tmp_path, "--apply")
    assert result.exit_code == 0, result.stderr
    fixed = "[[power-law-returns|the law]] and [[concepts/power-law-returns#Power-law returns]]\n"
    assert (tmp_path / "home.md").read_text() == (fixed if rule_on else written)
    if rule_on:
        said = "home.md:1:1: 'Power-Law-Returns' -> 'power-law-returns' (the file's own case)"
        assert said in result.stderr
        assert run("check", "--vault", tmp_path).exit_code == 0
