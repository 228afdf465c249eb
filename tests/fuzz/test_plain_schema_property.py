"""The schema fast path (vaultgraph.plain_schema) against jsonschema on random schemas and
frontmatter: it never calls valid what jsonschema finds an error in, and on schemas of the
keywords it knows it calls valid everything jsonschema does.

`make test` runs a few hundred examples of each (the "ci" profile); `make fuzz` runs many more
(the "fuzz" profile of tests/conftest.py).
"""

from __future__ import annotations

from typing import Any

from hypothesis import event, example, given
from hypothesis import strategies as st

from vaultgraph.plain_schema import plainly_valid
from vaultgraph.schemas import _validator

# Two schema files, by URI as SchemaSet.by_uri() gives them: $refs go within and between them.
NOTE = "file:///vault/schemas/note.json"
OTHER = "file:///vault/schemas/other.json"
DIALECT = "https://json-schema.org/draft/2020-12/schema"

# --- frontmatter ---------------------------------------------------------------------------------

#: Strings near the formats' edges, the patterns' and the enums': random text rarely is.
STRINGS = [
    *("2025-01-20", "2024-02-29", "2025-02-29", "2025-1-5", "2025-13-01", "20250120", "2025-01-20 "),
    *("\u0662\u0660\u0662\u0665-01-20", "2025-01-20\n", "2025-01-20T10:30", "2025-01-20T10:30:00Z"),
    *("2025-01-20t10:30z", "2025-01-20 10:30:00+01:00", "2025-01-20T25:00", "2025-01-20X10:30"),
    *("2025-01-20T10:30:00.123456", "2025-01-20T10", "https://example.com/page", "mailto:a@b.c"),
    *("urn:isbn:0451450523", "example.com", "https://ex ample.com", "http://a/b#c#d", "https://x/%zz"),
    *("https://x/%20y", "file:///tmp/x", "a@b.c", "", "a", "tag", "#tag", "two words", "[[note]]"),
    *("[[a|b]]", "[[]]", "insight", "Insight", "é", "\U0001d11ex", "1", "true", "null", "a~b/c"),
]  # fmt: skip
KEYS = ["type", "tags", "score", "date", "url", "a", "b"]
strings = st.sampled_from(STRINGS) | st.text(max_size=6)
numbers = (
    st.integers(-3, 3)
    | st.sampled_from([0.0, 1.0, -1.0, 0.5, 2.5, 0.1, 0.3, 1e300, 2**64, -(2**70)])
    | st.floats(allow_nan=False, allow_infinity=False)
    | st.integers()
)
scalars = st.none() | st.booleans() | numbers | strings
json_values = st.recursive(
    scalars,
    lambda inner: st.lists(inner, max_size=4) | st.dictionaries(st.sampled_from(KEYS), inner, max_size=4),
    max_leaves=8,
)
frontmatter = st.dictionaries(st.sampled_from(KEYS), json_values, max_size=5) | json_values

# --- schemas -------------------------------------------------------------------------------------

TYPES = ["string", "number", "integer", "boolean", "null", "array", "object"]
PATTERNS = ["^[^\\s#]+$", "^\\[\\[.+\\]\\]$", "a", "^$", "\\d", "^\\w{2}$", "é"]
REFS = ["#/$defs/a", "#/$defs/b", "other.json", "other.json#/$defs/a", "note.json#/$defs/b", "#"]
#: What the fast path must say "not sure" to: jsonschema gives each a meaning it does not know,
#: or stops on it (a pattern that is no regex, a $ref that leads nowhere).
UNSURE_REFS = ["#/$defs/missing", "elsewhere.json", "#anchor", "https://example.com/s", "#/$defs/a/"]


def keyword_values(sub: st.SearchStrategy[Any], *, unsupported: bool) -> dict[str, st.SearchStrategy[Any]]:
    """Each keyword a schema may have, with what its value may be; ``sub`` for a subschema."""
    limits = st.integers(0, 4) | st.sampled_from([2.0, 0.0])
    bounds = numbers | st.sampled_from([0, 1, 0.5])
    values: dict[str, st.SearchStrategy[Any]] = {
        "type": st.sampled_from(TYPES) | st.lists(st.sampled_from(TYPES), min_size=1, max_size=3),
        "enum": st.lists(json_values, min_size=1, max_size=4),
        "const": json_values,
        "required": st.lists(st.sampled_from(KEYS), max_size=3, unique=True),
        "properties": st.dictionaries(st.sampled_from(KEYS), sub, max_size=3),
        "additionalProperties": sub,
        "items": sub,
        "minItems": limits,
        "maxItems": limits,
        "uniqueItems": st.booleans(),
        "minLength": limits,
        "maxLength": limits,
        "minimum": bounds,
        "maximum": bounds,
        "exclusiveMinimum": bounds,
        "exclusiveMaximum": bounds,
        "multipleOf": st.sampled_from([1, 2, 3, 0.5, 0.1, 2.5, 1e-300, 10**400]),
        "pattern": st.sampled_from(PATTERNS),
        "format": st.sampled_from(["date", "date-time", "uri"]),
        "$ref": st.sampled_from(REFS),
        "$schema": st.sampled_from([DIALECT, f"{DIALECT}#"]),
        "title": strings,
        "description": strings,
        "$comment": strings,
        "default": json_values,
        "examples": st.lists(json_values, max_size=2),
        "deprecated": st.booleans(),
    }
    if unsupported:
        values["format"] = st.sampled_from(["date", "date-time", "uri", "email", "ipv4", "regex", "x"])
        values["pattern"] = st.sampled_from([*PATTERNS, "[", "(?P<"])
        values["$ref"] = st.sampled_from([*REFS, *UNSURE_REFS])
        values["$schema"] = st.sampled_from(
            [DIALECT, "http://json-schema.org/draft-07/schema#", "http://json-schema.org/draft-04/schema#"]
        )
        values |= {
            "$id": st.sampled_from(["other.json", "https://example.com/s", "sub/x.json"]),
            "$anchor": st.just("anchor"),
            "allOf": st.lists(sub, min_size=1, max_size=2),
            "anyOf": st.lists(sub, min_size=1, max_size=2),
            "not": sub,
            "if": sub,
            "then": sub,
            "patternProperties": st.dictionaries(st.sampled_from(["^a", "e$"]), sub, max_size=1),
            "prefixItems": st.lists(sub, max_size=2),
            "minProperties": st.integers(0, 3),
            "dependentRequired": st.just({"a": ["b"]}),
            "unevaluatedProperties": st.booleans(),
            "x-vault-link": st.just({"type": "map"}),
            "exclusiveMinimum": bounds | st.booleans(),  # draft 4's form
            "items": sub | st.lists(sub, max_size=2),  # draft 2019's form
        }
    return values


