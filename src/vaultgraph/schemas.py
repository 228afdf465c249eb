"""The vault's JSON Schemas for frontmatter: read from the files ``vault.toml`` names, checked,
and chosen per note (by ``type``, then folder, then the vault-wide ``schema``).

A schema may ``$ref`` other schema files by a path relative to itself; they are read here, up
front, so that a missing one is a configuration error before any note is validated and so that
the fingerprint (which keys cached check results) covers every file a verdict depends on.
"""

from __future__ import annotations

import hashlib
import json
from collections.abc import Iterator, Mapping
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING, Any
from urllib.parse import urldefrag

from .config import Config, ConfigError, glob_matcher

if TYPE_CHECKING:
    import re

    from jsonschema.protocols import Validator


@dataclass(frozen=True, slots=True)
class SchemaSet:
    """Every schema of a vault, ready to validate with, and which note gets which."""

    by_file: Mapping[str, Validator]
    default: str | None
    by_type: Mapping[str, str]
    by_folder: tuple[tuple[re.Pattern[str], str], ...]
    skip_without_frontmatter: bool
    #: A digest of the configuration and of every schema file read.
    fingerprint: str

    def schema_for(self, path: str, frontmatter: Mapping[str, Any]) -> str | None:
        """The schema file that applies to the note at ``path``, None when none does."""
        if not frontmatter and self.skip_without_frontmatter:
            return None
        kind = frontmatter.get("type")
        if isinstance(kind, str) and kind in self.by_type:
            return self.by_type[kind]
        for pattern, file in self.by_folder:
            if pattern.match(path):
                return file
        return self.default

    def validator_for(self, path: str, frontmatter: Mapping[str, Any]) -> Validator | None:
        file = self.schema_for(path, frontmatter)
        return None if file is None else self.by_file[file]


def load_schemas(root: Path, config: Config) -> SchemaSet | None:
    """The vault's schemas, None when it has none. A schema file that is missing, unreadable or
    not a valid JSON Schema raises :class:`ConfigError`."""
    named = [config.schema] if config.schema else []
    named += [*config.schemas_by_type.values(), *config.schemas_by_folder.values()]
    if not named:
        return None
    documents: dict[str, Any] = {}
    for file in named:
        _read_with_refs(root, file, documents)
    digest = hashlib.sha256(repr(config).encode())
    for file in sorted(documents):
        digest.update(f"\0{file}\0{json.dumps(documents[file], sort_keys=True, default=str)}".encode())
    return SchemaSet(
        by_file={file: _validator(root, file, documents) for file in dict.fromkeys(named)},
        default=config.schema,
        by_type=dict(config.schemas_by_type),
        by_folder=tuple(
            (matcher, file)
            for pattern, file in config.schemas_by_folder.items()
            if (matcher := glob_matcher((pattern,))) is not None
        ),
        skip_without_frontmatter=config.skip_without_frontmatter,
        fingerprint=digest.hexdigest(),
    )


def _read_with_refs(root: Path, file: str, documents: dict[str, Any]) -> None:
    """Read ``file`` (a path relative to the root) and every schema file it refers to."""
    pending = [file]
    while pending:
        current = pending.pop()
        if current in documents:
            continue
        documents[current] = document = _read(root, current)
        folder = Path(current).parent
        for ref in _refs(document):
            target, _ = urldefrag(ref)
            if target and "://" not in target and not target.startswith("urn:"):
                pending.append((folder / target).as_posix())


def _read(root: Path, file: str) -> Any:
    path = root / file
    if not path.resolve().is_relative_to(root.resolve()):
        raise ConfigError(f"schema file {file!r} is outside the vault")
    try:
        text = path.read_text(encoding="utf-8")
    except FileNotFoundError:
        raise ConfigError(f"schema file not found: {file} (named in vault.toml)") from None
    except (OSError, UnicodeDecodeError) as error:
        raise ConfigError(f"{file}: cannot read the schema: {error}") from error
    try:
        if path.suffix.lower() == ".json":
            document = json.loads(text)
        else:
            import yaml

            document = yaml.safe_load(text)
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


def _validator(root: Path, file: str, documents: dict[str, Any]) -> Validator:
    from jsonschema import Draft202012Validator, validators
    from jsonschema.exceptions import best_match
    from referencing import Registry, Resource
    from referencing.jsonschema import DRAFT202012

    document = documents[file]
    cls = validators.validator_for(document, default=Draft202012Validator)
    problem = best_match(cls(cls.META_SCHEMA).iter_errors(document))
    if problem is not None:
        where = "/" + "/".join(str(part) for part in problem.absolute_path)
        raise ConfigError(f"{file}: not a valid JSON Schema: {problem.message} (at {where})")
    base = (root / file).resolve().as_uri()
    resources = [
        ((root / name).resolve().as_uri(), Resource.from_contents(doc, default_specification=DRAFT202012))
        for name, doc in documents.items()
    ]
    registry: Registry[Any] = Registry().with_resources(resources)
    # Validate through a $ref to the file's own URI, so that relative $refs resolve from it.
    return cls({"$ref": base}, registry=registry, format_checker=format_checker())


def format_checker() -> Any:
    """jsonschema's format checks, with ``date-time`` taking times without an offset too:
    Obsidian writes its date-time properties as ``2025-01-20T10:30``."""
    import datetime as dt

    from jsonschema import FormatChecker

    checker = FormatChecker()

    @checker.checks("date-time", raises=ValueError)
    def _date_time(value: object) -> bool:
        if not isinstance(value, str):
            return True
        if len(value) < 16 or value[10] not in "Tt ":
            return False
        dt.datetime.fromisoformat(value.replace("z", "Z"))
        return True

    return checker
