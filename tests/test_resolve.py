"""Link resolution, rule by rule, and anchors (spec: notes-and-links.md, "Resolution").

Each rule has a small vault under tests/fixtures/ whose notes say what each link should do.
"""

from __future__ import annotations

import unicodedata
from collections.abc import Callable, Mapping
from pathlib import Path

import pytest

import vaultgraph
from vaultgraph.model import Diagnostic
from vaultgraph.vault import Vault

LoadFixture = Callable[[str], Vault]
MakeVault = Callable[[Mapping[str, str | bytes]], Path]


def outcomes(vault: Vault, source: str) -> dict[str, tuple[str, str | None]]:
    """``{raw link text: (status, resolved path)}`` for the links written in ``source``."""
    return {item.link.raw: (item.status, item.resolved) for item in vault.links if item.source == source}


def diagnostics(vault: Vault, source: str, rule: str | None = None) -> list[Diagnostic]:
    return [d for d in vault.diagnostics if d.path == source and (rule is None or d.rule == rule)]


def the_diagnostic(vault: Vault, source: str, raw: str) -> Diagnostic:
    """The one diagnostic reported at the position of the link written ``raw`` in ``source``."""
    (link,) = [item.link for item in vault.links if item.source == source and item.link.raw == raw]
    found = [d for d in vault.diagnostics if (d.path, d.line, d.column) == (source, link.line, link.column)]
    assert len(found) == 1, found
    return found[0]


# --- rule 1: ./ and ../ are relative to the linking note's folder ---------------------------


def test_dot_slash_is_the_linking_notes_folder(fixture_vault: LoadFixture) -> None:
    found = outcomes(fixture_vault("relative"), "projects/alpha/plan.md")
    # Not the tasks.md at the vault root, which a bare [[tasks]] could also mean.
    assert found["[[./tasks]]"] == ("ok", "projects/alpha/tasks.md")
    assert found["[tasks](./tasks.md)"] == ("ok", "projects/alpha/tasks.md")


def test_dot_dot_goes_up_from_the_linking_notes_folder(fixture_vault: LoadFixture) -> None:
    found = outcomes(fixture_vault("relative"), "projects/alpha/plan.md")
    assert found["[[../beta/overview]]"] == ("ok", "projects/beta/overview.md")
    assert found["[overview](../beta/overview.md)"] == ("ok", "projects/beta/overview.md")


def test_relative_link_above_the_vault_root_is_broken(fixture_vault: LoadFixture) -> None:
    vault = fixture_vault("relative")
    assert outcomes(vault, "projects/alpha/plan.md")["[[../../../outside]]"] == ("broken", None)
    diagnostic = the_diagnostic(vault, "projects/alpha/plan.md", "[[../../../outside]]")
    assert (diagnostic.rule, diagnostic.severity, diagnostic.line, diagnostic.column) == (
        "broken-link",
        "error",
        6,
        23,
    )


def test_relative_link_to_a_real_file_outside_the_vault_is_broken(make_vault: MakeVault) -> None:
    root = make_vault(
        {"sub/note.md": "[[../../outside]] and [outside](../outside.md)\n", "root.md": "[[../outside]]"}
    )
    (root.parent / "outside.md").write_text("# I exist, but not in the vault\n")
    vault = vaultgraph.load(root)
    assert [(item.source, item.status, item.resolved) for item in vault.links] == [
        ("root.md", "broken", None),
        ("sub/note.md", "broken", None),
        ("sub/note.md", "broken", None),
    ]
    assert [d.rule for d in vault.diagnostics] == ["broken-link"] * 3


def test_relative_link_to_nothing_is_broken(fixture_vault: LoadFixture) -> None:
    vault = fixture_vault("relative")
    assert outcomes(vault, "projects/alpha/plan.md")["[[./no-such-note]]"] == ("broken", None)
    assert the_diagnostic(vault, "projects/alpha/plan.md", "[[./no-such-note]]").rule == "broken-link"


