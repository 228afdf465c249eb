"""Every function, on alpha.md (score 0.9, title Alpha, authors [Ann, Bob], links to beta and
gamma) and on literals."""

from __future__ import annotations

from collections.abc import Callable

import pytest

from vaultgraph.query import Value


@pytest.mark.parametrize(
    ("expression", "expected"),
    [
        # contains: lists by equality, strings by substring, objects by key, links by note
        ('contains(authors, "Ann")', True),
        ('contains(authors, "An")', False),
        ('contains(title, "lph")', True),
        ('contains(title, "LPH")', False),  # case matters
        ("contains([1, 2], 2.0)", True),
        ("contains([], 1)", False),
        ("contains(missing, 1)", False),
        ('contains(file, "name")', True),
        ('contains(file.outlinks, "gamma")', True),  # by name
        ('contains(file.outlinks, "GAMMA")', True),  # names ignore case, as links do
        ('contains(file.outlinks, "beta.md")', True),  # by path
        ("contains(file.outlinks, [[gamma]])", True),
        ('contains(file.outlinks, "delta")', False),
        ('contains([[delta]], "projects/delta")', True),
        ('contains(file.tags, "#ai")', True),
        # length
        ("length(authors)", 2),
        ("length(title)", 5),
        ("length(missing)", 0),
        ("length([])", 0),
        ("length(file.inlinks)", 4),
        # lower, upper
        ("lower(title)", "alpha"),
        ("upper(title)", "ALPHA"),
        ("lower(missing)", None),
        # startswith, endswith
        ('startswith(title, "Al")', True),
        ('startswith(title, "al")', False),
        ('endswith(file.path, ".md")', True),
        ('endswith(missing, "x")', False),
        # regexmatch: the whole string must match, unless the pattern is anchored
        ('regexmatch("A.*", title)', True),
        ('regexmatch("lph", title)', False),
        ('regexmatch("^Al", title)', True),
        ('regexmatch("ha$", title)', True),
        ('regexmatch("\\w+", title)', True),
        ('regexmatch("\\d+", title)', False),
        ('regexmatch("a", missing)', False),
        # default
        ("default(missing, 1)", 1),
        ("default(score, 1)", 0.9),
        ("default(null, null)", None),
        # round: halves up, as JavaScript's Math.round
        ("round(2.5)", 3),
        ("round(-2.5)", -2),
        ("round(0.125, 2)", 0.13),
        ("round(score * 3)", 3),
        ("round(1234, -2)", 1200),
        ("round(missing)", None),
        # function names ignore case
        ("LENGTH(authors)", 2),
        ('Contains(authors, "Bob")', True),
    ],
)
def test_functions(value: Callable[[str], Value], expression: str, expected: Value) -> None:
    assert value(expression) == expected
