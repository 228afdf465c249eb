"""Frontmatter validation with JSON Schema, as a library: messages, JSON pointers, positions,
which schema a note gets, and schemas that can't be used (ConfigError)."""

from __future__ import annotations

import json
import re
import textwrap
from collections.abc import Mapping
from pathlib import Path

import pytest

import vaultgraph
from vaultgraph.checker import validate
from vaultgraph.config import ConfigError
from vaultgraph.model import Diagnostic

# A schema with one property per keyword the messages explain.
SCHEMA = r"""
type: object
required: [type, tags]
properties:
  type: {enum: [insight, concept, map]}
  tags:
    type: array
    items: {type: string, pattern: "^[^\\s#]+$"}
    uniqueItems: true
    minItems: 1
  title: {type: string}
  score: {type: number, minimum: 0, maximum: 1}
  ratio: {type: number, exclusiveMinimum: 0, exclusiveMaximum: 1}
  version: {const: 2}
  date_added: {type: string, format: date}
  updated: {type: string, format: date-time}
  source_url: {type: string, format: uri}
  email: {type: string, format: email}
  author:
    type: object
    required: [name]
    properties: {name: {type: string}}
  "a~b/c": {type: string}
additionalProperties: false
"""

VALID = """\
---
type: insight
tags: [one, two]
---
Body.
"""


def write_vault(root: Path, files: Mapping[str, str], toml: str = 'schema = "schema.yaml"\n') -> Path:
    """Write ``files`` (vault path: text, dedented) and vault.toml into ``root``."""
    root.mkdir(parents=True, exist_ok=True)
    (root / "vault.toml").write_text(toml, encoding="utf-8")
    for path, text in files.items():
        file = root / path
        file.parent.mkdir(parents=True, exist_ok=True)
        file.write_text(textwrap.dedent(text).lstrip("\n"), encoding="utf-8")
    return root


def diagnostics(root: Path, *, cache: bool = False) -> list[Diagnostic]:
    return list(validate(vaultgraph.load(root, use_cache=cache)).diagnostics)


def schema_findings(root: Path) -> list[tuple[str, int, int, str | None, str]]:
    """(path, line, column, JSON pointer, message) of each ``schema`` diagnostic."""
    return [(d.path, d.line, d.column, d.field, d.message) for d in diagnostics(root) if d.rule == "schema"]


def one_note(
    tmp_path: Path, frontmatter: str, schema: str = SCHEMA
) -> list[tuple[int, int, str | None, str]]:
    """The schema findings of a single note with ``frontmatter`` (YAML lines, dedented)."""
    note = "---\n" + textwrap.dedent(frontmatter).strip("\n") + "\n---\nBody.\n"
    root = write_vault(tmp_path / "v", {"schema.yaml": schema, "note.md": note})
    found = schema_findings(root)
    assert all(path == "note.md" for path, *_ in found)
    return [(line, column, field, message) for _, line, column, field, message in found]


def fields(found: list[tuple[int, int, str | None, str]]) -> dict[str | None, str]:
    return {field: message for _, _, field, message in found}


# --- messages, one kind at a time ------------------------------------------------------------


def test_valid_frontmatter_has_no_findings(tmp_path: Path) -> None:
    root = write_vault(tmp_path / "v", {"schema.yaml": SCHEMA, "note.md": VALID})
    assert diagnostics(root) == []


def test_required_key_missing_is_reported_on_line_1_with_its_pointer(tmp_path: Path) -> None:
    found = one_note(tmp_path, "type: insight")
    assert found == [(1, 1, "/tags", "tags: required, but missing")]
    assert "did you mean" not in found[0][3]


def test_unknown_key_suggests_the_close_one(tmp_path: Path) -> None:
    found = one_note(tmp_path, "type: insight\ntags: [a]\ntgas: [b]")
    assert found == [(4, 1, "/tgas", "tgas: unknown key (did you mean 'tags'?)")]


def test_unknown_key_far_from_any_has_no_suggestion(tmp_path: Path) -> None:
    found = one_note(tmp_path, "type: insight\ntags: [a]\nzzzzqqq: 1")
    assert found == [(4, 1, "/zzzzqqq", "zzzzqqq: unknown key")]


def test_wrong_type_says_what_was_expected(tmp_path: Path) -> None:
    found = one_note(tmp_path, "type: insight\ntags: a string\ntitle: 3")
    assert fields(found) == {
        "/tags": "tags: 'a string' is not a list",
        "/title": "title: 3 is not a string",
    }


