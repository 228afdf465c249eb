"""How values compare: one total order over every type, used by SORT, GROUP BY, ``=`` and ``<``.

Values of different types order by type, as in Dataview:

    null < booleans < numbers < dates < durations < strings < links < lists < objects

Within a type: false < true; numbers by value (an int equals the same float); dates and datetimes
on one timeline (a date is its midnight, a datetime with an offset is taken in local time);
durations by length with a 30-day month; strings ignoring case first, then by code point (so
"apple" < "Banana" < "banana", and "a" = "A" is false); links by path; lists element by element,
a shorter prefix first; objects by their sorted (key, value) pairs.

As in Dataview, comparisons follow this order for every pair, so a missing field (null) is less
than any number: ``WHERE score < 5`` keeps notes without a score, ``WHERE score > 5`` does not.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Mapping

from .temporal import as_datetime
from .values import Duration, Link, Value

#: A key that orders as values do: (type rank, what orders values of that type).
SortKey = tuple[object, ...]


def sort_key(value: Value) -> SortKey:
    if value is None:
        return (0,)
    if isinstance(value, bool):
        return (1, value)
    if isinstance(value, int | float):
        return (2, value)
    if isinstance(value, dt.date):
        return (3, as_datetime(value))
    if isinstance(value, Duration):
        return (4, value.approximate_seconds)
    if isinstance(value, str):
        return (5, value.casefold(), value)
    if isinstance(value, Link):
        return (6, value.path)
    if isinstance(value, list):
        return (7, tuple(sort_key(item) for item in value))
    if isinstance(value, Mapping):
        return (8, tuple(sorted((key, sort_key(item)) for key, item in value.items())))
    raise TypeError(f"not a query value: {value!r}")


def equals(left: Value, right: Value) -> bool:
    return sort_key(left) == sort_key(right)