def test_resolve_relative_target_from_a_source(fixture_vault: LoadFixture) -> None:
    vault = fixture_vault("relative")
    assert vault.resolve("./tasks", "projects/alpha/plan.md").path == "projects/alpha/tasks.md"
    assert vault.resolve("./tasks", "projects/beta/overview.md").status == "broken"


# --- rule 2: a target with / is a vault path, or the end of one ------------------------------


def test_exact_path_with_or_without_md(fixture_vault: LoadFixture) -> None:
    found = outcomes(fixture_vault("paths"), "home.md")
    # archive/projects/alpha/plan.md also ends with this path: the exact path wins, no warning.
    assert found["[[projects/alpha/plan]]"] == ("ok", "projects/alpha/plan.md")
    assert found["[[projects/alpha/plan.md]]"] == ("ok", "projects/alpha/plan.md")


def test_exact_path_to_an_attachment(fixture_vault: LoadFixture) -> None:
    assert outcomes(fixture_vault("paths"), "home.md")["[[assets/diagram.png]]"] == (
        "ok",
        "assets/diagram.png",
    )


def test_partial_path_matches_the_end_of_a_path(fixture_vault: LoadFixture) -> None:
    assert outcomes(fixture_vault("paths"), "home.md")["[[beta/plan]]"] == ("ok", "projects/beta/plan.md")


def test_partial_path_ending_two_paths_is_ambiguous(fixture_vault: LoadFixture) -> None:
    vault = fixture_vault("paths")
    assert outcomes(vault, "home.md")["[[alpha/plan]]"] == ("ambiguous", "projects/alpha/plan.md")
    diagnostic = the_diagnostic(vault, "home.md", "[[alpha/plan]]")
    assert (diagnostic.rule, diagnostic.severity) == ("ambiguous-link", "warning")
    assert "archive/projects/alpha/plan.md" in diagnostic.message
    assert "'projects/alpha/plan.md'" in diagnostic.message


def test_partial_path_must_match_whole_folder_names(fixture_vault: LoadFixture) -> None:
    vault = fixture_vault("paths")
    assert outcomes(vault, "home.md")["[[pha/plan]]"] == ("broken", None)
    assert the_diagnostic(vault, "home.md", "[[pha/plan]]").rule == "broken-link"


def test_path_to_nothing_is_broken(fixture_vault: LoadFixture) -> None:
    vault = fixture_vault("paths")
    assert outcomes(vault, "home.md")["[[projects/gamma/plan]]"] == ("broken", None)
    assert the_diagnostic(vault, "home.md", "[[projects/gamma/plan]]").severity == "error"


# --- rule 3: a bare name is a note name, or a file name with its extension -------------------


def test_bare_name_in_any_case_finds_the_note_in_any_folder(fixture_vault: LoadFixture) -> None:
    found = outcomes(fixture_vault("names"), "home.md")
    assert found["[[Power-Law-Returns]]"] == ("ok", "concepts/power-law-returns.md")


def test_trailing_md_is_optional(fixture_vault: LoadFixture) -> None:
    found = outcomes(fixture_vault("names"), "home.md")
    assert found["[[power-law-returns.md]]"] == ("ok", "concepts/power-law-returns.md")


def test_name_with_an_extension_is_a_file_name(fixture_vault: LoadFixture) -> None:
    found = outcomes(fixture_vault("names"), "home.md")
    assert found["[[diagram.png]]"] == ("ok", "assets/diagram.png")
    assert found["![[report.pdf]]"] == ("ok", "docs/report.pdf")


def test_attachment_without_its_extension_is_broken_and_the_file_is_suggested(
    fixture_vault: LoadFixture,
) -> None:
    vault = fixture_vault("names")
    assert outcomes(vault, "home.md")["[[diagram]]"] == ("broken", None)
    assert "diagram.png" in the_diagnostic(vault, "home.md", "[[diagram]]").message


