"""LIST and TABLE, and WHERE, SORT, LIMIT, GROUP BY and FLATTEN in the order written."""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable

from vaultgraph.query import Link, QueryResult


def test_list(run: Callable[[str], QueryResult]) -> None:
    result = run('LIST FROM "people"')
    assert result.kind == "list"
    assert result.columns == ("File",)
    assert result.rows == ((Link("people/ann.md"),), (Link("people/bob.md"),))
    assert not result.grouped


def test_list_with_an_expression(run: Callable[[str], QueryResult]) -> None:
    result = run('LIST upper(type) FROM "people"')
    assert result.columns == ("File", "upper(type)")
    assert result.rows == ((Link("people/ann.md"), "PERSON"), (Link("people/bob.md"), "PERSON"))


def test_list_without_id(run: Callable[[str], QueryResult]) -> None:
    assert run('LIST WITHOUT ID file.name FROM "people"').rows == (("ann",), ("bob",))
    # With nothing else to show, the notes are listed after all.
    assert run('LIST WITHOUT ID FROM "people"').columns == ("File",)


def test_table_columns_named_by_their_text_or_as(run: Callable[[str], QueryResult]) -> None:
    result = run('TABLE score,  round(score*10) AS "Score x10", status as state FROM #ai/agents')
    assert result.kind == "table"
    assert result.columns == ("File", "score", "Score x10", "state")
    assert result.rows == (
        (Link("alpha.md"), 0.9, 9, "active"),
        (Link("projects/delta.md"), 0.7, 7, "active"),
    )


def test_table_without_id(run: Callable[[str], QueryResult]) -> None:
    result = run('TABLE WITHOUT ID file.name AS "Name", created FROM #ai/agents')
    assert result.columns == ("Name", "created")
    assert result.rows == (("alpha", dt.date(2025, 1, 10)), ("delta", dt.datetime(2025, 1, 20, 10, 30)))


def test_table_without_columns(run: Callable[[str], QueryResult]) -> None:
    result = run("TABLE FROM #ml")
    assert result.columns == ("File",)
    assert result.rows == ((Link("gamma.md"),),)


def test_where_with_nulls(names: Callable[[str], list[str]]) -> None:
    # Notes without a score (or with a null one) are not > 0.5; a string and a date are more
    # than any number, in the one order every comparison follows.
    assert names("LIST WHERE score > 0.5") == ["alpha", "iota", "lambda", "nu", "theta", "eta", "delta"]
    assert names('LIST WHERE score > 0.5 AND score < "a"') == ["alpha", "lambda", "eta", "delta"]
    # ...and they are less than any number, as in Dataview.
    assert names("LIST WHERE score < 0.3") == [
        "gamma", "kappa", "mu", "ann", "bob", "zeta", "epsilon",
    ]  # fmt: skip
    assert names("LIST WHERE score = null") == ["gamma", "kappa", "ann", "bob", "epsilon"]
    assert names("LIST WHERE score") == [  # truthy: not null, false, 0, "" or []
        "alpha", "beta", "iota", "lambda", "mu", "nu", "theta", "eta", "zeta", "delta",
    ]  # fmt: skip
    assert names("LIST WHERE !flag AND flag != null") == ["iota"]


def test_where_on_dates_and_durations(names: Callable[[str], list[str]]) -> None:
    assert names('LIST WHERE created >= date("2025-01-01")') == ["alpha", "beta", "delta"]
    assert names('LIST WHERE due - created > dur("5 weeks")') == ["delta"]  # 39 days and more
    # A missing due is null, less than any date: only delta's 2025-03-01 is not before it.
    assert "delta" not in names('LIST WHERE due < date("2025-03-01")')
    assert len(names('LIST WHERE due < date("2025-03-01")')) == 14
    assert names('LIST WHERE due AND due < date("2025-03-01")') == ["kappa"]
    assert names('LIST WHERE date(today) - created > dur("1 day") AND created < date("2025-01-01")') == [
        "gamma",
        "zeta",
    ]


def test_sort_of_mixed_types(names: Callable[[str], list[str]]) -> None:
    """null, booleans, numbers, dates, durations, strings, links, lists: ties keep path order."""
    ascending = [
        "gamma", "kappa", "ann", "bob", "epsilon",  # null (missing, or written null)
        "mu",  # true
        "zeta", "beta", "eta", "delta", "alpha",  # 0.2, 0.4, 0.65, 0.7, 0.9
        "lambda",  # 2025-01-01
        "theta",  # "high"
        "nu",  # [[beta]]
        "iota",  # [1, 2]
    ]  # fmt: skip
    assert names("LIST SORT score") == ascending
    assert names("LIST SORT score ASC") == ascending
    assert names("LIST SORT score DESC") == [
        "iota", "nu", "theta", "lambda", "alpha", "delta", "eta", "beta", "zeta", "mu",
        "gamma", "kappa", "ann", "bob", "epsilon",  # a stable sort: ties keep their order
    ]  # fmt: skip


def test_sort_by_several_keys(names: Callable[[str], list[str]]) -> None:
    assert names("LIST WHERE status SORT status DESC, file.name") == [
        "beta", "eta", "zeta", "alpha", "delta", "gamma",
    ]  # fmt: skip
    assert names("LIST WHERE status SORT status, score desc") == [
        "alpha", "delta", "gamma", "eta", "zeta", "beta",
    ]  # fmt: skip


