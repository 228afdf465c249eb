"""What is wrong with a note's frontmatter under a JSON Schema, said so a person understands.

jsonschema's own messages are written for programmers ("'tag' was unexpected", "7.8 is greater
than the maximum of 1") and name no location; each violation here names its key and says what
was expected, and a misspelt key or enum value comes with the closest allowed one.
"""

from __future__ import annotations

import ast
import difflib
import json
import re
from collections.abc import Callable, Iterable, Iterator, Mapping, Sequence
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

from .config import ConfigError
from .model import ParsedNote
from .parse.frontmatter import read_frontmatter
from .parse.yaml_lines import value_position
from .plain_schema import plainly_valid
from .schemas import KnownValid, as_json

if TYPE_CHECKING:
    from jsonschema import ValidationError
    from jsonschema.protocols import Validator

    from .schemas import SchemaSet

Part = str | int

_TYPE_NAMES = {
    "string": "a string",
    "number": "a number",
    "integer": "an integer",
    "boolean": "true or false",
    "array": "a list",
    "object": "a mapping",
    "null": "empty (null)",
}
_SIZES = {
    "minLength": "fewer than",
    "maxLength": "more than",
    "minItems": "fewer than",
    "maxItems": "more than",
    "minProperties": "fewer than",
    "maxProperties": "more than",
}
_FORMAT_HINTS = {
    "date": "a date such as 2025-01-20",
    "date-time": "a date and time such as 2025-01-20T10:30:00",
    "uri": "an absolute URI such as https://example.com/page",
    "email": "an email address",
}


@dataclass(frozen=True, slots=True)
class Violation:
    #: Where in the frontmatter: keys and list indexes from the top.
    parts: tuple[Part, ...]
    message: str

    @property
    def pointer(self) -> str:
        """The JSON pointer (RFC 6901) of ``parts``, such as ``/tags/2``."""
        return "".join("/" + str(part).replace("~", "~0").replace("/", "~1") for part in self.parts)


def violations(
    validator: Validator, frontmatter: Mapping[str, Any], known_keys: Sequence[str] = ()
) -> list[Violation]:
    """Every way ``frontmatter`` breaks the schema, in key order. ``known_keys`` are the keys
    the schemas declare, which a key they don't allow is compared with."""
    from jsonschema.exceptions import SchemaError, UnknownType
    from referencing.exceptions import Unresolvable

    instance = as_json(frontmatter)
    try:
        errors = list(validator.iter_errors(instance))
    except Unresolvable as error:  # a $ref to a fragment that isn't there
        raise ConfigError(f"the schema has a $ref that leads nowhere: {error}") from error
    except (SchemaError, UnknownType) as error:  # checked schemas don't get here; a safety net
        raise ConfigError(f"the schema is not valid: {error}") from error
    found = {violation for error in errors for violation in _explain(error, known_keys)}
    return sorted(found, key=lambda v: ([str(part) for part in v.parts], v.message))


def _explain(error: ValidationError, known_keys: Sequence[str]) -> Iterable[Violation]:
    parts = tuple(error.absolute_path)
    where = _location(parts)
    keyword = str(error.validator)
    expected: Any = error.validator_value
    value: Any = error.instance
    if keyword == "required":
        missing = [name for name in expected if isinstance(value, dict) and name not in value]
        for name in missing:
            yield Violation((*parts, name), f"{_location((*parts, name))}: required, but missing")
        return
    if keyword in ("additionalProperties", "unevaluatedProperties") and isinstance(value, dict):
        for key in _unexpected_keys(error):
            hint = _did_you_mean(key, [*known_keys, *_declared(error.schema)])
            yield Violation((*parts, key), f"{_location((*parts, key))}: unknown key{hint}")
        return
    if keyword == "type":
        names = [expected] if isinstance(expected, str) else list(expected)
        wanted = " or ".join(_TYPE_NAMES.get(name, name) for name in names)
        message = f"{_show(value)} is not {wanted}"
    elif keyword == "enum":
        choices = ", ".join(_show(choice) for choice in expected)
        hint = (
            _did_you_mean(value, [c for c in expected if isinstance(c, str)])
            if isinstance(value, str)
            else ""
        )
        message = f"{_show(value)} is not one of {choices}{hint}"
    elif keyword == "const":
        message = f"{_show(value)} must be {_show(expected)}"
    elif keyword == "format":
        message = f"{_show(value)} is not {_FORMAT_HINTS.get(expected, f'a valid {expected}')}"
    elif keyword in ("minimum", "maximum"):
        relation = "less than the minimum" if keyword == "minimum" else "greater than the maximum"
        message = f"{_show(value)} is {relation} {_show(expected)}"
    elif keyword in ("exclusiveMinimum", "exclusiveMaximum"):
        relation = "greater" if keyword == "exclusiveMinimum" else "less"
        message = f"{_show(value)} must be {relation} than {_show(expected)}"
    elif keyword in _SIZES:
        noun = "character" if isinstance(value, str) else ("item" if isinstance(value, list) else "key")
        count = f"{expected} {noun}" + ("" if expected == 1 else "s")
        message = f"{_show(value)} has {_SIZES[keyword]} {count}"
        if keyword == "minLength" and expected == 1:
            message = "is empty"
    elif keyword == "uniqueItems":
        message = f"{_show(value)} repeats an item"
    elif keyword == "pattern":
        message = f"{_show(value)} does not match the pattern {expected}"
    else:
        message = error.message
    yield Violation(parts, f"{where}: {message}" if where else message)


