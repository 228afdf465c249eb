"""The parser: a pure function from a note's bytes to a :class:`ParsedNote`.

No I/O happens here, so results can be cached by file and computed in parallel processes.
``parse_note`` (in :mod:`.note`) reads everything; ``parse_frontmatter`` only what `vault
validate` needs, and importing it loads none of the link, heading and tag scanners.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import TYPE_CHECKING, Any

from ..model import ParsedNote, Problem
from .frontmatter import read_frontmatter

if TYPE_CHECKING:
    from .note import parse_note, parse_text

__all__ = ["decode", "line_locator", "parse_frontmatter", "parse_note", "parse_text"]

_BOM = "\ufeff"


def decode(data: bytes) -> str | Problem:
    """UTF-8 text with BOM removed and line endings made ``\\n``; or why it can't be read."""
    try:
        text = data.decode("utf-8")
    except UnicodeDecodeError as error:
        line = data.count(b"\n", 0, error.start) + 1
        column = error.start - (data.rfind(b"\n", 0, error.start) + 1) + 1
        message = f"not valid UTF-8 (byte 0x{data[error.start]:02x} at line {line}, byte {column})"
        return Problem("unreadable-note", line, 1, message)
    text = text.removeprefix(_BOM)
    if "\r" in text:
        text = text.replace("\r\n", "\n").replace("\r", "\n")
    return text


def parse_frontmatter(data: bytes) -> ParsedNote:
    """Only the frontmatter of a note's bytes (and why it can't be read): all `vault validate`
    needs, at a fraction of a full parse."""
    text = decode(data)
    if isinstance(text, Problem):
        return ParsedNote(problems=(text,), readable=False)
    front = read_frontmatter(text)
    return ParsedNote(frontmatter=front.data, problems=front.problems)


def line_locator(text: str, first_line: int = 1) -> Callable[[int], tuple[int, int]]:
    """Map an offset in ``text`` to a 1-based (line, column), ``text`` starting at ``first_line``."""
    # Scanners ask in increasing order: counting the newlines since the last offset asked for
    # beats listing every line's start first, for a note whose few links and headings are found.
    last_offset, last_line = 0, first_line

    def locate(offset: int) -> tuple[int, int]:
        nonlocal last_offset, last_line
        if offset >= last_offset:
            last_line += text.count("\n", last_offset, offset)
        else:
            last_line = first_line + text.count("\n", 0, offset)
        last_offset = offset
        return last_line, offset - text.rfind("\n", 0, offset)

    return locate


def __getattr__(name: str) -> Any:
    if name in ("parse_note", "parse_text"):
        from . import note

        return getattr(note, name)
    raise AttributeError(f"module {__name__!r} has no attribute {name!r}")
