"""What is not text: code, comments and math hold no link, heading, block id or tag.

Spec: notes-and-links.md, "What is not text". Every note here also has text *after* the construct
that must still be read, so a test can't pass by the parser dropping the rest of the note.
"""

from __future__ import annotations

import pytest

from vaultgraph.model import ParsedNote
from vaultgraph.parse import parse_note


def parse(text: str) -> ParsedNote:
    return parse_note(text.encode("utf-8"))


def targets(text: str) -> list[str]:
    return [link.target for link in parse(text).links]


# --- fenced code ----------------------------------------------------------------------------


@pytest.mark.parametrize("fence", ["```", "~~~", "````", "~~~~~"])
def test_fenced_code_holds_no_links(fence: str) -> None:
    text = f"[[before]]\n{fence}\n[[in-code]] [t](in-code.md)\n{fence}\n[[after]]\n"
    assert targets(text) == ["before", "after"]


def test_fence_with_an_info_string() -> None:
    assert targets("```python\nx = '[[in-code]]'\n```\n[[after]]") == ["after"]


def test_a_longer_fence_is_only_closed_by_a_fence_at_least_as_long() -> None:
    text = "````markdown\n```\n[[in-code-1]]\n```\n[[in-code-2]]\n````\n[[after]]\n"
    assert targets(text) == ["after"]


def test_a_closing_fence_may_be_longer_than_the_opening_one() -> None:
    assert targets("```\n[[in-code]]\n`````\n[[after]]") == ["after"]


def test_tildes_do_not_close_a_backtick_fence_nor_backticks_a_tilde_fence() -> None:
    assert targets("~~~\n[[a]]\n```\n[[b]]\n~~~\n[[after-tildes]]") == ["after-tildes"]
    assert targets("```\n[[a]]\n~~~\n[[b]]\n```\n[[after-ticks]]") == ["after-ticks"]


def test_an_unclosed_fence_runs_to_the_end_of_the_file() -> None:
    assert targets("[[before]]\n```\n[[a]]\n\n# Not a heading\n[[b]]\n") == ["before"]


def test_nothing_in_fenced_code_is_a_heading_block_id_or_tag() -> None:
    note = parse(
        "# Real\n```\n# Fake heading\nSetext fake\n---\n#fake-tag text ^fake-id\n```\n#real-tag ^real-id\n"
    )
    assert [heading.text for heading in note.headings] == ["Real"]
    assert note.tags == ("real-tag",)
    assert note.block_ids == ("real-id",)


# --- indented code --------------------------------------------------------------------------


def test_indented_code_after_a_blank_line_holds_no_links() -> None:
    text = "Paragraph [[before]].\n\n    [[in-code]]\n        [[in-code-too]]\n\nBack to text [[after]].\n"
    assert targets(text) == ["before", "after"]


def test_indented_code_holds_no_headings_or_tags() -> None:
    note = parse("Text\n\n    # not a heading #not-a-tag\n\n# Heading #tag\n")
    assert [heading.text for heading in note.headings] == ["Heading #tag"]
    assert note.tags == ("tag",)


def test_tab_indented_code_holds_no_links() -> None:
    assert targets("Text\n\n\t[[in-code]]\n\n[[after]]") == ["after"]


def test_a_nested_list_indented_four_spaces_is_text() -> None:
    text = "- item [[one]]\n    - nested [[two]]\n\n    - after a blank line [[three]]\n"
    assert targets(text) == ["one", "two", "three"]


def test_an_ordered_list_continued_after_a_blank_line_is_text() -> None:
    text = "1. first [[one]]\n\n    more of the first item [[two]]\n"
    assert targets(text) == ["one", "two"]


def test_an_indented_line_continuing_a_paragraph_is_text() -> None:
    # No blank line before it: a lazy continuation of the paragraph, not code.
    assert targets("Paragraph\n    still the paragraph [[kept]]\n") == ["kept"]


def test_indented_code_after_a_list_has_ended() -> None:
    text = "- item [[one]]\n\nA paragraph ends the list.\n\n    [[in-code]]\n"
    assert targets(text) == ["one"]


# --- inline code ----------------------------------------------------------------------------


def test_inline_code_span_of_one_backtick() -> None:
    assert targets("Use `[[in-code]]` and [[after]].") == ["after"]


def test_inline_code_span_of_two_backticks_may_hold_one() -> None:
    assert targets("Use ``a ` [[in-code]]`` and [[after]].") == ["after"]


def test_backtick_runs_of_different_lengths_do_not_match() -> None:
    # `` opens, but no `` closes it: both backtick runs are literal and both links count.
    assert targets("`` [[one]] ` [[two]]") == ["one", "two"]


def test_inline_code_holds_no_tag_or_block_id() -> None:
    note = parse("`#not-a-tag` and `^not-an-id`\n#tag\n")
    assert note.tags == ("tag",)
    assert note.block_ids == ()


# --- comments -------------------------------------------------------------------------------


def test_obsidian_comment_inline() -> None:
    assert targets("[[before]] %% [[hidden]] %% [[after]]") == ["before", "after"]


def test_obsidian_comment_across_lines() -> None:
    text = "[[before]]\n%%\n[[hidden]]\n# Hidden heading\n%%\n[[after]]\n"
    note = parse(text)
    assert [link.target for link in note.links] == ["before", "after"]
    assert note.headings == ()


def test_obsidian_comments_pair_up_in_order() -> None:
    assert targets("%% [[a]] %% [[b]] %% [[c]] %% [[d]]") == ["b", "d"]


def test_html_comment_inline_and_across_lines() -> None:
    assert targets("<!-- [[a]] --> [[b]]\n<!--\n[[c]]\n#tag\n-->\n[[d]]") == ["b", "d"]
    assert parse("<!--\n#tag ^id\n-->\n").tags == ()


def test_a_comment_marker_inside_code_is_code() -> None:
    assert targets("`%%` [[kept]] `%%`") == ["kept"]


# --- math -----------------------------------------------------------------------------------


def test_math_block() -> None:
    text = "[[before]]\n$$\n[[in-math]] #not-a-tag\n$$\n[[after]]\n"
    note = parse(text)
    assert [link.target for link in note.links] == ["before", "after"]
    assert note.tags == ()


def test_inline_math() -> None:
    assert targets("Euler: $e^{i\\pi} [[in-math]]$ and [[after]]") == ["after"]


def test_dollar_amounts_are_not_math() -> None:
    assert targets("It costs $5 and [[kept]] costs $10.") == ["kept"]