def test_enum_suggests_the_close_value(tmp_path: Path) -> None:
    found = one_note(tmp_path, "type: insigt\ntags: [a]")
    assert found == [
        (
            1 + 1,
            1,
            "/type",
            "type: 'insigt' is not one of 'insight', 'concept', 'map' (did you mean 'insight'?)",
        )
    ]


def test_enum_suggests_a_value_differing_only_in_case(tmp_path: Path) -> None:
    (found,) = one_note(tmp_path, "type: MAP\ntags: [a]")
    assert found[3].endswith("(did you mean 'map'?)")


def test_enum_without_close_value_has_no_suggestion(tmp_path: Path) -> None:
    (found,) = one_note(tmp_path, "type: 42\ntags: [a]")
    assert found[3] == "type: 42 is not one of 'insight', 'concept', 'map'"


def test_const(tmp_path: Path) -> None:
    assert fields(one_note(tmp_path, "type: map\ntags: [a]\nversion: 3")) == {
        "/version": "version: 3 must be 2"
    }


@pytest.mark.parametrize(
    ("value", "message"),
    [
        ("7.8", "score: 7.8 is greater than the maximum 1"),
        ("-1", "score: -1 is less than the minimum 0"),
        ("high", "score: 'high' is not a number"),
    ],
)
def test_minimum_and_maximum(tmp_path: Path, value: str, message: str) -> None:
    assert fields(one_note(tmp_path, f"type: map\ntags: [a]\nscore: {value}")) == {"/score": message}


@pytest.mark.parametrize("value", ["0", "1", "0.0", "1.0"])
def test_inclusive_bounds_accept_the_bound_itself(tmp_path: Path, value: str) -> None:
    assert one_note(tmp_path, f"type: map\ntags: [a]\nscore: {value}") == []


@pytest.mark.parametrize(
    ("value", "message"),
    [("0", "ratio: 0 must be greater than 0"), ("1", "ratio: 1 must be less than 1")],
)
def test_exclusive_bounds_refuse_the_bound(tmp_path: Path, value: str, message: str) -> None:
    assert fields(one_note(tmp_path, f"type: map\ntags: [a]\nratio: {value}")) == {"/ratio": message}


def test_min_items(tmp_path: Path) -> None:
    found = one_note(tmp_path, "type: map\ntags: []")
    assert [(line, field) for line, _, field, _ in found] == [(3, "/tags")]
    assert found[0][3] == "tags: [] has fewer than 1 item"


def test_pattern_points_at_the_list_item(tmp_path: Path) -> None:
    found = one_note(tmp_path, "type: map\ntags: [ok, '#hash', has space]")
    assert [field for _, _, field, _ in found] == ["/tags/1", "/tags/2"]
    assert found[0][3].startswith("tags[1]: '#hash' does not match")
    assert found[1][3].startswith("tags[2]: 'has space' does not match")


def test_unique_items(tmp_path: Path) -> None:
    found = one_note(tmp_path, "type: map\ntags: [a, b, a]")
    assert [(line, column, field) for line, column, field, _ in found] == [(3, 1, "/tags")]
    assert found[0][3] == 'tags: ["a", "b", "a"] repeats an item'


# --- formats -------------------------------------------------------------------------------


@pytest.mark.parametrize(
    "value",
    [
        "2025-01-20",  # a YAML date: validated as the string it is written as
        "'2025-01-20'",
        "2024-02-29",
    ],
)
def test_format_date_accepts(tmp_path: Path, value: str) -> None:
    assert one_note(tmp_path, f"type: map\ntags: [a]\ndate_added: {value}") == []


@pytest.mark.parametrize(
    ("value", "shown"),
    [
        ("'2025-13-45'", "'2025-13-45'"),
        ("20-01-2025", "'20-01-2025'"),
        ("'2025-1-2'", "'2025-1-2'"),
        ("'2025-01-20T10:30'", "'2025-01-20T10:30'"),
    ],
)
def test_format_date_refuses(tmp_path: Path, value: str, shown: str) -> None:
    assert fields(one_note(tmp_path, f"type: map\ntags: [a]\ndate_added: {value}")) == {
        "/date_added": f"date_added: {shown} is not a date such as 2025-01-20"
    }


