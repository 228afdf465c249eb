"""`vault schema infer`: a draft schema that accepts the vault it came from, and catches mistakes."""

from __future__ import annotations

import datetime as dt
import json
import shutil
from pathlib import Path
from typing import Any

import yaml
from hypothesis import given, settings
from hypothesis import strategies as st
from jsonschema import Draft202012Validator

from vaultgraph.infer import infer_schema
from vaultgraph.schemas import as_json, format_checker

NOTES = Path(__file__).parents[2] / "notes"


def errors(schema: dict[str, Any], frontmatter: dict[str, Any]) -> list[str]:
    validator = Draft202012Validator(schema, format_checker=format_checker())
    return [error.message for error in validator.iter_errors(as_json(frontmatter))]


def test_enum_for_a_key_with_few_values_used_again_and_again() -> None:
    notes = [{"type": kind, "title": f"note {i}"} for i, kind in enumerate(["insight", "concept"] * 4)]
    schema = infer_schema(notes)
    assert schema["properties"]["type"] == {"type": "string", "enum": ["concept", "insight"]}
    assert "enum" not in schema["properties"]["title"]  # titles differ: no enum
    assert errors(schema, {"type": "insigth", "title": "x"})


def test_required_keys_are_those_in_nearly_every_note() -> None:
    notes = [{"type": "a", "tags": ["x"]} for _ in range(19)] + [{"type": "a"}]
    schema = infer_schema(notes)
    assert schema["required"] == ["tags", "type"]  # 19 of 20 is 95%
    notes.append({"type": "a"})
    assert infer_schema(notes)["required"] == ["type"]  # 19 of 21 is not


def test_formats_every_value_has() -> None:
    notes = [
        {
            "day": dt.date(2025, 1, 20),
            "quoted": "2025-02-01",
            "url": "https://example.com/a",
            "at": "x@y.org",
        },
        {"day": dt.date(2025, 3, 1), "quoted": "2025-02-02", "url": "http://example.com/b", "at": "a@b.com"},
    ]
    properties = infer_schema(notes)["properties"]
    assert properties["day"] == {"type": "string", "format": "date"}
    assert properties["quoted"] == {"type": "string", "format": "date"}
    assert properties["url"] == {"type": "string", "format": "uri"}
    assert properties["at"] == {"type": "string", "format": "email"}


def test_numeric_ranges_widened_for_scores() -> None:
    scores = infer_schema([{"score": 0.4}, {"score": 0.9}, {"n": 3}, {"n": 12}, {"t": -5}, {"t": 2}])
    assert scores["properties"]["score"] == {"type": "number", "minimum": 0, "maximum": 1}
    assert scores["properties"]["n"] == {"type": "integer", "minimum": 0, "maximum": 12}
    assert scores["properties"]["t"] == {"type": "integer", "minimum": -5, "maximum": 2}
    assert errors(scores, {"score": 7.8}) == ["7.8 is greater than the maximum of 1"]


def test_lists_nested_mappings_nulls_and_mixed_types() -> None:
    notes = [
        {"tags": ["a", "b"], "author": {"name": "Ada"}, "up": "[[home]]", "rating": 3, "x": None},
        {"tags": [], "author": {"name": "Bo", "orcid": "0000"}, "up": "[[maps/ai]]", "rating": 4.5, "x": "s"},
    ]
    properties = infer_schema(notes)["properties"]
    assert properties["tags"] == {"type": "array", "items": {"type": "string"}}
    assert properties["author"]["required"] == ["name"]
    assert properties["up"]["pattern"] == r"^\[\[[^\[\]]+\]\]$"
    assert properties["rating"]["type"] == "number"
    assert properties["x"]["type"] == ["null", "string"]


def test_unknown_keys_are_refused() -> None:
    schema = infer_schema([{"tags": ["a"]}, {"tags": ["b"]}])
    assert "Additional properties are not allowed ('tag' was unexpected)" in errors(schema, {"tag": ["a"]})


_scalars = st.one_of(
    st.none(),
    st.booleans(),
    st.integers(-(10**6), 10**6),
    st.floats(allow_nan=False, allow_infinity=False),
    st.text(max_size=12),
    st.sampled_from(["insight", "concept", "2025-01-20", "https://example.com/x", "[[home]]", "a@b.co"]),
    st.dates(),
)
_values = st.recursive(
    _scalars,
    lambda inner: st.lists(inner, max_size=4) | st.dictionaries(st.sampled_from("abc"), inner, max_size=3),
    max_leaves=8,
)
_frontmatter = st.dictionaries(st.sampled_from(["type", "tags", "score", "day", "url", "up"]), _values)


def test_no_enum_for_a_key_whose_values_are_not_all_strings() -> None:
    # Found by the property below: [False, "", ""] once gave enum [""], refusing False.
    schema = infer_schema([{"score": [False, "", ""]}, {"score": [""]}])
    assert "enum" not in schema["properties"]["score"]["items"]
    assert errors(schema, {"score": [False, "", ""]}) == []


@settings(max_examples=150, deadline=None)
@given(st.lists(_frontmatter, min_size=1, max_size=8))
def test_the_draft_accepts_every_note_it_was_drawn_from(notes: list[dict[str, Any]]) -> None:
    schema = infer_schema(notes)
    Draft202012Validator.check_schema(schema)
    for frontmatter in notes:
        assert errors(schema, frontmatter) == []


def test_cli_draft_of_the_bundled_vault_validates_it(tmp_path: Path, run_process: Any) -> None:
    vault = Path(shutil.copytree(NOTES, tmp_path / "notes"))
    result = run_process("schema", "infer", str(vault))
    assert result.returncode == 0, result.stderr
    assert result.stdout.startswith("# A draft JSON Schema drawn from 48 notes")
    assert "inferred from 48 notes" in result.stderr
    schema = yaml.safe_load(result.stdout)
    assert schema["properties"]["type"]["enum"] == [
        "company",
        "concept",
        "insight",
        "map",
        "person",
        "source",
    ]
    (vault / "draft.yaml").write_text(result.stdout)
    (vault / "vault.toml").write_text('ignore = ["templates/**", "schemas/**"]\nschema = "draft.yaml"\n')
    assert run_process("validate", str(vault)).returncode == 0
    pilot = vault / "insights" / "pilot-to-production-gap.md"
    pilot.write_text(pilot.read_text().replace("novelty_score: 0.78", "novelty_score: 7.8"))
    broken = run_process("validate", str(pilot), "--format", "json")
    assert broken.returncode == 1
    assert [d["field"] for d in json.loads(broken.stdout)["diagnostics"]] == ["/novelty_score"]


def test_cli_json_format_and_a_folder(tmp_path: Path, run: Any) -> None:
    vault = Path(shutil.copytree(NOTES, tmp_path / "notes"))
    result = run("schema", "infer", str(vault / "people"), "--format", "json")
    assert result.exit_code == 0
    schema = json.loads(result.stdout)
    assert schema["properties"]["type"] == {"type": "string", "enum": ["person"]}
