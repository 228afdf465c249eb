"""Run a parsed query over a vault: select the notes, apply the clauses in the order written,
and lay out the rows.

Rows start in path order. After GROUP BY each row is one group, in key order (see
:mod:`.order`): its fields are ``key`` and ``rows`` (the group's rows, so ``rows.score`` is the
list of their scores), and the first column shows the key under the group expression's text.
"""

from __future__ import annotations

from collections.abc import Iterator, Mapping
from dataclasses import dataclass
from typing import Literal

from ..vault import Vault
from .evaluate import evaluate
from .operators import truthy
from .order import SortKey, sort_key
from .pages import Pages
from .sources import select
from .syntax import Clause, Flatten, GroupBy, Limit, Query, Sort, Where
from .values import Value


@dataclass(frozen=True, slots=True)
class QueryResult:
    kind: Literal["list", "table"]
    columns: tuple[str, ...]
    rows: tuple[tuple[Value, ...], ...]
    grouped: bool = False  # True after GROUP BY: each row is a group, its key first


@dataclass(frozen=True, slots=True)
class _Row:
    id: Value  # the note's link, or the group's key
    fields: Mapping[str, Value]


class _Overlay(Mapping[str, Value]):
    """A row's fields with one more (or one replaced): what FLATTEN gives each of its rows."""

    def __init__(self, name: str, value: Value, base: Mapping[str, Value]) -> None:
        self._name = name
        self._value = value
        self._base = base

    def __getitem__(self, key: str) -> Value:
        return self._value if key == self._name else self._base[key]

    def __iter__(self) -> Iterator[str]:
        yield self._name
        yield from (key for key in self._base if key != self._name)

    def __len__(self) -> int:
        return len(self._base) + (self._name not in self._base)


def run_query(vault: Vault, query: Query) -> QueryResult:
    """The result of ``query`` over ``vault``; a QueryError when a value can't be computed."""
    pages = Pages(vault)
    rows = []
    for path in sorted(select(query.source, pages)):
        page = pages.page(path)
        assert page is not None  # select() only gives notes
        rows.append(_Row(page.link, page))
    id_name = "File"
    for clause in query.clauses:
        rows = _apply(clause, rows, pages)
        if isinstance(clause, GroupBy):
            id_name = clause.name
    columns = tuple(column.name for column in query.columns)
    with_id = query.with_id or not columns  # `LIST WITHOUT ID` alone still lists the notes
    return QueryResult(
        query.kind,
        ((id_name,) if with_id else ()) + columns,
        tuple(
            ((row.id,) if with_id else ())
            + tuple(evaluate(column.expr, row.fields, pages) for column in query.columns)
            for row in rows
        ),
        grouped=any(isinstance(clause, GroupBy) for clause in query.clauses),
    )


def _apply(clause: Clause, rows: list[_Row], pages: Pages) -> list[_Row]:
    if isinstance(clause, Where):
        return [row for row in rows if truthy(evaluate(clause.expr, row.fields, pages))]
    if isinstance(clause, Sort):
        return _sort(clause, rows, pages)
    if isinstance(clause, Limit):
        return rows[: clause.count]
    if isinstance(clause, Flatten):
        return [
            _Row(row.id, _Overlay(clause.name, item, row.fields))
            for row in rows
            for item in _items(evaluate(clause.expr, row.fields, pages))
        ]
    return _group(clause, rows, pages)


def _sort(clause: Sort, rows: list[_Row], pages: Pages) -> list[_Row]:
    keyed = [(row, [sort_key(evaluate(key.expr, row.fields, pages)) for key in clause.keys]) for row in rows]
    # Stable sorts from the last key to the first: the first key decides, later ones break ties.
    for position in reversed(range(len(clause.keys))):
        keyed.sort(key=lambda pair: pair[1][position], reverse=clause.keys[position].descending)
    return [row for row, _ in keyed]


def _items(value: Value) -> list[Value]:
    """What FLATTEN makes rows of: a list's elements (none for an empty list), else the value."""
    return value if isinstance(value, list) else [value]


def _group(clause: GroupBy, rows: list[_Row], pages: Pages) -> list[_Row]:
    groups: dict[SortKey, tuple[Value, list[Value]]] = {}
    for row in rows:
        key = evaluate(clause.expr, row.fields, pages)
        groups.setdefault(sort_key(key), (key, []))[1].append(row.fields)
    return [
        _Row(key, {"key": key, "rows": members})
        for _, (key, members) in sorted(groups.items(), key=lambda item: item[0])
    ]
