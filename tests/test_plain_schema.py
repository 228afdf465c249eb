"""The schema fast path: `vault validate` of a note whose frontmatter changed needs no jsonschema
when the frontmatter plainly passes, and finds just what it found before when it does not.
(tests/fuzz/test_plain_schema_property.py holds the fast path to jsonschema on random schemas.)"""

from __future__ import annotations

import importlib.util
import json
import re
import shutil
import subprocess
import sys
import textwrap
from pathlib import Path
from typing import Any

import pytest

import vaultgraph
from vaultgraph import violations
from vaultgraph.checker import validate
from vaultgraph.config import ConfigError, load_config
from vaultgraph.model import Diagnostic
from vaultgraph.plain_schema import plainly_valid
from vaultgraph.schemas import _validator, as_json, load_schemas

REPO = Path(__file__).parents[1]
SCHEMA = "file:///vault/schema.json"
OTHER = "file:///vault/other.json"
DRAFT_4 = "file:///vault/draft4.json"


def make_benchmark_vault(out: Path, notes: int = 20) -> Path:
    """A vault as benchmarks/make_vault.py writes it (schema.yaml included), with a vault.toml."""
    spec = importlib.util.spec_from_file_location("make_vault", REPO / "benchmarks" / "make_vault.py")
    assert spec is not None and spec.loader is not None
    make_vault = sys.modules.setdefault(spec.name, importlib.util.module_from_spec(spec))
    spec.loader.exec_module(make_vault)
    make_vault.main([str(out), str(notes)])
    (out / "vault.toml").write_text('schema = "schema.yaml"\n', encoding="utf-8")
    return out


def run_validate(vault: Path, note: Path) -> tuple[int, bool, str]:
    """`vault validate --schema schema.yaml NOTE` in the vault, in a fresh process as pre-commit
    runs it: (exit code, whether jsonschema was imported, output)."""
    script = textwrap.dedent(
        f"""
        import json, sys
        sys.argv = ["vault", "validate", "--schema", "schema.yaml", {str(note)!r}]
        from vaultgraph.cli import main
        try:
            main()
            code = 0
        except SystemExit as exit:
            code = exit.code
        print(json.dumps([code, "jsonschema" in sys.modules]))
        """
    )
    result = subprocess.run(
        [sys.executable, "-c", script], cwd=vault, capture_output=True, text=True, timeout=60
    )
    *output, last = result.stdout.strip().splitlines()
    code, imported = json.loads(last)
    return code, imported, "\n".join(output)


def test_a_note_whose_changed_frontmatter_plainly_passes_is_validated_without_jsonschema(
    tmp_path: Path,
) -> None:
    vault = make_benchmark_vault(tmp_path / "vault")
    note = sorted(vault.rglob("*.md"))[0]
    text = note.read_text(encoding="utf-8")
    assert run_validate(vault, note)[:2] == (0, True)  # the schema file is checked: once, then cached
    note.write_text(re.sub(r"novelty_score: .*", "novelty_score: 0.4242", text), encoding="utf-8")
    assert run_validate(vault, note)[:2] == (0, False)
    note.write_text(re.sub(r"novelty_score: .*", "novelty_score: 4.2", text), encoding="utf-8")
    code, imported, output = run_validate(vault, note)
    assert (code, imported) == (1, True)
    assert "novelty_score: 4.2 is greater than the maximum 1" in output


def notes_vault(tmp_path: Path) -> Path:
    return Path(shutil.copytree(REPO / "notes", tmp_path / "notes"))


def test_the_bundled_vaults_notes_plainly_pass_but_for_their_link_typed_field(tmp_path: Path) -> None:
    """notes/schemas: x-vault-link (`up`) needs the vault, which only jsonschema's validator is
    given; the rest of every note of notes/ passes without it."""
    root = notes_vault(tmp_path)
    schemas = load_schemas(root, load_config(root))
    assert schemas is not None
    checked = 0
    for path, note in vaultgraph.load(root, use_cache=False).notes.items():
        file = schemas.schema_for(path, note.frontmatter)
        if file is None:
            continue
        frontmatter = as_json(note.frontmatter)
        assert plainly_valid(schemas.by_uri(), schemas.uri(file), frontmatter) is ("up" not in frontmatter)
        without_link = {key: value for key, value in frontmatter.items() if key != "up"}
        assert plainly_valid(schemas.by_uri(), schemas.uri(file), without_link), path
        checked += 1
    assert checked > 40


