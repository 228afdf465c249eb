"""Headings, block ids and tags (spec: notes-and-links.md, "Reading a note")."""

from __future__ import annotations

import pytest

from vaultgraph.model import Heading, ParsedNote
from vaultgraph.parse import parse_note


def parse(text: str) -> ParsedNote:
    return parse_note(text.encode("utf-8"))


# --- headings -------------------------------------------------------------------------------


def test_atx_headings_of_every_level_with_their_lines() -> None:
    text = "# One\n## Two\n### Three\n#### Four\n##### Five\n###### Six\n####### Seven is text\n"
    assert parse(text).headings == (
        Heading(1, "One", 1),
        Heading(2, "Two", 2),
        Heading(3, "Three", 3),
        Heading(4, "Four", 4),
        Heading(5, "Five", 5),
        Heading(6, "Six", 6),
    )


def test_atx_heading_needs_a_space_after_the_hashes() -> None:
    assert parse("#NotAHeading\n# Heading\n").headings == (Heading(1, "Heading", 2),)


def test_atx_closing_hashes_are_not_part_of_the_text() -> None:
    assert parse("## D&D WOTC ##\n").headings == (Heading(2, "D&D WOTC", 1),)


def test_atx_heading_may_be_indented_up_to_three_spaces() -> None:
    assert parse("   # Indented\n").headings == (Heading(1, "Indented", 1),)


def test_heading_text_keeps_inline_code() -> None:
    assert parse("# Use `vault check`\n").headings == (Heading(1, "Use `vault check`", 1),)


def test_heading_lines_count_the_frontmatter() -> None:
    assert parse("---\ntitle: T\n---\n# First\n\n## Second\n").headings == (
        Heading(1, "First", 4),
        Heading(2, "Second", 6),
    )


def test_setext_headings() -> None:
    text = "Title\n=====\n\nSome text.\n\nSubtitle\n--------\n\nMore text.\n"
    assert parse(text).headings == (Heading(1, "Title", 1), Heading(2, "Subtitle", 6))


def test_a_rule_after_a_blank_line_is_not_a_setext_heading() -> None:
    assert parse("Text\n\n---\n\nMore\n").headings == ()


def test_a_list_item_over_dashes_is_not_a_setext_heading() -> None:
    assert parse("- item\n---\n").headings == ()


# --- block ids ------------------------------------------------------------------------------


def test_block_id_at_the_end_of_a_line_after_a_space() -> None:
    assert parse("A paragraph worth linking. ^key-point-2\n").block_ids == ("key-point-2",)


def test_block_id_alone_on_a_line() -> None:
    assert parse("> A quote\n\n^quote-id\n").block_ids == ("quote-id",)


@pytest.mark.parametrize(
    "text",
    [
        "x^2 is a square\n",  # not after a space
        "text^glued\n",  # not after a space
        "^in the middle of a line\n",  # not at the end of a line
        "text ^under_score\n",  # `_` is not allowed in a block id
    ],
)
def test_not_a_block_id(text: str) -> None:
    assert parse(text + "real ^real").block_ids == ("real",)


# --- tags -----------------------------------------------------------------------------------


def test_frontmatter_tags_as_a_list() -> None:
    assert parse("---\ntags: [project, area/work]\n---\n").tags == ("project", "area/work")


def test_frontmatter_tags_as_a_block_list() -> None:
    assert parse("---\ntags:\n  - project\n  - '#review'\n---\n").tags == ("project", "review")


@pytest.mark.parametrize("value", ["project, review", "project review", "project,review"])
def test_frontmatter_tags_as_a_comma_or_space_separated_string(value: str) -> None:
    assert parse(f"---\ntags: {value}\n---\n").tags == ("project", "review")


def test_frontmatter_tag_key() -> None:
    assert parse("---\ntag: solo\n---\n").tags == ("solo",)


def test_inline_tags() -> None:
    text = "#start of a line, then #middle and\n#nested/tag/deep plus #with-dash_and_underscore.\n"
    assert parse(text).tags == ("start", "middle", "nested/tag/deep", "with-dash_and_underscore")


def test_frontmatter_and_inline_tags_together() -> None:
    assert parse("---\ntags: [project]\n---\nBody #review\n").tags == ("project", "review")


def test_unicode_tags() -> None:
    assert parse("#café and #日本語\n").tags == ("café", "日本語")


def test_a_tag_needs_a_non_digit() -> None:
    assert parse("#1984 is a year, #y1984 a tag, #2024-review too\n").tags == ("y1984", "2024-review")


def test_hash_and_space_is_a_heading_not_a_tag() -> None:
    note = parse("# heading\n")
    assert note.tags == ()
    assert note.headings == (Heading(1, "heading", 1),)


def test_a_tag_must_follow_whitespace_or_a_line_start() -> None:
    assert parse("foo#bar and https://x.org/page#anchor and [[Note#Heading]] #real\n").tags == ("real",)


def test_punctuation_ends_a_tag() -> None:
    assert parse("Tagged #done, then #next.\n").tags == ("done", "next")


def test_tags_in_code_are_not_tags() -> None:
    text = "Text\n\n    #indented-code\n\n`#inline-code`\n```\n#fenced\n```\n%% #comment %%\n#real\n"
    assert parse(text).tags == ("real",)


def test_the_same_tag_in_another_case_is_one_tag() -> None:
    # Spec: tags are "compared case-insensitively", so #Project and #project are one tag.
    tags = parse("---\ntags: [Project]\n---\n#project and #PROJECT\n").tags
    assert [tag.casefold() for tag in tags] == ["project"]
