"""Expressions: literals, fields, operators, nulls, dates and durations, evaluated on alpha.md."""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable

import pytest

from vaultgraph.query import Duration, Link, QueryError, QueryResult, Value


@pytest.mark.parametrize(
    ("expression", "expected"),
    [
        ("1", 1),
        ("2.5", 2.5),
        ('"a \\"quoted\\" word"', 'a "quoted" word'),
        ('"\\d+"', "\\d+"),  # an unknown escape keeps its backslash
        ("true", True),
        ("FALSE", False),
        ("null", None),
        ('[1, "two", null]', [1, "two", None]),
        ("[]", []),
        ("[[beta]]", Link("beta.md")),
        ("[[delta]]", Link("projects/delta.md")),
    ],
)
def test_literals(value: Callable[[str], Value], expression: str, expected: Value) -> None:
    assert value(expression) == expected


@pytest.mark.parametrize(
    ("expression", "expected"),
    [
        ("score", 0.9),
        ("title", "Alpha"),
        ("TITLE", "Alpha"),  # keys match exactly, else ignoring case
        ("created", dt.date(2025, 1, 10)),
        ("authors", ["Ann", "Bob"]),
        ("authors[0]", "Ann"),
        ("authors[-1]", "Bob"),
        ("authors[5]", None),
        ('file["name"]', "alpha"),
        ('row["score"]', 0.9),
        ("row.title", "Alpha"),
        ("nonexistent", None),
        ("nonexistent.deeper", None),
        ("created.year", 2025),
        ("created.month", 1),
        ("file.outlinks.file.name", ["beta", "gamma"]),  # a link reads the note it leads to
        ("[[delta]].owner", Link("people/ann.md", "Ann")),
        ("[[delta]].owner.role", "lead"),  # ann.md writes it `Role`
    ],
)
def test_fields(value: Callable[[str], Value], expression: str, expected: Value) -> None:
    assert value(expression) == expected


@pytest.mark.parametrize(
    ("expression", "expected"),
    [
        ("1 + 2 * 3", 7),
        ("(1 + 2) * 3", 9),
        ("7 / 2", 3.5),
        ("6 / 3", 2),
        ("7 % 3", 1),
        ("1 / 0", None),
        ("-score", -0.9),
        ("- -2", 2),
        ("10 - 2 - 3", 5),  # left to right
        ("score * 10", 9.0),
        ('"a" + "b"', "ab"),
        ('"n" + 1', "n1"),
        ("[1] + [2, 3]", [1, 2, 3]),
        ("missing + 1", None),  # null spreads through arithmetic
        ("-missing", None),
        ("missing * score", None),
    ],
)
def test_arithmetic(value: Callable[[str], Value], expression: str, expected: Value) -> None:
    assert value(expression) == expected


@pytest.mark.parametrize(
    ("expression", "expected"),
    [
        ("score > 0.5", True),
        ("score >= 0.9", True),
        ("score < 0.9", False),
        ("score != 0.9", False),
        ("1 = 1.0", True),
        ('"a" = "A"', False),
        ('"a" < "B"', True),  # strings compare ignoring case first
        ("null = null", True),
        ("missing = null", True),
        ("missing != null", False),
        ("missing < 0", True),  # null is less than anything (Dataview's order)
        ("missing > 0", False),
        ("true = 1", False),  # a boolean is not a number
        ('1 < "1"', True),  # numbers before strings
        ("[[beta]] = [[beta|B]]", True),  # links are equal by path
        ("file.link = [[alpha]]", True),
        ("[1, 2] = [1, 2]", True),
        ("[1, 2] < [1, 3]", True),
        ("!true", False),
        ("!missing", True),
        ("!0", True),
        ('!""', True),
        ("![]", True),
        ("true and false", False),
        ("true & 1", True),
        ("false or 0", False),
        ("false | 2", True),
        ("1 < 2 and 2 < 3", True),
        ("missing or score > 0.5", True),
    ],
)
def test_comparisons_and_logic(value: Callable[[str], Value], expression: str, expected: Value) -> None:
    assert value(expression) == expected