BAD_NOTES = {
    "bad/type.md": "---\ntype: essay\ntags: [a]\ndate_added: 2025-01-20\nnovelty_score: 0.5\n"
    "source_url: https://example.com/x\n---\n",
    "bad/many.md": "---\ntype: insight\ntags: [a b, a b]\ndate_added: '2025-02-30'\nnovelty_score: 1.5\n"
    "source_url: example.com\nsource_title: ''\ntag: x\n---\n",
    "bad/missing.md": "---\ntype: concept\n---\n",
    "bad/types.md": "---\ntype: [insight]\ntags: a\ndate_added: 2025\nnovelty_score: 'high'\n"
    "source_url: 5\nrelated: ['not a link']\n---\n",
}


def findings(root: Path) -> list[Diagnostic]:
    return sorted(validate(vaultgraph.load(root, use_cache=False)).diagnostics, key=repr)


@pytest.mark.parametrize("vault", ["benchmark", "notes"])
def test_the_fast_path_changes_no_finding(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, vault: str
) -> None:
    root = make_benchmark_vault(tmp_path / "vault") if vault == "benchmark" else notes_vault(tmp_path)
    for path, text in BAD_NOTES.items():
        (root / path).parent.mkdir(exist_ok=True)
        (root / path).write_text(text, encoding="utf-8")
    found = findings(root)
    assert {d.path for d in found if d.rule == "schema"} >= set(BAD_NOTES)
    monkeypatch.setattr(violations, "plainly_valid", lambda *_: False)
    assert findings(root) == found


def test_a_ref_jsonschema_cannot_follow_is_still_a_config_error(tmp_path: Path) -> None:
    """$refs go by URI, symbolic links resolved, as referencing has them; a relative path read
    from the vault as a plain path is another file here, and jsonschema finds none."""
    root = tmp_path / "v"
    (root / "deep" / "real").mkdir(parents=True)
    (root / "defs").mkdir()
    (root / "schemas").symlink_to(root / "deep" / "real")
    (root / "vault.toml").write_text('schema = "schemas/note.yaml"\n', encoding="utf-8")
    (root / "deep" / "real" / "note.yaml").write_text("$ref: ../defs/common.yaml\n", encoding="utf-8")
    (root / "defs" / "common.yaml").write_text("type: object\n", encoding="utf-8")
    (root / "a.md").write_text("---\ntitle: A\n---\n", encoding="utf-8")
    with pytest.raises(ConfigError, match="leads nowhere"):
        findings(root)


# --- what the fast path is sure of, and what it leaves to jsonschema ---------------------------

SURE = True
NOT = False  # invalid, or not sure: jsonschema decides

