"""Every case of the bad-input corpus gets exactly the findings tests/corpus/README.md says.

A case is a folder under tests/corpus/cases/, a generator in generators.py, or both; its row in
the README's table gives the number of notes `vault check` must count and every finding it must
report (path, line, column, rule and a piece of the message). The rest of the vault still loads:
each case's vault also holds a sentinel note whose link must resolve.
"""

from __future__ import annotations

import codecs
import json
import re
import resource
import shutil
import subprocess
import sys
from dataclasses import dataclass
from pathlib import Path

import pytest
from typer.testing import CliRunner

from corpus.generators import GENERATORS
from vaultgraph.cli import app

HERE = Path(__file__).parent
CASES = HERE / "cases"
TARGET = "# Target\n\n## Heading\n\nA block. ^blk\n"
SENTINEL = "corpus-sentinel.md", "# Sentinel\n\n[[target#Heading]] [[target#^blk]]\n"

_ROW = re.compile(r"^\| `(?P<case>[a-z0-9-]+)` \|(?P<what>.*)\| (?P<notes>\d+) \| (?P<expected>.*) \|$")
_FINDING = re.compile(r'`(?P<path>[^`]+)`:(?P<line>\d+):(?P<column>\d+) (?P<rule>[a-z-]+) "(?P<text>[^"]*)"')


@dataclass(frozen=True)
class Case:
    name: str
    notes: int
    findings: tuple[tuple[str, int, int, str, str], ...]


def read_cases() -> list[Case]:
    cases = []
    for line in (HERE / "README.md").read_text(encoding="utf-8").splitlines():
        row = _ROW.match(line)
        if row is None:
            continue
        expected = row["expected"].strip()
        findings = tuple(
            (_unescape(m["path"]), int(m["line"]), int(m["column"]), m["rule"], m["text"])
            for m in _FINDING.finditer(expected)
        )
        assert findings or expected == "none", f"can't read the expected findings of {row['case']}"
        assert len(findings) == expected.count("; ") + 1 or expected == "none", row["case"]
        cases.append(Case(row["case"], int(row["notes"]), findings))
    return cases


def _unescape(path: str) -> str:
    """Paths in the table write invisible characters as \\u escapes."""
    return codecs.decode(path, "unicode_escape")


CORPUS = read_cases()


def build(case: str, root: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    if (CASES / case).is_dir():
        shutil.copytree(CASES / case, root, symlinks=True)
    else:
        root.mkdir()
    if not (root / "target.md").exists():
        (root / "target.md").write_text(TARGET)
    (root / "vault.toml").write_text("")
    (root / SENTINEL[0]).write_text(SENTINEL[1])
    if case in GENERATORS:
        GENERATORS[case](root, monkeypatch)
    return root


def test_the_corpus_is_complete() -> None:
    names = [case.name for case in CORPUS]
    assert len(names) == len(set(names)), "a case is described twice"
    assert {folder.name for folder in CASES.iterdir()} | set(GENERATORS) == set(names)
    assert len(names) >= 40


@pytest.mark.parametrize("case", CORPUS, ids=[case.name for case in CORPUS])
def test_corpus_case(case: Case, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    root = build(case.name, tmp_path / "vault", monkeypatch)
    result = CliRunner().invoke(app, ["check", str(root), "--format", "json"], catch_exceptions=False)
    report = json.loads(result.stdout)
    found = [(d["path"], d["line"], d["column"], d["rule"], d["message"]) for d in report["diagnostics"]]
    expected = case.findings
    assert [f[:4] for f in found] == [f[:4] for f in expected]
    for (*_, message), (*_, text) in zip(found, expected, strict=True):
        assert text in message
    assert report["notes"] == case.notes + 1  # and the sentinel
    assert result.exit_code == (1 if any(d["severity"] == "error" for d in report["diagnostics"]) else 0)
    links = CliRunner().invoke(app, ["links", "corpus-sentinel", "--vault", str(root), "--format", "json"])
    assert [link["status"] for link in json.loads(links.stdout)] == ["ok", "ok"]


def _limit_memory() -> None:
    limit = 1024 * 1024 * 1024
    resource.setrlimit(resource.RLIMIT_AS, (limit, limit))


@pytest.mark.skipif(sys.platform != "linux", reason="an address-space limit is enforced on Linux only")
def test_the_alias_bomb_is_refused_in_small_memory(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """Expanded, the bomb would be 9**9 strings (gigabytes); a real process limited to 1 GB of
    address space reports it and exits normally."""
    root = build("yaml-alias-bomb", tmp_path / "vault", monkeypatch)
    result = subprocess.run(
        [sys.executable, "-m", "vaultgraph", "check", str(root), "--no-cache"],
        capture_output=True,
        text=True,
        timeout=120,  # a hang guard, not a speed test
        preexec_fn=_limit_memory,
    )
    assert result.returncode == 1, result.stderr
    assert "bomb.md:2:1: error invalid-frontmatter" in result.stdout
    assert "Traceback" not in result.stderr