def test_note_name_with_a_dot(fixture_vault: LoadFixture) -> None:
    found = outcomes(fixture_vault("names"), "home.md")
    assert found["[[v1.2 release]]"] == ("ok", "concepts/v1.2 release.md")


DECOMPOSED = unicodedata.normalize("NFD", "Café")  # "Cafe" + U+0301 COMBINING ACUTE ACCENT
COMPOSED_UPPER = unicodedata.normalize("NFC", "CAFÉ")  # with U+00C9


def test_names_match_after_nfc_and_case_folding(make_vault: MakeVault) -> None:
    assert unicodedata.normalize("NFC", DECOMPOSED) != DECOMPOSED  # the test means what it says
    root = make_vault({f"{DECOMPOSED}.md": "# Café\n", "home.md": f"[[{COMPOSED_UPPER}]] and [[café]]\n"})
    assert (root / f"{DECOMPOSED}.md").exists()
    vault = vaultgraph.load(root)
    assert [(item.status, item.resolved) for item in vault.links] == [("ok", f"{DECOMPOSED}.md")] * 2
    assert vault.diagnostics == ()


def test_decomposed_link_finds_a_composed_file_name(make_vault: MakeVault) -> None:
    composed = unicodedata.normalize("NFC", "Café")
    root = make_vault(
        {f"notes/{composed}.md": "", "home.md": f"[[{DECOMPOSED.upper()}]] [[notes/{DECOMPOSED}]]\n"}
    )
    vault = vaultgraph.load(root)
    assert [(item.status, item.resolved) for item in vault.links] == [("ok", f"notes/{composed}.md")] * 2


# --- rule 4: several candidates --------------------------------------------------------------


def test_a_candidate_in_the_linking_notes_folder_wins(fixture_vault: LoadFixture) -> None:
    found = outcomes(fixture_vault("ambiguous"), "team/standup.md")
    assert found["[[meeting]]"] == ("ambiguous", "team/meeting.md")


def test_else_the_shortest_path_wins(fixture_vault: LoadFixture) -> None:
    found = outcomes(fixture_vault("ambiguous"), "projects/roadmap.md")
    assert found["[[meeting]]"] == ("ambiguous", "meeting.md")


def test_ties_are_broken_alphabetically(fixture_vault: LoadFixture) -> None:
    found = outcomes(fixture_vault("ambiguous"), "projects/roadmap.md")
    assert found["[[summary]]"] == ("ambiguous", "alfa/summary.md")


def test_shortest_path_means_the_shortest_path_not_the_fewest_folders(fixture_vault: LoadFixture) -> None:
    # a/b/c/topic.md (14 characters) is a shorter path than x/a-very-long-folder-name/topic.md
    # (34 characters), though it is one folder deeper.
    found = outcomes(fixture_vault("ambiguous"), "projects/roadmap.md")
    assert found["[[topic]]"] == ("ambiguous", "a/b/c/topic.md")


def test_ambiguous_link_warning_names_every_candidate(fixture_vault: LoadFixture) -> None:
    vault = fixture_vault("ambiguous")
    diagnostic = the_diagnostic(vault, "team/standup.md", "[[meeting]]")
    assert (diagnostic.rule, diagnostic.severity, diagnostic.line, diagnostic.column) == (
        "ambiguous-link",
        "warning",
        3,
        63,
    )
    for candidate in ("meeting.md", "team/meeting.md", "archive/2023/meeting.md"):
        assert f"'{candidate}'" in diagnostic.message
    assert vault.resolve("meeting", "team/standup.md").candidates == (
        "archive/2023/meeting.md",
        "meeting.md",
        "team/meeting.md",
    )


def test_the_anchor_is_checked_in_the_file_chosen_for_each_linking_note(fixture_vault: LoadFixture) -> None:
    vault = fixture_vault("ambiguous")
    # From projects/, [[meeting]] is the root meeting.md, which has no Agenda heading...
    assert outcomes(vault, "projects/roadmap.md")["[[meeting#Agenda]]"] == ("broken-anchor", "meeting.md")
    # ...from team/, it is team/meeting.md, which has one.
    assert outcomes(vault, "team/standup.md")["[[meeting#Agenda]]"] == ("ambiguous", "team/meeting.md")
    assert [d.rule for d in diagnostics(vault, "team/standup.md")] == ["ambiguous-link", "ambiguous-link"]


