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
_PLAIN_REST = r"[^:#\[\]{}\"'`|>&*!%@\\]*"
_PLAIN_STRING = re.compile(r"(?:[A-Za-z]|[^\x00-\xbf\U00010000-\U0010ffff])" + _PLAIN_REST)
# One item of a flow list: quoted, or plain without anything flow context gives a meaning to.
# (A `?` is left to PyYAML: inside [...] it ends a plain scalar and starts a mapping key.)
_FLOW_ITEM = re.compile(r""" *('(?:[^']|'')*'|"[^"\\]*"|[^,'"\[\]{}#?]*[^,'"\[\]{}# ?]) *""")
_SINGLE_QUOTED = re.compile(r"'((?:[^']|'')*)'")
_DOUBLE_QUOTED = re.compile(r'"([^"\\]*)"')


# One line of the simple subset, stripped of trailing spaces: `key:` with an optional value, or a
# `- item` of a block list. The common values get a group each, so that most need no second regex:
# a plain string starting with an ASCII letter, or the inside of a single- or double-quoted
# string. Anything else is read by _scalar (or _flow_list) from group "other".
_LINE = re.compile(
    r"(?:(?P<key>[A-Za-z_][A-Za-z0-9_-]*):|(?P<indent> *)-(?= ))"
    r"(?: +(?:"
    rf"(?P<plain>[A-Za-z]{_PLAIN_REST})"
    r"|'(?P<single>[^']*(?:''[^']*)*)'"  # as runs between '': 2x faster than (?:[^']|'')*
    r'|"(?P<double>[^"\\]*)"'
    r"|(?P<other>.+)"
    r"))?"
)
# The plain words YAML 1.1 reads as null or a bool; every other plain string is itself.
_WORDS: dict[str, Any] = {**dict.fromkeys(("null", "Null", "NULL")), **_BOOL}


class _NotSimple(Exception):
    pass


def load_simple(text: str) -> dict[str, Any] | None:
    """``text`` as PyYAML's safe loader reads it, or None when it is not in the simple subset."""
    if "\t" in text or ("#" in text and _has_comment(text)) or _UNUSUAL.search(text):
        return None
    try:
        # The newline that ends the last line ends no list: frontmatter often closes with one.
        return _load(text.removesuffix("\n").split("\n"))
    except _NotSimple:
        return None


def _has_comment(text: str) -> bool:
    return text.startswith("#") or "\n#" in text or " #" in text


# A vault repeats most of its frontmatter lines (`tags:`, `  - project`, `type: note`) from note
# to note, so each line read is remembered: a look-up costs a quarter of reading it again. Only
# immutable values are kept, since a value is shared by every note that has the line (a flow
# list is read anew each time), and the lot is forgotten when full, to bound the memory.
_REMEMBERED_LINES = 10_000
_remembered: dict[str, tuple[str | None, str | None, Any]] = {}
_NO_VALUE: Any = object()  # the value of a `key:` with none on its line
_BLANK = (None, None, None)


def _load(lines: list[str]) -> dict[str, Any]:
    data: dict[str, Any] = {}
    list_key = None  # the `key:` whose `- item` lines may follow
    list_indent = None  # the indent of its first item, which every item must have
    for line in lines:
        key, indent, value = _remembered.get(line) or _read_line(line)
        if key is not None:
            if key in data:
                raise _NotSimple  # PyYAML would report it repeated
            if value is _NO_VALUE:  # `key:` alone: YAML's null, unless `- item` lines follow
                data[key] = None
                list_key, list_indent = key, None
            else:
                data[key] = value
                list_key = None
        elif indent is not None:  # a `- item` line
            if list_key is None:
                raise _NotSimple  # an item after `key: value`, or before any key
            if list_indent is None:
                list_indent = indent
                data[list_key] = [value]
            elif indent == list_indent:
                data[list_key].append(value)
            else:
                raise _NotSimple
        elif list_key is not None:
            raise _NotSimple  # a blank line after `key:`: leave the edge cases to PyYAML
    return data


def _read_line(line: str) -> tuple[str | None, str | None, Any]:
    """A line as (key, None, value), as (None, indent, value) for a `- item`, or all None when
    it holds only spaces."""
    stripped = line.rstrip(" ")
    if not stripped:
        return _BLANK
    match = _LINE.fullmatch(stripped)
    if match is None:
        raise _NotSimple
    key, indent, plain, single, double, other = match.groups()
    if key in _WORDS:
        raise _NotSimple  # PyYAML would make the key None or a bool
    if plain is not None:
        value = _WORDS.get(plain, plain)
    elif single is not None:
        value = single.replace("''", "'")
    elif double is not None:
        value = double
    elif other is not None:
        value = _flow_list(other) if key is not None and other.startswith("[") else _scalar(other)
    else:
        value = _NO_VALUE
    row = (key, indent, value)
    if not isinstance(value, list):
        if len(_remembered) >= _REMEMBERED_LINES:
            _remembered.clear()
        _remembered[line] = row
    return row


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
