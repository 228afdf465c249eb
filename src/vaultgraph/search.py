"""Full-text search over note bodies, ranked, with the matches marked in a snippet."""

from __future__ import annotations

import re
from dataclasses import dataclass

from .cache import MATCH_END, MATCH_START, Cache, SearchError
from .loader import NoteStore
from .model import ParsedNote
from .parse.frontmatter import read_frontmatter
from .vault import Note, Vault

__all__ = ["Hit", "SearchError", "search"]

_WORD = re.compile(r"\w")
_OPERATORS = {"AND", "OR", "NOT"}


@dataclass(frozen=True, slots=True)
class Hit:
    path: str
    title: str
    score: float  # higher is better: -bm25, the title weighing five times the body
    snippet: str  # the best passage, each match between MATCH_START and MATCH_END

    def snippet_parts(self) -> list[tuple[str, bool]]:
        """The snippet as (text, is_a_match) pieces, for whoever draws it."""
        parts: list[tuple[str, bool]] = []
        for i, piece in enumerate(re.split(f"[{MATCH_START}{MATCH_END}]", self.snippet)):
            if piece:
                parts.append((piece, i % 2 == 1))
        return parts


def search(vault: Vault, query: str, limit: int = 20) -> list[Hit]:
    """Notes matching ``query`` (SQLite FTS5 syntax: words, "phrases", OR, NOT, prefix*), best
    first. The index is brought up to date first: only notes changed since it was built are read.
    A query FTS5 can't parse (``lock-in``, a stray quote) is searched again with each of its
    words quoted, operators kept."""
    cache = vault.cache if vault.cache is not None else Cache(None)
    _refresh(vault, cache)
    try:
        rows = cache.search(query, limit)
    except SearchError:
        words = [word if word in _OPERATORS else '"' + word.replace('"', "") + '"' for word in query.split()]
        while words and words[-1] in _OPERATORS:
            words.pop()
        while words and words[0] in _OPERATORS:
            words.pop(0)
        if not any(_WORD.search(word) for word in words):
            raise
        rows = cache.search(" ".join(words), limit)
    return [Hit(*row) for row in rows]


def _refresh(vault: Vault, cache: Cache) -> None:
    # Size and modification time tell which notes changed since they were indexed; a vault not
    # loaded from files has none, and is indexed afresh. Each stale note is read once: its title
    # comes from the frontmatter read here, not from parsing the whole note again.
    stamps = vault.parsed.stamps if isinstance(vault.parsed, NoteStore) else {}
    indexed = cache.search_stamps()
    rows = []
    for path in vault.parsed:
        if path in stamps and indexed.get(path) == stamps[path]:
            continue
        text = vault.read_text(path) or ""
        front = read_frontmatter(text)
        title = Note(path, ParsedNote(frontmatter=front.data)).title
        rows.append((path, stamps.get(path, (0, 0)), title, text[front.body_offset :]))
    cache.index_for_search(rows, forget=[path for path in indexed if path not in vault.parsed])
