"""The parser: a pure function from a note's bytes to a :class:`ParsedNote`.

No I/O happens here, so results can be cached by file and computed in parallel processes.
"""

from __future__ import annotations

import bisect
import re
from collections.abc import Callable

from ..model import ParsedNote, Problem
from .frontmatter import read_frontmatter
from .links import body_links, frontmatter_links
from .mask import mask_body
from .structure import block_ids, frontmatter_tags, headings, inline_tags

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


def parse_note(data: bytes) -> ParsedNote:
    text = decode(data)
    if isinstance(text, Problem):
        return ParsedNote(problems=(text,), readable=False)
    return parse_text(text)


def parse_frontmatter(data: bytes) -> ParsedNote:
    """Only the frontmatter of a note's bytes (and why it can't be read): all `vault validate`
    needs, at a fraction of a full parse."""
    text = decode(data)
    if isinstance(text, Problem):
        return ParsedNote(problems=(text,), readable=False)
    front = read_frontmatter(text)
    return ParsedNote(frontmatter=front.data, problems=front.problems)


def parse_text(text: str) -> ParsedNote:
    """Parse decoded note text (``\\n`` line endings, no BOM)."""
    front = read_frontmatter(text)
    body = text[front.body_offset :]
    masked = mask_body(body)
    locate = line_locator(body, first_line=front.body_line)
    links = frontmatter_links(front.data, front.yaml_text, front.yaml_line) if front.data else []
    links.extend(body_links(masked, locate))
    tags = frontmatter_tags(front.data) + inline_tags(masked)
    return ParsedNote(
        frontmatter=front.data,
        links=tuple(links),
        headings=tuple(headings(masked, body, locate)),
        block_ids=tuple(block_ids(masked)),
        tags=_unique_tags(tags),
        problems=front.problems,
    )


def _unique_tags(tags: list[str]) -> tuple[str, ...]:
    """Tags compare case-insensitively: keep the first spelling of each."""
    seen: dict[str, str] = {}
    for tag in tags:
        seen.setdefault(tag.casefold(), tag)
    return tuple(seen.values())


_NEWLINE = re.compile("\n")


def line_locator(text: str, first_line: int = 1) -> Callable[[int], tuple[int, int]]:
    """Map an offset in ``text`` to a 1-based (line, column), ``text`` starting at ``first_line``."""
    starts = [0] + [match.end() for match in _NEWLINE.finditer(text)]

    def locate(offset: int) -> tuple[int, int]:
        index = bisect.bisect_right(starts, offset) - 1
        return first_line + index, offset - starts[index] + 1

    return locate
