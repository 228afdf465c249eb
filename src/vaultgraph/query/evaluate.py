"""Evaluate an expression against one row's fields."""

from __future__ import annotations

import datetime as dt
from collections.abc import Mapping

from .errors import QueryError
from .functions import FUNCTIONS
from .operators import binary, truthy
from .pages import Pages
from .syntax import Binary, Call, Expr, LinkExpr, ListExpr, Literal, Member, Name, Unary
from .values import Duration, Link, Value

_DATE_PARTS = ("year", "month", "day", "hour", "minute", "second")


def lookup(fields: Mapping[str, Value], name: str) -> Value:
    """A field by its exact name, else by name ignoring case (as Dataview does); else null."""
    if name in fields:
        return fields[name]
    folded = name.casefold()
    for key in fields:
        if key.casefold() == folded:
            return fields[key]
    return None


def dotted(expr: Expr) -> str | None:
    """``a.b.c`` as text when ``expr`` is only names and dots: the field FLATTEN gives it."""
    if isinstance(expr, Name):
        return expr.name
    if isinstance(expr, Member) and (subject := dotted(expr.subject)) is not None:
        return f"{subject}.{expr.name}"
    return None


def evaluate(expr: Expr, fields: Mapping[str, Value], pages: Pages) -> Value:
    if isinstance(expr, Literal):
        return expr.value
    if isinstance(expr, Name):
        # `row` is the row itself, as in Dataview: row["where"] reads a field named like a keyword.
        return fields if expr.name == "row" and "row" not in fields else lookup(fields, expr.name)
    if isinstance(expr, Member):
        flattened = dotted(expr)
        if flattened is not None and flattened in fields:
            return fields[flattened]
        return member(evaluate(expr.subject, fields, pages), expr.name, pages)
    if isinstance(expr, Binary):
        return _binary(expr, fields, pages)
    if isinstance(expr, Unary):
        return _unary(expr.op, evaluate(expr.operand, fields, pages))
    if isinstance(expr, Call):
        args = [evaluate(arg, fields, pages) for arg in expr.args]
        return FUNCTIONS[expr.function].run(args, pages.now)
    if isinstance(expr, ListExpr):
        return [evaluate(item, fields, pages) for item in expr.items]
    if isinstance(expr, LinkExpr):
        return pages.link(expr.target)
    return _index(evaluate(expr.subject, fields, pages), evaluate(expr.index, fields, pages), pages)


def member(subject: Value, name: str, pages: Pages) -> Value:
    """``subject.name``. On a list it applies to each element, and lists it gives are joined into
    one (so ``rows.file.outlinks`` is every row's outlinks); on a link it reads the linked note."""
    if isinstance(subject, Mapping):
        return lookup(subject, name)
    if isinstance(subject, list):
        found: list[Value] = []
        for item in subject:
            value = member(item, name, pages)
            if isinstance(value, list):
                found.extend(value)
            else:
                found.append(value)
        return found
    if isinstance(subject, Link):
        page = pages.page(subject.path)
        return None if page is None else lookup(page, name)
    if isinstance(subject, dt.date) and name in _DATE_PARTS:
        return getattr(subject, name, 0)  # a date has no hour: 0
    return None


def _index(subject: Value, index: Value, pages: Pages) -> Value:
    if isinstance(index, str):
        return member(subject, index, pages)
    if isinstance(subject, list) and isinstance(index, int) and not isinstance(index, bool):
        return subject[index] if -len(subject) <= index < len(subject) else None
    return None


def _binary(expr: Binary, fields: Mapping[str, Value], pages: Pages) -> Value:
    left = evaluate(expr.left, fields, pages)
    if expr.op == "and":
        return truthy(left) and truthy(evaluate(expr.right, fields, pages))
    if expr.op == "or":
        return truthy(left) or truthy(evaluate(expr.right, fields, pages))
    return binary(expr.op, left, evaluate(expr.right, fields, pages))


def _unary(op: str, value: Value) -> Value:
    if op == "!":
        return not truthy(value)
    if value is None:
        return None
    if isinstance(value, Duration):
        return -value
    if isinstance(value, int | float) and not isinstance(value, bool):
        return -value
    raise QueryError(f"can't negate {value!r}")