def test_unquoted_yaml_datetime_is_validated_as_its_iso_string(tmp_path: Path) -> None:
    schema = SCHEMA.replace("format: date-time}", "format: date-time, pattern: '^2025-01-20T10:30:00'}")
    assert one_note(tmp_path, "type: map\ntags: [a]\nupdated: 2025-01-20 10:30:00", schema) == []


def test_a_yaml_date_where_a_number_is_wanted_is_shown_as_iso(tmp_path: Path) -> None:
    found = one_note(tmp_path, "type: map\ntags: [a]\nscore: 2025-01-20")
    assert fields(found) == {"/score": "score: '2025-01-20' is not a number"}


@pytest.mark.parametrize(
    "value",
    [
        "'2025-01-20T10:30'",  # as Obsidian writes a date-time property
        "2025-01-20T10:30",
        "'2025-01-20T10:30:00'",
        "'2025-01-20T10:30:00Z'",
        "'2025-01-20T10:30:00+02:00'",
        "2025-01-20 10:30:00",  # a YAML timestamp
        "2025-01-20T10:30:00Z",
    ],
)
def test_format_date_time_accepts(tmp_path: Path, value: str) -> None:
    assert one_note(tmp_path, f"type: map\ntags: [a]\nupdated: {value}") == []


@pytest.mark.parametrize(
    "value", ["'2025-01-20'", "2025-01-20", "'yesterday'", "'2025-13-45T10:30'", "'2025-01-20T25:00'"]
)
def test_format_date_time_refuses(tmp_path: Path, value: str) -> None:
    found = one_note(tmp_path, f"type: map\ntags: [a]\nupdated: {value}")
    assert [field for _, _, field, _ in found] == ["/updated"]
    assert found[0][3].endswith("is not a date and time such as 2025-01-20T10:30:00")


@pytest.mark.parametrize(
    ("value", "valid"),
    [
        ("https://example.com/page", True),
        ("https://example.com/a%20b?q=1#frag", True),
        ("mailto:someone@example.com", True),
        ("urn:isbn:0451450523", True),
        ("not a url", False),
        ("example.com/page", False),  # relative: no scheme
        ("https://example.com/a b", False),
        ("https://example.com/%zz", False),
        ("https://example.com/#a#b", False),
    ],
)
def test_format_uri(tmp_path: Path, value: str, valid: bool) -> None:
    found = one_note(tmp_path, f"type: map\ntags: [a]\nsource_url: '{value}'")
    if valid:
        assert found == []
    else:
        assert fields(found) == {
            "/source_url": f"source_url: {value!r} is not an absolute URI such as https://example.com/page"
        }


@pytest.mark.parametrize(("value", "valid"), [("someone@example.com", True), ("nope", False)])
def test_format_email(tmp_path: Path, value: str, valid: bool) -> None:
    found = one_note(tmp_path, f"type: map\ntags: [a]\nemail: {value}")
    assert found == ([] if valid else [(4, 1, "/email", f"email: {value!r} is not an email address")])


# --- pointers and positions --------------------------------------------------------------------


def test_nested_pointer_and_dotted_location(tmp_path: Path) -> None:
    found = one_note(tmp_path, "type: map\ntags: [a]\nauthor:\n  name: 3")
    assert found == [(5, 3, "/author/name", "author.name: 3 is not a string")]


def test_missing_nested_key_points_at_its_parent(tmp_path: Path) -> None:
    found = one_note(tmp_path, "type: map\ntags: [a]\nauthor:\n  other: x")
    assert found == [(4, 1, "/author/name", "author.name: required, but missing")]


def test_pointer_escapes_tilde_and_slash(tmp_path: Path) -> None:
    found = one_note(tmp_path, "type: map\ntags: [a]\na~b/c: 4")
    assert found == [(4, 1, "/a~0b~1c", "a~b/c: 4 is not a string")]


def test_block_list_item_is_placed_on_its_own_line(tmp_path: Path) -> None:
    found = one_note(tmp_path, "type: map\ntags:\n  - ok\n  - fine\n  - has space")
    assert [(line, column, field) for line, column, field, _ in found] == [(6, 5, "/tags/2")]


def test_flow_list_item_is_placed_at_its_column(tmp_path: Path) -> None:
    found = one_note(tmp_path, "type: map\ntags: [ok, fine, has space]")
    assert [(line, column, field) for line, column, field, _ in found] == [(3, 18, "/tags/2")]


