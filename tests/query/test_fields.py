"""The implicit file.* fields, and frontmatter keys as fields."""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from pathlib import Path

import pytest

from vaultgraph.query import Link, QueryResult, Value, parse_query, run_query
from vaultgraph.vault import Vault


def fields_of(run: Callable[[str], QueryResult], note: str, *fields: str) -> tuple[Value, ...]:
    result = run(f'TABLE WITHOUT ID {", ".join(fields)} FROM "{note}"')
    assert len(result.rows) == 1
    return result.rows[0]


def test_names_and_paths(run: Callable[[str], QueryResult]) -> None:
    assert fields_of(run, "projects/delta", "file.name", "file.path", "file.folder", "file.link") == (
        "delta",
        "projects/delta.md",
        "projects",
        Link("projects/delta.md"),
    )
    assert fields_of(run, "alpha", "file.folder") == ("",)


def test_size_and_times(run: Callable[[str], QueryResult], query_vault_path: Path) -> None:
    stat = (query_vault_path / "beta.md").stat()
    size, ctime, mtime = fields_of(run, "beta", "file.size", "file.ctime", "file.mtime")
    assert size == stat.st_size
    assert mtime == dt.datetime.fromtimestamp(stat.st_mtime).replace(microsecond=0)
    assert isinstance(ctime, dt.datetime)


def test_tags(run: Callable[[str], QueryResult]) -> None:
    assert fields_of(run, "beta", "file.tags", "file.etags") == (
        ["#ai", "#Research", "#Research/Reading"],  # with the parents of nested tags
        ["#ai", "#Research/Reading"],
    )
    assert fields_of(run, "projects/delta", "file.tags") == (["#ai", "#ai/agents", "#ai/agents/planning"],)
    assert fields_of(run, "misc/mu", "file.tags", "file.etags") == ([], [])


def test_links_and_degrees(run: Callable[[str], QueryResult]) -> None:
    inlinks, outlinks, indegree, outdegree = fields_of(
        run, "alpha", "file.inlinks", "file.outlinks", "file.indegree", "file.outdegree"
    )
    # Its link to itself is left out; eta's frontmatter `up` counts.
    assert inlinks == [
        Link("beta.md"),
        Link("projects/archive/eta.md"),
        Link("projects/archive/zeta.md"),
        Link("projects/delta.md"),
    ]
    assert outlinks == [Link("beta.md"), Link("gamma.md")]
    assert (indegree, outdegree) == (4, 2)
    # gamma's link to missing-note leads to no note.
    assert fields_of(run, "gamma", "file.outlinks", "file.outdegree") == ([Link("projects/delta.md")], 1)


def test_aliases_and_frontmatter(run: Callable[[str], QueryResult]) -> None:
    assert fields_of(run, "alpha", "file.aliases") == (["First"],)
    assert fields_of(run, "people/bob", "file.aliases", "file.frontmatter") == (
        [],
        {"type": "person", "role": "engineer", "tags": ["person"]},
    )


def test_keys_match_exactly_else_ignoring_case(run: Callable[[str], QueryResult]) -> None:
    assert fields_of(run, "people/ann", "Role", "role", "ROLE") == ("lead", "lead", "lead")
    assert fields_of(run, "people/bob", "role", "Role") == ("engineer", "engineer")


def test_pagerank(run: Callable[[str], QueryResult]) -> None:
    result = run("TABLE WITHOUT ID file.name, round(file.pagerank, 3) SORT file.pagerank DESC LIMIT 3")
    # delta is linked from gamma, ann and epsilon; alpha from four notes, but they pass on less.
    assert [row[0] for row in result.rows] == ["delta", "alpha", "beta"]
    total = run("TABLE WITHOUT ID file.pagerank").rows
    assert sum(row[0] for row in total if isinstance(row[0], float)) == pytest.approx(1.0)


def test_pagerank_is_computed_only_when_asked_for(fresh_query_vault: Vault) -> None:
    vault = fresh_query_vault
    run_query(vault, parse_query("TABLE file.inlinks, file.indegree WHERE file.name"))
    assert "graph" not in vault.__dict__  # the graph (a cached_property) was never built
    run_query(vault, parse_query("TABLE file.pagerank"))
    assert "graph" in vault.__dict__
