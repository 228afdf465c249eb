"""Reading a note's bytes: BOM, line endings, invalid UTF-8 (spec: notes-and-links.md, "Encoding").

The parser is ``parse_note(bytes)`` in vaultgraph/parse/__init__.py; ``decode`` is its first step.
"""

from __future__ import annotations

from vaultgraph.model import Heading, ParsedNote
from vaultgraph.parse import parse_note

NOTE = "---\ntitle: T\n---\n# Heading\nText [[link]] #tag ^block\n"


def summary(note: ParsedNote) -> tuple[object, ...]:
    """What a reader of the note sees: frontmatter, headings, links with positions, tags, block ids."""
    return (
        note.frontmatter,
        note.headings,
        [(link.target, link.line, link.column) for link in note.links],
        note.tags,
        note.block_ids,
        note.problems,
    )


EXPECTED = (
    {"title": "T"},
    (Heading(1, "Heading", 4),),
    [("link", 5, 6)],
    ("tag",),
    ("block",),
    (),
)


def test_plain_utf8_with_lf() -> None:
    assert summary(parse_note(NOTE.encode())) == EXPECTED


def test_a_byte_order_mark_is_not_part_of_the_note() -> None:
    # The frontmatter still starts on the first line, and columns on line 1 are not shifted.
    assert summary(parse_note(b"\xef\xbb\xbf" + NOTE.encode())) == EXPECTED
    assert parse_note(b"\xef\xbb\xbf[[first]]").links[0].column == 1


def test_crlf_line_endings() -> None:
    assert summary(parse_note(NOTE.replace("\n", "\r\n").encode())) == EXPECTED


def test_cr_only_line_endings() -> None:
    assert summary(parse_note(NOTE.replace("\n", "\r").encode())) == EXPECTED


def test_bom_and_crlf_together() -> None:
    assert summary(parse_note(b"\xef\xbb\xbf" + NOTE.replace("\n", "\r\n").encode())) == EXPECTED


def test_invalid_utf8_is_an_unreadable_note_at_the_line_of_the_bad_byte() -> None:
    note = parse_note(b"# Heading\n[[link]]\nCaf\xe9 in Latin-1\n")
    assert not note.readable
    assert [(problem.rule, problem.line) for problem in note.problems] == [("unreadable-note", 3)]


def test_an_unreadable_note_contributes_nothing_else() -> None:
    note = parse_note(b"---\ntitle: T\n---\n# Heading\n[[link]] #tag ^id\n\xff\n")
    assert (note.frontmatter, note.links, note.headings, note.tags, note.block_ids) == ({}, (), (), (), ())


def test_binary_bytes_are_an_unreadable_note() -> None:
    png = b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR\x00\x00\x00\x10"
    note = parse_note(png)
    assert not note.readable
    assert len(note.problems) == 1
    problem = note.problems[0]
    assert (problem.rule, problem.line) == ("unreadable-note", 1)


def test_valid_utf8_with_control_characters_is_read() -> None:
    note = parse_note(b"\x00\x01 [[link]]\x7f")
    assert note.readable
    assert [link.target for link in note.links] == ["link"]


def test_an_empty_file_is_an_empty_note() -> None:
    assert parse_note(b"") == ParsedNote()
