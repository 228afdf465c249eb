"""A fast path for the plain frontmatter most notes have; everything else goes to PyYAML.

Even PyYAML's C loader builds every value through Python code and takes about 0.2 ms for a
ten-key frontmatter, most of a note's parse time. Nearly all frontmatter is flat keys with plain
or quoted scalars and lists of them, which this module reads in a few microseconds. It gives up
(returns None) at anything it is not sure to read exactly as PyYAML's safe loader would: the
property tests in tests/parse/test_simple_yaml.py hold it to that.
"""

from __future__ import annotations

import datetime as dt
import re
from typing import Any

# Characters PyYAML's reader refuses or reads as line breaks (NEL, LS, PS) or a BOM. Listed, not
# given as the complement of the printable ones: a negated class this wide takes 5 ms to compile.
_UNUSUAL = re.compile(r"[\x00-\x09\x0b-\x1f\x7f-\x9f\u2028\u2029\ud800-\udfff\ufeff\ufffe\uffff]")
_KEY_LINE = re.compile(r"([A-Za-z_][A-Za-z0-9_-]*):(?: +(.*))?")
_ITEM_LINE = re.compile(r"( *)- +(.*)")
# Plain scalars that YAML 1.1 (PyYAML) reads as something other than a string.
_NULL = {"", "~", "null", "Null", "NULL"}
_BOOL = {
    **dict.fromkeys(("yes", "Yes", "YES", "true", "True", "TRUE", "on", "On", "ON"), True),
    **dict.fromkeys(("no", "No", "NO", "false", "False", "FALSE", "off", "Off", "OFF"), False),
}
_INT = re.compile(r"[-+]?(?:0|[1-9][0-9]*)")
_FLOAT = re.compile(r"[-+]?[0-9]+\.[0-9]+")
_DATE = re.compile(r"([0-9]{4})-([0-9]{2})-([0-9]{2})")
# A plain string must start with a letter and hold nothing YAML gives a meaning to.
# (The first character as "not below \xc0 nor astral": the range \u00c0-\uffff compiles slowly.)
_PLAIN_STRING = re.compile(r"(?:[A-Za-z]|[^\x00-\xbf\U00010000-\U0010ffff])[^:#\[\]{}\"'`|>&*!%@\\]*")
# One item of a flow list: quoted, or plain without anything flow context gives a meaning to.
# (A `?` is left to PyYAML: inside [...] it ends a plain scalar and starts a mapping key.)
_FLOW_ITEM = re.compile(r""" *('(?:[^']|'')*'|"[^"\\]*"|[^,'"\[\]{}#?]*[^,'"\[\]{}# ?]) *""")
_SINGLE_QUOTED = re.compile(r"'((?:[^']|'')*)'")
_DOUBLE_QUOTED = re.compile(r'"([^"\\]*)"')


class _NotSimple(Exception):
    pass


def load_simple(text: str) -> dict[str, Any] | None:
    """``text`` as PyYAML's safe loader reads it, or None when it is not in the simple subset."""
    if "\t" in text or ("#" in text and _has_comment(text)) or _UNUSUAL.search(text):
        return None
    try:
        return _load(text.split("\n"))
    except _NotSimple:
        return None


def _has_comment(text: str) -> bool:
    return text.startswith("#") or "\n#" in text or " #" in text


def _load(lines: list[str]) -> dict[str, Any]:
    data: dict[str, Any] = {}
    i = 0
    while i < len(lines):
        line = lines[i].rstrip(" ")
        i += 1
        if not line:
            continue
        match = _KEY_LINE.fullmatch(line)
        if match is None:
            raise _NotSimple
        key, value = match.group(1), match.group(2)
        if key in _NULL or key in _BOOL or key in data:
            raise _NotSimple  # PyYAML would make the key None or a bool, or report it repeated
        if value is None or value == "":
            items, i = _block_list(lines, i)
            data[key] = items
        elif value.startswith("["):
            data[key] = _flow_list(value)
        else:
            data[key] = _scalar(value)
    return data


def _block_list(lines: list[str], i: int) -> tuple[list[Any] | None, int]:
    """The `- item` lines after a key; None (YAML's null) when there are none."""
    items: list[Any] = []
    indent: str | None = None
    while i < len(lines):
        line = lines[i].rstrip(" ")
        if not line:
            raise _NotSimple  # a blank line inside a list: leave the edge cases to PyYAML
        match = _ITEM_LINE.fullmatch(line)
        if match is None:
            if line.startswith(" "):
                raise _NotSimple  # a continuation or a nested mapping
            break
        if indent is None:
            indent = match.group(1)
        elif match.group(1) != indent:
            raise _NotSimple
        items.append(_scalar(match.group(2)))
        i += 1
    return (items if items else None), i


def _flow_list(value: str) -> list[Any]:
    """``[a, 'b', "[[c]]"]``: one line, quoted or plain items, nothing nested."""
    if not value.endswith("]"):
        raise _NotSimple
    inner = value[1:-1]
    if not inner.strip(" "):  # only spaces: str.strip() would take U+00A0 too, which is an item
        return []
    items = []
    pos = 0
    while True:
        match = _FLOW_ITEM.match(inner, pos)
        if match is None:
            raise _NotSimple  # also a trailing comma, which PyYAML allows: left to it
        items.append(_scalar(match.group(1)))
        pos = match.end()
        if pos == len(inner):
            return items
        if inner[pos] != ",":
            raise _NotSimple
        pos += 1


def _scalar(value: str) -> Any:
    first = value[:1]
    if first == "'":
        match = _SINGLE_QUOTED.fullmatch(value)
        if match is None:
            raise _NotSimple
        return match.group(1).replace("''", "'")
    if first == '"':
        match = _DOUBLE_QUOTED.fullmatch(value)
        if match is None:
            raise _NotSimple
        return match.group(1)
    if value in _NULL:
        return None
    if value in _BOOL:
        return _BOOL[value]
    if first.isalpha():  # most values: only a plain string can start with a letter now
        if _PLAIN_STRING.fullmatch(value) and not value.endswith(" "):
            return value
        raise _NotSimple
    if _INT.fullmatch(value):
        return int(value)
    if _FLOAT.fullmatch(value):
        return float(value)
    date = _DATE.fullmatch(value)
    if date:
        try:
            return dt.date(int(date.group(1)), int(date.group(2)), int(date.group(3)))
        except ValueError:
            raise _NotSimple from None
    raise _NotSimple
