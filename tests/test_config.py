"""vault.toml: severity overrides, "off", ignore globs, note extensions, and errors for a broken
file (spec: notes-and-links.md, "Diagnostics"; the config's keys are ignore, [rules], extensions).

tests/fixtures/severity is a vault whose vault.toml changes every link rule's severity.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping
from pathlib import Path

import pytest

import vaultgraph
from vaultgraph.config import Config, ConfigError
from vaultgraph.vault import Vault

LoadFixture = Callable[[str], Vault]
MakeVault = Callable[[Mapping[str, str | bytes]], Path]


def findings(vault: Vault) -> list[tuple[str, int, str, str]]:
    return [(d.path, d.line, d.rule, d.severity) for d in vault.diagnostics]


def test_default_severities(fixture_path: Callable[[str], Path]) -> None:
    # The same vault with the default configuration: the spec's severities.
    vault = vaultgraph.load(fixture_path("severity"), config=Config())
    assert findings(vault) == [
        ("frontmatter.md", 2, "invalid-frontmatter", "error"),
        ("home.md", 3, "broken-link", "error"),
        ("home.md", 4, "broken-anchor", "warning"),
        ("home.md", 5, "ambiguous-link", "warning"),
        ("same.md", 1, "duplicate-name", "warning"),  # with team/same.md: the ambiguity's cause
        ("team/same.md", 1, "duplicate-name", "warning"),
    ]


def test_rules_table_overrides_severities_and_turns_rules_off(fixture_vault: LoadFixture) -> None:
    vault = fixture_vault("severity")
    assert vault.config.rules == {"broken-link": "warning", "broken-anchor": "error", "ambiguous-link": "off"}
    assert findings(vault) == [
        ("frontmatter.md", 2, "invalid-frontmatter", "error"),
        ("home.md", 3, "broken-link", "warning"),
        ("home.md", 4, "broken-anchor", "error"),
        ("same.md", 1, "duplicate-name", "warning"),
        ("team/same.md", 1, "duplicate-name", "warning"),
    ]


def test_a_rule_turned_off_still_resolves_the_link(fixture_vault: LoadFixture) -> None:
    # "off" hides the diagnostic; the link still leads where rule 4 says.
    vault = fixture_vault("severity")
    assert [(item.status, item.resolved) for item in vault.links if item.link.target == "same"] == [
        ("ambiguous", "same.md")
    ]


@pytest.mark.parametrize(
    "rule", ["broken-link", "broken-anchor", "ambiguous-link", "invalid-frontmatter", "unreadable-note"]
)
def test_every_rule_can_be_turned_off(make_vault: MakeVault, rule: str) -> None:
    files: dict[str, str | bytes] = {
        "a.md": "[[nowhere]] [[b#Nope]] [[same]]",
        "b.md": "# B",
        "same.md": "",
        "x/same.md": "",
        "bad-yaml.md": "---\n- not a mapping\n---\n",
        "latin1.md": b"\xe9",
    }
    root = make_vault(files)
    everything = {d.rule for d in vaultgraph.load(root).diagnostics}
    assert rule in everything
    (root / "vault.toml").write_text(f'[rules]\n{rule} = "off"\n')
    assert {d.rule for d in vaultgraph.load(root).diagnostics} == everything - {rule}


def test_unreadable_note_can_be_made_a_warning(make_vault: MakeVault) -> None:
    root = make_vault({"latin1.md": b"caf\xe9"})
    (root / "vault.toml").write_text('[rules]\nunreadable-note = "warning"\n')
    assert [(d.rule, d.severity) for d in vaultgraph.load(root).diagnostics] == [
        ("unreadable-note", "warning")
    ]


@pytest.mark.parametrize(
    ("toml", "why"),
    [
        ("ignore = [", "not valid TOML"),
        ("ignore = 'templates/**'", "ignore is not a list"),
        ("ignore = [1, 2]", "ignore holds no strings"),
        ("unknown = true", "an unknown key"),
        ('[rules]\nbroken-link = "fatal"', "an unknown severity"),
        ('[rules]\nbroken-lnk = "warning"', "an unknown rule"),
        ('rules = "off"', "rules is not a table"),
        ("extensions = []", "no extensions"),
        ("extensions = 'md'", "extensions is not a list"),
        ("baseline = 1", "baseline is not a path"),
        ("baseline = ''", "baseline is empty"),
    ],
)
def test_a_broken_vault_toml_is_a_config_error(make_vault: MakeVault, toml: str, why: str) -> None:
    root = make_vault({"a.md": "# A"})
    (root / "vault.toml").write_text(toml + "\n")
    with pytest.raises(ConfigError) as caught:
        vaultgraph.load(root)
    assert "vault.toml" in str(caught.value), why


def test_vault_toml_that_is_not_utf8_is_a_config_error(make_vault: MakeVault) -> None:
    root = make_vault({"a.md": "# A"})
    (root / "vault.toml").write_bytes(b'ignore = ["caf\xe9"]\n')
    with pytest.raises(ConfigError):
        vaultgraph.load(root)


def test_an_empty_vault_toml_is_the_default_config(fixture_vault: LoadFixture) -> None:
    assert fixture_vault("vault").config == Config()


# --- ignore globs ----------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("pattern", "left"),
    [
        ("templates/**", {"notes/templates/t.md", "notes/a.md", "top.md"}),  # a path from the root
        ("templates", {"notes/a.md", "top.md"}),  # a name, at any depth, with what it holds
        ("*.md", set()),
        ("notes/*.md", {"templates/t.md", "notes/templates/t.md", "top.md"}),  # * stays in one folder
        ("notes/**/*.md", {"templates/t.md", "top.md"}),  # ** spans folders
        ("t?p.md", {"templates/t.md", "notes/templates/t.md", "notes/a.md"}),
    ],
)
def test_ignore_globs(make_vault: MakeVault, pattern: str, left: set[str]) -> None:
    root = make_vault({"templates/t.md": "", "notes/templates/t.md": "", "notes/a.md": "", "top.md": ""})
    (root / "vault.toml").write_text(f"ignore = [{pattern!r}]\n".replace("'", '"'))
    assert set(vaultgraph.load(root).files) == left


# --- extensions ------------------------------------------------------------------------------


def test_extensions_choose_which_files_are_notes(make_vault: MakeVault) -> None:
    root = make_vault(
        {"home.md": "[[guide]] [[other]]", "guide.markdown": "# Guide\n[[home]]", "other.txt": ""}
    )
    (root / "vault.toml").write_text('extensions = ["md", "markdown"]\n')
    vault = vaultgraph.load(root)
    assert list(vault.notes) == ["guide.markdown", "home.md"]
    assert [(item.source, item.status, item.resolved) for item in vault.links] == [
        ("guide.markdown", "ok", "home.md"),
        ("home.md", "ok", "guide.markdown"),
        ("home.md", "broken", None),  # other.txt is an attachment: [[other]] without .txt is no file name
    ]
