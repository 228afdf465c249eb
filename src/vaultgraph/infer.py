"""A draft JSON Schema from the frontmatter a vault already has, for `vault schema infer`.

The draft accepts every note it was drawn from (the tests hold it to that) and is as tight as
that allows: types seen, enums for keys with few distinct values, formats every value has,
numeric ranges, and the keys nearly every note has as required.
"""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Iterable, Mapping, Sequence
from typing import Any

from .schemas import as_json

SCHEMA_DIALECT = "https://json-schema.org/draft/2020-12/schema"
#: A key in at least this share of notes is required.
REQUIRED_SHARE = 0.95
#: Strings become an enum when there are at most this many distinct values...
ENUM_MAX_VALUES = 12
#: ...and each value is used this many times on average: "insight" again and again, not titles.
ENUM_MIN_REPEATS = 3

_JSON_TYPE = {bool: "boolean", int: "integer", float: "number", str: "string", list: "array", dict: "object"}
_FORMATS = (
    ("date", re.compile(r"\d{4}-\d{2}-\d{2}\Z")),
    (
        "date-time",
        re.compile(r"\d{4}-\d{2}-\d{2}[Tt ]\d{2}:\d{2}(:\d{2}(\.\d+)?)?([Zz]|[+-]\d{2}:?\d{2})?\Z"),
    ),
    ("uri", re.compile(r"[A-Za-z][A-Za-z0-9+.-]*://\S+\Z")),
    ("email", re.compile(r"[^@\s]+@[^@\s]+\.[^@\s]+\Z")),
)
_WIKILINK = re.compile(r"\[\[[^\[\]]+\]\]\Z")


def infer_schema(frontmatters: Iterable[Mapping[str, Any]]) -> dict[str, Any]:
    """A draft 2020-12 schema that every one of ``frontmatters`` satisfies."""
    notes = list(frontmatters)
    schema = _object_schema(notes)
    schema["additionalProperties"] = False  # catches `tag:` for `tags:`; every key seen is listed
    return {"$schema": SCHEMA_DIALECT, "title": "Frontmatter", **schema}


def _object_schema(objects: Sequence[Mapping[str, Any]]) -> dict[str, Any]:
    present: Counter[str] = Counter()
    values: dict[str, list[Any]] = {}
    for item in objects:
        for key, value in item.items():
            present[key] += 1
            values.setdefault(key, []).append(value)
    schema: dict[str, Any] = {"type": "object"}
    required = [key for key in sorted(present) if present[key] >= REQUIRED_SHARE * len(objects)]
    if required:
        schema["required"] = required
    schema["properties"] = {key: _value_schema(values[key]) for key in sorted(values)}
    return schema


def _value_schema(values: list[Any]) -> dict[str, Any]:
    """The narrowest schema all ``values`` (of one key or one list's items) satisfy."""
    values = [as_json(value) for value in values]
    types = sorted({_type_of(value) for value in values})
    if "integer" in types and "number" in types:
        types.remove("integer")  # every integer is a number
    schema: dict[str, Any] = {"type": types[0] if len(types) == 1 else types}
    strings = [value for value in values if isinstance(value, str)]
    numbers = [v for v in values if isinstance(v, (int, float)) and not isinstance(v, bool)]
    lists = [value for value in values if isinstance(value, list)]
    objects = [value for value in values if isinstance(value, dict)]
    if strings:
        facets = _string_facets(strings)
        # An enum would refuse every value that is not a string; formats and patterns apply to
        # strings alone.
        if "enum" in facets and not set(types) <= {"string", "null"}:
            del facets["enum"]
        schema.update(facets)
        if "enum" in schema and "null" in types:
            schema["enum"].append(None)
    if numbers:
        schema.update(_range(numbers))
    if lists:
        items = [item for value in lists for item in value]
        if items:
            schema["items"] = _value_schema(items)
    if objects and types == ["object"]:
        schema.update(_object_schema(objects))
    return schema


def _type_of(value: Any) -> str:
    return "null" if value is None else _JSON_TYPE.get(type(value), "string")


def _string_facets(strings: list[str]) -> dict[str, Any]:
    for name, pattern in _FORMATS:
        if all(pattern.match(text) for text in strings):
            return {"format": name}
    if all(_WIKILINK.match(text) for text in strings):
        return {"pattern": r"^\[\[[^\[\]]+\]\]$"}
    distinct = sorted(set(strings))
    if len(distinct) <= ENUM_MAX_VALUES and len(strings) >= ENUM_MIN_REPEATS * len(distinct):
        return {"enum": distinct}
    return {}


def _range(numbers: Sequence[float]) -> dict[str, Any]:
    """The range seen, widened to 0..1 for scores that all lie in it, and to 0 from below for
    counts that are never negative: a draft should not reject the next note for being new."""
    low, high = min(numbers), max(numbers)
    if low >= 0 and high <= 1:
        return {"minimum": 0, "maximum": 1}
    return {"minimum": 0 if low >= 0 else low, "maximum": high}
