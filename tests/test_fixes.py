"""`vault fix`'s proposals: one confident candidate, several (listed, never guessed), or none."""

from __future__ import annotations

from vaultgraph.fixes import BrokenLink, propose
from vaultgraph.resolve import PathIndex

PATHS = [
    "concepts/power-law-returns.md",
    "concepts/gpu-cloud-lock-in.md",
    "people/ada.md",
    "archive/ada.md",
    "notes/intro.md",
    "img/chart.png",
]
INDEX = PathIndex(PATHS)


def one(target: str, source: str = "notes/intro.md", renamed: dict[str, str] | None = None):
    (proposal,) = propose(INDEX, [BrokenLink(source, 3, 5, target)], renamed)
    return proposal.reason, proposal.new_path, proposal.candidates


def test_a_wrong_folder_finds_the_note_by_name() -> None:
    assert one("old/power-law-returns") == (
        "folder",
        "concepts/power-law-returns.md",
        ("concepts/power-law-returns.md",),
    )
    assert one("pictures/chart.png") == ("folder", "img/chart.png", ("img/chart.png",))


def test_a_doubled_md_is_read_as_the_name() -> None:
    assert one("gpu-cloud-lock-in.md.md")[1] == "concepts/gpu-cloud-lock-in.md"


def test_two_notes_of_that_name_are_listed_not_guessed() -> None:
    assert one("old/ada") == ("folder", None, ("archive/ada.md", "people/ada.md"))


def test_a_typo_with_one_close_name_is_confident() -> None:
    assert one("power-law-return") == (
        "close-match",
        "concepts/power-law-returns.md",
        ("concepts/power-law-returns.md",),
    )
    assert one("gpu-clod-lock-in")[1] == "concepts/gpu-cloud-lock-in.md"


def test_nothing_close_proposes_nothing() -> None:
    assert one("quantum-gravity") == (None, None, ())


def test_a_note_git_saw_renamed_is_followed_first() -> None:
    renamed = {"notes/old-name.md": "concepts/power-law-returns.md"}
    assert one("old-name", renamed=renamed) == (
        "renamed",
        "concepts/power-law-returns.md",
        ("concepts/power-law-returns.md",),
    )
    # Without git's word, "old-name" is not close to anything.
    assert one("old-name") == (None, None, ())


def test_proposals_keep_where_the_link_stands() -> None:
    (proposal,) = propose(INDEX, [BrokenLink("people/ada.md", 12, 40, "power-law-return")])
    assert (proposal.source, proposal.line, proposal.column, proposal.target) == (
        "people/ada.md",
        12,
        40,
        "power-law-return",
    )
    assert proposal.confident
