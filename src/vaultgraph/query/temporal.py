"""Dates and durations: reading them from text, and their arithmetic."""

from __future__ import annotations

import calendar
import datetime as dt
import re

from .values import Duration

_ISO = re.compile(
    r"\d{4}-\d{2}-\d{2}"
    r"(?:[T ]\d{2}:\d{2}(?::\d{2}(?:[.,]\d+)?)?(?:Z|[+-]\d{2}(?::?\d{2})?)?)?"
)
_DURATION_PART = re.compile(r"\s*(\d+(?:\.\d+)?)\s*([a-z]+)\s*,?", re.IGNORECASE)
# Each unit as (months, days, seconds) per one of it.
_UNITS: dict[str, tuple[int, int, int]] = {
    **dict.fromkeys(("y", "yr", "yrs", "year", "years"), (12, 0, 0)),
    **dict.fromkeys(("mo", "month", "months"), (1, 0, 0)),
    **dict.fromkeys(("w", "wk", "wks", "week", "weeks"), (0, 7, 0)),
    **dict.fromkeys(("d", "day", "days"), (0, 1, 0)),
    **dict.fromkeys(("h", "hr", "hrs", "hour", "hours"), (0, 0, 3600)),
    **dict.fromkeys(("m", "min", "mins", "minute", "minutes"), (0, 0, 60)),
    **dict.fromkeys(("s", "sec", "secs", "second", "seconds"), (0, 0, 1)),
}


def looks_like_date(text: str) -> bool:
    return _ISO.fullmatch(text) is not None


def parse_date(text: str) -> dt.date | None:
    """``2025-01-20`` as a date, an ISO datetime (``2025-01-20T10:30``, with or without an
    offset) as a datetime; anything else is None, as Dataview's ``date()`` gives null."""
    text = text.strip()
    if not looks_like_date(text):
        return None
    try:
        if len(text) == 10:
            return dt.date.fromisoformat(text)
        return dt.datetime.fromisoformat(text)
    except ValueError:  # well-formed but impossible, such as 2025-02-30
        return None


def parse_duration(text: str) -> Duration | None:
    """``3 days``, ``1 week``, ``2 hours 30 minutes``, ``1.5h``; None when it is not one."""
    months = days = 0
    seconds = 0.0
    position, text = 0, text.strip()
    while position < len(text):
        match = _DURATION_PART.match(text, position)
        unit = _UNITS.get(match.group(2).lower()) if match else None
        if match is None or unit is None:
            return None
        amount = float(match.group(1))
        whole = int(amount)
        months += whole * unit[0]
        days += whole * unit[1]
        # A fraction of a month or day is counted in seconds (a month as 30 days).
        seconds += amount * unit[2] + (amount - whole) * (unit[0] * 30 + unit[1]) * 86400
        position = match.end()
    return Duration(months, days, seconds) if position else None


def as_datetime(value: dt.date) -> dt.datetime:
    """A date at midnight, or a datetime in local time without its offset: so any two compare."""
    if not isinstance(value, dt.datetime):
        return dt.datetime.combine(value, dt.time())
    return value.astimezone().replace(tzinfo=None) if value.tzinfo is not None else value


def shift(value: dt.date, duration: Duration) -> dt.date | None:
    """``value + duration``: months by the calendar (Jan 31 + 1 month is Feb 28 or 29), then days,
    then seconds (which make a date a datetime); None beyond the years 1 to 9999."""
    try:
        return _shift(value, duration)
    except (OverflowError, ValueError):
        return None


def _shift(value: dt.date, duration: Duration) -> dt.date:
    month_index = value.month - 1 + duration.months
    year, month = value.year + month_index // 12, month_index % 12 + 1
    moved = value.replace(year=year, month=month, day=min(value.day, calendar.monthrange(year, month)[1]))
    moved = moved + dt.timedelta(days=duration.days)
    if duration.seconds:
        moved = (moved if isinstance(moved, dt.datetime) else as_datetime(moved)) + dt.timedelta(
            seconds=duration.seconds
        )
    return moved


def between(later: dt.date, earlier: dt.date) -> Duration:
    """``later - earlier``: whole days between dates, days and seconds between datetimes."""
    if not isinstance(later, dt.datetime) and not isinstance(earlier, dt.datetime):
        return Duration(days=(later - earlier).days)
    delta = as_datetime(later) - as_datetime(earlier)
    return Duration(days=delta.days, seconds=delta.seconds + delta.microseconds / 1e6)