@pytest.mark.parametrize(
    ("expression", "expected"),
    [
        ('date("2025-01-20")', dt.date(2025, 1, 20)),
        ('date("2025-01-20T10:30")', dt.datetime(2025, 1, 20, 10, 30)),
        ('date("2025-01-20T10:30:00Z")', dt.datetime(2025, 1, 20, 10, 30, tzinfo=dt.UTC)),
        ('date("2025-02-30")', None),
        ('date("soon")', None),
        ("date(created)", dt.date(2025, 1, 10)),
        ("date(missing)", None),
        ('dur("3 days")', Duration(days=3)),
        ('dur("1 week")', Duration(days=7)),
        ('dur("2 hours")', Duration(seconds=7200)),
        ('dur("1 year 2 months")', Duration(months=14)),
        ('dur("1d, 12h")', Duration(days=1, seconds=43200)),
        ('dur("1.5 hours")', Duration(seconds=5400)),
        ('dur("30 mins 10 s")', Duration(seconds=1810)),
        ('dur("three days")', None),
        ('dur("3 fortnights")', None),
        ('created + dur("3 days")', dt.date(2025, 1, 13)),
        ('created - dur("1 week")', dt.date(2025, 1, 3)),
        ('dur("1 month") + created', dt.date(2025, 2, 10)),
        ('date("2025-01-31") + dur("1 month")', dt.date(2025, 2, 28)),  # the month's last day
        ('date("2024-01-31") + dur("1 month")', dt.date(2024, 2, 29)),
        ('created + dur("2 hours")', dt.datetime(2025, 1, 10, 2, 0)),  # a time makes a datetime
        ('date("2025-03-01") - created', Duration(days=50)),
        ('created - date("2025-03-01")', Duration(days=-50)),
        ('date("2025-01-11T06:00") - created', Duration(days=1, seconds=21600)),
        ('dur("1 day") + dur("2 hours")', Duration(days=1, seconds=7200)),
        ('dur("3 days") - dur("1 day")', Duration(days=2)),
        ('dur("1 day") * 3', Duration(days=3)),
        ('2 * dur("1 week")', Duration(days=14)),
        ('dur("1 day") / 2', Duration(seconds=43200)),
        ('-dur("1 day")', Duration(days=-1)),
        ('created < date("2025-01-11")', True),
        ('created = date("2025-01-10T00:00")', True),  # a date is its midnight
        ('date("2025-03-01") - created > dur("7 weeks")', True),  # 50 days > 49
        ('dur("1 month") > dur("29 days")', True),  # a month counts as 30 days
        ("created + missing", None),
        ('date("9999-12-31") + dur("1 day")', None),
        ('date("0001-01-01") - dur("1 month")', None),
        ('missing - dur("1 day")', None),
    ],
)
def test_dates_and_durations(value: Callable[[str], Value], expression: str, expected: Value) -> None:
    assert value(expression) == expected


def test_today_and_now(value: Callable[[str], Value]) -> None:
    today = dt.date.today()
    assert value("date(today)") == today
    assert value("date(TODAY)") == today
    assert value('date("today")') == today
    assert value("date(tomorrow) - date(yesterday)") == Duration(days=2)
    now = value("date(now)")
    assert isinstance(now, dt.datetime)
    assert abs(now - dt.datetime.now()) < dt.timedelta(minutes=1)


def test_frontmatter_values_as_dataview_reads_them(run: Callable[[str], QueryResult]) -> None:
    result = run('TABLE up, reviewed, created FROM "projects" SORT file.name')
    by_name = {row[0].name: row[1:] for row in result.rows if isinstance(row[0], Link)}
    # A string that is one wikilink is a link (resolved), an ISO date string is a date, and a
    # YAML datetime stays a datetime.
    assert by_name["eta"] == (Link("alpha.md"), dt.date(2025, 1, 15), None)
    assert by_name["delta"][2] == dt.datetime(2025, 1, 20, 10, 30)


@pytest.mark.parametrize(
    ("expression", "message"),
    [
        ('created + "x" * 2', "can't compute 'x' * 2"),
        ("created * 2", "can't compute 2025-01-10 * 2"),
        ('-"text"', "can't negate 'text'"),
        ("length(3)", "length() can't take number 3"),
        ("lower(1)", "lower() can't take number 1"),
        (
            'regexmatch(title + "(", title)',
            "invalid regular expression 'Alpha(': missing ), unterminated subpattern",
        ),
    ],
)
def test_errors_while_computing(run: Callable[[str], QueryResult], expression: str, message: str) -> None:
    from vaultgraph.query import parse_query

    with pytest.raises(QueryError) as raised:
        run(f'TABLE {expression} FROM "alpha"')
    assert str(raised.value).startswith(message)
    assert parse_query(f"TABLE {expression}")  # the text itself is valid