def _unexpected_keys(error: ValidationError) -> list[str]:
    """The keys an additionalProperties / unevaluatedProperties error is about. jsonschema
    names them only in its message (unevaluated keys depend on every subschema that applied)."""
    found = re.search(r"\((.*) (?:was|were) unexpected\)", error.message)
    if found is None:
        return []
    try:
        keys = ast.literal_eval(f"[{found.group(1)}]")  # the keys' reprs: literals, never code
    except (ValueError, SyntaxError):
        return []
    return [key for key in keys if isinstance(key, str)]


def _declared(schema: Any) -> list[str]:
    return list(schema.get("properties", {})) if isinstance(schema, dict) else []


def _location(parts: tuple[Part, ...]) -> str:
    """``tags[2]``, ``author.name``: how a person names a place in the frontmatter."""
    text = ""
    for part in parts:
        text += f"[{part}]" if isinstance(part, int) else (f".{part}" if text else str(part))
    return text


def _show(value: Any) -> str:
    if isinstance(value, str):
        return repr(value)
    return json.dumps(value, ensure_ascii=False)


def _did_you_mean(word: str, choices: list[str]) -> str:
    close = difflib.get_close_matches(word, choices, n=1, cutoff=0.6)
    if not close:
        lowered = {choice.casefold(): choice for choice in choices}
        close = [lowered[word.casefold()]] if word.casefold() in lowered else []
    return f" (did you mean {close[0]!r}?)" if close else ""


def schema_findings(
    schemas: SchemaSet,
    path: str,
    note: ParsedNote,
    read_text: Callable[[], str | None],
    known: KnownValid | None = None,
) -> list[tuple[int, int, str, str]]:
    """The ``schema`` findings of the note at ``path``: (line, column, message, JSON pointer).

    A note whose frontmatter could not be read at all has none: its YAML error says it all.
    ``read_text`` gives the note's text, asked for only when there is a violation to place.
    Frontmatter ``known`` to be valid is not validated again, and valid frontmatter is added to it.
    """
    if not note.readable or any(problem.rule == "invalid-frontmatter" for problem in note.problems):
        return []
    file = schemas.schema_for(path, note.frontmatter)
    if file is None:
        return []
    if schemas.linking is not None:
        schemas.linking.source = path  # which x-vault-link values resolve from
    if known is not None and not schemas.verdict_is_pure(note.frontmatter):
        known = None
    digest = known.digest(file, note.frontmatter) if known is not None else ""
    if known is not None and digest in known:
        return []
    # Most frontmatter plainly passes; jsonschema (~40 ms to import) judges the rest.
    plain = plainly_valid(schemas.by_uri(), schemas.uri(file), as_json(note.frontmatter))
    found = [] if plain else violations(schemas.validator(file), note.frontmatter, schemas.property_names)
    if not found:
        if known is not None:
            known.add(digest)
        return []
    text = read_text()
    front = read_frontmatter(text) if text is not None else None
    placed = []
    for violation in found:
        position = None
        if front is not None and front.yaml_text:
            position = value_position(front.yaml_text, front.yaml_line, violation.parts)
        line, column = position or (1, 1)
        placed.append((line, column, violation.message, violation.pointer))
    return placed


def note_findings(
    schemas: SchemaSet | None,
    path: str,
    note: ParsedNote,
    read_text: Callable[[], str | None],
    known: KnownValid | None = None,
) -> Iterator[tuple[int, int, str, str, str | None]]:
    """What `vault validate` finds in one note: its parse problems (unreadable, invalid YAML)
    and its schema violations, as (line, column, rule, message, JSON pointer or None)."""
    for problem in note.problems:
        yield problem.line, problem.column, problem.rule, problem.message, None
    if schemas is not None:
        for line, column, message, pointer in schema_findings(schemas, path, note, read_text, known):
            yield line, column, "schema", message, pointer