def test_list_item_of_wrong_type(tmp_path: Path) -> None:
    found = one_note(tmp_path, "type: map\ntags:\n  - ok\n  - 3")
    assert found == [(5, 5, "/tags/1", "tags[1]: 3 is not a string")]


def test_positions_count_lines_before_the_frontmatter_block(tmp_path: Path) -> None:
    """With a BOM, CRLF line ends and comments the key is still found on the right line."""
    note = "\ufeff---\r\n# a comment\r\ntype: map\r\ntags: [a]\r\nscore: 9\r\n---\r\nBody.\r\n"
    root = write_vault(tmp_path / "v", {"schema.yaml": SCHEMA})
    (root / "note.md").write_bytes(note.encode())
    assert schema_findings(root) == [("note.md", 5, 1, "/score", "score: 9 is greater than the maximum 1")]


def test_findings_are_sorted_by_line(tmp_path: Path) -> None:
    found = one_note(tmp_path, "title: 1\ntype: bad\ntags: [a]\nscore: 5")
    assert [line for line, *_ in found] == [2, 3, 5]


# --- notes without frontmatter, invalid YAML ---------------------------------------------------


def test_note_without_frontmatter_is_validated_as_an_empty_mapping(tmp_path: Path) -> None:
    root = write_vault(tmp_path / "v", {"schema.yaml": SCHEMA, "bare.md": "Just text.\n"})
    assert schema_findings(root) == [
        ("bare.md", 1, 1, "/tags", "tags: required, but missing"),
        ("bare.md", 1, 1, "/type", "type: required, but missing"),
    ]


def test_skip_without_frontmatter(tmp_path: Path) -> None:
    toml = 'schema = "schema.yaml"\n[schemas]\nskip-without-frontmatter = true\n'
    root = write_vault(
        tmp_path / "v",
        {"schema.yaml": SCHEMA, "bare.md": "Just text.\n", "bad.md": "---\ntype: nope\ntags: [a]\n---\n"},
        toml,
    )
    assert [(path, field) for path, _, _, field, _ in schema_findings(root)] == [("bad.md", "/type")]


def test_empty_frontmatter_block_counts_as_none_when_skipping(tmp_path: Path) -> None:
    toml = 'schema = "schema.yaml"\n[schemas]\nskip-without-frontmatter = true\n'
    root = write_vault(tmp_path / "v", {"schema.yaml": SCHEMA, "empty.md": "---\n---\nText.\n"}, toml)
    assert schema_findings(root) == []


def test_invalid_yaml_gives_only_invalid_frontmatter(tmp_path: Path) -> None:
    root = write_vault(
        tmp_path / "v", {"schema.yaml": SCHEMA, "broken.md": "---\ntype: [unclosed\ntags: x\n---\nBody.\n"}
    )
    assert [d.rule for d in diagnostics(root)] == ["invalid-frontmatter"]


def test_frontmatter_that_is_not_a_mapping_gives_only_invalid_frontmatter(tmp_path: Path) -> None:
    root = write_vault(tmp_path / "v", {"schema.yaml": SCHEMA, "list.md": "---\n- a\n- b\n---\nBody.\n"})
    assert [d.rule for d in diagnostics(root)] == ["invalid-frontmatter"]


def test_vault_without_schema_reports_nothing_about_frontmatter_content(tmp_path: Path) -> None:
    root = write_vault(tmp_path / "v", {"note.md": "---\nwhatever: 1\n---\n"}, toml="")
    assert diagnostics(root) == []


# --- which schema applies --------------------------------------------------------------------

OBJECT_WITH_KIND = "type: object\nrequired: [{kind}]\n"


def which_schema_vault(tmp_path: Path, notes: Mapping[str, str]) -> Path:
    """Each schema requires a key named after it, so the missing key tells which one applied."""
    toml = textwrap.dedent(
        """
        schema = "schemas/default.yaml"
        [schemas.type]
        insight = "schemas/insight.yaml"
        [schemas.folder]
        "people/**" = "schemas/people.yaml"
        "**/drafts/**" = "schemas/drafts.yaml"
        "people/drafts/**" = "schemas/never.yaml"
        """
    )
    files = {
        f"schemas/{name}.yaml": OBJECT_WITH_KIND.format(kind=f"from_{name}")
        for name in ("default", "insight", "people", "drafts", "never")
    }
    return write_vault(tmp_path / "v", {**files, **notes}, toml)


