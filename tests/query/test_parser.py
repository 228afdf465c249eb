"""Reading queries: what the parser builds, and where a syntax error points."""

from __future__ import annotations

import pytest

from vaultgraph.query import QuerySyntaxError, parse_query
from vaultgraph.query.syntax import (
    Binary,
    BothSources,
    Call,
    Column,
    EitherSource,
    Flatten,
    FolderSource,
    GroupBy,
    Index,
    Limit,
    LinkedFrom,
    LinkExpr,
    LinksTo,
    ListExpr,
    Literal,
    Member,
    Name,
    NotSource,
    Query,
    Sort,
    SortKey,
    TagSource,
    Unary,
    Where,
)


def test_a_whole_query() -> None:
    query = parse_query(
        'table without id file.link as "Note", round(score, 2) '
        'from #ai and -"archive" or [[alpha]] '
        "where score > 0.5 and !done sort score desc, file.name limit 3"
    )
    assert query == Query(
        kind="table",
        with_id=False,
        columns=(
            Column(Member(Name("file"), "link"), "Note"),
            Column(Call("round", (Name("score"), Literal(2))), "round(score, 2)"),
        ),
        source=EitherSource(
            BothSources(TagSource("ai"), NotSource(FolderSource("archive"))), LinksTo("alpha")
        ),
        clauses=(
            Where(Binary("and", Binary(">", Name("score"), Literal(0.5)), Unary("!", Name("done")))),
            Sort((SortKey(Name("score"), True), SortKey(Member(Name("file"), "name"), False))),
            Limit(3),
        ),
    )


def test_list_group_flatten_and_outgoing() -> None:
    query = parse_query("LIST rows.file.name FROM outgoing([[a|b]]) FLATTEN tags AS t GROUP BY t")
    assert query.columns == (Column(Member(Member(Name("rows"), "file"), "name"), "rows.file.name"),)
    assert query.source == LinkedFrom("a")
    assert query.clauses == (Flatten(Name("tags"), "t"), GroupBy(Name("t"), "t"))


def test_precedence() -> None:
    expr = parse_query("LIST WHERE a or b and c = 1 + 2 * -x").clauses[0]
    assert expr == Where(
        Binary(
            "or",
            Name("a"),
            Binary(
                "and",
                Name("b"),
                Binary(
                    "=", Name("c"), Binary("+", Literal(1), Binary("*", Literal(2), Unary("-", Name("x"))))
                ),
            ),
        )
    )


def test_names_may_hold_dashes_and_underscores() -> None:
    query = parse_query('TABLE novelty_score, date-added, a - b, x["key"], [[n]], [1, null]')
    assert [column.expr for column in query.columns] == [
        Name("novelty_score"),
        Name("date-added"),
        Binary("-", Name("a"), Name("b")),
        Index(Name("x"), Literal("key")),
        LinkExpr("n"),
        ListExpr((Literal(1), Literal(None))),
    ]


def test_date_words_are_not_fields() -> None:
    assert parse_query("LIST date(today)").columns[0].expr == Call("date", (Literal("today"),))
    assert parse_query("LIST date(today.x)").columns[0].expr == Call("date", (Member(Name("today"), "x"),))


def test_a_multi_line_query() -> None:
    query = parse_query("TABLE score\nFROM #ai\nWHERE score > 0.5\n")
    assert query.source == TagSource("ai")


@pytest.mark.parametrize(
    ("text", "message", "column"),
    [
        ("", "a query starts with LIST or TABLE, found the end of the query", 1),
        ("SELECT * FROM x", "a query starts with LIST or TABLE, found 'SELECT'", 1),
        ("LIST WHERE", "expected an expression after WHERE, found the end of the query", 11),
        ("LIST WHERE SORT x", "expected an expression after WHERE, found 'SORT'", 12),
        ('LIST WHERE name = "abc', "unterminated string: no closing '\"'", 19),
        ("LIST WHERE a @ b", "unexpected character '@'", 14),
        ("LIST WHERE (a = 1", "expected ')' to close '(', found the end of the query", 18),
        ("LIST WHERE foo(a)", "unknown function 'foo'", 12),
        ("LIST WHERE length(a, b)", "length() takes 1 argument, not 2", 12),
        ("LIST WHERE round()", "round() takes 1 or 2 arguments, not 0", 12),
        ("LIST LIMIT ten", "expected a whole number after LIMIT, found 'ten'", 12),
        ("LIST LIMIT 2.5", "expected a whole number after LIMIT, found '2.5'", 12),
        (
            "LIST FROM",
            'expected a #tag, "folder", [[link]] or outgoing([[link]]), found the end of the query',
            10,
        ),
        (
            "LIST FROM #a and",
            'expected a #tag, "folder", [[link]] or outgoing([[link]]), found the end of the query',
            17,
        ),
        ("LIST FROM (#a or #b", "expected ')' to close the '(' of a source, found the end of the query", 20),
        ("LIST FROM outgoing(#a)", "outgoing() takes a [[link]], found '#a'", 20),
        ("LIST FROM [[alpha", "unterminated link: no closing ']]'", 11),
        ("LIST WHERE x FROM #a", "FROM must come right after LIST or TABLE and its columns", 14),
        ("LIST FROM #a #b", "expected WHERE, SORT, LIMIT, GROUP BY or FLATTEN, found '#b'", 14),
        ("TABLE a b", "expected WHERE, SORT, LIMIT, GROUP BY or FLATTEN, found 'b'", 9),
        ("TABLE a,", "expected an expression after ',', found the end of the query", 9),
        ("TABLE a AS", 'expected a name or a "quoted name" after AS, found the end of the query', 11),
        ("TABLE WITHOUT ID", "TABLE WITHOUT ID needs at least one column", 17),
        ("TABLE WITHOUT a", "expected ID after WITHOUT, found 'a'", 15),
        ("LIST GROUP x", "expected BY after GROUP, found 'x'", 12),
        ('LIST FLATTEN x AS "y"', "expected a name after AS, found '\"y\"'", 19),
        ("LIST WHERE a.1", "expected a field name after '.', found '1'", 14),
        ("LIST WHERE [1, 2", "expected ']' after the last item, found the end of the query", 17),
        ("LIST WHERE x and", "expected a value, a field or a function call, found the end of the query", 17),
        ("LIST WHERE = 1", "expected a value, a field or a function call, found '='", 12),
        (
            'LIST WHERE regexmatch("[a-", x)',
            "invalid regular expression '[a-': unterminated character set",
            23,
        ),
    ],
)
def test_syntax_errors_point_at_the_problem(text: str, message: str, column: int) -> None:
    with pytest.raises(QuerySyntaxError) as raised:
        parse_query(text)
    assert str(raised.value).startswith(message)
    assert raised.value.column == column
    assert isinstance(raised.value, ValueError)


def test_pointer() -> None:
    with pytest.raises(QuerySyntaxError) as raised:
        parse_query("LIST WHERE")
    assert raised.value.message == "expected an expression after WHERE, found the end of the query"
    assert raised.value.pointer() == "LIST WHERE\n          ^"


def test_pointer_in_a_multi_line_query() -> None:
    with pytest.raises(QuerySyntaxError) as raised:
        parse_query("TABLE score\nFROM #ai\nWHERE score >")
    assert raised.value.column == 35
    assert raised.value.pointer() == "WHERE score >\n             ^"


def test_nothing_is_evaluated_as_python() -> None:
    with pytest.raises(QuerySyntaxError, match="unknown function '__import__'"):
        parse_query('LIST WHERE __import__("os")')
