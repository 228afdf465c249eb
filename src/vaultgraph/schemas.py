"""The vault's JSON Schemas for frontmatter: read from the files ``vault.toml`` names, checked,
and chosen per note (by ``type``, then folder, then the vault-wide ``schema``).

A schema may ``$ref`` other schema files by a path relative to itself; they are read here, up
front, so that a missing one is a configuration error before any note is validated and so that
the fingerprint (which keys cached check results) covers every file a verdict depends on.
"""

from __future__ import annotations

import datetime as dt
import json
import posixpath
import re
from collections.abc import Iterator, Mapping
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING, Any
from urllib.parse import urldefrag

from .config import Config, ConfigError, glob_matcher
from .linkfields import KEYWORD, check_keyword, has_links, keyword, uses_keyword

if TYPE_CHECKING:
    from jsonschema.protocols import Validator
    from referencing import Resource

    from .cache import Cache
    from .linkfields import Linking

# RFC 3986's URI: a scheme, then only characters a URI may hold, '%' only as an escape.
_URI = re.compile(r"[A-Za-z][A-Za-z0-9+.-]*:(?:[A-Za-z0-9\-._~:/?#\[\]@!$&'()*+,;=]|%[0-9A-Fa-f]{2})*")


@dataclass(frozen=True, slots=True)
class SchemaSet:
    """Every schema of a vault, which note gets which, and validators made on first use."""

    root: Path
    config: Config
    #: Every schema file read (those $ref'd included), by vault path.
    documents: Mapping[str, Any]
    by_folder: tuple[tuple[re.Pattern[str], str], ...]
    #: Every key any schema file declares under ``properties``: what a misspelt key is compared with.
    property_names: tuple[str, ...]
    #: Whether a schema file uses x-vault-link, and what checks it (see :mod:`.linkfields`).
    link_typed: bool = False
    linking: Linking | None = field(default=None, repr=False, compare=False)
    _validators: dict[str, Validator] = field(default_factory=dict, repr=False, compare=False)
    _uris: dict[str, str] = field(default_factory=dict, repr=False, compare=False)

    @property
    def fingerprint(self) -> str:
        """A digest of everything a verdict depends on: the configuration and the schema files."""
        import hashlib

        digest = hashlib.sha256(repr(self.config).encode())
        for file in sorted(self.documents):
            digest.update(
                f"\0{file}\0{json.dumps(self.documents[file], sort_keys=True, default=str)}".encode()
            )
        return digest.hexdigest()

    def schema_for(self, path: str, frontmatter: Mapping[str, Any]) -> str | None:
        """The schema file that applies to the note at ``path``, None when none does."""
        if not frontmatter and self.config.skip_without_frontmatter:
            return None
        kind = frontmatter.get("type")
        if isinstance(kind, str) and kind in self.config.schemas_by_type:
            return self.config.schemas_by_type[kind]
        for pattern, file in self.by_folder:
            if pattern.match(path):
                return file
        return self.config.schema

    def validator(self, file: str) -> Validator:
        """The validator of schema ``file``; a schema that is not valid raises ConfigError."""
        if file not in self._validators:
            linking = self.linking if self.link_typed else None
            self._validators[file] = _validator(self.documents[file], self.uri(file), self.by_uri(), linking)
        return self._validators[file]

    def uri(self, file: str) -> str:
        """The URI of schema ``file`` (symbolic links resolved): what $refs name it by, and
        what relative $refs in it resolve against."""
        if file not in self._uris:
            self._uris[file] = (self.root / file).resolve().as_uri()
        return self._uris[file]

    def by_uri(self) -> dict[str, Any]:
        """Every schema document by its :meth:`uri`, as the validators' registries hold them."""
        return {self.uri(name): document for name, document in self.documents.items()}

    def verdict_is_pure(self, frontmatter: Mapping[str, Any]) -> bool:
        """Whether validating ``frontmatter`` depends on it alone, not on the notes it links to
        (which x-vault-link asks about): only then may a verdict be remembered."""
        return not (self.link_typed and has_links(frontmatter))

    def check(self) -> None:
        """Make sure every schema file, those reached by $ref included, is a valid JSON Schema
        (ConfigError if not): a broken one must stop the run, not a note's validation midway."""
        for file, document in self.documents.items():
            _check_document(file, document)
        for file in _named(self.config):
            self.validator(file)


