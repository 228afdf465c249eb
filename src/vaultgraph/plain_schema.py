"""A fast path for frontmatter that plainly passes its JSON Schema; everything else goes to jsonschema.

`vault validate` runs on every commit, and importing jsonschema (with attrs, referencing and the
metaschemas) takes ~40 ms, a third of a one-note run. Frontmatter schemas use a few simple
keywords, which this module evaluates itself. It answers True only when it is sure that
jsonschema, as :mod:`.schemas` builds its validators (Draft 2020-12 with
:func:`.schemas.format_checker`), would find no error; anything else it does not know (a keyword,
a format, a dialect, a $ref it cannot follow as referencing would) makes it answer False, "invalid
or not sure", and the caller asks jsonschema, which also words the errors. The property tests in
tests/test_plain_schema.py hold it to that, as parse/simple_yaml.py is held to PyYAML.
"""

from __future__ import annotations

import datetime as dt
import math
import re
from collections.abc import Callable, Mapping
from typing import Any
from urllib.parse import unquote, urldefrag, urljoin

from .schemas import is_date_time, is_uri

# The $schema values jsonschema reads as Draft 2020-12 (its registry normalises away an empty "#").
# A tuple: `in` compares, where a set would hash (and a $schema may be any YAML value).
_DIALECTS = ("https://json-schema.org/draft/2020-12/schema", "https://json-schema.org/draft/2020-12/schema#")
# Keywords that never fail a 2020-12 validation ($id does change where $refs below it lead).
_ANNOTATIONS = frozenset(
    (
        "$schema",
        "$id",
        "$comment",
        "$defs",
        "title",
        "description",
        "default",
        "examples",
        "deprecated",
        "readOnly",
        "writeOnly",
    )
)
# jsonschema's "date" check: the regex, then the calendar.
_DATE = re.compile(r"^\d{4}-\d{2}-\d{2}$", re.ASCII)
# Deeper than frontmatter goes; a $ref that leads back to itself ends here, not in a RecursionError.
_MAX_DEPTH = 64
_NOWHERE = object()


def plainly_valid(documents: Mapping[str, Any], uri: str, instance: Any) -> bool:
    """Whether ``instance`` (frontmatter as JSON: :func:`.schemas.as_json`) is sure to be valid
    under the schema document at ``uri``. ``documents`` are every schema document by the URI
    that $refs reach it by (:meth:`.schemas.SchemaSet.by_uri`). False means invalid or not sure."""
    if uri not in documents or not _is_json(instance, 0):
        return False
    return _Judge(documents).valid(documents[uri], instance, uri, 0)


def _is_json(value: Any, depth: int) -> bool:
    """Whether ``value`` holds only what JSON has, and finite numbers: what the comparisons below
    are written for (jsonschema would compare a NaN, a set or bytes in its own ways)."""
    if depth > _MAX_DEPTH:
        return False
    if value is None or isinstance(value, (str, int)):
        return True
    if isinstance(value, float):
        return math.isfinite(value)
    if isinstance(value, list):
        return all(_is_json(item, depth + 1) for item in value)
    if isinstance(value, dict):
        return all(isinstance(key, str) and _is_json(item, depth + 1) for key, item in value.items())
    return False