@st.composite
def keywords(
    draw: st.DrawFn, sub: st.SearchStrategy[Any], *, unsupported: bool, most: int = 3
) -> dict[str, Any]:
    """A schema of a few keywords: real ones have a handful a level, and a small one meets the
    instance's corners more often than one that fails on its first keyword."""
    values = keyword_values(sub, unsupported=unsupported)
    names = draw(st.lists(st.sampled_from(sorted(values)), max_size=most, unique=True))
    return {name: draw(values[name]) for name in names}


def schemas(depth: int, *, unsupported: bool) -> st.SearchStrategy[Any]:
    sub = st.booleans() if depth == 0 else schemas(depth - 1, unsupported=unsupported)
    return keywords(sub, unsupported=unsupported) | st.booleans()


@st.composite
def documents(draw: st.DrawFn, *, unsupported: bool) -> dict[str, Any]:
    """The two schema files, each with $defs ``a`` and ``b`` for $refs to reach."""
    files = {}
    for uri in (NOTE, OTHER):
        document = draw(keywords(schemas(2, unsupported=unsupported), unsupported=unsupported, most=5))
        defs = st.fixed_dictionaries(
            {"a": schemas(1, unsupported=unsupported), "b": schemas(1, unsupported=unsupported)}
        )
        files[uri] = {**document, "$defs": draw(defs)}
    return files


def jsonschema_valid(files: dict[str, Any], instance: Any) -> bool:
    """jsonschema's verdict, with the validator vault validate builds; False where it stops
    (a $ref that leads nowhere or round in a circle, a pattern that is no regex)."""
    validator = _validator(files[NOTE], NOTE, files, None)
    try:
        return next(validator.iter_errors(instance), None) is None
    except Exception:
        return False


# --- the properties ------------------------------------------------------------------------------


@given(documents(unsupported=True), frontmatter)
@example({NOTE: {"type": "integer"}, OTHER: {}}, True)
@example({NOTE: {"enum": [1]}, OTHER: {}}, True)
@example({NOTE: {"const": [0]}, OTHER: {}}, [False])
@example({NOTE: {"$ref": "#"}, OTHER: {}}, {})
@example({NOTE: {"$id": "other.json", "$ref": "#/$defs/a", "$defs": {"a": True}}, OTHER: {"$defs": {}}}, 1)
@example({NOTE: {"multipleOf": 1e-300}, OTHER: {}}, 10**400)
def test_valid_only_where_jsonschema_finds_no_error(files: dict[str, Any], instance: Any) -> None:
    verdict = plainly_valid(files, NOTE, instance)
    event(f"fast path: {verdict}")
    if verdict:
        assert jsonschema_valid(files, instance)


@given(documents(unsupported=False), frontmatter)
@example({NOTE: {"uniqueItems": True}, OTHER: {}}, [[1], [True], [1]])
def test_valid_wherever_jsonschema_finds_no_error_in_the_keywords_it_knows(
    files: dict[str, Any], instance: Any
) -> None:
    expected = jsonschema_valid(files, instance)
    event(f"jsonschema: {expected}")
    if expected and not _repeats_missed_by_jsonschema(instance):
        assert plainly_valid(files, NOTE, instance)


def _repeats_missed_by_jsonschema(value: Any) -> bool:
    """Whether ``value`` holds a list whose items jsonschema's uniqueItems can wrongly call
    unique: it sorts lists of lists with Python's <, where True == 1, and compares neighbours
    only, so [[1], [True], [1]] passes. The fast path says "not sure" there."""
    if isinstance(value, dict):
        return any(_repeats_missed_by_jsonschema(item) for item in value.values())
    if not isinstance(value, list):
        return False
    nested = [item for item in value if isinstance(item, list)]
    return (len(nested) > 2 and _holds_a_bool(nested)) or any(
        _repeats_missed_by_jsonschema(item) for item in value
    )


def _holds_a_bool(value: Any) -> bool:
    if isinstance(value, bool):
        return True
    if isinstance(value, dict):
        return any(_holds_a_bool(item) for item in value.values())
    return isinstance(value, list) and any(_holds_a_bool(item) for item in value)
