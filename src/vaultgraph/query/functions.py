"""The functions a query may call, with how many arguments each takes.

Like Dataview's, they give null rather than fail on a missing value (``lower(null)`` is null,
``startswith(null, "a")`` is false), and fail only on values of a wrong type.
"""

from __future__ import annotations

import datetime as dt
import math
import posixpath
import re
from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass
from functools import lru_cache

from .errors import QueryError
from .order import equals
from .temporal import parse_date, parse_duration
from .values import Duration, Link, Value

Implementation = Callable[[Sequence[Value], dt.datetime], Value]


@dataclass(frozen=True, slots=True)
class Function:
    min_args: int
    max_args: int
    run: Implementation


def _type_name(value: Value) -> str:
    if value is None:
        return "null"
    if isinstance(value, Link):
        return "link"
    if isinstance(value, Duration):
        return "duration"
    if isinstance(value, dt.date):
        return "date"
    if isinstance(value, Mapping):
        return "object"
    if isinstance(value, bool):
        return "boolean"
    if isinstance(value, int | float):
        return "number"
    return "string" if isinstance(value, str) else "list"


def _wrong(function: str, value: Value) -> QueryError:
    return QueryError(f"{function}() can't take {_type_name(value)} {value!r}")


def _link_matches(link: Link, needle: Value) -> bool:
    """A link contains another to the same note, or a string naming its note: by name, by path,
    or by path without extension, ignoring case."""
    if isinstance(needle, Link):
        return link.path == needle.path
    if not isinstance(needle, str):
        return False
    wanted = needle.casefold()
    path = link.path.casefold()
    return wanted in (path, posixpath.splitext(path)[0], link.name.casefold())


def _contains(args: Sequence[Value], _now: dt.datetime) -> Value:
    """Lists: an element equal to the needle (a link: see _link_matches); strings: a substring;
    objects: a key; links: see _link_matches; null contains nothing."""
    haystack, needle = args
    if haystack is None:
        return False
    if isinstance(haystack, list):
        return any(
            _link_matches(item, needle) if isinstance(item, Link) else equals(item, needle)
            for item in haystack
        )
    if isinstance(haystack, str):
        return isinstance(needle, str) and needle in haystack
    if isinstance(haystack, Link):
        return _link_matches(haystack, needle)
    if isinstance(haystack, Mapping):
        return isinstance(needle, str) and needle in haystack
    return equals(haystack, needle)


def _length(args: Sequence[Value], _now: dt.datetime) -> Value:
    (value,) = args
    if value is None:
        return 0
    if isinstance(value, list | str | Mapping):
        return len(value)
    raise _wrong("length", value)


def _case(name: str, change: Callable[[str], str]) -> Implementation:
    def run(args: Sequence[Value], _now: dt.datetime) -> Value:
        (value,) = args
        if value is None or isinstance(value, str):
            return None if value is None else change(value)
        raise _wrong(name, value)

    return run


def _affix(name: str, test: Callable[[str, str], bool]) -> Implementation:
    def run(args: Sequence[Value], _now: dt.datetime) -> Value:
        text, affix = args
        if text is None:
            return False
        if not isinstance(text, str):
            raise _wrong(name, text)
        if not isinstance(affix, str):
            raise _wrong(name, affix)
        return test(text, affix)

    return run


@lru_cache(maxsize=64)
def compile_pattern(pattern: str) -> re.Pattern[str]:
    """A regular expression (Python's syntax, close to JavaScript's for common patterns)."""
    try:
        return re.compile(pattern)
    except re.error as error:
        raise QueryError(f"invalid regular expression {pattern!r}: {error}") from None


def _regexmatch(args: Sequence[Value], _now: dt.datetime) -> Value:
    """Whether the whole string matches, as in Dataview; a pattern with ``^`` or ``$`` may match
    anywhere its anchors allow."""
    pattern, text = args
    if not isinstance(pattern, str):
        raise _wrong("regexmatch", pattern)
    if not isinstance(text, str):
        return False
    compiled = compile_pattern(pattern)
    if pattern.startswith("^") or pattern.endswith("$"):
        return compiled.search(text) is not None
    return compiled.fullmatch(text) is not None


def _default(args: Sequence[Value], _now: dt.datetime) -> Value:
    value, fallback = args
    return fallback if value is None else value


def _round(args: Sequence[Value], _now: dt.datetime) -> Value:
    """Halves round up, as JavaScript's Math.round does (Python's round() would go to even)."""
    value = args[0]
    digits = args[1] if len(args) > 1 else 0
    if value is None:
        return None
    if isinstance(value, bool) or not isinstance(value, int | float):
        raise _wrong("round", value)
    if isinstance(digits, bool) or not isinstance(digits, int):
        raise _wrong("round", digits)
    scale = 10**digits
    rounded = math.floor(value * scale + 0.5) / scale
    return int(rounded) if digits <= 0 else rounded


_RELATIVE_DAYS = {"today": 0, "tomorrow": 1, "yesterday": -1}
#: Names that ``date(...)`` reads as words rather than fields.
DATE_WORDS = (*_RELATIVE_DAYS, "now")


def _date(args: Sequence[Value], now: dt.datetime) -> Value:
    (value,) = args
    if value is None or isinstance(value, dt.date):
        return value
    if not isinstance(value, str):
        raise _wrong("date", value)
    word = value.strip().lower()
    if word == "now":
        return now
    if word in _RELATIVE_DAYS:
        return now.date() + dt.timedelta(days=_RELATIVE_DAYS[word])
    return parse_date(value)


def _dur(args: Sequence[Value], _now: dt.datetime) -> Value:
    (value,) = args
    if value is None or isinstance(value, Duration):
        return value
    if not isinstance(value, str):
        raise _wrong("dur", value)
    return parse_duration(value)


FUNCTIONS: dict[str, Function] = {
    "contains": Function(2, 2, _contains),
    "length": Function(1, 1, _length),
    "lower": Function(1, 1, _case("lower", str.lower)),
    "upper": Function(1, 1, _case("upper", str.upper)),
    "startswith": Function(2, 2, _affix("startswith", str.startswith)),
    "endswith": Function(2, 2, _affix("endswith", str.endswith)),
    "regexmatch": Function(2, 2, _regexmatch),
    "default": Function(2, 2, _default),
    "round": Function(1, 2, _round),
    "date": Function(1, 1, _date),
    "dur": Function(1, 1, _dur),
}
