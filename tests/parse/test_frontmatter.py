"""Frontmatter: where it starts and ends, safe YAML loading, and what a bad block does.

Spec: notes-and-links.md, "Reading a note": frontmatter only when the first line is exactly `---`,
to the next line that is exactly `---` or `...`; YAML safe loading (no Python tags, aliases
bounded); invalid YAML or a non-mapping is `invalid-frontmatter` at the line of the YAML error,
frontmatter empty, body still parsed; an empty block is `{}`.
"""

from __future__ import annotations

import threading
import time
from pathlib import Path

import pytest
import yaml

from vaultgraph.model import ParsedNote
from vaultgraph.parse import parse_note


def parse(text: str) -> ParsedNote:
    return parse_note(text.encode("utf-8"))


def problems(note: ParsedNote) -> list[tuple[str, int]]:
    return [(problem.rule, problem.line) for problem in note.problems]


def test_frontmatter_mapping() -> None:
    note = parse("---\ntitle: My note\ncount: 3\ntags: [a, b]\n---\nBody\n")
    assert note.frontmatter == {"title": "My note", "count": 3, "tags": ["a", "b"]}
    assert note.problems == ()


def test_dots_close_the_frontmatter() -> None:
    note = parse("---\ntitle: T\n...\n# Body heading\n")
    assert note.frontmatter == {"title": "T"}
    assert [heading.text for heading in note.headings] == ["Body heading"]


@pytest.mark.parametrize(
    "text",
    [
        "--- \ntitle: T\n---\n",  # a trailing space: not exactly ---
        "----\ntitle: T\n----\n",  # four dashes
        "\n---\ntitle: T\n---\n",  # not on the first line
        " ---\ntitle: T\n---\n",  # indented
    ],
)
def test_frontmatter_only_when_the_first_line_is_exactly_three_dashes(text: str) -> None:
    note = parse(text)
    assert note.frontmatter == {}
    assert [problem.rule for problem in note.problems] == []


def test_closing_line_must_be_exactly_three_dashes() -> None:
    # `--- ` and `----` inside the block don't close it; the `---` on line 5 does.
    note = parse("---\na: 1\nb: |\n  ----\n---\n[[body]]\n")
    assert note.frontmatter == {"a": 1, "b": "----\n"}
    assert [(link.target, link.line) for link in note.links] == [("body", 6)]


def test_an_empty_block_is_an_empty_mapping() -> None:
    note = parse("---\n---\n[[body]]\n")
    assert note.frontmatter == {}
    assert note.problems == ()
    assert [(link.target, link.line) for link in note.links] == [("body", 3)]


def test_a_block_of_only_comments_is_an_empty_mapping() -> None:
    note = parse("---\n# nothing yet\n---\n")
    assert (note.frontmatter, note.problems) == ({}, ())


def test_invalid_yaml_is_reported_at_the_line_of_the_error_in_the_file() -> None:
    text = "---\ntitle: ok\nbad: value: colon\nmore: 1\n---\n# Heading\n[[body]]\n"
    note = parse(text)
    assert note.frontmatter == {}
    assert problems(note) == [("invalid-frontmatter", 3)]
    # The body is still read, with the file's line numbers.
    assert [heading.text for heading in note.headings] == ["Heading"]
    assert [(link.target, link.line) for link in note.links] == [("body", 7)]


def test_invalid_yaml_after_a_bom_and_crlf_is_still_at_the_right_line() -> None:
    text = "---\r\ntitle: ok\r\nother: fine\r\nbad: value: colon\r\n---\r\n[[body]]\r\n"
    note = parse_note(b"\xef\xbb\xbf" + text.encode())
    assert note.frontmatter == {}
    assert problems(note) == [("invalid-frontmatter", 4)]
    assert [(link.target, link.line) for link in note.links] == [("body", 6)]


@pytest.mark.parametrize(
    "block",
    [
        "- a\n- b",  # a list
        "just a sentence",  # a scalar
        "42",
        '"[[Parent]]"',  # a string that is a wikilink is still not a mapping
    ],
)
def test_frontmatter_that_is_not_a_mapping_is_invalid_and_the_body_still_counts(block: str) -> None:
    note = parse(f"---\n{block}\n---\n#tag [[body]]\n")
    assert note.frontmatter == {}
    assert problems(note) == [("invalid-frontmatter", 2)]
    assert [(link.kind, link.target) for link in note.links] == [("wikilink", "body")]
    assert note.tags == ("tag",)


