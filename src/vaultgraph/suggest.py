"""Suggest the names a mistyped link target probably meant.

A vault can have 100,000 names and thousands of broken links, so comparing every broken target
with every name (difflib) is far too slow. Instead each name is indexed under itself and each
one-character deletion of itself ("symmetric delete"): two strings within one or two edits of
each other share a key, found with a handful of dictionary lookups. Names that merely extend the
target (`flywheel` for `flywheel-monitoring-337`) are found by bisection of the sorted names.
When thousands of targets are known at once (a full check), their keys are indexed instead, and
each name's keys looked up in that: the same pairs are found at a fraction of the cost.
"""

from __future__ import annotations

import bisect
import difflib
import os
from collections.abc import Iterable

from .names import name_key

#: Building the index costs as much as this many single look-ups done by scanning the names:
#: an incremental check asks for one or two suggestions, a full check of a big vault thousands.
_SCANS_BEFORE_INDEX = 16


class Suggester:
    def __init__(self, names: Iterable[str]) -> None:
        self._display = {name_key(name): name for name in sorted(names, reverse=True)}
        self._names = sorted(self._display)
        self._by_key: dict[str, str | list[str]] | None = None
        self._memo: dict[str, tuple[str, ...]] = {}
        self._scans_left = _SCANS_BEFORE_INDEX

    def suggest(self, query: str, limit: int = 3) -> tuple[str, ...]:
        """Up to ``limit`` names close to ``query``, best first, as the names are spelled."""
        key = name_key(query)
        if key not in self._memo:
            self._memo[key] = tuple(self._display[name] for name in self._compute(key, limit))
        return self._memo[key]

    def expect(self, queries: Iterable[str], limit: int = 3) -> None:
        """Suggest for all ``queries`` now, so that :meth:`suggest` answers them at once.

        The names are compared with all the queries in one pass over their keys, with no index:
        for thousands of queries this is the index's answer at a third of its cost (50,000
        names have a million keys, which indexing puts in a dictionary).
        """
        keys = {name_key(query) for query in queries} - self._memo.keys()
        by_key: dict[str, list[str]] = {}
        for query in keys:
            for key in _deletions(query):
                by_key.setdefault(key, []).append(query)
        found: dict[str, set[str]] = {query: set() for query in keys}
        # Strings that share a key differ in length by one at most.
        shortest, longest = min(map(len, keys), default=0) - 1, max(map(len, keys), default=0) + 1
        for name in self._names:
            if not shortest <= len(name) <= longest:
                continue
            for i in range(len(name) + 1):
                near = by_key.get(name[:i] + name[i + 1 :] if i < len(name) else name)
                if near is not None:
                    for query in near:
                        found[query].add(name)
        for query, names in found.items():
            self._memo[query] = tuple(self._display[name] for name in self._rank(query, names, limit))

    def _compute(self, query: str, limit: int) -> tuple[str, ...]:
        found = self._scan(query) if self._by_key is None and self._scans_left > 0 else self._lookup(query)
        return self._rank(query, found, limit)

    def _rank(self, query: str, found: set[str], limit: int) -> tuple[str, ...]:
        """The best ``limit`` of the names ``found`` near ``query`` and those extending it."""
        found.update(self._extending(query, limit))
        found.discard(query)
        # Candidates are all within an edit or two; a cheap order (same length, longest shared
        # start) picks the few worth difflib's finer ranking.
        shortlist = sorted(
            found, key=lambda name: (abs(len(name) - len(query)), -_shared_start(query, name), name)
        )
        shortlist = shortlist[: limit * 2]
        ranked = sorted(
            shortlist, key=lambda name: (-difflib.SequenceMatcher(None, query, name).ratio(), name)
        )
        return tuple(ranked[:limit])

    def _extending(self, query: str, limit: int) -> list[str]:
        """Names that start with ``query`` (`flywheel` for `flywheel-monitoring-337`)."""
        start = bisect.bisect_left(self._names, query)
        return [name for name in self._names[start : start + limit] if name.startswith(query)]

    def _lookup(self, query: str) -> set[str]:
        index = self._index()
        found: set[str] = set()
        for key in _deletions(query):
            bucket = index.get(key)
            if isinstance(bucket, str):
                found.add(bucket)
            elif bucket is not None:
                found.update(bucket)
        return found

    def _scan(self, query: str) -> set[str]:
        """What the index would find, by looking at the names of about the same length."""
        self._scans_left -= 1
        keys = _deletions(query)
        return {
            name
            for name in self._names
            if abs(len(name) - len(query)) <= 1 and not keys.isdisjoint(_deletions(name))
        }

    def _index(self) -> dict[str, str | list[str]]:
        if self._by_key is None:
            # Most keys belong to one name: a bare string until a second name shares it keeps
            # building this (100,000+ keys for 10,000 names) cheap.
            by_key: dict[str, str | list[str]] = {}
            for name in self._names:
                for i in range(len(name) + 1):
                    key = name[:i] + name[i + 1 :] if i < len(name) else name
                    bucket = by_key.get(key)
                    if bucket is None:
                        by_key[key] = name
                    elif isinstance(bucket, str):
                        if bucket != name:
                            by_key[key] = [bucket, name]
                    elif name not in bucket:
                        bucket.append(name)
            self._by_key = by_key
        return self._by_key


def _shared_start(a: str, b: str) -> int:
    return len(os.path.commonprefix((a, b)))  # noqa: RUF071 - a shared start of characters is meant


def _deletions(word: str) -> set[str]:
    return {word} | {word[:i] + word[i + 1 :] for i in range(len(word))}
