"""``vault query``: a subset of Obsidian Dataview's query language (DQL) over a vault.

>>> from vaultgraph.query import parse_query, run_query, to_text
>>> result = run_query(vault, parse_query('TABLE score FROM #ai WHERE score > 0.5'))  # doctest: +SKIP
>>> result.columns                                                                    # doctest: +SKIP
('File', 'score')

:func:`parse_query` reads the text (a :class:`QuerySyntaxError` points at the problem),
:func:`run_query` computes a :class:`QueryResult` (a :class:`QueryError` when a value can't be
computed), and :func:`to_plain` and :func:`to_text` write its values as JSON data or cell text.
How values of different types order is in :mod:`vaultgraph.query.order`.
"""

from __future__ import annotations

from .engine import QueryResult, run_query
from .errors import QueryError, QuerySyntaxError
from .parser import parse_query
from .syntax import Query
from .values import Duration, Link, Value, to_plain, to_text

__all__ = [
    "Duration",
    "Link",
    "Query",
    "QueryError",
    "QueryResult",
    "QuerySyntaxError",
    "Value",
    "parse_query",
    "run_query",
    "to_plain",
    "to_text",
]
