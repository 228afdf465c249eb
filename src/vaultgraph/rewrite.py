"""What `vault mv OLD NEW` changes: the files moved, and every link whose text must change so
that it still leads where it led (links to the moved files, links inside moved notes, and links
the move would make ambiguous).

Pure: the vault and the files' bytes (through ``read``) in, a :class:`Plan` out. Only the span of
each link's target is replaced; every other byte of a file (line endings, BOM, trailing spaces,
YAML comments) is kept as it was.
"""

from __future__ import annotations

import posixpath
import re
from collections.abc import Callable, Iterable
from dataclasses import dataclass
from urllib.parse import unquote

from .model import Link
from .names import name_key
from .parse import parse_note
from .parse.links import markdown_destination
from .plan import FileChange, Plan, Stamp
from .resolve import PathIndex, note_name, resolve_target
from .vault import ResolvedLink, Vault

_LINE = re.compile(r"[^\r\n]*(?:\r\n|\r|\n)?")
_BOM = "\ufeff"
# What a markdown destination can't hold as it is: whitespace ends it, `#` starts the anchor,
# `%` would be decoded, unbalanced parentheses or angle brackets end it.
_UNSAFE_BARE = frozenset(" \t%#()<>")
_UNSAFE_ANGLED = frozenset("%#<>")


class MoveRefused(Exception):
    """`vault mv` won't do this move (NEW exists, OLD unknown, ...): nothing is changed."""


@dataclass(frozen=True, slots=True)
class MovePlan(Plan):
    """A :class:`Plan` that also says what moves where (vault paths; folders without a slash)
    and how many links it rewrites, for the summary."""

    old: str = ""
    new: str = ""
    links: int = 0

    @property
    def notes(self) -> int:
        """How many notes get links rewritten."""
        return sum(change.rewritten for change in self.changes)


@dataclass(frozen=True, slots=True)
class _Edit:
    """One link to rewrite: the i-th link of its note gets ``target`` (as the parser reads it)."""

    index: int
    link: Link
    target: str


def plan_move(
    vault: Vault,
    old: str,
    new: str,
    read: Callable[[str], bytes],
    *,
    stamp: Callable[[str], Stamp],
    exists: Callable[[str], bool] | None = None,
) -> MovePlan:
    """Move the file or folder at vault path ``old`` to ``new`` (into it when ``new`` ends with
    ``/`` or is a folder of the vault) and rewrite the links that must change.

    ``read`` gives a file's bytes and ``stamp`` its (size, mtime_ns), taken before reading so that
    an edit in between makes the plan outdated; ``exists`` says whether a path is taken by a file
    the vault doesn't list (a hidden one). Raises :class:`MoveRefused`.
    """
    old = _clean(old, "OLD")
    new = _destination(vault, old, _clean(new, "NEW"))
    moves = _moves(vault, old, new, exists or (lambda _: False))
    new_index = PathIndex([moves.get(path, path) for path in vault.files], vault.config.extensions)
    edits = _edits(vault, moves, new_index)
    changes = []
    for path in sorted(set(moves) | set(edits)):
        file_stamp = stamp(path)
        before = read(path)
        after = _rewrite(vault, path, before, edits[path]) if path in edits else None
        changes.append(FileChange(path, moves.get(path, path), before, after, file_stamp))
    return MovePlan(tuple(changes), old, new, links=sum(len(found) for found in edits.values()))


def _clean(path: str, what: str) -> str:
    """``path`` as a normal vault path; NEW keeps a trailing `/` (into that folder), and the
    root is `/`."""
    cleaned = posixpath.normpath(path) if path.strip() else "."
    if cleaned == ".." or cleaned.startswith(("../", "/")):
        raise MoveRefused(f"{what} '{path}' is outside the vault")
    if what == "OLD":
        if cleaned == ".":
            raise MoveRefused("OLD is the vault itself")
        return cleaned
    if cleaned == ".":
        return "/"
    return cleaned + "/" if path.endswith("/") else cleaned


def _destination(vault: Vault, old: str, new: str) -> str:
    """Where ``old`` goes: into ``new`` when that is a folder."""
    if new.endswith("/") or _is_folder(vault, new):
        return posixpath.join(new.rstrip("/"), posixpath.basename(old))
    if old in vault.files and vault.index.is_note(old) and not posixpath.splitext(new)[1]:
        return new + posixpath.splitext(old)[1]  # `vault mv Note.md Renamed` means Renamed.md
    return new


