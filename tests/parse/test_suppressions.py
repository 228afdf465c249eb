"""`vault-ignore` comments as the parser reads them: which line each covers, which rules it names,
and none inside code, math or another comment."""

from __future__ import annotations

import pytest

from vaultgraph.model import Suppression
from vaultgraph.parse import parse_text
from vaultgraph.parse.codec import decode, encode


def suppressions(text: str) -> list[tuple[int, int, int, tuple[str, ...]]]:
    return [tuple(s) for s in parse_text(text).suppressions]  # type: ignore[misc]


def test_alone_on_its_line_it_covers_the_next_line() -> None:
    assert suppressions("# T\n%% vault-ignore broken-link %%\n[[x]]\n") == [(2, 1, 3, ("broken-link",))]


def test_after_text_it_covers_its_own_line() -> None:
    assert suppressions("[[x]] <!-- vault-ignore broken-link -->\n") == [(1, 7, 1, ("broken-link",))]


def test_vault_ignore_file_covers_the_whole_note_and_rules_split_on_commas_and_spaces() -> None:
    text = "a\n\n<!-- vault-ignore-file broken-anchor, schema  ambiguous-link -->\n"
    assert suppressions(text) == [(3, 1, 0, ("broken-anchor", "schema", "ambiguous-link"))]


def test_no_rule_named_means_every_rule() -> None:
    assert suppressions("[[x]] %%vault-ignore%%\n") == [(1, 7, 1, ())]


def test_lines_count_from_the_top_of_the_file_past_the_frontmatter() -> None:
    text = "---\ntitle: T\n---\n%% vault-ignore %%\n[[x]]\n"
    assert suppressions(text) == [(4, 1, 5, ())]


@pytest.mark.parametrize(
    "text",
    [
        "`%% vault-ignore broken-link %%` is how you write it\n",
        "```\n%% vault-ignore broken-link %%\n```\n",
        "<!-- an example: %% vault-ignore broken-link %% -->\n",
        "%% a comment %% vault-ignore broken-link %%\n",
        "$x %% vault-ignore broken-link %% y$\n",
        "%% vault-ignored broken-link %%\n",
        "%% vault-ignore broken-link -->\n",
    ],
    ids=["code span", "fence", "html comment", "after a comment", "math", "other word", "unmatched"],
)
def test_a_comment_that_is_not_a_suppression_is_not_one(text: str) -> None:
    assert suppressions(text) == []


def test_suppressions_survive_the_cache_codec() -> None:
    note = parse_text("%% vault-ignore broken-link, schema %%\n[[x]]\n")
    assert note.suppressions == (Suppression(1, 1, 2, ("broken-link", "schema")),)
    assert decode(encode(note)) == note
