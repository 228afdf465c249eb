"""Rewriting link targets inside a note's bytes: only the span of each link's target changes,
every other byte of the file (line endings, BOM, trailing spaces, YAML quoting and comments) is
kept. Shared by `vault mv` and `vault fix`.

Pure: bytes and links in, bytes out; refuses (:class:`~vaultgraph.plan.Refused`) rather than
write a note whose links would read differently than planned.
"""

from __future__ import annotations

import posixpath
import re
from collections.abc import Callable, Iterable, Iterator, Mapping, Sequence
from dataclasses import dataclass
from typing import TYPE_CHECKING
from urllib.parse import unquote

from .model import Link
from .parse import parse_note
from .parse.links import markdown_destination
from .plan import FileChange, Refused, Stamp
from .resolve import PathIndex, resolve_target

if TYPE_CHECKING:
    from .vault import ResolvedLink, Vault

_LINE = re.compile(r"[^\r\n]*(?:\r\n|\r|\n)?")
_BOM = "\ufeff"
# What a markdown destination can't hold as it is: whitespace ends it, `#` starts the anchor,
# `%` would be decoded, unbalanced parentheses or angle brackets end it.
_UNSAFE_BARE = frozenset(" \t%#()<>")
_UNSAFE_ANGLED = frozenset("%#<>")


@dataclass(frozen=True, slots=True)
class LinkEdit:
    """One link to rewrite: the ``index``-th link of its note gets ``target`` (as the parser
    reads it)."""

    index: int
    link: Link
    target: str


def numbered(links: Iterable[ResolvedLink]) -> Iterator[tuple[int, ResolvedLink]]:
    """Each link with its place among its own note's links (a :class:`LinkEdit`'s ``index``):
    a vault's links come note by note, each note's in the order the parser found them."""
    position, previous = 0, None
    for item in links:
        position = position + 1 if item.source == previous else 0
        previous = item.source
        yield position, item


def file_changes(
    vault: Vault,
    edits: Mapping[str, Sequence[LinkEdit]],
    read: Callable[[str], bytes],
    stamp: Callable[[str], Stamp],
    moves: Mapping[str, str] | None = None,
) -> tuple[FileChange, ...]:
    """The change to each file that moves or has links to edit, from its bytes as ``read`` gives
    them; each file's stamp is taken before it is read, so an edit in between shows."""
    moves = moves or {}
    changes = []
    for path in sorted(set(moves) | set(edits)):
        file_stamp = stamp(path)
        before = read(path)
        after = edit_links(path, before, vault.parsed[path].links, edits[path]) if path in edits else None
        changes.append(FileChange(path, moves.get(path, path), before, after, file_stamp))
    return tuple(changes)


def new_target(target: str, full: bool, expected: str, source: str, index: PathIndex) -> str:
    """The shortest target in the style of ``target`` (a ``full`` vault path or not) that
    resolves to ``expected`` alone from ``source``."""
    for candidate in _candidates(target, full, expected, source, index):
        resolution = resolve_target(index, candidate, source)
        if resolution.status == "ok" and resolution.path == expected:
            return candidate
    raise Refused(f"no link from '{source}' to '{expected}' would resolve to it alone")


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


def edit_links(path: str, data: bytes, links: tuple[Link, ...], edits: Sequence[LinkEdit]) -> bytes:
    """``data`` (the note at ``path``, whose links were ``links`` when the edits were planned)
    with each edited link's target replaced, every other byte kept."""
    try:
        text = data.decode("utf-8")
    except UnicodeDecodeError as error:
        raise Refused(f"'{path}' is not valid UTF-8") from error
    if parse_note(data).links != links:
        raise Refused(f"'{path}' changed while the move was planned; run it again")
    starts = _line_starts(text)
    replacements = []
    for edit in edits:
        start = _offset(text, starts, edit.link)
        if not _same_link(text[start : start + len(edit.link.raw)], edit.link.raw):
            raise Refused(f"can't find the link at {path}:{edit.link.line}:{edit.link.column}")
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
        raise Refused(f"rewriting the links of '{path}' would change it in other ways")