class KnownValid:
    """Frontmatter that passed these very schemas before, remembered in the cache by digest, so
    that a hook run on a note whose body alone changed has nothing to validate (nor to import
    jsonschema for). Verdicts found during a run are saved by :meth:`save`."""

    def __init__(self, schemas: SchemaSet, cache: Cache) -> None:
        self._schemas = schemas.fingerprint
        self._cache = cache
        self._new: list[str] = []

    @staticmethod
    def digest(file: str, frontmatter: Mapping[str, Any]) -> str:
        import hashlib

        text = json.dumps(as_json(frontmatter), sort_keys=True, ensure_ascii=False, default=repr)
        return hashlib.sha256(f"{file}\0{text}".encode("utf-8", "surrogatepass")).hexdigest()

    def __contains__(self, digest: object) -> bool:
        return isinstance(digest, str) and self._cache.known_valid(self._schemas, digest)

    def add(self, digest: str) -> None:
        self._new.append(digest)

    def save(self) -> None:
        self._cache.remember_valid(self._schemas, self._new)
        self._new.clear()


def as_json(value: Any) -> Any:
    """YAML values as JSON has them: dates and times become ISO strings, as they are written."""
    if isinstance(value, Mapping):
        return {str(key): as_json(item) for key, item in value.items()}
    if isinstance(value, (list, tuple)):
        return [as_json(item) for item in value]
    if isinstance(value, (dt.date, dt.time)):  # datetime is a date
        return value.isoformat()
    return value


def load_schemas(
    root: Path, config: Config, cache: Cache | None = None, linking: Linking | None = None
) -> SchemaSet | None:
    """The vault's schemas, None when it has none. A schema file that is missing, unreadable or
    not a valid JSON Schema raises :class:`ConfigError`. ``linking`` checks x-vault-link values;
    without it they are not checked.

    With a ``cache``, schema files are read from it while unchanged, and schemas it has seen pass
    this check are not checked again: a pre-commit run then needs neither YAML nor jsonschema
    for frontmatter it has seen pass before.
    """
    named = _named(config)
    if not named:
        return None
    documents: dict[str, Any] = {}
    for file in named:
        _read_with_refs(root, file, documents, cache)
    folders = tuple(
        (matcher, file)
        for pattern, file in config.schemas_by_folder.items()
        if (matcher := glob_matcher((pattern,))) is not None
    )
    names = tuple(sorted({name for document in documents.values() for name in _properties(document)}))
    link_typed = any(uses_keyword(document) for document in documents.values())
    schemas = SchemaSet(root, config, documents, folders, names, link_typed, linking)
    if cache is None or cache.result("schemas-checked", schemas.fingerprint) is None:
        schemas.check()
        if cache is not None:
            cache.store_result("schemas-checked", schemas.fingerprint, "")
    return schemas


def _named(config: Config) -> list[str]:
    named = [config.schema] if config.schema else []
    return list(dict.fromkeys([*named, *config.schemas_by_type.values(), *config.schemas_by_folder.values()]))


def _read_with_refs(root: Path, file: str, documents: dict[str, Any], cache: Cache | None) -> None:
    """Read ``file`` (a path relative to the root) and every schema file it refers to."""
    pending = [file]
    while pending:
        current = pending.pop()
        if current in documents:
            continue
        documents[current] = document = _read_cached(root, current, cache)
        folder = Path(current).parent
        for ref in _refs(document):
            target, _ = urldefrag(ref)
            if target and "://" not in target and not target.startswith("urn:"):
                pending.append(posixpath.normpath((folder / target).as_posix()))


def _read_cached(root: Path, file: str, cache: Cache | None) -> Any:
    """A schema file's document, from the cache while the file's size and mtime are unchanged."""
    if cache is None:
        return _read(root, file)
    try:
        stat = (root / file).stat()
    except OSError:
        return _read(root, file)  # which says what is wrong
    stamp = f"{stat.st_size}/{stat.st_mtime_ns}"
    stored = cache.result(f"schema-file:{file}", stamp)
    if stored is not None:
        return json.loads(stored)
    document = _read(root, file)
    cache.store_result(f"schema-file:{file}", stamp, json.dumps(document, default=str))
    return document


