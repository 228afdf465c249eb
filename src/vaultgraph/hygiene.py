"""Findings about the vault's files as a whole rather than one note's text: names links can't
hold, names two notes share, and files no link reaches.

Plain functions over the file list, the path index and the vault's :class:`Connections`. Each
finding sits at line 1, column 1 of its file (an attachment's own path, though it is no note).
"""

from __future__ import annotations

import posixpath
import re
from collections import Counter
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field

from .model import Link
from .resolve import PathIndex, note_name, resolve_target

#: The rules found here: they can change when another file changes, so the incremental check
#: recomputes them whenever anything changed.
VAULT_RULES = frozenset({"bad-filename", "duplicate-name", "unused-attachment", "orphan-note"})

#: What Obsidian's help ("Internal links") says a link may not hold.
UNLINKABLE = ("#", "|", "^", ":", "%%", "[[", "]]")
_ANY_UNLINKABLE = re.compile("|".join(map(re.escape, UNLINKABLE)))

#: Files Obsidian opens as views of their own (canvases, bases), which nothing needs to link to.
VIEWS = (".canvas", ".base")

#: path, line, column, rule, message, target, field: as Vault.with_severity takes them.
Finding = tuple[str, int, int, str, str, str | None, str | None]


@dataclass(frozen=True, slots=True)
class Connections:
    """For each file, how many other notes link to it; for each note, how many other files it
    links to. Links that resolve to nothing, and a note's links to itself, connect nothing."""

    inbound: Counter[str] = field(default_factory=Counter)
    outbound: Counter[str] = field(default_factory=Counter)

    def changed(
        self, before: Iterable[tuple[str, frozenset[str]]], after: Iterable[tuple[str, frozenset[str]]]
    ) -> Connections:
        """These connections with notes' links ``before`` an edit replaced by those ``after`` it."""
        inbound, outbound = Counter(self.inbound), Counter(self.outbound)
        for source, targets in before:
            inbound.subtract(targets)
            outbound[source] -= len(targets)
        for source, targets in after:
            inbound.update(targets)
            outbound[source] += len(targets)
        return Connections(+inbound, +outbound)


class Tally:
    """Counts :class:`Connections` from resolved links as a check goes through them, one note
    after another (a check of a big vault never holds all its links, nor should this)."""

    def __init__(self) -> None:
        self._inbound: Counter[str] = Counter()
        self._outbound: Counter[str] = Counter()
        self._source = ""
        self._seen: set[str] = set()  # what the current source links to

    def add(self, source: str, targets: Iterable[str]) -> None:
        """Files the note at ``source`` links to (any number of times each)."""
        if source != self._source:
            self._source, self._seen = source, set()
        for target in targets:
            if target != source and target not in self._seen:
                self._seen.add(target)
                self._inbound[target] += 1
                self._outbound[source] += 1

    def connections(self) -> Connections:
        return Connections(self._inbound, self._outbound)


def linked_files(index: PathIndex, source: str, links: Iterable[Link]) -> frozenset[str]:
    """The other files the links of the note at ``source`` resolve to."""
    found = (resolve_target(index, link.target, source).path for link in links)
    return frozenset(path for path in found if path is not None and path != source)


def vault_findings(
    index: PathIndex, connections: Connections, configuration: Iterable[str] = ()
) -> Iterator[Finding]:
    """Every finding of the rules in :data:`VAULT_RULES`. The ``configuration`` files (schemas
    vault.toml names) are read by the tool, not linked: they are no unused attachments."""
    yield from bad_filenames(index.paths)
    yield from duplicate_names(index)
    yield from unlinked(index, connections, frozenset(configuration))


def bad_filenames(paths: Iterable[str]) -> Iterator[Finding]:
    for path in paths:
        if _ANY_UNLINKABLE.search(path) is None:  # most paths: one search, and no name cut out
            continue
        name = posixpath.basename(path)
        found = [text for text in UNLINKABLE if text in name]
        if found:
            listed = ", ".join(f"'{text}'" for text in found)
            message = f"the name holds {listed}, which no link can hold: rename it for links to reach it"
            yield path, 1, 1, "bad-filename", message, None, None


def duplicate_names(index: PathIndex) -> Iterator[Finding]:
    """One finding per note sharing its name (compared as links compare them) with another,
    and per attachment sharing its file name with another attachment."""
    attachments = (
        [path for path in paths if not index.is_note(path)]
        for paths in index.by_filename.values()
        if len(paths) > 1
    )
    for group, noun in ((index.by_name.values(), "note"), (attachments, "attachment")):
        for paths in group:
            if len(paths) < 2:
                continue
            for path in paths:
                others = [other for other in paths if other != path]
                name = note_name(path) if noun == "note" else posixpath.basename(path)
                listed = ", ".join(f"'{other}'" for other in others)
                message = (
                    f"{len(others)} other {noun}{'s' if len(others) > 1 else ''} named '{name}' "
                    f"({listed}): a link by this name alone is ambiguous"
                )
                yield path, 1, 1, "duplicate-name", message, None, None


def unlinked(index: PathIndex, connections: Connections, configuration: frozenset[str]) -> Iterator[Finding]:
    for path in index.paths:
        if connections.inbound[path] or path in configuration or path.lower().endswith(VIEWS):
            continue
        if not index.is_note(path):
            yield path, 1, 1, "unused-attachment", "no note links to or embeds this file", None, None
        elif not connections.outbound[path]:
            yield path, 1, 1, "orphan-note", "no link leads to or from this note", None, None
