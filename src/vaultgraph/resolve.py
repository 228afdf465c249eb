"""Link resolution, as the spec's rules say: which file a link target means, and its anchors.

Pure functions over a :class:`PathIndex` of the vault's file paths; no file is read here.
"""

from __future__ import annotations

import difflib
import posixpath
import unicodedata
from collections import defaultdict
from collections.abc import Iterable, Mapping
from dataclasses import dataclass

from .model import Heading, Link, LinkStatus, ParsedNote
from .names import heading_key, name_key
from .suggest import Suggester

_RULE_BY_STATUS = {"broken": "broken-link", "ambiguous": "ambiguous-link"}


@dataclass(frozen=True, slots=True)
class Resolution:
    """What a link target resolves to. ``candidates`` lists every file it could mean."""

    status: LinkStatus
    path: str | None = None
    candidates: tuple[str, ...] = ()
    message: str | None = None
    #: Why the link names its file in the wrong case, when it matches only ignoring case.
    case_mismatch: str | None = None

    def problems(self) -> tuple[tuple[str, str], ...]:
        """The (rule, message) a check reports for this resolution, if any."""
        rule = _RULE_BY_STATUS.get(self.status)
        found = ((rule, self.message or self.status),) if rule else ()
        return (*found, ("case-mismatch", self.case_mismatch)) if self.case_mismatch else found


class PathIndex:
    """Lookups from names, file names and paths (compared by :func:`name_key`) to vault paths."""

    def __init__(self, paths: Iterable[str], note_suffixes: tuple[str, ...] = (".md",)) -> None:
        self.note_suffixes = note_suffixes
        self.paths = sorted(paths)
        self.by_path: dict[str, str] = {}
        self.by_name: dict[str, list[str]] = defaultdict(list)
        self.by_filename: dict[str, list[str]] = defaultdict(list)
        self._by_partial: dict[str, list[str]] | None = None
        self._suggester: Suggester | None = None
        self._suggesting = True
        for path in self.paths:
            # Keyed once: a file name's key is the end of its path's key, as neither case folding
            # nor NFC joins anything across a `/` or `.` (one key for 50,000 paths took 0.1 s).
            key = name_key(path)
            self.by_path[key] = path
            filename = posixpath.basename(key)
            self.by_filename[filename].append(path)
            if self.is_note(path):
                self.by_name[posixpath.splitext(filename)[0]].append(path)

    def is_note(self, path: str) -> bool:
        return path.lower().endswith(self.note_suffixes)

    def partial(self, target_key: str) -> list[str]:
        """Files whose path ends with ``/target`` (Obsidian accepts partial paths)."""
        if self._by_partial is None:
            self._by_partial = defaultdict(list)
            for key, path in self.by_path.items():
                parts = key.split("/")
                for i in range(1, len(parts) - 1):
                    self._by_partial["/".join(parts[i:])].append(path)
        return self._by_partial.get(target_key, [])

    def suggest(self, target: str) -> tuple[str, ...]:
        if not self._suggesting:
            return ()
        return self._names_suggester().suggest(target)

    def without_suggestions(self) -> None:
        """Suggest nothing: broken-link messages without "did you mean". For the worker processes
        of a cold check while they parse: the messages are worded in full once all the vault's
        broken links are known (see :meth:`with_suggestions`)."""
        self._suggesting = False

    def with_suggestions(self, broken: Iterable[str]) -> None:
        """Suggest again, with the suggestions for the ``broken`` link targets found now, all
        at once (for thousands of targets, a fraction of the cost of one by one)."""
        self._suggesting = True
        self._names_suggester().expect(broken_name(target) for target in broken)

    def _names_suggester(self) -> Suggester:
        if self._suggester is None:
            names = [note_name(p) if self.is_note(p) else posixpath.basename(p) for p in self.paths]
            self._suggester = Suggester(names)
        return self._suggester


def note_name(path: str) -> str:
    """``concepts/power-law-returns.md`` is named ``power-law-returns``."""
    # posixpath.splitext(posixpath.basename(path))[0], at half the cost for the names that
    # start with no dot (a leading dot starts no extension: those go to splitext).
    name = path[path.rfind("/") + 1 :]
    if name.startswith("."):
        return posixpath.splitext(name)[0]
    dot = name.rfind(".")
    return name if dot == -1 else name[:dot]


def resolve_target(
    index: PathIndex, target: str, source: str, aliases: Mapping[str, str] | None = None
) -> Resolution:
    """Resolve a link target (no anchor) written in the note at ``source``.

    ``aliases`` maps an alias's name key to the note that has it, for a hint in the message only
    (see :func:`alias_hint`): an alias never makes a link resolve.
    """
    target = target.strip()
    if not target:
        return Resolution("ok", source, (source,))
    written = target  # what the file's path must end with, in the same case
    if target.startswith(("./", "../")):
        written = joined = posixpath.normpath(posixpath.join(posixpath.dirname(source), target))
        if joined == ".." or joined.startswith("../"):
            return Resolution("broken", message=f"'{target}' points outside the vault")
        candidates = _exact(index, joined)
    elif "/" in target:
        written = stripped = target.lstrip("/")
        candidates = _exact(index, stripped) or _partial(index, stripped)
    else:
        key = name_key(target)
        candidates = index.by_name.get(key, [])
        if not candidates and key.endswith(index.note_suffixes):
            candidates = index.by_name.get(posixpath.splitext(key)[0], [])
        if not candidates and "." in target:
            candidates = index.by_filename.get(key, [])
    if not candidates:
        hint = alias_hint(target, aliases) if aliases is not None else ""
        return Resolution("broken", message=_broken_message(index, target) + hint)
    if len(candidates) == 1:
        return Resolution(
            "ok",
            candidates[0],
            tuple(candidates),
            None,
            _case_mismatch(index, target, written, candidates[0]),
        )
    chosen = _pick(candidates, source)
    listed = ", ".join(f"'{c}'" for c in sorted(candidates))
    message = f"'{target}' could mean {len(candidates)} files: {listed}; using '{chosen}'"
    mismatch = _case_mismatch(index, target, written, chosen)
    return Resolution("ambiguous", chosen, tuple(sorted(candidates)), message, mismatch)


