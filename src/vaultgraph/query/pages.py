"""Notes as query rows: their frontmatter fields and the implicit ``file`` object.

Everything is worked out when a query first reads it: a query that never mentions
``file.pagerank`` never builds the graph, and one that reads only ``score`` converts nothing else.
"""

from __future__ import annotations

import datetime as dt
import os
import re
from collections.abc import Callable, Iterable, Iterator, Mapping
from functools import cached_property
from typing import Any

from ..vault import Note, Vault
from .temporal import looks_like_date, parse_date
from .values import Link, Value

_WIKILINK = re.compile(r"\[\[([^\]|#]*)(?:#[^\]|]*)?(?:\|([^\]]*))?\]\]")


class Pages:
    """What a query run knows about a vault, computed once for all of its rows."""

    def __init__(self, vault: Vault) -> None:
        self.vault = vault
        # One moment for the whole run, so `date(now)` is the same in every row.
        self.now = dt.datetime.now()
        self._pages: dict[str, PageFields] = {}

    @property
    def paths(self) -> list[str]:
        return list(self.vault.notes)

    def page(self, path: str) -> PageFields | None:
        """The fields of the note at ``path``; None when it is not a note."""
        if path not in self._pages:
            note = self.vault.notes.get(path)
            if note is None:
                return None
            self._pages[path] = PageFields(self, note)
        return self._pages[path]

    def resolve(self, target: str, source: str = "") -> str | None:
        """The note a link target means (an attachment or nothing: None)."""
        path = self.vault.resolve(target, source).path
        return path if path in self.vault.notes else None

    def link(self, target: str, source: str = "", display: str | None = None) -> Link:
        return Link(self.resolve(target, source) or target, display)

    @cached_property
    def outgoing(self) -> dict[str, list[str]]:
        """The notes each note links to, by path: notes only, each once, and a note linking to
        itself is not its own outlink (as in the graph commands)."""
        found: dict[str, set[str]] = {path: set() for path in self.vault.notes}
        for item in self.vault.links:
            if item.resolved in found and item.resolved != item.source:
                found[item.source].add(item.resolved)
        return {path: sorted(targets) for path, targets in found.items()}

    @cached_property
    def incoming(self) -> dict[str, list[str]]:
        found: dict[str, list[str]] = {path: [] for path in self.vault.notes}
        for source, targets in self.outgoing.items():  # sources in path order: lists come sorted
            for target in targets:
                found[target].append(source)
        return found

    @cached_property
    def pagerank(self) -> dict[str, float]:
        from ..analysis.ranking import pagerank  # networkx: only for a query that asks
        from ..analysis.views import note_digraph

        return pagerank(note_digraph(self.vault.graph))

    def convert(self, value: Any, source: str) -> Value:
        """A frontmatter value as a query value: a string that is one wikilink is a link, and
        an ISO date string is a date, as Dataview reads them."""
        if isinstance(value, str):
            if match := _WIKILINK.fullmatch(value.strip()):
                return self.link(match.group(1).strip(), source, match.group(2))
            return parse_date(value) if looks_like_date(value.strip()) else value
        if isinstance(value, list):
            return [self.convert(item, source) for item in value]
        if isinstance(value, dict):
            return {str(key): self.convert(item, source) for key, item in value.items()}
        if value is None or isinstance(value, bool | int | float | dt.date):
            return value
        return str(value)  # YAML's other scalars (such as a time of day) as text


class PageFields(Mapping[str, Value]):
    """A note's fields: its frontmatter keys, and ``file`` (which a frontmatter key can't hide)."""

    def __init__(self, pages: Pages, note: Note) -> None:
        self._pages = pages
        self._note = note
        self._file = FileFields(pages, note)
        self._keys = [key for key in note.frontmatter if key != "file"] + ["file"]

    @property
    def link(self) -> Link:
        return Link(self._note.path)

    def __getitem__(self, key: str) -> Value:
        if key == "file":
            return self._file
        return self._pages.convert(self._note.frontmatter[key], self._note.path)

    def __contains__(self, key: object) -> bool:  # without converting the value, as Mapping's would
        return key == "file" or key in self._note.frontmatter

    def __iter__(self) -> Iterator[str]:
        return iter(self._keys)

    def __len__(self) -> int:
        return len(self._keys)


def _strings(items: Iterable[str]) -> list[Value]:
    return [*items]


def _nested(tags: tuple[str, ...]) -> list[Value]:
    """Each tag and its parents (#a/b/c gives #a, #a/b, #a/b/c), first spelling kept."""
    found: dict[str, str] = {}
    for tag in tags:
        parts = [part for part in tag.split("/") if part]
        for end in range(1, len(parts) + 1):
            prefix = "/".join(parts[:end])
            found.setdefault(prefix.casefold(), "#" + prefix)
    return _strings(found.values())


def _stat_time(seconds: float) -> dt.datetime:
    return dt.datetime.fromtimestamp(seconds).replace(microsecond=0)


class FileFields(Mapping[str, Value]):
    """The implicit ``file.*`` fields of a note."""

    def __init__(self, pages: Pages, note: Note) -> None:
        self._pages = pages
        self._note = note
        path = note.path
        self._fields: dict[str, Callable[[], Value]] = {
            "name": lambda: note.name,
            "path": lambda: path,
            "folder": lambda: note.folder,
            "link": lambda: Link(path),
            "size": lambda: self._stat.st_size,
            "ctime": lambda: _stat_time(getattr(self._stat, "st_birthtime", self._stat.st_ctime)),
            "mtime": lambda: _stat_time(self._stat.st_mtime),
            "tags": lambda: _nested(note.tags),
            "etags": lambda: _strings("#" + tag for tag in note.tags),
            "inlinks": lambda: [Link(source) for source in pages.incoming[path]],
            "outlinks": lambda: [Link(target) for target in pages.outgoing[path]],
            "aliases": lambda: _strings(note.aliases),
            "indegree": lambda: len(pages.incoming[path]),
            "outdegree": lambda: len(pages.outgoing[path]),
            "pagerank": lambda: pages.pagerank.get(path),
            "frontmatter": lambda: pages.convert(note.frontmatter, path),
        }

    @cached_property
    def _stat(self) -> os.stat_result:
        return (self._pages.vault.root / self._note.path).stat()

    def __getitem__(self, key: str) -> Value:
        return self._fields[key]()

    def __contains__(self, key: object) -> bool:  # without computing the value, as Mapping's would
        return key in self._fields

    def __iter__(self) -> Iterator[str]:
        return iter(self._fields)

    def __len__(self) -> int:
        return len(self._fields)