def _read(root: Path, file: str) -> Any:
    path = root / file
    if not path.resolve().is_relative_to(root.resolve()):
        raise ConfigError(f"schema file {file!r} is outside the vault")
    try:
        text = path.read_text(encoding="utf-8")
    except FileNotFoundError:
        raise ConfigError(f"schema file not found: {file}") from None
    except (OSError, UnicodeDecodeError) as error:
        raise ConfigError(f"{file}: cannot read the schema: {error}") from error
    try:
        if path.suffix.lower() == ".json":
            document = json.loads(text)
        else:
            import yaml

            # Dates written in a YAML schema (a const, an enum) as JSON would have them, as notes'.
            document = as_json(yaml.safe_load(text))
    except ValueError as error:
        raise ConfigError(f"{file}: the schema is not valid JSON: {error}") from error
    except Exception as error:  # yaml.YAMLError, without importing yaml for JSON schemas
        raise ConfigError(f"{file}: the schema is not valid YAML: {error}") from error
    if not isinstance(document, (dict, bool)):
        raise ConfigError(f"{file}: a JSON Schema must be a mapping (or true/false)")
    return document


def _refs(document: Any) -> Iterator[str]:
    if isinstance(document, dict):
        for key, value in document.items():
            if key == "$ref" and isinstance(value, str):
                yield value
            else:
                yield from _refs(value)
    elif isinstance(document, list):
        for item in document:
            yield from _refs(item)


def _check_document(file: str, document: Any) -> None:
    from jsonschema import Draft202012Validator, validators
    from jsonschema.exceptions import best_match

    cls = validators.validator_for(document, default=Draft202012Validator)
    problem = best_match(cls(cls.META_SCHEMA).iter_errors(document))
    if problem is not None:
        where = "/" + "/".join(str(part) for part in problem.absolute_path)
        raise ConfigError(f"{file}: not a valid JSON Schema: {problem.message} (at {where})")
    check_keyword(file, document)


def _properties(document: Any) -> Iterator[str]:
    if isinstance(document, dict):
        for key, value in document.items():
            if key == "properties" and isinstance(value, dict):
                yield from value
            yield from _properties(value)
    elif isinstance(document, list):
        for item in document:
            yield from _properties(item)


def _validator(document: Any, base: str, by_uri: Mapping[str, Any], linking: Linking | None) -> Validator:
    from jsonschema import Draft202012Validator, validators
    from referencing import Registry

    cls = validators.validator_for(document, default=Draft202012Validator)
    if linking is not None:
        cls = validators.extend(cls, {KEYWORD: keyword(linking)})  # type: ignore[no-untyped-call]
    resources = [(uri, _resource(doc, linking is not None)) for uri, doc in by_uri.items()]
    registry: Registry[Any] = Registry().with_resources(resources)
    # Validate through a $ref to the file's own URI, so that relative $refs resolve from it.
    return cls({"$ref": base}, registry=registry, format_checker=format_checker())


def _resource(document: Any, extended: bool) -> Resource[Any]:
    """A schema document as the registry holds it, in the dialect its $schema names.

    For an ``extended`` validator (one that knows x-vault-link) the $schema is taken out of the
    contents: following a $ref into a document that names it, jsonschema would switch to that
    dialect's stock validator, which knows no x-vault-link.
    """
    from referencing.jsonschema import DRAFT202012, specification_with

    if not isinstance(document, dict) or "$schema" not in document:
        return DRAFT202012.create_resource(document)
    specification = specification_with(document["$schema"], default=DRAFT202012)
    if extended:
        document = {key: value for key, value in document.items() if key != "$schema"}
    return specification.create_resource(document)


def format_checker() -> Any:
    """jsonschema's format checks, with ``date-time`` taking times without an offset too
    (Obsidian writes its date-time properties as ``2025-01-20T10:30``), and ``uri`` checked
    here: jsonschema leaves it unchecked unless one of two URI libraries is installed, and the
    one that is not GPL compiles a regex at import that costs pre-commit runs more than this."""
    from jsonschema import FormatChecker

    checker = FormatChecker()
    checker.checks("date-time", raises=ValueError)(is_date_time)
    checker.checks("uri")(is_uri)
    return checker


def is_date_time(value: object) -> bool:
    """The ``date-time`` format as :func:`format_checker` has it; raises ValueError for some
    values that are not one (jsonschema's format checks may either return False or raise)."""
    if not isinstance(value, str):
        return True
    if len(value) < 16 or value[10] not in "Tt ":
        return False
    dt.datetime.fromisoformat(value.replace("z", "Z"))
    return True


def is_uri(value: object) -> bool:
    """The ``uri`` format as :func:`format_checker` has it."""
    return not isinstance(value, str) or (_URI.fullmatch(value) is not None and value.count("#") <= 1)