def test_resolve_prefers_the_source_folder(fixture_vault: LoadFixture) -> None:
    vault = fixture_vault("ambiguous")
    assert vault.resolve("meeting", "archive/2023/notes.md").path == "archive/2023/meeting.md"
    assert vault.resolve("meeting").path == "meeting.md"


# --- rule 5: no candidate --------------------------------------------------------------------


def test_broken_link_suggests_the_closest_name(fixture_vault: LoadFixture) -> None:
    vault = fixture_vault("broken")
    assert outcomes(vault, "home.md")["[[power-law-return]]"] == ("broken", None)
    diagnostic = the_diagnostic(vault, "home.md", "[[power-law-return]]")
    assert (diagnostic.rule, diagnostic.severity, diagnostic.line, diagnostic.column) == (
        "broken-link",
        "error",
        6,
        9,
    )
    assert diagnostic.target == "power-law-return"
    assert "did you mean" in diagnostic.message
    assert "power-law-returns" in diagnostic.message


def test_an_alias_does_not_resolve_but_the_message_says_whose_alias_it_is(fixture_vault: LoadFixture) -> None:
    vault = fixture_vault("broken")
    assert outcomes(vault, "home.md")["[[PLR]]"] == ("broken", None)
    diagnostic = the_diagnostic(vault, "home.md", "[[PLR]]")
    assert diagnostic.rule == "broken-link"
    assert "alias" in diagnostic.message
    assert "power-law-returns" in diagnostic.message
    assert vault.resolve("Power laws").status == "broken"


def test_broken_link_with_nothing_close_has_no_suggestion(fixture_vault: LoadFixture) -> None:
    diagnostic = the_diagnostic(fixture_vault("broken"), "home.md", "[[zzqx-unrelated]]")
    assert diagnostic.rule == "broken-link"
    assert "did you mean" not in diagnostic.message
    assert "zzqx-unrelated" in diagnostic.message


def test_broken_embed_and_broken_frontmatter_link(fixture_vault: LoadFixture) -> None:
    vault = fixture_vault("broken")
    found = outcomes(vault, "home.md")
    assert found["![[lost.png]]"] == ("broken", None)
    assert found["[[missing-parent]]"] == ("broken", None)
    assert [(d.line, d.column, d.rule, d.severity) for d in diagnostics(vault, "home.md")] == [
        (2, 6, "broken-link", "error"),  # up: "[[missing-parent]]"
        (6, 9, "broken-link", "error"),
        (7, 25, "broken-link", "error"),
        (8, 27, "broken-link", "error"),
        (9, 18, "broken-link", "error"),  # the `!` of the embed
    ]


def test_resolve_reports_a_broken_target(fixture_vault: LoadFixture) -> None:
    resolution = fixture_vault("broken").resolve("power-law-return")
    assert (resolution.status, resolution.path, resolution.candidates) == ("broken", None, ())
    assert resolution.message is not None
    assert "power-law-returns" in resolution.message


# --- anchors ---------------------------------------------------------------------------------


@pytest.mark.parametrize("raw", ["[[games#D D WOTC]]", "[[games#What is it]]", "[[games#what is it?]]"])
def test_heading_anchor_ignores_punctuation_and_case(fixture_vault: LoadFixture, raw: str) -> None:
    assert outcomes(fixture_vault("anchors"), "links.md")[raw] == ("ok", "games.md")


@pytest.mark.parametrize(
    "raw", ["[[games#Setup#Install]]", "[[games#Guide#Setup#Install]]", "[[games#Install]]"]
)
def test_nested_heading_anchor(fixture_vault: LoadFixture, raw: str) -> None:
    assert outcomes(fixture_vault("anchors"), "links.md")[raw] == ("ok", "games.md")


