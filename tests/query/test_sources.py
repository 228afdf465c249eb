"""FROM: tags (nested), folders (and below), links in and out, and their combinations."""

from __future__ import annotations

from collections.abc import Callable

import pytest

ALL = [
    "alpha", "beta", "gamma", "iota", "kappa", "lambda", "mu", "nu", "theta",
    "ann", "bob", "eta", "zeta", "delta", "epsilon",
]  # fmt: skip


def test_without_from_every_note_in_path_order(names: Callable[[str], list[str]]) -> None:
    assert names("LIST") == ALL


@pytest.mark.parametrize(
    ("source", "expected"),
    [
        ("#ai", ["alpha", "beta", "zeta", "delta"]),  # #ai/agents and #ai/agents/planning count
        ("#ai/agents", ["alpha", "delta"]),
        ("#ai/agents/planning", ["delta"]),
        ("#AI/Agents", ["alpha", "delta"]),  # tags ignore case
        ("#research", ["alpha", "beta"]),  # beta's inline #Research/Reading
        ("#project", ["epsilon"]),  # an inline tag in a note without frontmatter
        ("#ai/agent", []),  # a prefix of a tag's name is not its parent
        ("#nothing", []),
    ],
)
def test_tags(names: Callable[[str], list[str]], source: str, expected: list[str]) -> None:
    assert names(f"LIST FROM {source}") == expected


@pytest.mark.parametrize(
    ("source", "expected"),
    [
        ('"projects"', ["eta", "zeta", "delta", "epsilon"]),  # the folder and below
        ('"projects/archive"', ["eta", "zeta"]),
        ('"projects/archive/"', ["eta", "zeta"]),
        ('"project"', []),  # not a prefix of a folder's name
        ('"projects/delta"', ["delta"]),  # a note's own path
        ('"projects/delta.md"', ["delta"]),
        ('""', ALL),
    ],
)
def test_folders(names: Callable[[str], list[str]], source: str, expected: list[str]) -> None:
    assert names(f"LIST FROM {source}") == expected


def test_notes_linking_to_a_note(names: Callable[[str], list[str]]) -> None:
    # Through body links and frontmatter links (eta's `up`); alpha's link to itself doesn't count.
    assert names("LIST FROM [[alpha]]") == ["beta", "eta", "zeta", "delta"]
    assert names("LIST FROM [[people/ann]]") == ["delta"]
    assert names("LIST FROM [[First]]") == []  # an alias doesn't make a link resolve
    assert names("LIST FROM [[missing-note]]") == []


def test_notes_a_note_links_to(names: Callable[[str], list[str]]) -> None:
    assert names("LIST FROM outgoing([[alpha]])") == ["beta", "gamma"]
    assert names("LIST FROM outgoing([[delta|the delta note]])") == ["alpha", "ann", "epsilon"]
    assert names("LIST FROM outgoing([[bob]])") == []


@pytest.mark.parametrize(
    ("source", "expected"),
    [
        ('#ai and -"projects"', ["alpha", "beta"]),
        ("#ml or #person", ["gamma", "ann", "bob"]),
        ('-#ai and -#person and -"misc"', ["gamma", "eta", "epsilon"]),
        ("(#ai or #ml) and -[[alpha]]", ["alpha", "gamma"]),
        ("#ai and (#research or [[gamma]])", ["alpha", "beta"]),
        ('"projects" and outgoing([[delta]])', ["epsilon"]),
        ("[[alpha]] or outgoing([[alpha]])", ["beta", "gamma", "eta", "zeta", "delta"]),
        # `and` binds tighter than `or`
        ("#ml or #ai and #research", ["alpha", "beta", "gamma"]),
        ("--#ml", ["gamma"]),
    ],
)
def test_combinations(names: Callable[[str], list[str]], source: str, expected: list[str]) -> None:
    assert names(f"LIST FROM {source}") == expected


def test_keywords_ignore_case(names: Callable[[str], list[str]]) -> None:
    assert names('list from #ML Or "people" aND -#nothing') == ["gamma", "ann", "bob"]
