"""`vault query` on tests/fixtures/query: every output format, and errors that point at the column."""

from __future__ import annotations

import csv
import io
import json
from pathlib import Path

import pytest

QUERY = "TABLE score, status FROM #ai SORT score DESC"
#: What QUERY answers on the fixture: the notes tagged #ai or below it, highest score first.
ANSWER = [("alpha", 0.9, "active"), ("delta", 0.7, "active"), ("beta", 0.4, "draft"), ("zeta", 0.2, "done")]
PATHS = {
    "alpha": "alpha.md",
    "beta": "beta.md",
    "delta": "projects/delta.md",
    "zeta": "projects/archive/zeta.md",
}


@pytest.fixture
def vault(fixture_path) -> Path:
    return fixture_path("query")


def test_table(run, vault: Path) -> None:
    result = run("query", QUERY, "--vault", vault)
    assert result.exit_code == 0
    lines = result.stdout.splitlines()
    assert lines[0].split() == ["File", "score", "status"]
    assert [line.split() for line in lines[2:]] == [[f"[[{n}]]", str(s), t] for n, s, t in ANSWER]


def test_json_records_keyed_by_column(run, vault: Path) -> None:
    result = run("query", QUERY, "--vault", vault, "--format", "json")
    assert result.exit_code == 0
    records = json.loads(result.stdout)
    assert records == [{"File": PATHS[n], "score": s, "status": t} for n, s, t in ANSWER]


def test_csv(run, vault: Path) -> None:
    result = run("query", QUERY, "--vault", vault, "--format", "csv")
    rows = list(csv.reader(io.StringIO(result.stdout)))
    assert rows == [["File", "score", "status"], *([f"[[{n}]]", str(s), t] for n, s, t in ANSWER)]


def test_markdown_table_pastes_into_a_note(run, vault: Path) -> None:
    query = 'TABLE WITHOUT ID file.name AS name, "a|b" AS piped FROM #ai SORT file.name LIMIT 2'
    result = run("query", query, "--vault", vault, "--format", "markdown")
    assert result.stdout.splitlines() == [
        "| name | piped |",
        "| --- | --- |",
        "| alpha | a\\|b |",  # an escaped pipe stays inside its cell
        "| beta | a\\|b |",
    ]


def test_group_by_counts(run, vault: Path) -> None:
    query = "TABLE WITHOUT ID key AS status, length(rows) AS notes FROM #ai GROUP BY status SORT key"
    records = json.loads(run("query", query, "--vault", vault, "--format", "json").stdout)
    assert records == [
        {"status": "active", "notes": 2},
        {"status": "done", "notes": 1},
        {"status": "draft", "notes": 1},
    ]


def test_no_results(run, vault: Path) -> None:
    result = run("query", "LIST FROM #nothing-has-this", "--vault", vault)
    assert (result.exit_code, result.stdout.strip()) == (0, "no results")
    assert run("query", "LIST FROM #nothing-has-this", "--vault", vault, "--format", "json").stdout == "[]\n"


@pytest.mark.parametrize(
    ("query", "column", "message"),
    [
        ("TABLE score WHERE", 18, "expected an expression after WHERE"),
        ("LIST FROM #ai SORT", 19, "expected"),
        ('TABLE score FROM "unclosed', 18, "string"),
    ],
)
def test_syntax_error_points_at_the_column(run, vault: Path, query: str, column: int, message: str) -> None:
    result = run("query", query, "--vault", vault)
    assert result.exit_code == 2
    assert result.stdout == ""
    pointer, caret, error = result.stderr.splitlines()[-3:]
    assert pointer == query
    assert caret.index("^") == column - 1
    assert error.startswith(f"vault: error: query, column {column}: ")
    assert message in error


def test_a_value_that_cannot_be_computed_is_a_usage_error(run, vault: Path) -> None:
    result = run("query", 'TABLE created * 2 FROM "projects"', "--vault", vault)
    assert result.exit_code == 2
    assert result.stderr.startswith("vault: error: query: ")
    assert "Traceback" not in result.stderr


def test_as_a_process(run_process, vault: Path) -> None:
    result = run_process("query", QUERY, "--vault", str(vault), "--format", "json")
    assert result.returncode == 0, result.stderr
    assert [record["File"] for record in json.loads(result.stdout)] == [PATHS[n] for n, _, _ in ANSWER]
