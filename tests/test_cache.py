"""The cache in VAULT/.vault/cache.sqlite only ever saves work: whatever state it is found in, a vault
loads as it would without it, and a cache that can't be used is replaced by one that can."""

from __future__ import annotations

import gc
import json
import os
import shutil
import sqlite3
import subprocess
import sys
from collections.abc import Callable, Mapping
from pathlib import Path

import pytest
from typer.testing import CliRunner

import vaultgraph
import vaultgraph.cache
import vaultgraph.loader
import vaultgraph.parse
from vaultgraph import __version__
from vaultgraph.cli import app

MakeVault = Callable[[Mapping[str, str | bytes]], Path]
NOTES = Path(__file__).parent.parent / "notes"

SMALL_VAULT = {
    "home.md": "# Home\n\nSee [[alpha]], [[alpha#Missing]] and [[nowhere]].\n",
    "alpha.md": "---\naliases: [first]\ndate: 2025-01-17\n---\n# Alpha\n\nBack to [[home]].\n",
    "notes/beta.md": "Links [[first]] and [[home#Home]].\n",
}


@pytest.fixture
def small_vault(make_vault: MakeVault) -> Path:
    return make_vault(SMALL_VAULT)


def cache_file(root: Path) -> Path:
    return root / ".vault" / "cache.sqlite"


def fill_cache(root: Path) -> None:
    """Check the vault once, with its cache closed afterwards, so that its file can be edited."""
    vault = vaultgraph.load(root)
    assert vault.diagnostics
    assert vault.cache is not None
    vault.cache.close()
    del vault
    gc.collect()


def refuse_reads(monkeypatch: pytest.MonkeyPatch) -> None:
    """From now on, reading or parsing a note fails the test."""

    def refuse(*args: object) -> None:
        raise AssertionError(f"a note was read or parsed: {args}")

    monkeypatch.setattr(vaultgraph.loader, "read_note", refuse)
    monkeypatch.setattr(vaultgraph.loader, "parse_note", refuse)
    monkeypatch.setattr(vaultgraph.parse, "parse_note", refuse)