def _case_mismatch(index: PathIndex, target: str, written: str, path: str) -> str | None:
    """Why ``target`` (``written`` as a path) only matches ``path`` when case is ignored, as it
    is on a case-insensitive file system but not on most web servers; None when it matches."""
    if _ends_with(path, written, index):  # most links: no need to normalise anything
        return None
    if _ends_with(unicodedata.normalize("NFC", path), unicodedata.normalize("NFC", written), index):
        return None
    return f"'{target}' matches '{path}' only when case is ignored"


def _ends_with(path: str, written: str, index: PathIndex) -> bool:
    """Whether ``path`` (or a note's path without its extension) is ``written`` or ends with
    ``/written``, case and all."""
    if path == written or path.endswith("/" + written):
        return True
    if not index.is_note(path):
        return False
    stem = path[: path.rfind(".")]
    return stem == written or stem.endswith("/" + written)


def self_link(link: Link, resolved: str | None, source: str) -> tuple[tuple[str, str], ...]:
    """The self-link problem of a link in ``source`` that names ``source`` itself with no anchor
    (``[[#Heading]]`` and ``[[this-note#Heading]]`` jump within the note: no problem)."""
    if resolved != source or not link.target or link.heading is not None or link.block is not None:
        return ()
    return (("self-link", f"'{link.target}' is the note this link is in"),)


def _exact(index: PathIndex, path: str) -> list[str]:
    key = name_key(path)
    found = index.by_path.get(key) or index.by_path.get(key + ".md")
    return [found] if found else []


def _partial(index: PathIndex, path: str) -> list[str]:
    key = name_key(path)
    return index.partial(key) or index.partial(key + ".md")


def _pick(candidates: list[str], source: str) -> str:
    folder = posixpath.dirname(source)
    local = [c for c in candidates if posixpath.dirname(c) == folder]
    return min(local or candidates, key=lambda path: (len(path), path))


def broken_name(target: str) -> str:
    """The name a broken link's message suggests others for: its target's last part."""
    return target.rstrip("/").rsplit("/", 1)[-1]


def _broken_message(index: PathIndex, target: str) -> str:
    message = f"no note or file named '{target}'"
    name = broken_name(target)
    elsewhere = index.by_name.get(name_key(name)) or index.by_filename.get(name_key(name))
    suggestions = tuple(elsewhere) if elsewhere else index.suggest(name)
    if suggestions:
        message += " (did you mean " + " or ".join(f"'{s}'" for s in suggestions) + "?)"
    return message


def alias_hint(target: str, aliases: Mapping[str, str]) -> str:
    """What a broken link's message adds when its target is some note's alias."""
    target = target.strip()
    owner = aliases.get(name_key(target))
    return f"; it is an alias of '{owner}': link it as [[{note_name(owner)}|{target}]]" if owner else ""


def check_anchor(note: ParsedNote, path: str, heading: str | None, block: str | None) -> str | None:
    """Why the anchor of a link into ``note`` doesn't exist, or None when it does."""
    if block is not None:
        wanted = block.casefold()
        if any(existing.casefold() == wanted for existing in note.block_ids):
            return None
        return f"no block '^{block}' in '{path}'" + _did_you_mean(block, note.block_ids, "^")
    if heading is None:
        return None
    parts = [part for part in heading.split("#") if part.strip()]
    scope = note.headings
    parent: str | None = None
    for part in parts:
        found = _find_heading(scope, part)
        if found is None:
            where = f" under '{parent}'" if parent else ""
            headings = [heading.text for heading in scope]
            return f"no heading '{part.strip()}'{where} in '{path}'" + _did_you_mean(part, headings)
        scope = _section(scope, found)
        parent = part.strip()
    return None


def _did_you_mean(wanted: str, existing: Iterable[str], prefix: str = "") -> str:
    by_key = {heading_key(text): text for text in existing}
    close = difflib.get_close_matches(heading_key(wanted), list(by_key), n=1, cutoff=0.6)
    return f" (did you mean '{prefix}{by_key[close[0]]}'?)" if close else ""


def _find_heading(headings: tuple[Heading, ...], text: str) -> int | None:
    key = heading_key(text)
    for i, heading in enumerate(headings):
        if heading_key(heading.text) == key:
            return i
    return None


def _section(headings: tuple[Heading, ...], index: int) -> tuple[Heading, ...]:
    """The headings nested under ``headings[index]``."""
    level = headings[index].level
    inner: list[Heading] = []
    for heading in headings[index + 1 :]:
        if heading.level <= level:
            break
        inner.append(heading)
    return tuple(inner)
