"""The SQLite cache takes every value as a parameter: no note path, title, text, frontmatter or
search query ever becomes part of an SQL statement.

Every statement any command sends is recorded while notes full of SQL-looking text are checked,
validated, searched and queried; the text must reach the database, and no statement may hold it.
"""

from __future__ import annotations

import json
import sqlite3
from pathlib import Path
from typing import Any, ClassVar

import pytest
from typer.testing import CliRunner

import vaultgraph.cache
from vaultgraph.cli import app

MARK = "zq7'\"); DROP TABLE notes; --"
FILE_MARK = MARK.replace('"', "").replace("/", "")

COMMANDS = [
    ["check", "{vault}"],
    ["check", "{vault}"],  # again: now answered from the cache
    ["validate", "{vault}"],
    ["search", "zq7", "--vault", "{vault}"],
    ["search", MARK, "--vault", "{vault}"],
    ["query", 'TABLE title WHERE contains(title, "zq7\'")', "--vault", "{vault}"],
    ["links", "--vault", "{vault}"],
    ["backlinks", "home", "--vault", "{vault}"],
]


class RecordingConnection(sqlite3.Connection):
    statements: ClassVar[list[str]] = []

    def execute(self, sql: str, *args: Any) -> sqlite3.Cursor:
        self.statements.append(sql)
        return super().execute(sql, *args)

    def executemany(self, sql: str, *args: Any) -> sqlite3.Cursor:
        self.statements.append(sql)
        return super().executemany(sql, *args)

    def executescript(self, sql: str) -> sqlite3.Cursor:
        self.statements.append(sql)
        return super().executescript(sql)


@pytest.fixture
def statements(monkeypatch: pytest.MonkeyPatch) -> list[str]:
    recorded: list[str] = []
    monkeypatch.setattr(RecordingConnection, "statements", recorded)
    connect = sqlite3.connect
    monkeypatch.setattr(
        vaultgraph.cache.sqlite3,
        "connect",
        lambda *args, **kwargs: connect(*args, **kwargs, factory=RecordingConnection),
    )
    return recorded


def test_no_value_ever_becomes_sql(statements: list[str], tmp_path: Path) -> None:
    vault = tmp_path / "vault"
    vault.mkdir()
    (vault / "schema.yaml").write_text("type: object\n")
    (vault / "vault.toml").write_text('schema = "schema.yaml"\nignore = ["schema.yaml"]\n')
    (vault / "home.md").write_text("# Home\n")
    quoted = json.dumps(MARK)  # a YAML double-quoted string
    (vault / f"{FILE_MARK}.md").write_text(
        f"---\ntitle: {quoted}\ntags: [{quoted}]\nup: '[[home]]'\n---\n"
        f"# {MARK}\n\n{MARK} [[{FILE_MARK}]] [[home]]\n"
    )
    for command in COMMANDS:
        args = [part.format(vault=vault) for part in command]
        result = CliRunner().invoke(app, args, catch_exceptions=False)
        assert result.exit_code in (0, 1), (command, result.output)
    assert "zq7" in CliRunner().invoke(app, ["query", "TABLE title", "--vault", str(vault)]).stdout

    assert len(statements) > 10
    assert [sql for sql in statements if "zq7" in sql] == []
    # The values did reach the database, as parameters.
    with sqlite3.connect(vault / ".vault" / "cache.sqlite") as db:
        (paths,) = db.execute("SELECT count(*) FROM notes WHERE path LIKE '%zq7%'").fetchone()
        (indexed,) = db.execute("SELECT count(*) FROM search WHERE body LIKE '%DROP TABLE notes%'").fetchone()
    db.close()
    assert (paths, indexed) == (1, 1)
