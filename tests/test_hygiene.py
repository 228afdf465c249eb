"""The vault hygiene rules: self-link, case-mismatch, bad-filename, duplicate-name,
unused-attachment and orphan-note, each with a case it reports and one it must not.

tests/fixtures/hygiene has one of each (its vault.toml turns on the two rules that are off by
default); small vaults written per test cover the rest.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping
from pathlib import Path

import pytest

import vaultgraph
from vaultgraph.checker import check
from vaultgraph.config import Config
from vaultgraph.vault import Vault

MakeVault = Callable[[Mapping[str, str | bytes]], Path]
LoadFixture = Callable[[str], Vault]

#: Every rule of the fixture vault turned on.
ALL_ON = Config(rules={"orphan-note": "warning", "case-mismatch": "warning"})


def found(vault: Vault, rule: str) -> list[tuple[str, int, int, str]]:
    return [(d.path, d.line, d.column, d.message) for d in vault.diagnostics if d.rule == rule]


def paths(root: Path, rule: str) -> list[str]:
    return [
        d.path for d in vaultgraph.load(root, config=ALL_ON, use_cache=False).diagnostics if d.rule == rule
    ]


def test_the_fixture_vault_has_one_finding_of_each_rule(fixture_vault: LoadFixture) -> None:
    vault = fixture_vault("hygiene")
    assert [(d.path, d.line, d.column, d.rule, d.severity) for d in vault.diagnostics] == [
        ("archive/Plan.md", 1, 1, "duplicate-name", "warning"),
        ("archive/Plan.md", 1, 1, "orphan-note", "warning"),
        ("archive/Plan.md", 3, 43, "broken-link", "error"),
        ("attachments/unused.pdf", 1, 1, "unused-attachment", "warning"),
        ("home.md", 3, 24, "case-mismatch", "warning"),
        ("home.md", 5, 9, "self-link", "warning"),
        ("meeting #3.md", 1, 1, "bad-filename", "warning"),
        ("projects/plan.md", 1, 1, "duplicate-name", "warning"),
    ]


def test_orphan_note_and_case_mismatch_are_off_by_default(fixture_path: Callable[[str], Path]) -> None:
    vault = vaultgraph.load(fixture_path("hygiene"), config=Config())
    rules = {d.rule for d in vault.diagnostics}
    assert "orphan-note" not in rules and "case-mismatch" not in rules
    assert {"self-link", "bad-filename", "duplicate-name", "unused-attachment"} <= rules


# --- self-link ----------------------------------------------------------------------------------


def test_self_link_names_the_link(fixture_vault: LoadFixture) -> None:
    assert found(fixture_vault("hygiene"), "self-link") == [
        ("home.md", 5, 9, "'home' is the note this link is in")
    ]


def test_links_to_a_heading_of_the_note_itself_are_no_self_links(make_vault: MakeVault) -> None:
    root = make_vault({"a.md": "# Top\n\n[[#Top]] [[a#Top]] [[b]]\n", "b.md": "[[a]] and ![[b]]\n"})
    # Only b's embed of itself (an endless embed) is reported; a's jumps within itself are fine.
    assert paths(root, "self-link") == ["b.md"]


def test_a_frontmatter_link_to_the_note_itself_is_a_self_link(make_vault: MakeVault) -> None:
    root = make_vault({"notes/a.md": '---\nup: "[[a]]"\n---\n# A\n', "b.md": "[[notes/a]]"})
    assert paths(root, "self-link") == ["notes/a.md"]


# --- case-mismatch ------------------------------------------------------------------------------


def test_case_mismatch_says_which_file_matched(fixture_vault: LoadFixture) -> None:
    assert found(fixture_vault("hygiene"), "case-mismatch") == [
        ("home.md", 3, 24, "'Ada' matches 'people/ada.md' only when case is ignored")
    ]


@pytest.mark.parametrize(
    ("link", "mismatch"),
    [
        ("[[Projects/Plan]]", True),  # a path in the wrong case
        ("[[projects/plan]]", False),
        ("[[plan.MD]]", True),  # the extension too: a web server tells .MD from .md
        ("[[plan.md]]", False),
        ("[[./projects/plan]]", False),
        ("[[./Projects/plan]]", True),
        ("![[Logo.PNG]]", True),
        ("![[logo.png]]", False),
        ("[[Cafe\u0301]]", False),  # the same name, decomposed: a matter of normalisation, not case
        ("[[CAFÉ]]", True),
    ],
)
def test_case_mismatch_compares_the_link_with_the_path_it_resolved_to(
    make_vault: MakeVault, link: str, mismatch: bool
) -> None:
    root = make_vault(
        {"home.md": f"{link}\n", "projects/plan.md": "[[home]]", "logo.png": b"", "Café.md": "[[home]]"}
    )
    assert paths(root, "case-mismatch") == (["home.md"] if mismatch else [])


# --- bad-filename -------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("name", "bad"),
    [
        ("meeting #3.md", "'#'"),
        ("a | b.md", "'|'"),
        ("x^y.md", "'^'"),
        ("time 10:30.md", "':'"),
        ("100%% sure.md", "'%%'"),
        ("[[draft]].md", "'[[', ']]'"),
        ("chart #2.png", "'#'"),  # attachments are linked too
    ],
)
def test_bad_filename_names_each_character_a_link_cant_hold(
    make_vault: MakeVault, name: str, bad: str
) -> None:
    try:
        root = make_vault({name: "", "fine name, (really) 100% ok.md": ""})
    except OSError:
        pytest.skip(f"this file system allows no {bad} in a file name")
    vault = vaultgraph.load(root, use_cache=False)
    assert found(vault, "bad-filename") == [
        (name, 1, 1, f"the name holds {bad}, which no link can hold: rename it for links to reach it")
    ]


# --- duplicate-name -----------------------------------------------------------------------------


def test_each_note_of_a_shared_name_names_the_others(make_vault: MakeVault) -> None:
    root = make_vault({"a/Idea.md": "", "b/idea.md": "", "c/IDEA.md": "", "ideas.md": "", "idea.png": b""})
    vault = vaultgraph.load(root, use_cache=False)
    assert found(vault, "duplicate-name") == [
        (
            "a/Idea.md",
            1,
            1,
            "2 other notes named 'Idea' ('b/idea.md', 'c/IDEA.md'): a link by this name alone is ambiguous",
        ),
        (
            "b/idea.md",
            1,
            1,
            "2 other notes named 'idea' ('a/Idea.md', 'c/IDEA.md'): a link by this name alone is ambiguous",
        ),
        (
            "c/IDEA.md",
            1,
            1,
            "2 other notes named 'IDEA' ('a/Idea.md', 'b/idea.md'): a link by this name alone is ambiguous",
        ),
    ]


def test_attachments_of_the_same_file_name_are_duplicates(make_vault: MakeVault) -> None:
    root = make_vault({"a/chart.png": b"", "b/Chart.PNG": b"", "b/chart.jpg": b"", "chart.md": ""})
    assert paths(root, "duplicate-name") == ["a/chart.png", "b/Chart.PNG"]


# --- unused-attachment and orphan-note ----------------------------------------------------------


def test_an_attachment_is_used_by_any_link_or_embed(make_vault: MakeVault) -> None:
    root = make_vault(
        {
            "a.md": "![[embedded.png]] [the pdf](docs/linked.pdf) [[docs/linked.pdf#page=2]]",
            "b.md": '---\ncover: "[[cover.jpg]]"\n---\n',
            "embedded.png": b"",
            "docs/linked.pdf": b"",
            "cover.jpg": b"",
            "docs/lonely.pdf": b"",
            "board.canvas": b"{}",  # a canvas or a base is opened on its own, not linked
            "reading.base": b"",
        }
    )
    vault = vaultgraph.load(root, use_cache=False)
    assert found(vault, "unused-attachment") == [
        ("docs/lonely.pdf", 1, 1, "no note links to or embeds this file")
    ]


def test_orphan_notes_have_no_resolved_link_in_or_out(make_vault: MakeVault) -> None:
    root = make_vault(
        {
            "linker.md": "[[target]]",  # a link out: no orphan
            "target.md": "",  # a link in: no orphan
            "broken.md": "[[nowhere]]",  # a link that leads nowhere connects nothing
            "selfish.md": "[[selfish]]",  # nor does a link to itself
            "alone.md": "",
            "embedder.md": "![[pic.png]]",  # a link to an attachment is a link out
            "pic.png": b"",
        }
    )
    assert paths(root, "orphan-note") == ["alone.md", "broken.md", "selfish.md"]


def test_a_check_of_some_paths_reports_only_the_findings_located_there(fixture_vault: LoadFixture) -> None:
    vault = fixture_vault("hygiene")
    assert [(d.path, d.rule) for d in check(vault, ["attachments", "projects"]).diagnostics] == [
        ("attachments/unused.pdf", "unused-attachment"),
        ("projects/plan.md", "duplicate-name"),
    ]


def test_schema_files_are_no_unused_attachments(make_vault: MakeVault) -> None:
    root = make_vault({"a.md": "[[b]]", "b.md": "", "schemas/note.yaml": "type: object\n", "x.yaml": ""})
    (root / "vault.toml").write_text('schema = "schemas/note.yaml"\n')
    vault = vaultgraph.load(root, use_cache=False)
    assert [d.path for d in vault.diagnostics if d.rule == "unused-attachment"] == ["x.yaml"]