def test_nested_heading_must_be_under_the_given_parent(fixture_vault: LoadFixture) -> None:
    vault = fixture_vault("anchors")
    assert outcomes(vault, "links.md")["[[games#Usage#Install]]"] == ("broken-anchor", "games.md")
    diagnostic = the_diagnostic(vault, "links.md", "[[games#Usage#Install]]")
    assert (diagnostic.rule, diagnostic.severity) == ("broken-anchor", "warning")
    assert "Install" in diagnostic.message


def test_missing_heading_is_a_broken_anchor_warning(fixture_vault: LoadFixture) -> None:
    vault = fixture_vault("anchors")
    assert outcomes(vault, "links.md")["[[games#Chess]]"] == ("broken-anchor", "games.md")
    diagnostic = the_diagnostic(vault, "links.md", "[[games#Chess]]")
    assert (diagnostic.rule, diagnostic.severity, diagnostic.line, diagnostic.column) == (
        "broken-anchor",
        "warning",
        10,
        20,
    )
    assert "Chess" in diagnostic.message


@pytest.mark.parametrize("raw", ["[[games#^key-point]]", "[[games#^STANDALONE-ID]]"])
def test_block_anchor_ignores_case(fixture_vault: LoadFixture, raw: str) -> None:
    assert outcomes(fixture_vault("anchors"), "links.md")[raw] == ("ok", "games.md")


def test_missing_block_is_a_broken_anchor_warning(fixture_vault: LoadFixture) -> None:
    vault = fixture_vault("anchors")
    assert outcomes(vault, "links.md")["[[games#^no-such-block]]"] == ("broken-anchor", "games.md")
    assert the_diagnostic(vault, "links.md", "[[games#^no-such-block]]").rule == "broken-anchor"


def test_self_anchors(fixture_vault: LoadFixture) -> None:
    found = outcomes(fixture_vault("anchors"), "links.md")
    assert found["[[#Local heading]]"] == ("ok", "links.md")
    assert found["[[#^local-id]]"] == ("ok", "links.md")
    assert found["[local](#Local%20heading)"] == ("ok", "links.md")
    assert found["[[#Nowhere]]"] == ("broken-anchor", "links.md")
    assert found["[[#^nowhere]]"] == ("broken-anchor", "links.md")


def test_attachment_fragments_are_not_checked(fixture_vault: LoadFixture) -> None:
    found = outcomes(fixture_vault("anchors"), "links.md")
    assert found["![[manual.pdf#page=3]]"] == ("ok", "manual.pdf")
    assert found["![[diagram.png#height=400]]"] == ("ok", "assets/diagram.png")


def test_anchor_diagnostics_of_the_fixture_are_exactly_the_missing_ones(fixture_vault: LoadFixture) -> None:
    vault = fixture_vault("anchors")
    assert [(d.line, d.column, d.rule, d.severity) for d in vault.diagnostics] == [
        (9, 32, "broken-anchor", "warning"),  # [[games#Usage#Install]]
        (10, 20, "broken-anchor", "warning"),  # [[games#Chess]]
        (12, 18, "broken-anchor", "warning"),  # [[games#^no-such-block]]
        (14, 23, "broken-anchor", "warning"),  # [[#Nowhere]]
        (14, 37, "broken-anchor", "warning"),  # [[#^nowhere]]
    ]


def test_resolve_checks_anchors(fixture_vault: LoadFixture) -> None:
    vault = fixture_vault("anchors")
    assert vault.resolve("games#D D WOTC").status == "ok"
    assert vault.resolve("games#^KEY-POINT").status == "ok"
    missing = vault.resolve("games#Chess")
    assert (missing.status, missing.path) == ("broken-anchor", "games.md")
    assert vault.resolve("#Local heading", "links.md").status == "ok"
    assert vault.resolve("#Nowhere", "links.md").status == "broken-anchor"