class _Judge:
    """One judgement: the documents $refs lead to, and the keywords this module knows."""

    def __init__(self, documents: Mapping[str, Any]) -> None:
        self._documents = documents
        self._keywords: dict[str, Callable[[Any, Any, dict[str, Any], str | None, int], bool]] = {
            "$ref": self._ref,
            "type": _type,
            "enum": _enum,
            "const": _const,
            "required": _required,
            "properties": self._properties,
            "additionalProperties": self._additional_properties,
            "items": self._items,
            "minItems": _min_items,
            "maxItems": _max_items,
            "uniqueItems": _unique_items,
            "minLength": _min_length,
            "maxLength": _max_length,
            "minimum": _minimum,
            "maximum": _maximum,
            "exclusiveMinimum": _exclusive_minimum,
            "exclusiveMaximum": _exclusive_maximum,
            "multipleOf": _multiple_of,
            "pattern": _pattern,
            "format": _format,
        }

    def valid(self, schema: Any, instance: Any, base: str | None, depth: int) -> bool:
        """Whether ``instance`` is sure to be valid under ``schema``; relative $refs in it
        resolve against ``base``, None where that is not known for sure."""
        if isinstance(schema, bool):
            return schema
        if not isinstance(schema, dict) or depth > _MAX_DEPTH:
            return False
        if "$schema" in schema and schema["$schema"] not in _DIALECTS:
            return False  # jsonschema would judge this subschema by another draft's rules
        if "$id" in schema:
            base = None  # a new base URI: referencing's joining of it is not repeated here
        for key, value in schema.items():
            if key in _ANNOTATIONS:
                continue
            check = self._keywords.get(key)
            if check is None or not check(value, instance, schema, base, depth + 1):
                return False
        return True

    def _ref(self, ref: Any, instance: Any, schema: dict[str, Any], base: str | None, depth: int) -> bool:
        """$ref as referencing resolves it: against the base URI, to a document by URI, then
        along a JSON pointer. Anchors and $id-based resolution are left to it."""
        if not isinstance(ref, str) or base is None:
            return False
        if ref.startswith("#"):
            uri, fragment = base, ref[1:]
        else:
            uri, fragment = urldefrag(urljoin(base, ref))
        if uri not in self._documents or (fragment and not fragment.startswith("/")):
            return False
        target = _pointed(self._documents[uri], fragment)
        return target is not _NOWHERE and self.valid(target, instance, uri, depth)

    def _properties(
        self, properties: Any, instance: Any, schema: dict[str, Any], base: str | None, depth: int
    ) -> bool:
        if not isinstance(properties, dict):
            return False
        if not isinstance(instance, dict):
            return True
        return all(
            self.valid(subschema, instance[name], base, depth)
            for name, subschema in properties.items()
            if name in instance
        )

    def _additional_properties(
        self, additional: Any, instance: Any, schema: dict[str, Any], base: str | None, depth: int
    ) -> bool:
        declared = schema.get("properties", {})
        if not isinstance(declared, dict):
            return False
        if not isinstance(instance, dict):
            return True
        extra = [value for key, value in instance.items() if key not in declared]
        return all(self.valid(additional, value, base, depth) for value in extra)

    def _items(self, items: Any, instance: Any, schema: dict[str, Any], base: str | None, depth: int) -> bool:
        if not isinstance(items, (dict, bool)):
            return False
        if not isinstance(instance, list):
            return True
        return all(self.valid(items, item, base, depth) for item in instance)


def _pointed(document: Any, pointer: str) -> Any:
    """What the JSON ``pointer`` (a $ref's fragment) points at in ``document``, as referencing
    finds it; _NOWHERE when nothing, or when referencing might resolve $refs below it from
    another base URI: an embedded resource on the way ($id), or a document of another draft
    (whose embedded resources it finds by other keywords, such as draft 4's ``id``)."""
    if pointer and isinstance(document, dict) and document.get("$schema", _DIALECTS[0]) not in _DIALECTS:
        return _NOWHERE
    target = document
    for segment in unquote(pointer[1:]).split("/") if pointer else ():
        if isinstance(target, dict) and "$id" in target:
            return _NOWHERE
        if isinstance(target, list) and segment.isascii() and segment.isdigit():
            index = int(segment)
            target = target[index] if index < len(target) else _NOWHERE
        elif isinstance(target, dict):
            target = target.get(segment.replace("~1", "/").replace("~0", "~"), _NOWHERE)
        else:
            return _NOWHERE
        if target is _NOWHERE:
            return _NOWHERE
    return target


# The keywords that don't descend: (keyword's value, instance, schema, base, depth) -> sure valid.


def _type(types: Any, instance: Any, *_: Any) -> bool:
    names = [types] if isinstance(types, str) else types
    if not isinstance(names, list) or not all(isinstance(name, str) and name in _TYPES for name in names):
        return False  # jsonschema raises UnknownType
    return any(_TYPES[name](instance) for name in names)


def _is_number(value: Any) -> bool:
    return isinstance(value, (int, float)) and not isinstance(value, bool)


_TYPES: dict[str, Callable[[Any], bool]] = {
    "string": lambda value: isinstance(value, str),
    "number": _is_number,
    # Draft 6 on: a float with no fractional part is an integer.
    "integer": lambda value: _is_number(value) and (isinstance(value, int) or value.is_integer()),
    "boolean": lambda value: isinstance(value, bool),
    "null": lambda value: value is None,
    "array": lambda value: isinstance(value, list),
    "object": lambda value: isinstance(value, dict),
}


def _equal(one: Any, two: Any) -> bool:
    """jsonschema's equality: as Python's, but a bool equals only itself, all the way down."""
    if one is two:
        return True
    if isinstance(one, str) or isinstance(two, str):
        return bool(one == two)
    if isinstance(one, list) and isinstance(two, list):
        return len(one) == len(two) and all(_equal(a, b) for a, b in zip(one, two, strict=True))
    if isinstance(one, dict) and isinstance(two, dict):
        return len(one) == len(two) and all(key in two and _equal(one[key], two[key]) for key in one)
    if isinstance(one, bool) or isinstance(two, bool):
        return False  # two different objects, one of them a bool (True and False are singletons)
    return bool(one == two)


