"""What the operators do to values.

Arithmetic with null gives null (a missing field spreads instead of failing); so do a division
by zero and a date moved beyond the calendar (past year 9999). Comparisons follow the order in
:mod:`.order`. Operands of types an operator has no meaning for (a date times a string) are a
:class:`QueryError`.
"""

from __future__ import annotations

import datetime as dt
import operator
from collections.abc import Callable, Mapping
from typing import Any

from .errors import QueryError
from .order import sort_key
from .temporal import between, shift
from .values import Duration, Link, Value, to_text

_COMPARE: dict[str, Callable[[Any, Any], bool]] = {
    "=": operator.eq,
    "!=": operator.ne,
    "<": operator.lt,
    "<=": operator.le,
    ">": operator.gt,
    ">=": operator.ge,
}


def truthy(value: Value) -> bool:
    """As in Dataview: null, false, 0, "" and empty lists and objects are false."""
    if isinstance(value, list | str | Mapping):
        return len(value) > 0
    if isinstance(value, Duration):
        return value.approximate_seconds != 0
    if isinstance(value, dt.date | Link):
        return True
    return bool(value)


def _is_number(value: Value) -> bool:
    return isinstance(value, int | float) and not isinstance(value, bool)


def binary(op: str, left: Value, right: Value) -> Value:
    """``left op right`` for comparisons and arithmetic (``and``/``or`` short-circuit elsewhere)."""
    if op in _COMPARE:
        return _COMPARE[op](sort_key(left), sort_key(right))
    if left is None or right is None:
        return None
    return _arithmetic(op, left, right)


def _arithmetic(op: str, left: Value, right: Value) -> Value:
    if (
        isinstance(left, int | float)
        and isinstance(right, int | float)
        and _is_number(left)
        and _is_number(right)
    ):
        return _numbers(op, left, right)
    if op == "+" and (isinstance(left, str) or isinstance(right, str)):
        return to_text(left) + to_text(right)
    if op == "+" and isinstance(left, list) and isinstance(right, list):
        return left + right
    if isinstance(left, dt.date) and isinstance(right, Duration) and op in ("+", "-"):
        return shift(left, right if op == "+" else -right)
    if isinstance(left, Duration) and isinstance(right, dt.date) and op == "+":
        return shift(right, left)
    if isinstance(left, dt.date) and isinstance(right, dt.date) and op == "-":
        return between(left, right)
    if isinstance(left, Duration) and isinstance(right, Duration) and op in ("+", "-"):
        sign = 1 if op == "+" else -1
        return Duration(
            left.months + sign * right.months,
            left.days + sign * right.days,
            left.seconds + sign * right.seconds,
        )
    if (
        isinstance(left, Duration)
        and _is_number(right)
        and isinstance(right, int | float)
        and op in ("*", "/")
    ):
        return None if op == "/" and right == 0 else _scale(left, right if op == "*" else 1 / right)
    if isinstance(right, Duration) and _is_number(left) and isinstance(left, int | float) and op == "*":
        return _scale(right, left)
    raise QueryError(f"can't compute {_describe(left)} {op} {_describe(right)}")


def _describe(value: Value) -> str:
    """A string quoted (so `"2" * 3` is not read as a number), anything else as in a table."""
    return repr(value) if isinstance(value, str) else to_text(value)


def _scale(duration: Duration, factor: float) -> Duration:
    """A whole multiple keeps months and days; any other is counted in seconds (30-day months)."""
    if isinstance(factor, int) or factor.is_integer():
        whole = int(factor)
        return Duration(duration.months * whole, duration.days * whole, duration.seconds * whole)
    return Duration(seconds=duration.approximate_seconds * factor)


def _numbers(op: str, left: float, right: float) -> Value:
    if op in ("/", "%") and right == 0:
        return None
    if op == "/":
        quotient = left / right
        both_whole = isinstance(left, int) and isinstance(right, int)
        return int(quotient) if both_whole and quotient.is_integer() else quotient
    result: float = {"+": operator.add, "-": operator.sub, "*": operator.mul, "%": operator.mod}[op](
        left, right
    )
    return result