def applied(root: Path) -> dict[str, str]:
    return {
        path: message.split(":")[0].removeprefix("from_") for path, _, _, _, message in schema_findings(root)
    }


def test_schema_chosen_by_type_then_folder_then_default(tmp_path: Path) -> None:
    root = which_schema_vault(
        tmp_path,
        {
            "plain.md": "---\ntype: concept\n---\n",
            "insight.md": "---\ntype: insight\n---\n",
            "people/insight.md": "---\ntype: insight\n---\n",
            "people/ada.md": "---\ntype: person\n---\n",
            "people/drafts/bob.md": "---\n---\n",
            "x/drafts/y.md": "No frontmatter.\n",
            "people.md": "---\ntype: [insight]\n---\n",  # not a string: no type schema
        },
    )
    assert applied(root) == {
        "insight.md": "insight",
        "people.md": "default",
        "people/ada.md": "people",
        "people/drafts/bob.md": "people",  # the first folder glob that matches wins
        "people/insight.md": "insight",
        "plain.md": "default",
        "x/drafts/y.md": "drafts",
    }


def test_without_default_schema_unmatched_notes_are_not_validated(tmp_path: Path) -> None:
    toml = '[schemas.type]\ninsight = "insight.yaml"\n'
    root = write_vault(
        tmp_path / "v",
        {
            "insight.yaml": "required: [source]",
            "a.md": "---\ntype: insight\n---\n",
            "b.md": "---\ntype: concept\n---\n",
            "c.md": "No frontmatter.\n",
        },
        toml,
    )
    assert [(path, field) for path, _, _, field, _ in schema_findings(root)] == [("a.md", "/source")]


# --- $ref, file kinds, drafts -----------------------------------------------------------------


def test_ref_to_another_file_is_relative_to_the_referring_file(tmp_path: Path) -> None:
    toml = 'schema = "schemas/base.yaml"\n[schemas.type]\ninsight = "schemas/kinds/insight.yaml"\n'
    root = write_vault(
        tmp_path / "v",
        {
            "schemas/base.yaml": "type: object\nrequired: [tags]\nproperties: {tags: {type: array}}\n",
            "schemas/kinds/insight.yaml": (
                "$ref: ../base.yaml\nrequired: [score]\n"
                "properties: {score: {$ref: '../defs.yaml#/$defs/unit'}}\n"
            ),
            "schemas/defs.yaml": "$defs: {unit: {type: number, maximum: 1}}\n",
            "a.md": "---\ntype: insight\ntags: x\nscore: 2\n---\n",
            "b.md": "---\ntype: insight\n---\n",
        },
        toml,
    )
    assert [(path, field, message) for path, _, _, field, message in schema_findings(root)] == [
        ("a.md", "/tags", "tags: 'x' is not a list"),
        ("a.md", "/score", "score: 2 is greater than the maximum 1"),
        ("b.md", "/score", "score: required, but missing"),
        ("b.md", "/tags", "tags: required, but missing"),
    ]


def test_ref_to_a_missing_file_is_a_config_error(tmp_path: Path) -> None:
    root = write_vault(tmp_path / "v", {"schema.yaml": "$ref: nowhere.yaml\n", "a.md": VALID})
    with pytest.raises(ConfigError, match=re.escape("nowhere.yaml")):
        diagnostics(root)


def test_ref_to_a_missing_fragment_is_a_config_error(tmp_path: Path) -> None:
    root = write_vault(tmp_path / "v", {"schema.yaml": "$ref: '#/$defs/nothing'\n", "a.md": VALID})
    with pytest.raises(ConfigError):
        diagnostics(root)


def test_missing_schema_file_is_a_config_error(tmp_path: Path) -> None:
    root = write_vault(tmp_path / "v", {"a.md": VALID}, 'schema = "missing.yaml"\n')
    with pytest.raises(ConfigError, match=re.escape("missing.yaml")):
        diagnostics(root)


@pytest.mark.parametrize(
    ("schema", "fragment"),
    [
        ("type: strin\n", "strin"),
        ("properties: {score: {minimum: 'x'}}\n", "minimum"),
        ("required: tags\n", "required"),
        ("- a list\n", "mapping"),
        ("type: [unclosed\n", "YAML"),
    ],
)
def test_invalid_schema_is_a_config_error_naming_the_file(tmp_path: Path, schema: str, fragment: str) -> None:
    root = write_vault(
        tmp_path / "v", {"schemas/bad.yaml": schema, "a.md": VALID}, 'schema = "schemas/bad.yaml"\n'
    )
    with pytest.raises(ConfigError, match=re.escape("schemas/bad.yaml")) as raised:
        diagnostics(root)
    assert fragment in str(raised.value)


