"""The persistent index: parse results and check results in an SQLite file per vault.

Kept in ``VAULT/.vault/cache.sqlite`` (a hidden folder, so the loader never reads it), or in the
user's cache folder when the vault is read-only. A note's parse result is reused while its path,
size and modification time are unchanged. The cache only ever saves work: a file that is not
ours, of another schema, or damaged is replaced, and any database error means "no cache".
"""

from __future__ import annotations

import contextlib
import hashlib
import json
import os
import sqlite3
from collections.abc import Iterable, Iterator, Sequence
from pathlib import Path
from typing import Any

from . import __version__
from .model import ParsedNote
from .parse.codec import decode

#: Bump when the tables or the codec change; a cache of another version is rebuilt.
SCHEMA_VERSION = 4
_APPLICATION_ID = 0x56475048  # "VGPH", marks the file as ours
_SCHEMA = """
CREATE TABLE IF NOT EXISTS meta (key TEXT PRIMARY KEY, value TEXT NOT NULL);
CREATE TABLE IF NOT EXISTS notes (
    path TEXT PRIMARY KEY, size INTEGER NOT NULL, mtime_ns INTEGER NOT NULL, parsed TEXT NOT NULL
);
CREATE TABLE IF NOT EXISTS results (name TEXT PRIMARY KEY, signature TEXT NOT NULL, value TEXT NOT NULL);
CREATE TABLE IF NOT EXISTS searched (path TEXT PRIMARY KEY, size INTEGER NOT NULL, mtime_ns INTEGER NOT NULL);
CREATE TABLE IF NOT EXISTS valid (
    schemas TEXT NOT NULL, frontmatter TEXT NOT NULL, PRIMARY KEY (schemas, frontmatter)
);
"""
# Apart: an SQLite built without FTS5 still caches parse results.
_SEARCH_SCHEMA = """
CREATE VIRTUAL TABLE IF NOT EXISTS search
USING fts5(path UNINDEXED, title, body, tokenize = 'unicode61 remove_diacritics 2');
"""
#: Marks around a match in a snippet: characters no note contains.
MATCH_START, MATCH_END = "\x02", "\x03"


class SearchError(ValueError):
    """A query full-text search can't run: bad syntax, or no FTS5 in this SQLite."""


Stamp = tuple[int, int]  # (size, mtime_ns)


def cache_path(root: Path) -> Path:
    """Where the vault's cache lives: inside it when it is writable, else in the user cache."""
    inside = root / ".vault" / "cache.sqlite"
    # A `.vault` that is a symlink (planted in a shared vault) would carry the cache, and the
    # removal of a file there that is not ours, out of the vault.
    if (os.access(root, os.W_OK) or os.access(inside.parent, os.W_OK)) and not inside.parent.is_symlink():
        return inside
    base = Path(os.environ.get("XDG_CACHE_HOME") or Path.home() / ".cache")
    digest = hashlib.sha256(str(root.resolve()).encode()).hexdigest()[:16]
    return base / "vaultgraph" / f"{digest}.sqlite"


