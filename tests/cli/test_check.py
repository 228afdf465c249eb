"""`vault check`: findings, formats, filters, exit codes."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

ALPHA_FINDINGS = [
    "alpha.md:9:21: error broken-link no note or file named 'missing-note'",
    "alpha.md:9:58: warning broken-anchor no heading 'No Such Heading' in 'beta.md'",
]


def test_text_format_lists_each_finding_and_exits_1(run, basic_vault: Path) -> None:
    result = run("check", basic_vault)
    assert result.exit_code == 1
    assert result.stdout.splitlines() == ALPHA_FINDINGS
    assert "1 error, 1 warning in 3 notes" in result.stderr


def test_ignored_template_is_not_read(run, basic_vault: Path) -> None:
    result = run("check", basic_vault, "--format", "json")
    assert all(d["path"] != "templates/insight.md" for d in json.loads(result.stdout)["diagnostics"])
    assert json.loads(result.stdout)["notes"] == 3


def test_json_format_follows_the_spec_field_by_field(run, basic_vault: Path) -> None:
    result = run("check", basic_vault, "--format", "json")
    document = json.loads(result.stdout)
    assert document["vault"] == str(basic_vault.resolve())
    assert document["notes"] == 3
    assert document["counts"] == {"error": 1, "warning": 1}
    broken, anchor = document["diagnostics"]
    assert broken == {
        "path": "alpha.md",
        "line": 9,
        "column": 21,
        "rule": "broken-link",
        "severity": "error",
        "message": "no note or file named 'missing-note'",
        "target": "missing-note",
    }
    assert anchor["rule"] == "broken-anchor" and anchor["severity"] == "warning"
    assert anchor["target"] == "beta" and (anchor["line"], anchor["column"]) == (9, 58)


def test_github_format_is_one_workflow_command_per_finding(run, basic_vault: Path, monkeypatch) -> None:
    monkeypatch.chdir(basic_vault.parent)
    result = run("check", "basic", "--format", "github")
    assert result.stdout.splitlines() == [
        "::error file=basic/alpha.md,line=9,col=21,title=broken-link::no note or file named 'missing-note'",
        "::warning file=basic/alpha.md,line=9,col=58,title=broken-anchor::"
        "no heading 'No Such Heading' in 'beta.md'",
    ]


def test_sarif_format_names_rules_and_locations(run, basic_vault: Path, monkeypatch) -> None:
    monkeypatch.chdir(basic_vault)
    result = run("check", "--format", "sarif")
    sarif = json.loads(result.stdout)
    assert sarif["version"] == "2.1.0"
    (sarif_run,) = sarif["runs"]
    rule_ids = [rule["id"] for rule in sarif_run["tool"]["driver"]["rules"]]
    assert "broken-link" in rule_ids
    first = sarif_run["results"][0]
    assert first["ruleId"] == "broken-link" and first["level"] == "error"
    assert rule_ids[first["ruleIndex"]] == "broken-link"
    location = first["locations"][0]["physicalLocation"]
    assert location == {
        "artifactLocation": {"uri": "alpha.md"},
        "region": {"startLine": 9, "startColumn": 21},
    }


def test_select_and_ignore_filter_rules(run, basic_vault: Path) -> None:
    selected = run("check", basic_vault, "--select", "broken-anchor")
    assert selected.stdout.splitlines() == ALPHA_FINDINGS[1:]
    assert selected.exit_code == 0  # a warning does not fail by default
    ignored = run("check", basic_vault, "--ignore", "broken-link,broken-anchor")
    assert ignored.stdout == "" and ignored.exit_code == 0


def test_select_turns_on_a_rule_that_is_off(run, basic_vault: Path) -> None:
    (basic_vault / "lonely.md").write_text("# Lonely\n")
    assert run("check", basic_vault, "--ignore", "broken-link,broken-anchor").stdout == ""
    expected = "lonely.md:1:1: warning orphan-note no link leads to or from this note\n"
    assert run("check", basic_vault, "--select", "orphan-note").stdout == expected
    # Even when vault.toml turns it off: the command line names it.
    with (basic_vault / "vault.toml").open("a") as config:
        config.write('\n[rules]\norphan-note = "off"\n')
    assert run("check", basic_vault, "--select", "orphan-note,broken-link").stdout.splitlines() == [
        ALPHA_FINDINGS[0],
        expected.rstrip("\n"),
    ]


def test_subprocess_checks_hygiene_rules(run_process, tmp_path: Path) -> None:
    vault = tmp_path / "v"
    vault.mkdir()
    (vault / "vault.toml").write_text('[rules]\nunused-attachment = "error"\n')
    (vault / "a.md").write_text("[[a]] and [[b]]\n")
    (vault / "b.md").write_text("![[used.png]]\n")
    (vault / "used.png").write_bytes(b"")
    (vault / "spare.png").write_bytes(b"")
    result = run_process("check", vault, "--format", "json")
    found = [(d["path"], d["rule"], d["severity"]) for d in json.loads(result.stdout)["diagnostics"]]
    assert found == [("a.md", "self-link", "warning"), ("spare.png", "unused-attachment", "error")]
    assert result.returncode == 1


def test_fail_on_warning_fails_on_a_warning(run, basic_vault: Path) -> None:
    assert run("check", basic_vault, "--select", "broken-anchor", "--fail-on", "warning").exit_code == 1


def test_unknown_rule_is_a_usage_error(run, basic_vault: Path) -> None:
    result = run("check", basic_vault, "--select", "broken-links")
    assert result.exit_code == 2
    assert "unknown rule 'broken-links'" in result.stderr


def test_rules_table_in_config_changes_severity(run, basic_vault: Path) -> None:
    (basic_vault / "vault.toml").write_text(
        'ignore = ["templates/**"]\n[rules]\nbroken-link = "warning"\nbroken-anchor = "off"\n'
    )
    result = run("check", basic_vault)
    assert result.exit_code == 0
    assert result.stdout.splitlines() == [
        ALPHA_FINDINGS[0].replace("error broken-link", "warning broken-link")
    ]


def test_paths_narrow_the_report_but_links_resolve_against_the_whole_vault(run, basic_vault: Path) -> None:
    result = run("check", basic_vault / "sub" / "gamma.md")
    assert result.exit_code == 0
    assert result.stdout == ""  # gamma's links point into the root folder, and resolve
    assert run("check", basic_vault / "sub").stdout == ""
    assert run("check", basic_vault / "alpha.md").stdout.splitlines() == ALPHA_FINDINGS


def test_path_outside_the_vault_is_skipped_with_a_note(run, basic_vault: Path, tmp_path: Path) -> None:
    outside = tmp_path / "elsewhere.md"
    outside.write_text("[[nowhere]]")
    result = run("check", basic_vault / "alpha.md", outside)
    assert result.exit_code == 1
    assert result.stdout.splitlines() == ALPHA_FINDINGS
    assert "skipped 1 path outside the vault" in result.stderr


def test_the_vault_is_found_from_the_first_path_inside_one(
    run, basic_vault: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    # As pre-commit passes files: repository files first, the vault one folder of the repository.
    (basic_vault / "vault.toml").write_text("")
    readme = tmp_path / "README.md"
    readme.write_text("[[not a vault link]]")
    monkeypatch.chdir(tmp_path)
    result = run("check", "README.md", basic_vault / "alpha.md")
    assert result.stdout.splitlines() == ALPHA_FINDINGS
    assert "skipped 1 path outside the vault" in result.stderr


def test_clean_vault_exits_0(run, basic_vault: Path) -> None:
    (basic_vault / "alpha.md").write_text("[[beta]] and [[beta#Section One]], ![[pic.png]]\n")
    result = run("check", basic_vault)
    assert (result.exit_code, result.stdout) == (0, "")
    assert "0 errors, 0 warnings in 3 notes" in result.stderr


def test_vault_option_sets_the_root(run, basic_vault: Path, monkeypatch, tmp_path: Path) -> None:
    monkeypatch.chdir(tmp_path)
    result = run("check", "--vault", basic_vault, "--format", "json")
    assert json.loads(result.stdout)["vault"] == str(basic_vault.resolve())


def test_root_is_found_by_walking_up_to_vault_toml(run, basic_vault: Path, monkeypatch) -> None:
    monkeypatch.chdir(basic_vault / "sub")
    result = run("check", "--format", "json")
    assert json.loads(result.stdout)["vault"] == str(basic_vault.resolve())


def test_missing_vault_folder_is_a_usage_error(run, tmp_path: Path) -> None:
    result = run("check", tmp_path / "nope")
    assert result.exit_code == 2
    assert result.stderr.startswith("vault: error: no such file or folder")
    result = run("check", "--vault", tmp_path / "nope")
    assert result.exit_code == 2


def test_empty_vault_is_clean(run, tmp_path: Path) -> None:
    result = run("check", tmp_path)
    assert result.exit_code == 0
    assert "in 0 notes" in result.stderr


def test_broken_config_is_a_usage_error_not_a_traceback(run, basic_vault: Path) -> None:
    (basic_vault / "vault.toml").write_text("ignore = [unclosed\n")
    result = run("check", basic_vault)
    assert result.exit_code == 2
    assert "invalid TOML" in result.stderr and "Traceback" not in result.stderr
    (basic_vault / "vault.toml").write_text('[rules]\nbroken-link = "fatal"\n')
    result = run("check", basic_vault)
    assert result.exit_code == 2
    assert "must be one of error, warning, off" in result.stderr


def test_subprocess_separates_results_from_progress(run_process, basic_vault: Path) -> None:
    result = run_process("check", basic_vault)
    assert result.returncode == 1
    assert result.stdout.splitlines() == ALPHA_FINDINGS
    assert result.stderr.strip() == "1 error, 1 warning in 3 notes"


def test_subprocess_json_and_exit_codes(run_process, basic_vault: Path, tmp_path: Path) -> None:
    result = run_process("check", "--format", "json", cwd=basic_vault)
    assert result.returncode == 1
    assert json.loads(result.stdout)["counts"] == {"error": 1, "warning": 1}
    assert run_process("check", tmp_path / "missing").returncode == 2
    assert run_process("check", "--format", "yaml", basic_vault).returncode == 2