def _enum(choices: Any, instance: Any, *_: Any) -> bool:
    return isinstance(choices, list) and any(_equal(choice, instance) for choice in choices)


def _const(value: Any, instance: Any, *_: Any) -> bool:
    return _equal(value, instance)


def _required(names: Any, instance: Any, *_: Any) -> bool:
    if not isinstance(names, list) or not all(isinstance(name, str) for name in names):
        return False
    return not isinstance(instance, dict) or all(name in instance for name in names)


def _unique_items(unique: Any, instance: Any, *_: Any) -> bool:
    if not isinstance(unique, bool):
        return False
    if not unique or not isinstance(instance, list):
        return True
    scalars = [_scalar_key(item) for item in instance]
    if None not in scalars:
        return len(set(scalars)) == len(scalars)
    # Lists and mappings: compared pair by pair, as few as frontmatter lists hold.
    return len(instance) <= 100 and not any(
        _equal(one, two) for i, one in enumerate(instance) for two in instance[i + 1 :]
    )


def _scalar_key(value: Any) -> tuple[str, Any] | None:
    """A key equal for two scalars exactly when :func:`_equal` says so; None for a list or mapping."""
    if isinstance(value, (list, dict)):
        return None
    if isinstance(value, bool):
        return ("bool", value)
    if isinstance(value, str):
        return ("str", value)
    return ("other", value)  # numbers (1 == 1.0, as in jsonschema) and None


def _bound(
    compare: Callable[[Any, Any], bool], applies: Callable[[Any], bool], measure: Callable[[Any], Any]
) -> Callable[..., bool]:
    """A keyword that holds ``compare(measure(instance), value)`` where ``applies(instance)``."""

    def check(value: Any, instance: Any, *_: Any) -> bool:
        if not _is_number(value):
            return False
        return not applies(instance) or compare(measure(instance), value)

    return check


def _itself(value: Any) -> Any:
    return value


def _is_list(value: Any) -> bool:
    return isinstance(value, list)


def _is_string(value: Any) -> bool:
    return isinstance(value, str)


_min_items = _bound(lambda size, limit: size >= limit, _is_list, len)
_max_items = _bound(lambda size, limit: size <= limit, _is_list, len)
# Lengths in code points, as jsonschema (and Python's len) counts them.
_min_length = _bound(lambda size, limit: size >= limit, _is_string, len)
_max_length = _bound(lambda size, limit: size <= limit, _is_string, len)
_minimum = _bound(lambda number, limit: number >= limit, _is_number, _itself)
_maximum = _bound(lambda number, limit: number <= limit, _is_number, _itself)
_exclusive_minimum = _bound(lambda number, limit: number > limit, _is_number, _itself)
_exclusive_maximum = _bound(lambda number, limit: number < limit, _is_number, _itself)


def _multiple_of(divisor: Any, instance: Any, *_: Any) -> bool:
    if not _is_number(divisor) or divisor <= 0:
        return False
    if not _is_number(instance):
        return True
    if isinstance(divisor, float):
        # jsonschema's test: an integral quotient (it goes exact where that overflows; not here).
        try:
            quotient = instance / divisor
        except OverflowError:
            return False
        return math.isfinite(quotient) and int(quotient) == quotient
    return not instance % divisor


def _pattern(pattern: Any, instance: Any, *_: Any) -> bool:
    if not isinstance(pattern, str):
        return False
    if not isinstance(instance, str):
        return True
    try:
        return re.search(pattern, instance) is not None  # re caches what it compiles
    except re.error:
        return False


def _is_date(value: str) -> bool:
    try:
        return _DATE.fullmatch(value) is not None and bool(dt.date.fromisoformat(value))
    except ValueError:
        return False


def _is_date_time(value: str) -> bool:
    try:
        return is_date_time(value)
    except ValueError:  # format_checker() registers it as raising ValueError for "not one"
        return False


# The formats known here, each checked exactly as schemas.format_checker() checks it.
_FORMATS: dict[str, Callable[[str], bool]] = {"date": _is_date, "date-time": _is_date_time, "uri": is_uri}


def _format(name: Any, instance: Any, *_: Any) -> bool:
    check = _FORMATS.get(name) if isinstance(name, str) else None
    return check is not None and (not isinstance(instance, str) or check(instance))