def _moves(vault: Vault, old: str, new: str, exists: Callable[[str], bool]) -> dict[str, str]:
    """Each file's vault path to its new one."""
    files = set(vault.files)
    old_folder = old + "/"
    inside = [path for path in vault.files if path.startswith(old_folder)]
    if old not in files and not inside:
        raise MoveRefused(f"no file or folder '{old}' in the vault")
    if new == old:
        raise MoveRefused(f"'{old}' is already there")
    if old not in files and (new + "/").startswith(old_folder):
        raise MoveRefused(f"can't move the folder '{old}' into itself")
    moves = {old: new} if old in files else {path: new + path[len(old) :] for path in inside}
    taken = {name_key(path): path for path in files - set(moves)}
    for path, target in moves.items():
        # A case-only rename finds the file itself on a case-insensitive file system.
        if name_key(target) in taken or (exists(target) and name_key(target) != name_key(path)):
            raise MoveRefused(f"'{taken.get(name_key(target), target)}' already exists")
    if old not in files and _is_folder(vault, new):
        raise MoveRefused(f"the folder '{new}' already exists")
    for folder in {posixpath.dirname(target) for target in moves.values()}:
        while folder:  # a file where a folder of NEW must go
            if name_key(folder) in taken:
                raise MoveRefused(f"'{taken[name_key(folder)]}' is a file, not a folder")
            folder = posixpath.dirname(folder)
    return moves


def _is_folder(vault: Vault, path: str) -> bool:
    """Whether some file of the vault is inside ``path`` (the root always is a folder)."""
    prefix = path.rstrip("/") + "/"
    return any(file.startswith(prefix) for file in vault.files) if path.strip("/") else True


def _edits(vault: Vault, moves: dict[str, str], new_index: PathIndex) -> dict[str, list[_Edit]]:
    """The links to rewrite, by note: those that would no longer lead where they led."""
    keys = _touched_keys(moves)
    edits: dict[str, list[_Edit]] = {}
    position = 0
    previous = None
    for item in vault.links:
        position = position + 1 if item.source == previous else 0
        previous = item.source
        target = item.link.target
        if not target or item.resolved is None or not _involved(item, moves, keys):
            continue
        expected = moves.get(item.resolved, item.resolved)
        source = moves.get(item.source, item.source)
        now = resolve_target(new_index, target, source)
        was_ambiguous = any(rule == "ambiguous-link" for rule, _ in item.messages)
        if now.path == expected and (now.status == "ok" or was_ambiguous):
            continue
        full = "/" in target and bool(_exact(vault.index, target.lstrip("/")))
        rewritten = _new_target(item.link.target, full, expected, source, new_index)
        edits.setdefault(item.source, []).append(_Edit(position, item.link, rewritten))
    return edits


def _touched_keys(moves: dict[str, str]) -> set[str]:
    """Name keys of the moved files, old and new: only links ending in one of them can change
    what they resolve to."""
    keys = set()
    for path in (*moves, *moves.values()):
        keys.add(name_key(note_name(path)))
        keys.add(name_key(posixpath.basename(path)))
    return keys


def _involved(item: ResolvedLink, moves: dict[str, str], keys: set[str]) -> bool:
    if item.source in moves or item.resolved in moves:
        return True
    last = name_key(posixpath.basename(item.link.target.rstrip("/")))
    return last in keys or posixpath.splitext(last)[0] in keys


def _exact(index: PathIndex, path: str) -> str | None:
    """The file whose whole vault path ``path`` is (``.md`` optional), not the end of one."""
    key = name_key(path)
    return index.by_path.get(key) or index.by_path.get(key + ".md")


def _new_target(target: str, full: bool, expected: str, source: str, index: PathIndex) -> str:
    """The shortest target in the style of ``target`` (a ``full`` vault path or not) that
    resolves to ``expected`` alone from ``source``."""
    for candidate in _candidates(target, full, expected, source, index):
        resolution = resolve_target(index, candidate, source)
        if resolution.status == "ok" and resolution.path == expected:
            return candidate
    raise MoveRefused(f"no link from '{source}' to '{expected}' would resolve to it alone")


def _candidates(target: str, full: bool, expected: str, source: str, index: PathIndex) -> Iterable[str]:
    keep_suffix = not index.is_note(expected) or target.lower().endswith(index.note_suffixes)
    written = expected if keep_suffix else posixpath.splitext(expected)[0]
    if target.startswith(("./", "../")):
        relative = posixpath.relpath(written, posixpath.dirname(source) or ".")
        yield relative if relative.startswith("../") else "./" + relative
    parts = written.split("/")
    # A bare name stays bare if it can; a partial path keeps at least its depth; a full path
    # stays a full path, with its leading `/` if it had one.
    depth = len(parts) if full else len(target.strip("/").split("/"))
    lead = "/" if target.startswith("/") else ""
    for size in range(min(depth, len(parts)), len(parts) + 1):
        yield lead + "/".join(parts[-size:])
    yield "/" + written  # a file at the root whose name other files share