CASES: list[tuple[Any, Any, bool]] = [
    ({"type": "integer"}, 1.0, SURE),  # Draft 6 on: 1.0 is an integer
    ({"type": "number"}, True, NOT),
    ({"type": ["string", "null"]}, None, SURE),
    ({"enum": [1, "a"]}, True, NOT),  # True is not 1
    ({"enum": [1, "a"]}, 1.0, SURE),
    ({"const": [1, {"a": True}]}, [1.0, {"a": True}], SURE),
    ({"const": [1]}, [True], NOT),
    ({"uniqueItems": True}, [1, 1.0], NOT),
    ({"uniqueItems": True}, [True, 1, "1", [1], [True]], SURE),
    ({"maxLength": 1}, "\U0001d11e", SURE),  # one code point
    ({"minimum": 0, "maximum": 1}, 1, SURE),
    ({"minimum": 0, "maximum": 1}, "two", SURE),  # bounds are for numbers only
    ({"exclusiveMaximum": 1}, 1, NOT),
    ({"multipleOf": 0.5}, 1.5, SURE),
    ({"pattern": "a"}, "ba", SURE),  # searched for, not matched at the start
    ({"pattern": "^a"}, "ba", NOT),
    ({"pattern": "["}, "a", NOT),  # no regex: jsonschema stops
    ({"format": "date"}, "2024-02-29", SURE),
    ({"format": "date"}, "2025-02-29", NOT),
    ({"format": "date"}, 20250101, SURE),  # formats are for strings only
    ({"format": "date-time"}, "2025-01-20T10:30", SURE),  # schemas.format_checker() takes it
    ({"format": "uri"}, "example.com", NOT),
    ({"format": "email"}, "a@b.c", NOT),  # a format not known here
    (
        {"required": ["a"], "properties": {"a": {"type": "string"}}, "additionalProperties": False},
        {"a": "x"},
        SURE,
    ),
    ({"additionalProperties": {"type": "string"}, "properties": {"a": {}}}, {"a": 1, "b": "x"}, SURE),
    ({"additionalProperties": False}, {"a": 1}, NOT),
    ({"items": {"type": "string"}, "minItems": 1, "maxItems": 2}, ["a", "b"], SURE),
    ({"items": False}, [], SURE),
    (
        {
            "title": "T",
            "description": "D",
            "$comment": "C",
            "default": 1,
            "examples": [2],
            "deprecated": True,
        },
        3,
        SURE,
    ),
    ({"properties": {"up": {"x-vault-link": {"type": "map"}}}}, {"title": "x"}, SURE),  # never reached
    ({"properties": {"up": {"x-vault-link": {"type": "map"}}}}, {"up": "[[m]]"}, NOT),
    ({"anyOf": [True]}, 1, NOT),
    ({"patternProperties": {"^a": True}}, {}, NOT),
    ({"$schema": "https://json-schema.org/draft/2020-12/schema", "type": "string"}, "a", SURE),
    ({"$schema": "http://json-schema.org/draft-07/schema#", "type": "string"}, "a", NOT),
    ({"$ref": "#/$defs/s", "$defs": {"s": {"type": "string"}}}, "a", SURE),
    ({"$ref": "other.json#/$defs/s"}, "a", SURE),
    ({"$ref": "other.json"}, {}, SURE),
    ({"$ref": "#/$defs/nothing"}, "a", NOT),  # jsonschema stops: a ConfigError
    ({"$ref": "draft4.json#/definitions/s"}, "a", NOT),  # into a document of another draft
    ({"$ref": "#s", "$defs": {"s": {"$anchor": "s"}}}, "a", NOT),
    ({"$id": "x.json", "$ref": "#/$defs/s", "$defs": {"s": {"type": "string"}}}, "a", NOT),
    ({"properties": {"child": {"$ref": "#"}}, "required": ["name"]}, {"name": 1, "child": {"name": 2}}, SURE),
    ({"$ref": "#"}, 1, NOT),  # round in a circle: jsonschema's recursion stops it
    (True, {"anything": [1]}, SURE),
    (False, None, NOT),
    ({"type": "string"}, float("nan"), NOT),  # not JSON
    ({}, {1, 2}, NOT),  # not JSON (YAML's !!set)
]


@pytest.mark.parametrize(("schema", "instance", "sure"), CASES)
def test_what_the_fast_path_is_sure_of(schema: Any, instance: Any, sure: bool) -> None:
    documents = {
        SCHEMA: schema,
        OTHER: {"$defs": {"s": {"type": "string"}}, "type": "object"},
        DRAFT_4: {"$schema": "http://json-schema.org/draft-04/schema#", "definitions": {"s": {}}},
    }
    assert plainly_valid(documents, SCHEMA, instance) is sure
    if sure:
        validator = _validator(schema, SCHEMA, documents, None)
        assert list(validator.iter_errors(instance)) == []