def test_invalid_schema_named_only_by_type_is_refused_even_if_no_note_uses_it(tmp_path: Path) -> None:
    toml = '[schemas.type]\nperson = "person.yaml"\n'
    root = write_vault(tmp_path / "v", {"person.yaml": "type: strin\n", "a.md": VALID}, toml)
    with pytest.raises(ConfigError, match=re.escape("person.yaml")):
        diagnostics(root)


def test_invalid_json_schema_file_is_a_config_error(tmp_path: Path) -> None:
    root = write_vault(
        tmp_path / "v", {"schema.json": "{not json", "a.md": VALID}, 'schema = "schema.json"\n'
    )
    with pytest.raises(ConfigError, match=r"schema\.json.*JSON"):
        diagnostics(root)


def test_schema_as_a_json_file(tmp_path: Path) -> None:
    schema = {"type": "object", "properties": {"score": {"type": "number", "maximum": 1}}}
    root = write_vault(
        tmp_path / "v",
        {"schema.json": json.dumps(schema), "a.md": "---\nscore: 3\n---\n"},
        'schema = "schema.json"\n',
    )
    assert schema_findings(root) == [("a.md", 2, 1, "/score", "score: 3 is greater than the maximum 1")]


@pytest.mark.parametrize("where", ["../outside.yaml", "schemas/../../outside.yaml"])
def test_schema_file_outside_the_vault_is_refused(tmp_path: Path, where: str) -> None:
    (tmp_path / "outside.yaml").write_text("type: object\n")
    root = write_vault(tmp_path / "v", {"a.md": VALID, "schemas/x.yaml": ""}, f'schema = "{where}"\n')
    with pytest.raises(ConfigError, match=re.escape("outside the vault")):
        diagnostics(root)


def test_ref_to_a_file_outside_the_vault_is_refused(tmp_path: Path) -> None:
    (tmp_path / "outside.yaml").write_text("type: object\n")
    root = write_vault(tmp_path / "v", {"schema.yaml": "$ref: ../outside.yaml\n", "a.md": VALID})
    with pytest.raises(ConfigError, match=re.escape("outside the vault")):
        diagnostics(root)


def test_draft_07_schema_is_validated_as_draft_07(tmp_path: Path) -> None:
    """``dependencies`` exists in draft-07 only; 2020-12 would ignore it."""
    schema = (
        "$schema: http://json-schema.org/draft-07/schema#\n"
        "type: object\n"
        "dependencies: {source_url: [source_title]}\n"
        "properties: {tags: {type: array, items: [{type: string}, {type: integer}]}}\n"
    )
    root = write_vault(
        tmp_path / "v",
        {
            "schema.yaml": schema,
            "a.md": "---\nsource_url: https://example.com\n---\n",
            "b.md": "---\nsource_url: https://example.com\nsource_title: T\ntags: [a, 1]\n---\n",
            "c.md": "---\ntags: [a, b]\n---\n",
        },
    )
    found = schema_findings(root)
    assert [(path, field) for path, _, _, field, _ in found] == [("a.md", ""), ("c.md", "/tags/1")]
    assert "source_title" in found[0][4]


def test_draft_07_keywords_are_refused_by_the_2020_12_meta_schema(tmp_path: Path) -> None:
    """The same array form of ``items`` without $schema is not valid 2020-12."""
    schema = "properties: {tags: {type: array, items: [{type: string}]}}\n"
    root = write_vault(tmp_path / "v", {"schema.yaml": schema, "a.md": VALID})
    with pytest.raises(ConfigError, match=re.escape("schema.yaml")):
        diagnostics(root)


def test_schema_false_refuses_every_note(tmp_path: Path) -> None:
    root = write_vault(tmp_path / "v", {"schema.yaml": "false\n", "a.md": VALID})
    assert [(path, line) for path, line, *_ in schema_findings(root)] == [("a.md", 1)]


# --- the cache of verdicts ---------------------------------------------------------------------


