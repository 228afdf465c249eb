"""The frontmatter fast path reads exactly what PyYAML's safe loader reads, or steps aside."""

from __future__ import annotations

import datetime as dt
from typing import Any

import yaml
from hypothesis import example, given, settings
from hypothesis import strategies as st

from vaultgraph.parse.simple_yaml import load_simple


def same(a: Any, b: Any) -> bool:
    """Equal and of the same types all the way down (True == 1 == 1.0 in plain Python)."""
    if type(a) is not type(b):
        return False
    if isinstance(a, dict):
        return list(a) == list(b) and all(same(a[k], b[k]) for k in a)
    if isinstance(a, list):
        return len(a) == len(b) and all(same(x, y) for x, y in zip(a, b, strict=True))
    return a == b


TRICKY_SCALARS = [
    "yes",
    "No",
    "on",
    "OFF",
    "true",
    "False",
    "null",
    "~",
    "",
    "y",
    "n",
    "0",
    "-0",
    "+5",
    "007",
    "0x1F",
    "1_000",
    "1e5",
    "1.5e3",
    ".5",
    "1.",
    "0.78",
    "-2.25",
    ".inf",
    ".NaN",
    "2025-01-20",
    "2025-1-5",
    "2025-13-45",
    "2025-01-20T10:00:00",
    "12:30",
    "1:20",
    "'quoted'",
    "'it''s'",
    "'a # b'",
    '"double"',
    '"esc \\" aped"',
    "'unclosed",
    '"unclosed',
    "plain text",
    "a, b",
    "a: b",
    "a #b",
    "a#b",
    "https://example.com/x#y",
    "- item",
    "[a, b]",
    "[]",
    "[a, 'b, c']",
    "[a,]",
    "{a: 1}",
    "&anchor x",
    "*alias",
    "!!str 5",
    "|",
    ">",
    "%x",
    "@x",
    "`x`",
    "Café",
    "日本語",
    "emoji 🚀",
    "trailing  ",
    "x\u2028y",
    "\ufeffbom",
    "a\x85b",
]
scalars = st.one_of(st.sampled_from(TRICKY_SCALARS), st.text(max_size=12))
keys = st.one_of(
    st.sampled_from(["type", "tags", "yes", "null", "1", "a b", "key-x", "_k", "on", "Ü"]),
    st.text(max_size=6),
)


@st.composite
def frontmatters(draw: st.DrawFn) -> str:
    lines = []
    for _ in range(draw(st.integers(0, 5))):
        key = draw(keys)
        form = draw(st.sampled_from(["scalar", "block", "flow", "empty"]))
        if form == "scalar":
            lines.append(f"{key}: {draw(scalars)}")
        elif form == "block":
            indent = draw(st.sampled_from(["", "  ", "    "]))
            lines.append(f"{key}:")
            lines.extend(f"{indent}- {draw(scalars)}" for _ in range(draw(st.integers(0, 3))))
        elif form == "flow":
            lines.append(f"{key}: [{', '.join(draw(st.lists(scalars, max_size=3)))}]")
        else:
            lines.append(f"{key}:")
    return "\n".join(lines) + draw(st.sampled_from(["", "\n", "\n\n"]))


def safe_load(text: str) -> Any:
    try:
        return yaml.safe_load(text)
    except Exception:  # any failure: the fast path must not have accepted it
        return ValueError


@settings(max_examples=2000, deadline=None)
@given(frontmatters())
@example("tags:\n  - a\n  - b\ntype: insight\nnovelty_score: 0.78\ndate_added: 2025-01-20\n")
@example("a: [x,]\n")
@example("type: [A?]\n")  # PyYAML: an error (found by this test)
@example("type: [\xa0]\n")  # PyYAML: a list holding U+00A0 (found by this test)
@example("a: 2025-13-45\n")
def test_fast_path_agrees_with_pyyaml(text: str) -> None:
    fast = load_simple(text)
    if fast is not None:
        expected = safe_load(text)
        expected = {} if expected is None else expected
        assert same(fast, expected), (text, fast, expected)


def test_seed_like_frontmatter_takes_the_fast_path() -> None:
    text = (
        "concepts:\n  - pilot programs\ndate_added: '2025-01-20'\nnovelty_score: 0.78\n"
        "source_title: 'Why 85% of Enterprise AI Pilots Fail'\ntags:\n  - enterprise\ntype: insight\n"
        "up: \"[[parent]]\"\nrelated: ['[[a]]', '[[b]]']\nadded: 2025-02-01\ndraft: no\n"
    )
    assert load_simple(text) == {
        "concepts": ["pilot programs"],
        "date_added": "2025-01-20",
        "novelty_score": 0.78,
        "source_title": "Why 85% of Enterprise AI Pilots Fail",
        "tags": ["enterprise"],
        "type": "insight",
        "up": "[[parent]]",
        "related": ["[[a]]", "[[b]]"],
        "added": dt.date(2025, 2, 1),
        "draft": False,
    }


def test_frontmatter_ending_with_a_list_takes_the_fast_path() -> None:
    """As Obsidian often writes it: the list's last item, then the newline before the `---`."""
    assert load_simple("type: insight\ntags:\n  - ai\n  - pilots\n") == {
        "type": "insight",
        "tags": ["ai", "pilots"],
    }
    assert load_simple("type: insight\naliases:\n") == {"type": "insight", "aliases": None}


def test_anything_unusual_steps_aside() -> None:
    for text in ("a: &x 1\nb: *x\n", "a:\n  b: 1\n", "a: |\n  text\n", "# comment\na: 1\n", "a:\tb\n"):
        assert load_simple(text) is None, text


def test_a_line_read_again_gives_the_same_values_and_a_list_of_its_own() -> None:
    # Lines read are remembered from note to note (simple_yaml._remembered): a list is never shared.
    text = 'tags: [a, b]\ntype: note\nup: "[[x]]"\n'
    first = load_simple(text)
    assert first is not None
    first["tags"].append("changed")
    assert load_simple(text) == {"tags": ["a", "b"], "type": "note", "up": "[[x]]"}
    assert load_simple("type: note\ntype: note\n") is None  # a key repeated is still refused
    for _ in range(2):  # the second time from the lines remembered
        assert load_simple("a:\n  - x\n  - y\nb: 1") == {"a": ["x", "y"], "b": 1}
