"""The loaded vault: its files, notes, diagnostics and lookups (spec: notes-and-links.md, "The vault").

tests/fixtures/vault is a small vault of every kind of note; broken notes are written into a
temporary folder, since bad bytes don't belong in a checked-in fixture.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping
from pathlib import Path

import pytest

import vaultgraph
from vaultgraph.loader import VaultNotFound
from vaultgraph.vault import NoteNotFound, Vault

LoadFixture = Callable[[str], Vault]
MakeVault = Callable[[Mapping[str, str | bytes]], Path]


def test_files_are_every_file_with_posix_paths_relative_to_the_root(
    fixture_path: Callable[[str], Path],
) -> None:
    root = fixture_path("vault")
    vault = vaultgraph.load(root)
    assert vault.root == root.resolve()
    assert vault.files == (
        "attachments/chart.png",
        "concepts/numbered.md",
        "concepts/power-law-returns.md",
        "home.md",
        "journal/2024/first-entry.md",
    )


def test_notes_are_the_md_files(fixture_vault: LoadFixture) -> None:
    vault = fixture_vault("vault")
    assert list(vault.notes) == [
        "concepts/numbered.md",
        "concepts/power-law-returns.md",
        "home.md",
        "journal/2024/first-entry.md",
    ]


def test_note_name_path_and_title(fixture_vault: LoadFixture) -> None:
    notes = fixture_vault("vault").notes
    home = notes["home.md"]
    assert (home.path, home.name, home.title) == ("home.md", "home", "Welcome")
    concept = notes["concepts/power-law-returns.md"]
    assert (concept.name, concept.title) == ("power-law-returns", "power-law-returns")
    # `title: 42` is not a string, so the title is the name.
    assert notes["concepts/numbered.md"].title == "numbered"


def test_note_frontmatter_aliases_tags_and_headings(fixture_vault: LoadFixture) -> None:
    notes = fixture_vault("vault").notes
    home = notes["home.md"]
    assert home.frontmatter["title"] == "Welcome"
    assert home.aliases == ("Start", "Index")
    assert home.tags == ("hub", "overview")
    assert [heading.text for heading in notes["concepts/power-law-returns.md"].headings] == [
        "Power-law returns",
        "Why it matters",
    ]


def test_note_links_in_file_order(fixture_vault: LoadFixture) -> None:
    home = fixture_vault("vault").notes["home.md"]
    assert [(link.kind, link.target, link.line) for link in home.links] == [
        ("frontmatter", "power-law-returns", 5),
        ("wikilink", "power-law-returns", 9),
        ("wikilink", "journal/2024/first-entry", 9),
        ("wikilink", "chart.png", 10),
    ]


def test_a_clean_vault_has_no_diagnostics(fixture_vault: LoadFixture) -> None:
    vault = fixture_vault("vault")
    assert vault.diagnostics == ()
    assert {item.status for item in vault.links} == {"ok"}


def test_resolved_links_know_their_source_and_target(fixture_vault: LoadFixture) -> None:
    vault = fixture_vault("vault")
    assert [(item.source, item.link.target, item.resolved) for item in vault.links] == [
        ("home.md", "power-law-returns", "concepts/power-law-returns.md"),
        ("home.md", "power-law-returns", "concepts/power-law-returns.md"),
        ("home.md", "journal/2024/first-entry", "journal/2024/first-entry.md"),
        ("home.md", "chart.png", "attachments/chart.png"),
        ("journal/2024/first-entry.md", "home", "home.md"),
    ]


@pytest.mark.parametrize(
    "query",
    ["power-law-returns", "Power-Law-Returns", "concepts/power-law-returns", "concepts/power-law-returns.md"],
)
def test_find_note_by_name_or_path(fixture_vault: LoadFixture, query: str) -> None:
    assert fixture_vault("vault").find_note(query).path == "concepts/power-law-returns.md"


def test_find_note_that_does_not_exist_suggests_names(fixture_vault: LoadFixture) -> None:
    with pytest.raises(NoteNotFound) as caught:
        fixture_vault("vault").find_note("power-law-retrns")
    assert "power-law-returns" in caught.value.suggestions
    assert "power-law-returns" in str(caught.value)


def test_find_note_does_not_return_an_attachment(fixture_vault: LoadFixture) -> None:
    with pytest.raises(NoteNotFound):
        fixture_vault("vault").find_note("chart.png")


def test_load_from_a_folder_inside_the_vault_finds_the_root(fixture_path: Callable[[str], Path]) -> None:
    root = fixture_path("vault")
    vault = vaultgraph.load(root / "journal" / "2024")
    assert vault.root == root.resolve()
    assert "home.md" in vault.notes


def test_load_a_missing_folder_is_an_error(tmp_path: Path) -> None:
    with pytest.raises(VaultNotFound):
        vaultgraph.load(tmp_path / "no-such-vault")


def test_md_extension_is_case_insensitive(make_vault: MakeVault) -> None:
    vault = vaultgraph.load(make_vault({"README.MD": "# Read me\n", "home.md": "[[readme]]\n"}))
    assert list(vault.notes) == ["README.MD", "home.md"]
    assert vault.notes["README.MD"].name == "README"
    assert [(item.status, item.resolved) for item in vault.links] == [("ok", "README.MD")]


# --- bad notes never stop the rest of the vault ----------------------------------------------


BAD_NOTES: dict[str, str | bytes] = {
    "good.md": "# Good\n[[other]] [[latin1]] [[bad-yaml]]\n",
    "other.md": "# Other\n",
    "latin1.md": b"# Latin-1\n[[other]]\nCaf\xe9\n",
    "binary.md": b"\x89PNG\r\n\x1a\n\x00\x00",
    "bad-yaml.md": "---\ntitle: a: b\n---\n# Still read\n[[other]] [[nowhere]]\n",
    "not-a-mapping.md": "---\n- a list\n---\n[[other]]\n",
}


def test_a_malformed_note_does_not_stop_others_loading(make_vault: MakeVault) -> None:
    vault = vaultgraph.load(make_vault(BAD_NOTES))
    assert set(vault.notes) == set(BAD_NOTES)
    assert [heading.text for heading in vault.notes["good.md"].headings] == ["Good"]
    assert [
        (item.source, item.link.target, item.status) for item in vault.links if item.source == "good.md"
    ] == [
        ("good.md", "other", "ok"),
        ("good.md", "latin1", "ok"),
        ("good.md", "bad-yaml", "ok"),
    ]


def test_malformed_notes_are_diagnostics_with_their_lines(make_vault: MakeVault) -> None:
    vault = vaultgraph.load(make_vault(BAD_NOTES))
    assert [(d.path, d.line, d.rule, d.severity) for d in vault.diagnostics] == [
        ("bad-yaml.md", 2, "invalid-frontmatter", "error"),
        ("bad-yaml.md", 5, "broken-link", "error"),
        ("binary.md", 1, "unreadable-note", "error"),
        ("latin1.md", 3, "unreadable-note", "error"),
        ("not-a-mapping.md", 2, "invalid-frontmatter", "error"),
    ]


def test_an_unreadable_note_contributes_no_links(make_vault: MakeVault) -> None:
    vault = vaultgraph.load(make_vault(BAD_NOTES))
    assert not [item for item in vault.links if item.source in ("latin1.md", "binary.md")]
    assert vault.notes["latin1.md"].headings == ()


def test_a_note_with_bad_frontmatter_still_has_its_body_links(make_vault: MakeVault) -> None:
    vault = vaultgraph.load(make_vault(BAD_NOTES))
    assert [(item.link.target, item.status) for item in vault.links if item.source == "bad-yaml.md"] == [
        ("other", "ok"),
        ("nowhere", "broken"),
    ]
    assert vault.notes["bad-yaml.md"].title == "bad-yaml"


def test_diagnostics_are_sorted_by_path_line_and_column(make_vault: MakeVault) -> None:
    root = make_vault(
        {
            "b.md": "[[x2]] [[x1]]\n[[x0]]\n",
            "a.md": "\n\n[[y1]]\n[[#Nope]]\n",
        }
    )
    found = [(d.path, d.line, d.column, d.target) for d in vaultgraph.load(root).diagnostics]
    assert found == [
        ("a.md", 3, 1, "y1"),
        ("a.md", 4, 1, ""),
        ("b.md", 1, 1, "x2"),
        ("b.md", 1, 8, "x1"),
        ("b.md", 2, 1, "x0"),
    ]