def _rewrite(vault: Vault, path: str, data: bytes, edits: list[_Edit]) -> bytes:
    """``data`` with each edited link's target replaced, every other byte kept."""
    try:
        text = data.decode("utf-8")
    except UnicodeDecodeError as error:
        raise MoveRefused(f"'{path}' is not valid UTF-8") from error
    links = parse_note(data).links
    if links != vault.parsed[path].links:
        raise MoveRefused(f"'{path}' changed while the move was planned; run it again")
    starts = _line_starts(text)
    replacements = []
    for edit in edits:
        start = _offset(text, starts, edit.link)
        if not _same_link(text[start : start + len(edit.link.raw)], edit.link.raw):
            raise MoveRefused(f"can't find the link at {path}:{edit.link.line}:{edit.link.column}")
        span_start, span_end, replacement = _target_span(edit.link, edit.target)
        replacements.append((start + span_start, start + span_end, replacement))
    for start, end, replacement in sorted(replacements, reverse=True):
        text = text[:start] + replacement + text[end:]
    after = text.encode("utf-8")
    _check(path, links, parse_note(after).links, {edit.index: edit.target for edit in edits})
    return after


def _line_starts(text: str) -> list[int]:
    """Where each line starts, lines split at \\r\\n, \\r or \\n as the parser's decoding does."""
    return [match.start() for match in _LINE.finditer(text)]


def _offset(text: str, starts: list[int], link: Link) -> int:
    """The offset in the original text of ``link``, located in the decoded text (no BOM)."""
    bom = link.line == 1 and text.startswith(_BOM)
    return starts[link.line - 1] + link.column - 1 + bom


def _same_link(original: str, raw: str) -> bool:
    """Whether ``original`` is the link's source text: ``raw`` comes from the masked body, where
    code in a link's text became spaces."""
    return len(original) == len(raw) and all(r in (o, " ") for o, r in zip(original, raw, strict=True))


def _target_span(link: Link, target: str) -> tuple[int, int, str]:
    """Where the target stands inside ``link.raw``, and what to write there."""
    raw = link.raw
    if link.kind == "markdown":
        found = markdown_destination(raw)
        assert found is not None, raw  # the parser found it with the same pattern
        start, end, angled = found
        destination = raw[start:end]
        path = destination.split("#", 1)[0]
        lead = len(path) - len(path.lstrip())
        old = path.strip()
        return start + lead, start + lead + len(old), _encode(target, old, angled)
    start = 3 if raw.startswith("!") else 2
    inner = raw[start:-2]
    segment = re.match(r"[^#|]*", inner)
    assert segment is not None
    text = segment.group(0)
    if text.endswith("\\") and inner[len(text) : len(text) + 1] == "|":
        text = text[:-1]  # a table's `\|`
    lead = len(text) - len(text.lstrip())
    return start + lead, start + lead + len(text.strip()), target


def _encode(path: str, old: str, angled: bool) -> str:
    """``path`` as a markdown destination, percent-encoded the way ``old`` was: `%20` for spaces
    where ``old`` encoded (or had to), raw inside angle brackets where ``old`` was raw."""
    encoded = unquote(old) != old
    unsafe = _UNSAFE_ANGLED if angled and not encoded else _UNSAFE_BARE
    decoded = unquote(old)
    non_ascii = encoded and any(ord(c) > 127 for c in decoded) and not any(ord(c) > 127 for c in old)
    out = []
    for char in path:
        if char in unsafe or (non_ascii and ord(char) > 127):
            out.append("".join(f"%{byte:02X}" for byte in char.encode("utf-8")))
        else:
            out.append(char)
    return "".join(out)


def _check(path: str, before: tuple[Link, ...], after: tuple[Link, ...], targets: dict[int, str]) -> None:
    """Parse the rewritten note again: the same links, the edited ones with their new targets.
    Anything else (a YAML quote the new path broke) refuses the move rather than harm the note."""
    same = len(before) == len(after) and all(
        (old.kind, old.heading, old.block, old.alias, old.embed, targets.get(i, old.target))
        == (new.kind, new.heading, new.block, new.alias, new.embed, new.target)
        for i, (old, new) in enumerate(zip(before, after, strict=False))
    )
    if not same:
        raise MoveRefused(f"rewriting the links of '{path}' would change it in other ways")