def test_cached_verdicts_follow_the_frontmatter_and_the_schema(tmp_path: Path) -> None:
    root = write_vault(tmp_path / "v", {"schema.yaml": SCHEMA, "a.md": VALID})
    assert diagnostics(root, cache=True) == []
    assert diagnostics(root, cache=True) == []
    (root / "a.md").write_text("---\ntype: insight\ntags: [a, a]\n---\nBody.\n")
    assert [d.field for d in diagnostics(root, cache=True)] == ["/tags"]
    (root / "a.md").write_text(VALID)
    assert diagnostics(root, cache=True) == []
    (root / "schema.yaml").write_text(SCHEMA.replace("[insight, concept, map]", "[concept, map]"))
    assert [d.field for d in diagnostics(root, cache=True)] == ["/type"]


def test_vault_diagnostics_include_schema_findings(tmp_path: Path) -> None:
    root = write_vault(
        tmp_path / "v",
        {"schema.yaml": SCHEMA, "a.md": "---\ntype: insight\ntags: [a]\nscore: 2\n---\nSee [[missing]].\n"},
    )
    found = vaultgraph.load(root, use_cache=False).diagnostics
    # schema.yaml, which nothing links to, is no unused attachment: vault.toml names it.
    assert [(d.rule, d.field) for d in found] == [("schema", "/score"), ("broken-link", None)]


def test_unquoted_impossible_date_is_invalid_yaml_not_a_schema_finding(tmp_path: Path) -> None:
    root = write_vault(
        tmp_path / "v",
        {"schema.yaml": SCHEMA, "a.md": "---\ntype: map\ntags: [a]\ndate_added: 2025-13-45\n---\n"},
    )
    assert [d.rule for d in diagnostics(root)] == ["invalid-frontmatter"]


def test_unknown_nested_key_suggests_the_close_one(tmp_path: Path) -> None:
    schema = "properties: {author: {type: object, properties: {name: {}}, additionalProperties: false}}"
    found = one_note(tmp_path, "author:\n  nmae: x", schema)
    assert found == [(3, 3, "/author/nmae", "author.nmae: unknown key (did you mean 'name'?)")]


def test_refs_between_files_may_go_round_in_a_circle(tmp_path: Path) -> None:
    root = write_vault(
        tmp_path / "v",
        {
            "schema.yaml": "properties: {next: {$ref: 'other.yaml'}}\n$defs: {n: {type: number}}\n",
            "other.yaml": "properties: {n: {$ref: 'schema.yaml#/$defs/n'}, next: {$ref: 'schema.yaml'}}\n",
            "a.md": "---\nnext:\n  next:\n    next:\n      n: x\n---\n",
        },
    )
    assert schema_findings(root) == [
        ("a.md", 5, 7, "/next/next/next/n", "next.next.next.n: 'x' is not a number")
    ]


@pytest.mark.parametrize("definition", ["{type: strin}", "{minimum: 'x'}"])
def test_invalid_schema_reached_by_ref_is_a_config_error(tmp_path: Path, definition: str) -> None:
    root = write_vault(
        tmp_path / "v",
        {
            "schema.yaml": "properties: {d: {$ref: 'defs.yaml#/$defs/x'}}\n",
            "defs.yaml": f"$defs: {{x: {definition}}}\n",
            "a.md": "---\nd: 1\n---\n",
        },
    )
    with pytest.raises(ConfigError, match=re.escape("defs.yaml")):
        diagnostics(root)


def test_unevaluated_property_is_reported_like_an_unknown_key(tmp_path: Path) -> None:
    schema = "properties: {tags: {type: array}}\nunevaluatedProperties: false\n"
    found = one_note(tmp_path, "tags: [a]\ntgas: [b]", schema)
    assert found == [(3, 1, "/tgas", "tgas: unknown key (did you mean 'tags'?)")]


def test_dates_written_in_a_yaml_schema_compare_as_the_notes_dates(tmp_path: Path) -> None:
    root = write_vault(
        tmp_path / "v",
        {
            "schema.yaml": "properties: {since: {enum: [2025-01-01, 2025-02-01]}}\n",
            "ok.md": "---\nsince: 2025-01-01\n---\n",
            "bad.md": "---\nsince: 2025-03-01\n---\n",
        },
    )
    # Without the cache, filling it, and from it (where the schema is stored as JSON): the same.
    for cache in (False, True, True):
        assert [(d.path, d.field) for d in diagnostics(root, cache=cache)] == [("bad.md", "/since")]
