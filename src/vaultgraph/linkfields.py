"""``x-vault-link``: a JSON Schema keyword for frontmatter fields that must link to a certain kind
of note, as ``author: {x-vault-link: {folder: "people/**", type: person}}`` says that ``author``
is a wikilink (``"[[people/ada]]"``, an alias or anchor allowed) to a note in ``people/`` whose
frontmatter ``type`` is ``person``. On a list, each item must be such a link.

The keyword is added to jsonschema's validator with ``validators.extend``, so it composes with
``items``, ``anyOf``, ``$ref`` and the rest. Checking it needs the vault's file list (to resolve
the link) and the linked note's frontmatter; a :class:`Linking` gets both only when a value is
checked, so `vault validate FILES` lists the vault and reads the linked notes only then.
"""

from __future__ import annotations

import json
from collections.abc import Callable, Iterator, Mapping
from pathlib import Path
from typing import TYPE_CHECKING, Any

from .config import ConfigError, glob_matcher

if TYPE_CHECKING:
    from jsonschema import ValidationError
    from jsonschema.protocols import Validator

    from .resolve import PathIndex

# The link parser and resolver are imported where used: a pre-commit run whose schemas have no
# x-vault-link needs neither.

KEYWORD = "x-vault-link"
_KEYS = ("folder", "type")
#: Keywords whose value maps names to subschemas: a name there is no keyword.
_NAMED = {"properties", "patternProperties", "$defs", "definitions", "dependentSchemas"}
#: Keywords whose value is data, not a schema.
_DATA = {"enum", "const", "default", "examples"}


class Linking:
    """The vault that x-vault-link values are checked against, and the note being validated:
    jsonschema's keyword functions see only the value, so the note's path (which relative links
    and ambiguous ones resolve from) is set here before each note is validated."""

    def __init__(
        self, index: Callable[[], PathIndex], frontmatter: Callable[[str], Mapping[str, Any] | None]
    ) -> None:
        self._make_index = index
        self._index: PathIndex | None = None
        self._frontmatter = frontmatter
        self._types: dict[str, object] = {}
        self.source = ""

    def problem(self, value: object, spec: Mapping[str, Any]) -> str | None:
        """Why ``value`` is not a wikilink to a note that ``spec`` allows, None when it is."""
        wanted = _describe(spec)
        link = _as_link(value)
        if link is None:
            shown = repr(value) if isinstance(value, str) else json.dumps(value, default=str)
            return f"{shown} is not a wikilink to {wanted}"
        from .resolve import resolve_target

        raw, target = link
        if self._index is None:
            self._index = self._make_index()
        resolution = resolve_target(self._index, target, self.source)
        path = resolution.path
        if path is None:
            return f"'{raw}' leads nowhere ({resolution.message}): it must link to {wanted}"
        folder = spec.get("folder")
        matcher = glob_matcher((folder,)) if isinstance(folder, str) else None
        in_folder = matcher is None or matcher.match(path) is not None
        if not self._index.is_note(path):
            return f"'{raw}' links to '{path}', not to {wanted}"
        types = _types(spec)
        kind = self._type_of(path)
        if in_folder and (not types or kind in types):
            return None
        hint = f" (its type is {kind!r})" if types and in_folder else ""
        return f"'{raw}' links to '{path}', not to {wanted}{hint}"

    def _type_of(self, path: str) -> object:
        if path not in self._types:
            frontmatter = self._frontmatter(path) or {}
            self._types[path] = frontmatter.get("type")
        return self._types[path]


def keyword(linking: Linking) -> Callable[[Validator, Any, Any, Any], Iterator[ValidationError]]:
    """The x-vault-link keyword as jsonschema's ``validators.extend`` takes it."""

    def x_vault_link(
        validator: Validator, spec: Any, instance: Any, schema: Any
    ) -> Iterator[ValidationError]:
        from jsonschema import ValidationError

        items = enumerate(instance) if isinstance(instance, list) else [(None, instance)]
        for index, value in items:
            problem = linking.problem(value, spec)
            if problem is not None:
                yield ValidationError(problem, path=() if index is None else (index,))

    return x_vault_link


def uses_keyword(document: Any) -> bool:
    return any(True for _ in _specs(document, ""))


def check_keyword(file: str, document: Any) -> None:
    """ConfigError naming ``file`` for an x-vault-link value that is not ``{folder, type}``."""
    for pointer, spec in _specs(document, ""):
        problem = _spec_problem(spec)
        if problem is not None:
            raise ConfigError(f"{file}: not a valid {KEYWORD} (at {pointer}): {problem}")


def frontmatter_of_files(root: Path) -> Callable[[str], Mapping[str, Any] | None]:
    """Reads a note's frontmatter from its file: what a check that holds no parsed notes uses."""
    from .notefile import read_note
    from .parse import parse_frontmatter

    return lambda path: read_note(root / path, parse_frontmatter).frontmatter


def has_links(value: Any) -> bool:
    """Whether any string in ``value`` (frontmatter) may be a wikilink, whose target can change."""
    if isinstance(value, str):
        return "[[" in value
    if isinstance(value, Mapping):
        return any(has_links(item) for item in value.values())
    if isinstance(value, list):
        return any(has_links(item) for item in value)
    return False


def _as_link(value: object) -> tuple[str, str] | None:
    """(the link as written, its target) of a value that is exactly one wikilink."""
    from .parse.links import WIKILINK, wikilink

    if not isinstance(value, str):
        return None
    raw = value.strip()
    match = WIKILINK.fullmatch(raw)
    link = wikilink(match.group(1), raw, 0, 0) if match else None
    return (raw, link.target) if link is not None and link.target else None


def _types(spec: Mapping[str, Any]) -> list[str]:
    kind = spec.get("type")
    return [kind] if isinstance(kind, str) else list(kind or [])


def _describe(spec: Mapping[str, Any]) -> str:
    """``a note in people/** of type person``: what a value must link to."""
    text = "a note"
    if isinstance(spec.get("folder"), str):
        text += f" in {spec['folder']}"
    types = _types(spec)
    if types:
        text += " of type " + " or ".join(types)
    return text


def _spec_problem(spec: Any) -> str | None:
    if not isinstance(spec, dict):
        return 'it must be a mapping such as {folder: "people/**", type: person}'
    unknown = sorted(set(spec) - set(_KEYS))
    if unknown:
        return f"unknown key {unknown[0]!r} (known keys: {', '.join(_KEYS)})"
    if not spec:
        return "it needs folder, type or both"
    folder, kind = spec.get("folder"), spec.get("type")
    if folder is not None and (not isinstance(folder, str) or not folder.strip("/ ")):
        return 'folder must be a glob string such as "people/**"'
    types_ok = isinstance(kind, str) or (
        isinstance(kind, list) and kind and all(isinstance(item, str) for item in kind)
    )
    if kind is not None and not types_ok:
        return "type must be a string or a non-empty list of strings"
    return None


def _specs(schema: Any, pointer: str) -> Iterator[tuple[str, Any]]:
    """Every x-vault-link value in a schema document, with its JSON pointer."""
    if isinstance(schema, list):
        for i, item in enumerate(schema):
            yield from _specs(item, f"{pointer}/{i}")
    elif isinstance(schema, dict):
        for key, value in schema.items():
            here = f"{pointer}/{key}"
            if key == KEYWORD:
                yield here, value
            elif key in _NAMED and isinstance(value, dict):
                for name, subschema in value.items():
                    yield from _specs(subschema, f"{here}/{name}")
            elif key not in _DATA:
                yield from _specs(value, here)
