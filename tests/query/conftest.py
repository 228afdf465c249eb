"""The query tests share one load of tests/fixtures/query: queries only read a vault.

Its 15 notes, with the links that resolve to notes (a note's link to itself left out):

    alpha.md                  #ai/agents #research, score 0.9 -> beta, gamma
    beta.md                   #ai #Research/Reading, score 0.4 -> alpha
    gamma.md                  #ml, no score -> projects/delta (and missing-note)
    misc/iota, kappa, lambda, mu, nu, theta
                              scores [1, 2], null, 2025-01-01, true, [[beta]], "high"; nu -> beta
    people/ann.md             #person, `Role: lead` -> projects/delta
    people/bob.md             #person, `role: engineer`
    projects/archive/eta.md   score 0.65, `up: "[[alpha]]"` -> alpha
    projects/archive/zeta.md  #ai #archived, score 0.2 -> alpha
    projects/delta.md         #ai/agents/planning, score 0.7 -> alpha, projects/epsilon, people/ann
    projects/epsilon.md       no frontmatter, #project -> projects/delta
"""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

import pytest

import vaultgraph
from vaultgraph.query import Link, QueryResult, Value, parse_query, run_query, to_text
from vaultgraph.vault import Vault

QUERY_VAULT = Path(__file__).parent.parent / "fixtures" / "query"


@pytest.fixture(scope="session")
def query_vault_path() -> Path:
    return QUERY_VAULT


@pytest.fixture
def fresh_query_vault() -> Vault:
    """A vault of its own, for a test that looks at what a query computed on it."""
    return vaultgraph.load(QUERY_VAULT, use_cache=False)  # without the cache: writes nothing


@pytest.fixture(scope="session")
def query_vault() -> Vault:
    return vaultgraph.load(QUERY_VAULT, use_cache=False)


@pytest.fixture
def run(query_vault: Vault) -> Callable[[str], QueryResult]:
    def run(text: str) -> QueryResult:
        return run_query(query_vault, parse_query(text))

    return run


@pytest.fixture
def names(run: Callable[[str], QueryResult]) -> Callable[[str], list[str]]:
    """The names of the notes (the first column) a query lists, in order."""

    def names(text: str) -> list[str]:
        found = []
        for row in run(text).rows:
            assert isinstance(row[0], Link)
            found.append(row[0].name)
        return found

    return names


@pytest.fixture
def value(run: Callable[[str], QueryResult]) -> Callable[[str], Value]:
    """What an expression gives for alpha.md."""

    def value(expression: str) -> Value:
        result = run(f'TABLE WITHOUT ID {expression} FROM "alpha"')
        assert len(result.rows) == 1
        return result.rows[0][0]

    return value


@pytest.fixture
def cells(run: Callable[[str], QueryResult]) -> Callable[[str], list[list[str]]]:
    """A query's rows as the text of their cells."""

    def cells(text: str) -> list[list[str]]:
        return [[to_text(cell) for cell in row] for row in run(text).rows]

    return cells