def assert_loads_as_without_cache_and_cache_works(root: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    expected = vaultgraph.load(root, use_cache=False)
    assert expected.diagnostics  # something to get wrong
    loaded = vaultgraph.load(root)
    assert loaded.diagnostics == expected.diagnostics
    assert loaded.notes == expected.notes
    # The cache is usable again: the unchanged vault is answered from it, no note read.
    with monkeypatch.context() as patched:
        refuse_reads(patched)
        again = vaultgraph.load(root)
        assert again.diagnostics == expected.diagnostics
        assert again.notes == expected.notes


def _garbage(path: Path) -> None:
    path.write_bytes(bytes(range(256)) * 64)


def _empty(path: Path) -> None:
    path.write_bytes(b"")


def _other_application(path: Path) -> None:
    with sqlite3.connect(path) as db:
        db.execute("CREATE TABLE photos (id INTEGER PRIMARY KEY, name TEXT)")
        db.execute("INSERT INTO photos (name) VALUES ('beach.jpg')")
    db.close()


def _other_application_with_our_table_names(path: Path) -> None:
    with sqlite3.connect(path) as db:
        db.execute("CREATE TABLE meta (key TEXT PRIMARY KEY, value TEXT NOT NULL)")
        db.execute(f"INSERT INTO meta VALUES ('schema', '{vaultgraph.cache.SCHEMA_VERSION}/{__version__}')")
        db.execute("CREATE TABLE notes (id INTEGER PRIMARY KEY, body TEXT)")
        db.execute("INSERT INTO notes (body) VALUES ('a shopping list')")
    db.close()


def _other_schema_version(path: Path) -> None:
    # A real cache of this vault, marked as of another version and holding a check result that
    # says "no findings": used by mistake, it would hide every finding.
    fill_cache(path.parent.parent)
    with sqlite3.connect(path) as db:
        db.execute("UPDATE meta SET value = '1/0.0.1' WHERE key = 'schema'")
        (value,) = db.execute("SELECT value FROM results").fetchone()
        db.execute("UPDATE results SET value = ?", (json.dumps({**json.loads(value), "diagnostics": []}),))
    db.close()


def _damaged(path: Path) -> None:
    # A real cache whose pages from the notes table on are overwritten, as a disk error or a
    # half-synced copy leaves it: the header and the meta table still read fine.
    fill_cache(path.parent.parent)
    with sqlite3.connect(path) as db:
        (page_size,) = db.execute("PRAGMA page_size").fetchone()
        (root_page,) = db.execute("SELECT rootpage FROM sqlite_master WHERE name = 'notes'").fetchone()
    db.close()
    data = bytearray(path.read_bytes())
    start = (root_page - 1) * page_size
    data[start:] = bytes((i * 7 + 3) % 256 for i in range(len(data) - start))
    path.write_bytes(bytes(data))


@pytest.mark.parametrize(
    "spoil",
    [
        _garbage,
        _empty,
        _other_application,
        _other_application_with_our_table_names,
        _other_schema_version,
        _damaged,
    ],
    ids=[
        "garbage bytes",
        "empty file",
        "another application's database",
        "another app using our table names",
        "another schema version",
        "damaged pages",
    ],
)
def test_a_cache_that_cannot_be_used_is_replaced(
    small_vault: Path, monkeypatch: pytest.MonkeyPatch, spoil: Callable[[Path], None]
) -> None:
    path = cache_file(small_vault)
    path.parent.mkdir(exist_ok=True)
    spoil(path)
    assert_loads_as_without_cache_and_cache_works(small_vault, monkeypatch)
    with sqlite3.connect(path) as db:
        assert db.execute("PRAGMA application_id").fetchone() == (vaultgraph.cache._APPLICATION_ID,)
        schema = db.execute("SELECT value FROM meta WHERE key = 'schema'").fetchall()
        assert schema == [(f"{vaultgraph.cache.SCHEMA_VERSION}/{__version__}",)]
        assert db.execute("PRAGMA integrity_check").fetchall() == [("ok",)]
        tables = {name for (name,) in db.execute("SELECT name FROM sqlite_master WHERE type = 'table'")}
        assert "photos" not in tables
    db.close()


def test_a_read_only_vault_keeps_its_cache_in_the_user_cache_folder(
    make_vault: MakeVault, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    root = make_vault(SMALL_VAULT)
    user_cache = tmp_path / "xdg-cache"
    monkeypatch.setenv("XDG_CACHE_HOME", str(user_cache))
    monkeypatch.setattr(vaultgraph.cache.os, "access", lambda *args, **kwargs: False)

    assert_loads_as_without_cache_and_cache_works(root, monkeypatch)
    assert not (root / ".vault").exists()
    (cached,) = (user_cache / "vaultgraph").glob("*.sqlite")
    assert vaultgraph.load(root).cache.path == cached  # type: ignore[union-attr]

    other = tmp_path / "other-vault"
    shutil.copytree(root, other)
    vaultgraph.load(other).diagnostics  # noqa: B018
    assert len(list((user_cache / "vaultgraph").glob("*.sqlite"))) == 2  # one cache per vault


@pytest.mark.parametrize(
    "command",
    [
        ["check", "{root}"],
        ["links", "--vault", "{root}"],
        ["links", "home", "--vault", "{root}"],
        ["backlinks", "alpha", "--vault", "{root}"],
    ],
    ids=lambda command: " ".join(command[:2]),
)
@pytest.mark.parametrize("how", ["--no-cache", "VAULTGRAPH_NO_CACHE=1"])
def test_no_cache_leaves_no_cache_folder(small_vault: Path, command: list[str], how: str) -> None:
    args = [part.format(root=small_vault) for part in command]
    runner = CliRunner()
    if how == "--no-cache":
        result = runner.invoke(app, [*args, "--no-cache"], catch_exceptions=False)
    else:
        result = runner.invoke(app, args, env={"VAULTGRAPH_NO_CACHE": "1"}, catch_exceptions=False)
    assert result.exit_code in (0, 1), result.output
    assert result.stdout.strip()
    assert not (small_vault / ".vault").exists()
    # And without it, the same command does write the cache.
    runner.invoke(app, args, env={"VAULTGRAPH_NO_CACHE": ""}, catch_exceptions=False)
    assert cache_file(small_vault).is_file()


def test_a_note_path_that_looks_like_sql_is_only_data(
    make_vault: MakeVault, monkeypatch: pytest.MonkeyPatch
) -> None:
    name = "'); DROP TABLE notes; --"
    root = make_vault({**SMALL_VAULT, f"{name}.md": "# Robert\n\n[[home]]\n", "bobby.md": f"[[{name}]]\n"})
    vault = vaultgraph.load(root)
    assert f"{name}.md" in vault.notes
    assert [link.resolved for link in vault.links_of(["bobby.md"])] == [f"{name}.md"]
    assert_loads_as_without_cache_and_cache_works(root, monkeypatch)
    with sqlite3.connect(cache_file(root)) as db:
        paths = {path for (path,) in db.execute("SELECT path FROM notes")}
    db.close()
    assert paths == {*SMALL_VAULT, f"{name}.md", "bobby.md"}


# --- two processes sharing one cache -----------------------------------------------------------


def vault_command() -> list[str]:
    script = Path(sys.executable).with_name("vault")
    return [str(script)] if script.exists() else [sys.executable, "-m", "vaultgraph"]


def test_concurrent_checks_share_the_cache_safely(tmp_path: Path) -> None:
    root = Path(shutil.copytree(NOTES, tmp_path / "notes", ignore=shutil.ignore_patterns(".vault")))
    clock = iter(range(4_000_000_000 * 10**9, 5_000_000_000 * 10**9, 10**9))

    def write(path: str, text: str) -> None:
        file = root / path
        file.write_text(text, encoding="utf-8")
        t = next(clock)
        os.utime(file, ns=(t, t))

    def append(path: str, text: str) -> None:
        write(path, (root / path).read_text(encoding="utf-8") + text)

    def replace(path: str, old: str, new: str) -> None:
        text = (root / path).read_text(encoding="utf-8")
        assert old in text
        write(path, text.replace(old, new, 1))

    edits = [
        lambda: append("home.md", "\nSee [[nowhere]].\n"),  # the first check fills the cache
        lambda: replace("concepts/gpu-cloud-lock-in.md", "## Mitigations\n", "## Ways out\n"),  # full
        lambda: append("people/sam-whitfield.md", "\nAnd [[nowhere]] too.\n"),  # incremental
        lambda: (write("inbox/nowhere.md", "# Nowhere\n"), vaultgraph.cache.clear(root)),  # both start cold
        lambda: replace("home.md", "[[nowhere]]", "[[nowhere-else]]"),  # incremental
    ]
    env = {**os.environ, "NO_COLOR": "1", "VAULTGRAPH_NO_CACHE": ""}
    for round_number, change in enumerate(edits, 1):
        change()
        processes = [
            subprocess.Popen(
                [*vault_command(), "check", str(root), "--format", "json"],
                stdout=subprocess.PIPE,
                stderr=subprocess.PIPE,
                text=True,
                env=env,
            )
            for _ in range(2)
        ]
        outputs = [process.communicate(timeout=60) for process in processes]
        expected = vaultgraph.load(root, use_cache=False).diagnostics
        assert expected, "every round has findings to compare"
        for process, (stdout, stderr) in zip(processes, outputs, strict=True):
            where = f"round {round_number}: exit {process.returncode}, stderr: {stderr}"
            assert process.returncode in (0, 1), where
            assert "Traceback" not in stderr, where
            found = json.loads(stdout)["diagnostics"]
            assert [(d["path"], d["line"], d["column"], d["rule"], d["message"]) for d in found] == [
                (d.path, d.line, d.column, d.rule, d.message) for d in expected
            ], where
