"""Headings, block ids and tags of a (masked) note body, and tag/alias lists from frontmatter."""

from __future__ import annotations

import re
from typing import Any

from ..model import Heading

# Patterns that find a line start search for "\n" (the text gets one in front): patterns that
# start with a literal are searched much faster than ones that start with `^`.
# A heading line: ATX (its hashes and text in groups 1 and 2) or a setext underline.
_HEADING_LINE = re.compile(r"\n {0,3}(?:(#{1,6})[ \t]([^\n]*)|(?:=+|-+)[ \t]*(?=\n|\Z))")
_ATX_CLOSING = re.compile(r"(?:^|[ \t]+)#+[ \t]*$")
_NOT_PARAGRAPH = re.compile(r" {0,3}(?:[-*+][ \t]|\d{1,9}[.)][ \t]|#|>|\||```|~~~)| {4}|\t")
# Patterns found with findall, which builds no match object: what is checked around a match is
# checked in the pattern, by a lookbehind placed after the leading literal (a pattern that starts
# with a literal is searched much faster than one that starts with a lookbehind).
# A block id: `^id` at the end of a line, after a space or alone.
_BLOCK_ID = re.compile(r"\^(?<![^ \t\n]\^)([A-Za-z0-9-]+)[ \t]*(?=\n|\Z)")
# A tag is `#` after whitespace or a line start, then anything but whitespace and the ASCII
# punctuation Obsidian stops at (it keeps `_`, `-` and `/`), not only digits.
_TAG = re.compile(r"#(?<!\S#)(?!\d+(?:[\s!-,.:-@\[-^`{-~]|\Z))([^\s!-,.:-@\[-^`{-~]+)")
_LIST_SEPARATOR = re.compile(r"[,\s]+")


def headings(masked: str, original: str, first_line: int) -> list[Heading]:
    """ATX and setext headings; the text is read from ``original`` so inline code in it stays.
    ``first_line`` is the note's line of the body's first line."""
    found: list[Heading] = []
    # Offsets in `lines` are one past those in masked: a match's "\n" is the line's start in
    # masked. One pass finds both kinds in order: a setext heading's text is the line just above
    # its underline, which is no ATX heading.
    lines = "\n" + masked
    # Lines are counted from heading to heading here: a locate function called for each heading
    # made the loop a tenth slower. `line` is the line whose "\n" in `lines` is at `counted`.
    line, counted = first_line, 0
    for match in _HEADING_LINE.finditer(lines):
        hashes = match.group(1)
        if hashes is not None:
            start, end = match.span(2)
            raw = original[start - 1 : end - 1].strip()
            text = _ATX_CLOSING.sub("", raw).strip() if raw.endswith("#") else raw
            if text:
                line += lines.count("\n", counted, match.start())
                counted = match.start()
                found.append(Heading(len(hashes), text, line))
            continue
        above_end = match.start() - 1  # the newline that ends the line above the underline
        if above_end < 0:
            continue  # an underline on the first line has no text above it
        start = masked.rfind("\n", 0, above_end) + 1
        text_line = masked[start:above_end]
        if not text_line.strip() or _NOT_PARAGRAPH.match(text_line) or not _follows_break(masked, start):
            continue
        level = 1 if match.group(0).strip()[0] == "=" else 2
        line += lines.count("\n", counted, start)  # the text line's "\n" in `lines` is at `start`
        counted = start
        found.append(Heading(level, original[start:above_end].strip(), line))
    return found


def _follows_break(text: str, start: int) -> bool:
    """A one-line paragraph starts after a blank line, the top, or a heading line."""
    if start == 0:
        return True
    previous_start = text.rfind("\n", 0, start - 1) + 1
    previous = text[previous_start : start - 1]
    return not previous.strip() or previous.lstrip().startswith("#")


def block_ids(masked: str) -> list[str]:
    """``^id`` at the end of a line, after a space or alone."""
    return _BLOCK_ID.findall(masked) if "^" in masked else []


def inline_tags(masked: str) -> list[str]:
    return _TAG.findall(masked) if "#" in masked else []


def frontmatter_list(data: dict[str, Any], *keys: str) -> list[str]:
    """A list-valued property (``tags``, ``aliases``), also when written as one string.

    Obsidian accepts ``tags: a, b`` and ``tags: a b``; aliases are split on commas only, since
    an alias may contain spaces.
    """
    values: list[str] = []
    for key in keys:
        value = data.get(key)
        if isinstance(value, str):
            parts = _LIST_SEPARATOR.split(value) if key.startswith("tag") else value.split(",")
            values.extend(part.strip() for part in parts)
        elif isinstance(value, list):
            values.extend(str(item).strip() for item in value if item is not None)
    return [value for value in values if value]


def frontmatter_tags(data: dict[str, Any]) -> list[str]:
    return [tag.lstrip("#") for tag in frontmatter_list(data, "tags", "tag") if tag.lstrip("#")]
