"""Reading one note file: its bytes through a parser, or why it can't be read."""

from __future__ import annotations

from collections.abc import Callable
from os import PathLike

from .model import ParsedNote, Problem
from .parse import decode


def read_note(file: str | PathLike[str], parse: Callable[[bytes], ParsedNote]) -> ParsedNote:
    """``parse`` of the file's bytes; a file that can't be read is an unreadable-note problem,
    never an exception: the rest of the vault still loads."""
    try:
        data = _read(file)
    except OSError as error:
        reason = error.strerror or type(error).__name__
        return ParsedNote(
            problems=(Problem("unreadable-note", 1, 1, f"cannot read: {reason}"),), readable=False
        )
    return parse(data)


def read_text(file: str | PathLike[str]) -> str | None:
    """A note file's text as the parser sees it, or None when it can't be read now."""
    try:
        text = decode(_read(file))
    except OSError:
        return None
    return text if isinstance(text, str) else None


def _read(file: str | PathLike[str]) -> bytes:
    # open() of a path string: Path.read_bytes spends another ~7 us a note on the path itself
    # (75 ms of CPU for 10,000 notes).
    with open(file, "rb") as handle:
        return handle.read()
