"""Values written out (to_plain, to_text), the order of mixed types, and reading durations."""

from __future__ import annotations

import datetime as dt
import json

import pytest

from vaultgraph.query import Duration, Link, Value, to_plain, to_text
from vaultgraph.query.order import equals, sort_key
from vaultgraph.query.temporal import parse_date, parse_duration
from vaultgraph.query.values import duration_iso


def test_to_plain_is_json_data() -> None:
    value: Value = [
        None,
        True,
        1,
        2.5,
        "s",
        dt.date(2025, 1, 20),
        dt.datetime(2025, 1, 20, 10, 30),
        Duration(days=3),
        Link("a/b.md", "B"),
        {"k": [Link("c.md")]},
    ]
    plain = to_plain(value)
    assert plain == [
        None, True, 1, 2.5, "s", "2025-01-20", "2025-01-20T10:30:00", "P3D", "a/b.md", {"k": ["c.md"]},
    ]  # fmt: skip
    assert json.loads(json.dumps(plain)) == plain


@pytest.mark.parametrize(
    ("duration", "iso"),
    [
        (Duration(), "PT0S"),
        (Duration(days=3), "P3D"),
        (Duration(days=7), "P7D"),
        (Duration(months=14), "P1Y2M"),
        (Duration(seconds=7200), "PT2H"),
        (Duration(seconds=5400), "PT1H30M"),
        (Duration(days=1, seconds=43210.5), "P1DT12H10.5S"),
        (Duration(days=-50), "-P50D"),
        (Duration(months=1, days=2, seconds=3), "P1M2DT3S"),
    ],
)
def test_durations_in_iso_8601(duration: Duration, iso: str) -> None:
    assert duration_iso(duration) == iso


@pytest.mark.parametrize(
    ("value", "text"),
    [
        (None, ""),
        (True, "true"),
        (False, "false"),
        (3, "3"),
        (0.5, "0.5"),
        ("text", "text"),
        (Link("concepts/power-law.md"), "[[power-law]]"),
        (Link("people/ann.md", "Ann"), "[[ann|Ann]]"),
        (dt.date(2025, 1, 20), "2025-01-20"),
        (dt.datetime(2025, 1, 20, 10, 30, 15, 999), "2025-01-20 10:30:15"),
        (Duration(days=7), "7 days"),
        (Duration(days=1, seconds=3600), "1 day, 1 hour"),
        (Duration(), "0 seconds"),
        ([Link("a.md"), "b", None, 3], "[[a]], b, , 3"),
        ([], ""),
        ({"a": 1, "b": [1, 2]}, "a: 1, b: 1, 2"),
    ],
)
def test_to_text(value: Value, text: str) -> None:
    assert to_text(value) == text


def test_the_order_of_types() -> None:
    ordered: list[Value] = [
        None,
        False,
        True,
        -1,
        0.5,
        2,
        dt.date(2024, 12, 31),
        dt.datetime(2024, 12, 31, 12, 0),
        dt.date(2025, 1, 1),
        Duration(seconds=60),
        Duration(days=1),
        Duration(months=1),
        "",
        "apple",
        "Banana",
        "banana",
        Link("a.md"),
        Link("b.md"),
        [],
        [1],
        [1, 2],
        [2],
        {},
        {"a": 1},
    ]
    shuffled = list(reversed(ordered))
    assert sorted(shuffled, key=sort_key) == ordered


def test_equality() -> None:
    assert equals(1, 1.0)
    assert not equals(1, True)
    assert not equals("a", "A")
    assert equals(Link("a.md"), Link("a.md", "shown"))
    assert equals(dt.date(2025, 1, 1), dt.datetime(2025, 1, 1))
    assert equals(Duration(days=7), Duration(seconds=7 * 86400))
    assert equals(None, None)
    assert not equals(None, 0)


def test_dates_with_an_offset_compare_on_one_timeline() -> None:
    utc = dt.datetime(2025, 1, 1, 12, 0, tzinfo=dt.UTC)
    local = utc.astimezone().replace(tzinfo=None)
    assert equals(utc, local)


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("2025-01-20", dt.date(2025, 1, 20)),
        ("2025-01-20T10:30", dt.datetime(2025, 1, 20, 10, 30)),
        ("2025-01-20 10:30:05", dt.datetime(2025, 1, 20, 10, 30, 5)),
        (
            "2025-01-20T10:30:00+02:00",
            dt.datetime(2025, 1, 20, 10, 30, tzinfo=dt.timezone(dt.timedelta(hours=2))),
        ),
        ("20-01-2025", None),
        ("2025-1-2", None),
        ("2025-13-01", None),
        ("", None),
    ],
)
def test_parse_date(text: str, expected: dt.date | None) -> None:
    assert parse_date(text) == expected


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("1 second", Duration(seconds=1)),
        ("5 min", Duration(seconds=300)),
        ("2 wks", Duration(days=14)),
        ("1 yr", Duration(months=12)),
        ("1 mo", Duration(months=1)),
        ("1.5 days", Duration(days=1, seconds=43200)),
        ("3 DAYS", Duration(days=3)),
        ("", None),
        ("3", None),
        ("days", None),
        ("3 days and", None),
    ],
)
def test_parse_duration(text: str, expected: Duration | None) -> None:
    assert parse_duration(text) == expected
