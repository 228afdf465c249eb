"""`--format junit` read back by junitparser as CI systems read it; `--stats` and the GitHub step
summary."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from junitparser import Failure, JUnitXml

NOTES = {
    "target.md": "# Target\n",
    "a.md": "# A\n\n[[gone]] and [[target#Nope]]\n[[gone-too <&\x01>]]\n",
    "b.md": "# B\n\n[[target#Missing]]\n",
    "clean.md": "[[target]]\n",
}


@pytest.fixture
def vault(make_vault, monkeypatch: pytest.MonkeyPatch) -> Path:
    root = make_vault(NOTES)
    monkeypatch.chdir(root)
    monkeypatch.delenv("GITHUB_STEP_SUMMARY", raising=False)
    return root


def cases(xml_text: str, tmp_path: Path) -> dict[str, list[tuple[str, str]]]:
    """Each test case's failures as (type, text), by name, as junitparser reads the file."""
    file = tmp_path / "report.xml"
    file.write_text(xml_text, encoding="utf-8")
    found = {}
    for suite in JUnitXml.fromfile(str(file)):
        for case in suite:
            found[case.name] = [(r.type, r.text) for r in case.result if isinstance(r, Failure)]
    return found


def test_junit_has_a_test_case_per_note_and_a_failure_per_error(run, vault: Path) -> None:
    result = run("check", "--format", "junit")
    assert result.exit_code == 1
    assert cases(result.stdout, vault) == {
        "a.md": [
            ("broken-link", "a.md:3:1: error broken-link no note or file named 'gone'"),
            # XML escapes <&>; a control character XML 1.0 can't hold is replaced
            ("broken-link", "a.md:4:1: error broken-link no note or file named 'gone-too <&\ufffd>'"),
        ],
        "b.md": [],  # a warning below --fail-on: passing, the finding in system-out
        "clean.md": [],
        "target.md": [],
    }
    assert "b.md:3:1: warning broken-anchor no heading 'Missing'" in result.stdout
    suites = JUnitXml.fromstring(result.stdout.split("\n", 1)[1])
    assert (suites.tests, suites.failures) == (4, 1)


def test_junit_with_fail_on_warning_fails_on_warnings_too(run, vault: Path) -> None:
    result = run("check", "--format", "junit", "--fail-on", "warning")
    found = cases(result.stdout, vault)
    assert [kind for kind, _ in found["a.md"]] == ["broken-link", "broken-anchor", "broken-link"]
    assert found["b.md"] == [
        ("broken-anchor", "b.md:3:1: warning broken-anchor no heading 'Missing' in 'target.md'")
    ]


def test_stats_follow_the_findings_on_stderr(run, vault: Path) -> None:
    result = run("check", "--stats")
    assert result.stdout.count("\n") == 4  # the findings alone
    assert result.stderr.endswith(
        "findings by rule:\n  broken-anchor  2\n  broken-link    2\ntop files (2):\n  a.md  3\n  b.md  1\n"
    )


def test_json_stats_are_a_key_of_the_document(run, vault: Path) -> None:
    document = json.loads(run("check", "--stats", "--format", "json").stdout)
    assert document["stats"] == {
        "rules": {"broken-anchor": 2, "broken-link": 2},
        "top_files": [{"path": "a.md", "findings": 3}, {"path": "b.md", "findings": 1}],
    }
    assert "stats" not in json.loads(run("check", "--format", "json").stdout)


def test_github_appends_a_step_summary(run_process, vault: Path) -> None:
    summary = vault.parent / f"{vault.name}-summary.md"  # outside the vault: not a note
    summary.write_text("## an earlier step\n")
    result = run_process("check", "--format", "github", cwd=vault, env={"GITHUB_STEP_SUMMARY": str(summary)})
    assert result.returncode == 1
    assert summary.read_text() == (
        "## an earlier step\n"
        "### vault check\n\n"
        "2 errors, 2 warnings in 4 notes\n\n"
        "| rule | findings |\n| --- | ---: |\n| `broken-anchor` | 2 |\n| `broken-link` | 2 |\n\n"
        "| file | findings |\n| --- | ---: |\n| `a.md` | 3 |\n| `b.md` | 1 |\n\n"
    )


def test_the_step_summary_gives_the_baselines_counts(
    run, vault: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    run("check", "--write-baseline")
    (vault / "b.md").write_text("# B\n")
    summary = vault.parent / f"{vault.name}-summary.md"
    monkeypatch.setenv("GITHUB_STEP_SUMMARY", str(summary))
    result = run("check", "--baseline", "vault-baseline.json", "--format", "github")
    assert (result.exit_code, result.stdout) == (0, "")
    assert summary.read_text() == (
        "### vault check\n\n"
        "0 errors, 0 warnings in 4 notes\n\n"
        "baseline vault-baseline.json: 3 known findings left out, 1 fixed "
        "(--write-baseline drops them from it)\n\n"
    )


def test_validate_writes_junit_too(run, vault: Path) -> None:
    (vault / "bad.md").write_text("---\ntitle: [unclosed\n---\n")
    result = run("validate", "--format", "junit")
    assert result.exit_code == 1
    found = cases(result.stdout, vault)
    assert [kind for kind, _ in found["bad.md"]] == ["invalid-frontmatter"]
    assert found["a.md"] == []
