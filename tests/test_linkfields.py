"""x-vault-link: frontmatter fields that must link to a certain kind of note.

tests/fixtures/linkfields has a schema using the keyword on a field, on list items and through a
$ref; notes/good.md passes it and notes/bad.md breaks it every way there is.
"""

from __future__ import annotations

import os
from collections.abc import Callable, Iterable
from pathlib import Path

import pytest

import vaultgraph
from vaultgraph.checker import validate_files
from vaultgraph.config import ConfigError, load_config
from vaultgraph.model import Diagnostic

BAD = [
    (
        2,
        1,
        "/author",
        "author: '[[carol]]' links to 'notes/carol.md', not to a note in people/** of type person",
    ),
    (
        3,
        13,
        "/reviewers/0",
        "reviewers[0]: '[[bob]]' links to 'people/bob.md', not to a note of type person or team "
        "(its type is 'concept')",
    ),
    (
        3,
        24,
        "/reviewers/1",
        "reviewers[1]: '[[nobody]]' leads nowhere (no note or file named 'nobody'): "
        "it must link to a note of type person or team",
    ),
    (3, 38, "/reviewers/2", "reviewers[2]: 'ada' is not a wikilink to a note of type person or team"),
    (
        4,
        1,
        "/up",
        "up: '[[ada#Bio]]' links to 'people/ada.md', not to a note of type map (its type is 'person')",
    ),
]


def schema_findings(diagnostics: Iterable[Diagnostic]) -> list[tuple[str, int, int, str | None, str]]:
    return [(d.path, d.line, d.column, d.field, d.message) for d in diagnostics if d.rule == "schema"]


@pytest.fixture
def root(fixture_path: Callable[[str], Path]) -> Path:
    return fixture_path("linkfields")


def test_check_reports_each_field_that_links_to_the_wrong_note(root: Path) -> None:
    found = schema_findings(vaultgraph.load(root, use_cache=False).diagnostics)
    assert found == [("notes/bad.md", *finding) for finding in BAD]


def test_validating_files_finds_the_same(root: Path) -> None:
    report = validate_files(root, load_config(root), ["notes/good.md", "notes/bad.md"])
    assert schema_findings(report.diagnostics) == [("notes/bad.md", *finding) for finding in BAD]


def test_validating_files_reads_only_the_notes_linked_from_checked_fields(
    root: Path, monkeypatch: pytest.MonkeyPatch, opened_notes: list[str]
) -> None:
    listed: list[str] = []
    scandir = os.scandir

    def record_scandir(path: str = ".") -> object:
        listed.append(str(path))
        return scandir(path)

    def read() -> list[str]:
        return sorted(Path(file).relative_to(root).as_posix() for file in opened_notes)

    monkeypatch.setattr(os, "scandir", record_scandir)
    (root / "notes/plain.md").write_text("---\ntype: concept\n---\nNo field links anywhere.\n")
    assert validate_files(root, load_config(root), ["notes/plain.md"], use_cache=False).diagnostics == ()
    assert (read(), listed) == (["notes/plain.md"], [])  # nothing to resolve: no listing, no other note
    validate_files(root, load_config(root), ["notes/good.md"], use_cache=False)
    assert read() == ["home.md", "notes/good.md", "notes/plain.md", "people/ada.md", "teams/core.md"]
    assert listed  # the vault was listed, to resolve the links


def test_a_remembered_verdict_never_hides_a_change_of_the_linked_note(root: Path) -> None:
    config = load_config(root)
    assert validate_files(root, config, ["notes/good.md"]).diagnostics == ()
    ada = root / "people/ada.md"
    ada.write_text(ada.read_text().replace("type: person", "type: robot"))
    found = schema_findings(validate_files(root, config, ["notes/good.md"]).diagnostics)
    assert [(field, message.split(":")[0]) for _, _, _, field, message in found] == [
        ("/author", "author"),
        ("/reviewers/0", "reviewers[0]"),
    ]


def test_an_incremental_check_sees_the_linked_note_change_type(root: Path) -> None:
    before = vaultgraph.load(root).diagnostics  # fills the cache
    assert ("notes/good.md", "/author") not in {(d.path, d.field) for d in before}
    ada = root / "people/ada.md"
    ada.write_text(ada.read_text().replace("type: person", "type: robot"))
    os.utime(ada, ns=(4_000_000_000 * 10**9, 4_000_000_000 * 10**9))
    warm = vaultgraph.load(root).diagnostics
    assert warm == vaultgraph.load(root, use_cache=False).diagnostics
    assert ("notes/good.md", "/author") in {(d.path, d.field) for d in warm}


@pytest.mark.parametrize(
    ("value", "problem"),
    [
        ('{folders: "people/**"}', "unknown key 'folders' (known keys: folder, type)"),
        ("{type: 3}", "type must be a string or a non-empty list of strings"),
        ("{type: []}", "type must be a string or a non-empty list of strings"),
        ("{folder: 7}", 'folder must be a glob string such as "people/**"'),
        ("{}", "it needs folder, type or both"),
        ("person", 'it must be a mapping such as {folder: "people/**", type: person}'),
    ],
)
def test_an_invalid_keyword_value_is_a_configuration_error(root: Path, value: str, problem: str) -> None:
    schema = root / "schemas/note.yaml"
    schema.write_text(schema.read_text().replace("{x-vault-link: {type: map}}", f"{{x-vault-link: {value}}}"))
    with pytest.raises(ConfigError) as raised:
        _ = vaultgraph.load(root, use_cache=False).diagnostics
    assert str(raised.value) == (
        f"schemas/note.yaml: not a valid x-vault-link (at /$defs/map-link/x-vault-link): {problem}"
    )


def test_a_property_named_like_the_keyword_is_no_keyword(root: Path) -> None:
    schema = root / "schemas/note.yaml"
    schema.write_text(
        schema.read_text().replace("properties:\n", "properties:\n  x-vault-link: {type: string}\n")
    )
    found = schema_findings(vaultgraph.load(root, use_cache=False).diagnostics)
    assert found == [("notes/bad.md", *finding) for finding in BAD]