@pytest.mark.parametrize(
    "payload",
    [
        '!!python/object/apply:os.system ["touch {marker}"]',
        '!!python/object/apply:subprocess.call [["touch", "{marker}"]]',
    ],
)
def test_python_tags_are_refused_and_never_run(tmp_path: Path, payload: str) -> None:
    marker = tmp_path / "pwned"
    frontmatter = f"title: T\nx: {payload.format(marker=marker)}\n"
    note = parse(f"---\n{frontmatter}---\n[[body]]\n")
    assert not marker.exists()
    assert note.frontmatter == {}
    assert problems(note) == [("invalid-frontmatter", 3)]
    assert [link.target for link in note.links] == ["body"]
    # The payload is live: an unsafe loader would have run it (so the test above can fail).
    yaml.unsafe_load(frontmatter)
    assert marker.exists()


def test_python_name_tag_is_refused() -> None:
    note = parse("---\nx: !!python/name:os.system\n---\n")
    assert (note.frontmatter, [p.rule for p in note.problems]) == ({}, ["invalid-frontmatter"])


BILLION_LAUGHS = """---
a: &a ["lol", "lol", "lol", "lol", "lol", "lol", "lol", "lol", "lol"]
b: &b [*a, *a, *a, *a, *a, *a, *a, *a, *a]
c: &c [*b, *b, *b, *b, *b, *b, *b, *b, *b]
d: &d [*c, *c, *c, *c, *c, *c, *c, *c, *c]
e: &e [*d, *d, *d, *d, *d, *d, *d, *d, *d]
f: &f [*e, *e, *e, *e, *e, *e, *e, *e, *e]
g: &g [*f, *f, *f, *f, *f, *f, *f, *f, *f]
h: &h [*g, *g, *g, *g, *g, *g, *g, *g, *g]
i: &i [*h, *h, *h, *h, *h, *h, *h, *h, *h]
---
[[body]]
"""


def test_an_alias_bomb_finishes_fast_with_a_problem() -> None:
    result: list[ParsedNote] = []
    worker = threading.Thread(target=lambda: result.append(parse(BILLION_LAUGHS)), daemon=True)
    started = time.perf_counter()
    worker.start()
    worker.join(timeout=10)
    assert result, "parsing a YAML alias bomb did not finish within 10 seconds"
    assert time.perf_counter() - started < 2
    note = result[0]
    assert note.frontmatter == {}
    assert [problem.rule for problem in note.problems] == ["invalid-frontmatter"]
    assert [(link.target, link.line) for link in note.links] == [("body", 12)]


def test_a_few_aliases_are_fine() -> None:
    note = parse("---\nbase: &b [x, y]\ncopy: *b\n---\n")
    assert note.frontmatter == {"base": ["x", "y"], "copy": ["x", "y"]}
    assert note.problems == ()


def test_unclosed_frontmatter_is_reported_and_the_note_is_read_as_body() -> None:
    note = parse("---\ntitle: T\n\n# Heading\n[[link]]\n")
    assert note.frontmatter == {}
    assert problems(note) == [("invalid-frontmatter", 1)]
    assert [heading.text for heading in note.headings] == ["Heading"]
    assert [(link.target, link.line) for link in note.links] == [("link", 5)]


def test_a_note_that_is_only_dashes() -> None:
    note = parse("---")
    assert note.frontmatter == {}
    assert problems(note) == [("invalid-frontmatter", 1)]


def test_an_impossible_date_is_invalid_frontmatter_not_a_crash() -> None:
    note = parse("---\ncreated: 2024-13-45\n---\n[[body]]\n")
    assert note.frontmatter == {}
    assert [problem.rule for problem in note.problems] == ["invalid-frontmatter"]
    assert [link.target for link in note.links] == ["body"]


@pytest.mark.parametrize(
    ("block", "line"),
    [("title: one\nstatus: x\ntitle: two\n", 4), ("a: {b: 1, b: 2}\n", 2), ("a:\n  b: 1\n  b: 2\n", 4)],
    ids=["top level (the fast path's form)", "flow mapping", "nested mapping"],
)
def test_a_repeated_key_is_invalid_frontmatter_at_its_second_line(block: str, line: int) -> None:
    # YAML forbids it and Obsidian refuses the note; PyYAML alone would keep the last value.
    note = parse(f"---\n{block}---\n[[body]]\n")
    assert (note.frontmatter, problems(note)) == ({}, [("invalid-frontmatter", line)])
    assert "repeated" in note.problems[0].message


def test_a_merge_key_may_be_overridden() -> None:
    note = parse("---\nbase: &b {x: 1, y: 1}\nc:\n  <<: *b\n  x: 2\n---\n")
    assert (note.frontmatter["c"], note.problems) == ({"x": 2, "y": 1}, ())
