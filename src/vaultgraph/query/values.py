"""The values a query computes with, and how results are written out.

A value is None (null), a bool, an int or float, a str, a ``datetime.date`` or
``datetime.datetime``, a :class:`Duration`, a :class:`Link`, a list of values, or a mapping of
names to values (a frontmatter object, a page, a group's row).
"""

from __future__ import annotations

import datetime as dt
import posixpath
from collections.abc import Mapping
from dataclasses import dataclass
from typing import TypeAlias, Union


@dataclass(frozen=True, slots=True)
class Link:
    """A link to a note: its vault path (the target as written when it resolves to nothing)."""

    path: str
    display: str | None = None

    @property
    def name(self) -> str:
        return posixpath.splitext(posixpath.basename(self.path))[0]


@dataclass(frozen=True, slots=True)
class Duration:
    """A span of time. Months are kept apart from days because their length depends on the date
    they are added to; weeks are 7 days and years 12 months."""

    months: int = 0
    days: int = 0
    seconds: float = 0.0

    @property
    def approximate_seconds(self) -> float:
        """Its length with a 30-day month: how durations compare (as Luxon does)."""
        return (self.months * 30 + self.days) * 86400 + self.seconds

    def __neg__(self) -> Duration:
        return Duration(-self.months, -self.days, -self.seconds)


Value: TypeAlias = Union[  # noqa: UP007 - a recursive alias must be a Union evaluated at runtime
    bool, int, float, str, dt.date, dt.datetime, Duration, Link, list["Value"], Mapping[str, "Value"], None
]


def to_plain(value: Value) -> object:
    """JSON-able data: links become their path, dates ISO strings, durations ISO 8601 durations."""
    if isinstance(value, Link):
        return value.path
    if isinstance(value, dt.date):
        return value.isoformat()
    if isinstance(value, Duration):
        return duration_iso(value)
    if isinstance(value, list):
        return [to_plain(item) for item in value]
    if isinstance(value, Mapping):
        return {key: to_plain(item) for key, item in value.items()}
    return value


def to_text(value: Value) -> str:
    """One table cell: links as ``[[name]]``, lists joined with ", ", null as ""."""
    if value is None:
        return ""
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, Link):
        return f"[[{value.name}|{value.display}]]" if value.display else f"[[{value.name}]]"
    if isinstance(value, dt.datetime):
        return value.isoformat(sep=" ", timespec="seconds")
    if isinstance(value, dt.date):
        return value.isoformat()
    if isinstance(value, Duration):
        return duration_words(value)
    if isinstance(value, list):
        return ", ".join(to_text(item) for item in value)
    if isinstance(value, Mapping):
        return ", ".join(f"{key}: {to_text(item)}" for key, item in value.items())
    return str(value)


def _parts(duration: Duration) -> list[tuple[str, float]]:
    """Its (unit, amount) parts from years down to seconds, zeros left out."""
    years, months = divmod(abs(duration.months), 12)
    hours, rest = divmod(abs(duration.seconds), 3600)
    minutes, seconds = divmod(rest, 60)
    parts = [
        ("year", years),
        ("month", months),
        ("day", abs(duration.days)),
        ("hour", hours),
        ("minute", minutes),
        ("second", seconds),
    ]
    return [(unit, amount) for unit, amount in parts if amount]


def _negative(duration: Duration) -> bool:
    # Mixed signs only come from adding durations of opposite signs; the sum's sign is its length's.
    return duration.approximate_seconds < 0


def _number(amount: float) -> str:
    return str(int(amount)) if float(amount).is_integer() else f"{amount:g}"


def duration_iso(duration: Duration) -> str:
    """ISO 8601, as in ``P1Y2M3DT4H5M6S``; ``PT0S`` when empty, a leading ``-`` when negative."""
    parts = dict(_parts(duration))
    date = "".join(f"{_number(parts[unit])}{code}" for unit, code in _DATE_CODES if unit in parts)
    time = "".join(f"{_number(parts[unit])}{code}" for unit, code in _TIME_CODES if unit in parts)
    text = "P" + date + (f"T{time}" if time else "") if parts else "PT0S"
    return "-" + text if _negative(duration) else text


_DATE_CODES = (("year", "Y"), ("month", "M"), ("day", "D"))
_TIME_CODES = (("hour", "H"), ("minute", "M"), ("second", "S"))


def duration_words(duration: Duration) -> str:
    """In words, largest unit first: ``dur("1 week")`` is ``7 days``."""
    parts = _parts(duration)
    if not parts:
        return "0 seconds"
    words = ", ".join(f"{_number(amount)} {unit}{'' if amount == 1 else 's'}" for unit, amount in parts)
    return "-" + words if _negative(duration) else words
