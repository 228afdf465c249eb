"""`vault check --baseline` / `--write-baseline`: a vault with old findings passes with its
baseline, fails on a new one, says how many are fixed, and the file stays stable."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

import vaultgraph

NOTES = {
    "target.md": "# Target\n",
    "a.md": "# A\n\n[[gone]] and [[gone|again]]\n",
    "b.md": "# B\n\n[[target#Missing]]\n",
}


@pytest.fixture
def vault(make_vault) -> Path:
    return make_vault(NOTES)


def diagnostics(result) -> list[tuple[str, int, str]]:
    return [(d["path"], d["line"], d["rule"]) for d in json.loads(result.stdout)["diagnostics"]]


def test_write_baseline_records_todays_findings_and_the_check_then_passes(run, vault: Path) -> None:
    written = run("check", vault, "--write-baseline")
    assert written.exit_code == 0
    assert "it now records 3 findings" in written.stderr
    document = json.loads((vault / "vault-baseline.json").read_text())
    assert document["version"] == 1
    assert [(f["path"], f["rule"], f.get("target"), f["count"]) for f in document["findings"]] == [
        ("a.md", "broken-link", "gone", 1),  # two links to 'gone', written differently: two keys
        ("a.md", "broken-link", "gone", 1),
        ("b.md", "broken-anchor", "target", 1),  # the fingerprint has the anchor
    ]
    result = run("check", vault, "--baseline", vault / "vault-baseline.json", "--fail-on", "warning")
    assert result.exit_code == 0
    assert result.stdout == ""
    assert "3 known findings left out, 0 fixed" in result.stderr


def test_the_baseline_is_stable_across_runs_and_line_shifts(run, vault: Path) -> None:
    run("check", vault, "--write-baseline")
    before = (vault / "vault-baseline.json").read_bytes()
    (vault / "a.md").write_text("# A\n\nA new paragraph.\n\nMore.\n\n[[gone]] and [[gone|again]]\n")
    run("check", vault, "--write-baseline")
    assert (vault / "vault-baseline.json").read_bytes() == before
    result = run("check", vault, "--baseline", vault / "vault-baseline.json")
    assert result.exit_code == 0


def test_a_new_broken_link_fails_even_as_a_second_copy_of_a_baselined_one(run, vault: Path) -> None:
    run("check", vault, "--write-baseline")
    (vault / "a.md").write_text("# A\n\n[[gone]] and [[gone|again]]\n\n[[gone]]\n[[also-gone]]\n")
    result = run("check", vault, "--baseline", vault / "vault-baseline.json", "--format", "json")
    assert result.exit_code == 1
    # The first copy of [[gone]] keeps its place in the baseline; the third is new.
    assert diagnostics(result) == [("a.md", 5, "broken-link"), ("a.md", 6, "broken-link")]
    baseline = json.loads(result.stdout)["baseline"]
    assert baseline == {"file": baseline["file"], "new": 2, "unchanged": 3, "fixed": 0}


def test_fixed_findings_are_counted_and_write_baseline_prunes_them(run, vault: Path) -> None:
    run("check", vault, "--write-baseline")
    (vault / "b.md").write_text("# B\n\n[[target]]\n")
    result = run("check", vault, "--baseline", vault / "vault-baseline.json")
    assert result.exit_code == 0
    assert "2 known findings left out, 1 fixed (--write-baseline drops them from it)" in result.stderr
    pruned = run("check", vault, "--baseline", vault / "vault-baseline.json", "--write-baseline")
    assert "1 fixed; it now records 2 findings" in pruned.stderr
    assert "b.md" not in (vault / "vault-baseline.json").read_text()


def test_the_baseline_is_not_a_file_of_the_vault(run, vault: Path) -> None:
    (vault / "vault.toml").write_text('baseline = "./ci/baseline.json"\n')
    (vault / "ci").mkdir()
    run("check", vault, "--write-baseline")
    run("check", vault, "--baseline", vault / "vault-baseline.json", "--write-baseline")
    # Not attachments: `vault orphans` and an unused-attachment check must never list them.
    files = vaultgraph.load(vault).files
    assert "ci/baseline.json" not in files
    assert "vault-baseline.json" not in files
    assert "vault.toml" not in files


def test_vault_toml_names_the_baseline_for_every_check(run, vault: Path) -> None:
    (vault / "vault.toml").write_text('baseline = "ci/baseline.json"\n')
    (vault / "ci").mkdir()
    assert run("check", vault, "--write-baseline").exit_code == 0
    assert (vault / "ci" / "baseline.json").is_file()
    (vault / "b.md").write_text("# B\n\n[[nowhere]]\n")
    result = run("check", vault, "--format", "sarif")
    assert result.exit_code == 1
    run_ = json.loads(result.stdout)["runs"][0]
    assert [r["baselineState"] for r in run_["results"]] == ["new"]
    assert run_["properties"]["baseline"]["fixed"] == 1


def test_a_partial_check_rewrites_only_its_part_of_the_baseline(run, vault: Path) -> None:
    run("check", vault, "--write-baseline")
    (vault / "a.md").write_text("# A\n")
    (vault / "b.md").write_text("# B\n")
    run("check", vault / "a.md", "--write-baseline", "--vault", vault)
    document = json.loads((vault / "vault-baseline.json").read_text())
    assert [f["path"] for f in document["findings"]] == ["b.md"]  # b.md was not checked: kept


def test_dry_run_writes_nothing(run, vault: Path) -> None:
    result = run("check", vault, "--write-baseline", "--dry-run")
    assert result.exit_code == 0
    assert "it now records 3 findings" in result.stderr
    assert not (vault / "vault-baseline.json").exists()
    assert run("check", vault, "--dry-run").exit_code == 2


@pytest.mark.parametrize(
    ("content", "message"),
    [
        (None, "baseline file not found"),
        ("{not json", "not a vaultgraph baseline"),
        ('{"version": 99, "findings": []}', "not a vaultgraph baseline of version 1"),
        ('{"version": 1, "findings": [{"path": "a.md"}]}', "finding 1 is not a baseline entry"),
    ],
    ids=["missing", "not json", "other version", "bad entry"],
)
def test_a_missing_or_malformed_baseline_is_a_usage_error(
    run, vault: Path, content: str | None, message: str
) -> None:
    file = vault / "given.json"
    if content is not None:
        file.write_text(content)
    result = run("check", vault, "--baseline", file)
    assert result.exit_code == 2
    assert message in result.stderr


def test_a_ci_run_as_a_real_process_passes_then_fails_on_a_new_link(run_process, vault: Path) -> None:
    assert run_process("check", "--write-baseline", cwd=vault).returncode == 0
    passing = run_process("check", "--baseline", "vault-baseline.json", "--format", "github", cwd=vault)
    assert (passing.returncode, passing.stdout) == (0, "")
    (vault / "target.md").write_text("# Target\n\n[[broken-today]]\n")
    failing = run_process("check", "--baseline", "vault-baseline.json", "--format", "github", cwd=vault)
    assert failing.returncode == 1
    assert failing.stdout.startswith("::error file=target.md,line=3,col=1,title=broken-link::")
