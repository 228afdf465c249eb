"""A parsed query: expressions, FROM sources and clauses, as frozen dataclasses."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Literal as TypingLiteral
from typing import TypeAlias, Union

Scalar: TypeAlias = bool | int | float | str | None


@dataclass(frozen=True, slots=True)
class Literal:
    value: Scalar


@dataclass(frozen=True, slots=True)
class ListExpr:
    items: tuple[Expr, ...]


@dataclass(frozen=True, slots=True)
class LinkExpr:
    """``[[target]]`` in an expression: resolved against the vault when evaluated."""

    target: str


@dataclass(frozen=True, slots=True)
class Name:
    name: str


@dataclass(frozen=True, slots=True)
class Member:
    """``subject.name``."""

    subject: Expr
    name: str


@dataclass(frozen=True, slots=True)
class Index:
    """``subject[index]``: a key of an object, or a position in a list."""

    subject: Expr
    index: Expr


@dataclass(frozen=True, slots=True)
class Unary:
    op: str  # "!" or "-"
    operand: Expr


@dataclass(frozen=True, slots=True)
class Binary:
    op: str  # "and", "or", a comparison or an arithmetic symbol
    left: Expr
    right: Expr


@dataclass(frozen=True, slots=True)
class Call:
    function: str  # lower case
    args: tuple[Expr, ...]


Expr: TypeAlias = Union[Literal, ListExpr, LinkExpr, Name, Member, Index, Unary, Binary, Call]  # noqa: UP007


@dataclass(frozen=True, slots=True)
class TagSource:
    tag: str  # without "#"


@dataclass(frozen=True, slots=True)
class FolderSource:
    folder: str


@dataclass(frozen=True, slots=True)
class LinksTo:
    """``[[target]]``: the notes that link to it."""

    target: str


@dataclass(frozen=True, slots=True)
class LinkedFrom:
    """``outgoing([[target]])``: the notes it links to."""

    target: str


@dataclass(frozen=True, slots=True)
class NotSource:
    operand: Source


@dataclass(frozen=True, slots=True)
class BothSources:
    left: Source
    right: Source


@dataclass(frozen=True, slots=True)
class EitherSource:
    left: Source
    right: Source


Source: TypeAlias = Union[  # noqa: UP007
    TagSource, FolderSource, LinksTo, LinkedFrom, NotSource, BothSources, EitherSource
]


@dataclass(frozen=True, slots=True)
class Column:
    expr: Expr
    name: str  # its AS name, else its text as written


@dataclass(frozen=True, slots=True)
class Where:
    expr: Expr


@dataclass(frozen=True, slots=True)
class SortKey:
    expr: Expr
    descending: bool


@dataclass(frozen=True, slots=True)
class Sort:
    keys: tuple[SortKey, ...]


@dataclass(frozen=True, slots=True)
class Limit:
    count: int


@dataclass(frozen=True, slots=True)
class GroupBy:
    expr: Expr
    name: str  # the key column's header: the expression's AS name, else its text


@dataclass(frozen=True, slots=True)
class Flatten:
    expr: Expr
    name: str  # the field each row gets: its AS name, else the expression's text


Clause: TypeAlias = Union[Where, Sort, Limit, GroupBy, Flatten]  # noqa: UP007


@dataclass(frozen=True, slots=True)
class Query:
    kind: TypingLiteral["list", "table"]
    with_id: bool  # False after WITHOUT ID
    columns: tuple[Column, ...]  # a LIST has at most one
    source: Source | None  # None: every note
    clauses: tuple[Clause, ...]  # in the order written, which is the order they apply in