class Cache:
    """An open cache. Every method tolerates a broken database by acting as an empty cache.

    ``path=None`` keeps it in memory: the full-text index of one ``--no-cache`` search.
    """

    def __init__(self, path: Path | None) -> None:
        self.path = path
        self._db: sqlite3.Connection | None = None
        with contextlib.suppress(OSError, sqlite3.Error):
            self._db = self._open()

    def _open(self) -> sqlite3.Connection:
        if self.path is None:
            return self._connect(":memory:")
        self.path.parent.mkdir(parents=True, exist_ok=True)
        ignore = self.path.parent / ".gitignore"
        if self.path.parent.name == ".vault" and not ignore.exists():
            ignore.write_text("# Created by vaultgraph: its cache, never to be committed.\n*\n")
        if any(Path(str(self.path) + suffix).is_symlink() for suffix in ("", "-wal", "-shm")):
            _remove(self.path)  # planted links: SQLite would write wherever they point
        try:
            return self._connect(self.path)
        except sqlite3.DatabaseError:  # not ours, damaged, or of another version: start over
            _remove(self.path)
            return self._connect(self.path)

    def _connect(self, where: Path | str) -> sqlite3.Connection:
        # A Vault may be loaded in one thread and used in another (never at once).
        db = sqlite3.connect(where, timeout=10, isolation_level=None, check_same_thread=False)
        try:
            db.execute("PRAGMA busy_timeout = 10000")
            (application_id,) = db.execute("PRAGMA application_id").fetchone()
            (tables,) = db.execute("SELECT count(*) FROM sqlite_master").fetchone()
            if tables and application_id != _APPLICATION_ID:
                raise sqlite3.DatabaseError("not a vaultgraph cache")
            db.execute("PRAGMA journal_mode = WAL")  # readers never block the one writer
            db.execute("PRAGMA synchronous = NORMAL")  # a cache may lose the last write, never be corrupt
            db.executescript(_SCHEMA)
            row = db.execute("SELECT value FROM meta WHERE key = 'schema'").fetchone()
            expected = f"{SCHEMA_VERSION}/{__version__}"
            if row is None:
                with self._transaction(db):
                    db.execute(f"PRAGMA application_id = {_APPLICATION_ID}")
                    db.execute("INSERT OR REPLACE INTO meta VALUES ('schema', ?)", (expected,))
            elif row[0] != expected:
                raise sqlite3.DatabaseError(f"cache of version {row[0]}")
            with contextlib.suppress(sqlite3.OperationalError):
                db.executescript(_SEARCH_SCHEMA)
        except sqlite3.Error:
            db.close()
            raise
        return db

    @staticmethod
    @contextlib.contextmanager
    def _transaction(db: sqlite3.Connection) -> Iterator[None]:
        db.execute("BEGIN IMMEDIATE")
        try:
            yield
        except BaseException:
            db.execute("ROLLBACK")
            raise
        db.execute("COMMIT")

    def close(self) -> None:
        if self._db is not None:
            self._db.close()
            self._db = None

    def stamps(self) -> dict[str, Stamp]:
        """(size, mtime_ns) of every note the cache holds a parse result for."""
        rows = self._query("SELECT path, size, mtime_ns FROM notes")
        return {path: (size, mtime) for path, size, mtime in rows}

    def parsed(self, paths: Iterable[str]) -> dict[str, ParsedNote]:
        """The cached parse results of ``paths``; a result that doesn't decode is left out."""
        # One parameter holding a JSON list: no SQL is ever built from strings.
        sql = "SELECT path, parsed FROM notes WHERE path IN (SELECT value FROM json_each(?))"
        return self._decoded(self._query(sql, (json.dumps(list(paths)),)))

    @staticmethod
    def _decoded(rows: list[Any]) -> dict[str, ParsedNote]:
        found: dict[str, ParsedNote] = {}
        for path, text in rows:
            with contextlib.suppress(ValueError, TypeError):
                found[path] = decode(text)
        return found

    def store(self, rows: Iterable[tuple[str, Stamp, str]], forget: Iterable[str] = ()) -> None:
        """Save encoded parse results ``(path, (size, mtime_ns), encoded)``; drop ``forget``."""
        self._write(
            [
                ("DELETE FROM notes WHERE path = ?", [(path,) for path in forget]),
                (
                    "INSERT OR REPLACE INTO notes VALUES (?, ?, ?, ?)",
                    [(path, size, mtime, text) for path, (size, mtime), text in rows],
                ),
            ]
        )

    def result(self, name: str, signature: str) -> str | None:
        rows = self._query("SELECT value FROM results WHERE name = ? AND signature = ?", (name, signature))
        return rows[0][0] if rows else None

    def store_result(self, name: str, signature: str, value: str) -> None:
        self._write([("INSERT OR REPLACE INTO results VALUES (?, ?, ?)", [(name, signature, value)])])

    def known_valid(self, schemas: str, frontmatter: str) -> bool:
        """Whether frontmatter with digest ``frontmatter`` passed the schemas with digest ``schemas``."""
        sql = "SELECT 1 FROM valid WHERE schemas = ? AND frontmatter = ?"
        return bool(self._query(sql, (schemas, frontmatter)))

    def remember_valid(self, schemas: str, frontmatters: Iterable[str]) -> None:
        """Record frontmatter digests that passed ``schemas``; verdicts of other schemas go."""
        rows = [(schemas, digest) for digest in frontmatters]
        if rows:
            self._write(
                [
                    ("DELETE FROM valid WHERE schemas != ?", [(schemas,)]),
                    ("INSERT OR IGNORE INTO valid VALUES (?, ?)", rows),
                ]
            )

    def search_stamps(self) -> dict[str, Stamp]:
        """(size, mtime_ns) of every note as the full-text index holds it."""
        return {
            path: (size, mtime)
            for path, size, mtime in self._query("SELECT path, size, mtime_ns FROM searched")
        }

    def index_for_search(
        self, rows: Iterable[tuple[str, Stamp, str, str]], forget: Iterable[str] = ()
    ) -> None:
        """Put ``(path, (size, mtime_ns), title, body)`` into the full-text index; drop ``forget``."""
        rows = list(rows)
        gone = [(path,) for path in [*forget, *(row[0] for row in rows)]]
        self._write(
            [
                ("DELETE FROM search WHERE path = ?", gone),
                ("DELETE FROM searched WHERE path = ?", gone),
                (
                    "INSERT INTO search (path, title, body) VALUES (?, ?, ?)",
                    [(p, t, b) for p, _, t, b in rows],
                ),
                (
                    "INSERT INTO searched VALUES (?, ?, ?)",
                    [(p, size, mtime) for p, (size, mtime), _, _ in rows],
                ),
            ]
        )

    def search(self, query: str, limit: int) -> list[tuple[str, str, float, str]]:
        """``(path, title, score, snippet)`` of the best matches; a higher score is better."""
        if self._db is None:
            raise SearchError("the search index is not available")
        sql = (
            "SELECT path, title, -bm25(search, 0.0, 5.0, 1.0), "
            "snippet(search, 2, ?, ?, '…', 16) FROM search WHERE search MATCH ? "
            "ORDER BY bm25(search, 0.0, 5.0, 1.0) LIMIT ?"
        )
        try:
            rows = self._db.execute(sql, (MATCH_START, MATCH_END, query, limit)).fetchall()
        except sqlite3.OperationalError as error:
            raise SearchError(str(error)) from error
        return [(path, title, score, snippet) for path, title, score, snippet in rows]

    def _query(self, sql: str, parameters: Iterable[object] = ()) -> list[Any]:
        if self._db is None:
            return []
        try:
            return self._db.execute(sql, tuple(parameters)).fetchall()
        except sqlite3.Error as error:
            self._recover(error)
            return []

    def _recover(self, error: sqlite3.Error) -> None:
        """After an error: a damaged file is replaced by an empty cache; a busy or locked one
        (another process at work) is left alone, and this run does without."""
        if type(error) is not sqlite3.DatabaseError or self.path is None:
            return  # SQLite reports damage as the base class; subclasses are other trouble
        self.close()
        _remove(self.path)
        with contextlib.suppress(OSError, sqlite3.Error):
            self._db = self._connect(self.path)

    def _write(self, statements: list[tuple[str, Sequence[Sequence[object]]]]) -> None:
        if self._db is None:
            return
        with contextlib.suppress(sqlite3.Error), self._transaction(self._db):
            for sql, rows in statements:
                if rows:
                    self._db.executemany(sql, rows)


def clear(root: Path) -> bool:
    """Delete the vault's cache; whether there was one."""
    path = cache_path(root)
    existed = path.exists()
    _remove(path)
    return existed


def _remove(path: Path) -> None:
    for suffix in ("", "-wal", "-shm"):
        with contextlib.suppress(FileNotFoundError):
            Path(str(path) + suffix).unlink()