def test_sort_strings_ignore_case_first(run: Callable[[str], QueryResult]) -> None:
    result = run('TABLE WITHOUT ID s FROM "alpha" FLATTEN ["b", "C", "B", "a"] AS s SORT s')
    assert result.rows == (("a",), ("B",), ("b",), ("C",))


def test_sort_by_a_list_element(names: Callable[[str], list[str]]) -> None:
    # First explicit tags: alpha #ai/agents, beta and zeta #ai, delta #ai/agents/planning, gamma
    # #ml, ann and bob #person, epsilon #project; the rest have none (null, last when DESC).
    assert names("LIST SORT file.etags[0] DESC, file.name") == [
        "epsilon", "ann", "bob", "gamma", "delta", "alpha", "beta", "zeta",
        "eta", "iota", "kappa", "lambda", "mu", "nu", "theta",
    ]  # fmt: skip


def test_sort_durations(names: Callable[[str], list[str]]) -> None:
    assert names('LIST WHERE created SORT date("2025-03-01") - created') == [
        "beta", "delta", "alpha", "gamma", "zeta",
    ]  # fmt: skip


def test_limit(names: Callable[[str], list[str]]) -> None:
    assert names("LIST SORT score DESC LIMIT 3") == ["iota", "nu", "theta"]
    assert names("LIST LIMIT 0") == []
    assert names("LIST FROM #ml LIMIT 10") == ["gamma"]


def test_clauses_apply_in_the_order_written(names: Callable[[str], list[str]]) -> None:
    assert names("LIST FROM #ai SORT score LIMIT 2") == ["zeta", "beta"]
    assert names("LIST FROM #ai LIMIT 2 SORT score") == ["beta", "alpha"]
    assert names('LIST WHERE score > 0.5 LIMIT 3 WHERE startswith(file.name, "l")') == ["lambda"]


def test_group_by(run: Callable[[str], QueryResult]) -> None:
    result = run("TABLE length(rows) AS count, rows.file.name WHERE status GROUP BY status")
    assert result.grouped
    assert result.columns == ("status", "count", "rows.file.name")
    assert result.rows == (
        ("active", 3, ["alpha", "gamma", "delta"]),
        ("done", 2, ["eta", "zeta"]),
        ("draft", 1, ["beta"]),
    )


def test_group_by_missing_values_groups_nulls_first(run: Callable[[str], QueryResult]) -> None:
    result = run('LIST rows.file.name FROM "people" or #ml GROUP BY type')
    assert result.columns == ("type", "rows.file.name")
    assert result.rows == ((None, ["gamma"]), ("person", ["ann", "bob"]))


def test_group_by_then_where_sort_and_key(run: Callable[[str], QueryResult]) -> None:
    result = run(
        "TABLE WITHOUT ID key AS folder, rows.score, length(rows) FROM #ai "
        "GROUP BY file.folder AS folder WHERE length(rows) > 0 SORT length(rows) DESC"
    )
    assert result.columns == ("folder", "rows.score", "length(rows)")
    assert result.rows == (
        ("", [0.9, 0.4], 2),
        ("projects", [0.7], 1),
        ("projects/archive", [0.2], 1),
    )


def test_group_by_list_with_group_column(run: Callable[[str], QueryResult]) -> None:
    result = run("LIST FROM #ai GROUP BY status")
    assert result.columns == ("status",)
    assert result.rows == (("active",), ("done",), ("draft",))


def test_flatten(run: Callable[[str], QueryResult]) -> None:
    result = run("TABLE authors FLATTEN authors WHERE authors")
    assert result.rows == ((Link("alpha.md"), "Ann"), (Link("alpha.md"), "Bob"))
    assert len(run("LIST FLATTEN authors").rows) == 16  # a value that is no list stays one row


def test_flatten_as_a_name_then_group(run: Callable[[str], QueryResult]) -> None:
    result = run("TABLE rows.file.name FROM #ai FLATTEN file.etags AS tag GROUP BY tag")
    assert result.columns == ("tag", "rows.file.name")
    assert result.rows == (
        ("#ai", ["beta", "zeta"]),
        ("#ai/agents", ["alpha"]),
        ("#ai/agents/planning", ["delta"]),
        ("#archived", ["zeta"]),
        ("#research", ["alpha"]),
        ("#Research/Reading", ["beta"]),
    )


def test_flatten_without_as_replaces_the_dotted_field(run: Callable[[str], QueryResult]) -> None:
    result = run("TABLE WITHOUT ID file.name, file.tags FROM #ai/agents/planning FLATTEN file.tags")
    assert result.rows == (("delta", "#ai"), ("delta", "#ai/agents"), ("delta", "#ai/agents/planning"))


def test_flatten_an_empty_list_drops_the_row(run: Callable[[str], QueryResult]) -> None:
    assert run("LIST FROM #person FLATTEN file.outlinks").rows == ((Link("people/ann.md"),),)


def test_flatten_a_computed_list(run: Callable[[str], QueryResult]) -> None:
    result = run('TABLE WITHOUT ID n * 2 FROM "alpha" FLATTEN [1, 2, 3] AS n')
    assert result.rows == ((2,), (4,), (6,))
