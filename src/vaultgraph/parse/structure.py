"""Headings, block ids and tags of a (masked) note body, and tag/alias lists from frontmatter."""

from __future__ import annotations

import re
from collections.abc import Callable
from typing import Any

from ..model import Heading

_ATX = re.compile(r"^ {0,3}(#{1,6})[ \t]+(.*?)(?:[ \t]+#+)?[ \t]*$", re.MULTILINE)
_SETEXT = re.compile(r"^(?P<text>[^\n]*\S[^\n]*)\n {0,3}(?P<rule>=+|-+)[ \t]*$", re.MULTILINE)
_NOT_PARAGRAPH = re.compile(r" {0,3}(?:[-*+][ \t]|\d{1,9}[.)][ \t]|#|>|\||```|~~~)| {4}|\t")
_BLOCK_ID = re.compile(r"(?:^|[ \t])\^([A-Za-z0-9-]+)[ \t]*$", re.MULTILINE)
# A tag is `#` after whitespace or a line start, then anything but whitespace and the ASCII
# punctuation Obsidian stops at (it keeps `_`, `-` and `/`).
_TAG = re.compile(r"(?:^|(?<=\s))#([^\s!-,.:-@\[-^`{-~]+)")
_ALL_DIGITS = re.compile(r"\d+")
_LIST_SEPARATOR = re.compile(r"[,\s]+")

Locate = Callable[[int], tuple[int, int]]


def headings(masked: str, original: str, locate: Locate) -> list[Heading]:
    """ATX and setext headings; the text is read from ``original`` so inline code in it stays."""
    found: list[tuple[int, Heading]] = []
    if "#" in masked:
        for match in _ATX.finditer(masked):
            text = original[match.start(2) : match.end(2)].strip()
            if text:
                found.append((match.start(), Heading(len(match.group(1)), text, locate(match.start())[0])))
    if "\n=" in masked or "\n-" in masked or "\n " in masked:
        for match in _SETEXT.finditer(masked):
            text_line = match.group("text")
            if _NOT_PARAGRAPH.match(text_line) or not _follows_break(masked, match.start()):
                continue
            level = 1 if match.group("rule")[0] == "=" else 2
            text = original[match.start("text") : match.end("text")].strip()
            found.append((match.start(), Heading(level, text, locate(match.start())[0])))
    found.sort(key=lambda item: item[0])
    return [heading for _, heading in found]


def _follows_break(text: str, start: int) -> bool:
    """A one-line paragraph starts after a blank line, the top, or a heading line."""
    if start == 0:
        return True
    previous_start = text.rfind("\n", 0, start - 1) + 1
    previous = text[previous_start : start - 1]
    return not previous.strip() or previous.lstrip().startswith("#")


def block_ids(masked: str) -> list[str]:
    return _BLOCK_ID.findall(masked) if "^" in masked else []


def inline_tags(masked: str) -> list[str]:
    if "#" not in masked:
        return []
    return [tag for tag in _TAG.findall(masked) if not _ALL_DIGITS.fullmatch(tag)]


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
