"""Finding the vault root and reading its ``vault.toml``."""

from __future__ import annotations

import posixpath
import re
import tomllib
from collections.abc import Iterable
from dataclasses import dataclass, field, replace
from pathlib import Path
from typing import Any, cast

from .model import RULES, Severity

CONFIG_NAME = "vault.toml"
#: The baseline `vault check --write-baseline` writes when neither --baseline nor vault.toml names one.
DEFAULT_BASELINE = "vault-baseline.json"
_SEVERITIES = ("error", "warning", "off")
_KEYS = {"ignore", "schema", "schemas", "rules", "extensions", "baseline"}
_SCHEMAS_KEYS = {"type", "folder", "skip-without-frontmatter"}


class ConfigError(Exception):
    """The configuration can't be used: a usage error (exit 2), never a traceback."""


@dataclass(frozen=True, slots=True)
class Config:
    ignore: tuple[str, ...] = ()
    #: The JSON Schema file every note's frontmatter must satisfy, unless a more specific one applies.
    schema: str | None = None
    #: Schemas by the value of the note's ``type`` field, then by folder glob (first match wins).
    schemas_by_type: dict[str, str] = field(default_factory=dict)
    schemas_by_folder: dict[str, str] = field(default_factory=dict)
    #: Whether notes with no frontmatter at all are left out of schema validation.
    skip_without_frontmatter: bool = False
    #: Severity overrides by rule id: "error", "warning" or "off".
    rules: dict[str, str] = field(default_factory=dict)
    #: File name endings read as notes; Obsidian's are just ".md".
    extensions: tuple[str, ...] = (".md",)
    #: The baseline file `vault check` compares with (relative to the root), None for none.
    baseline: str | None = None

    @property
    def own_files(self) -> frozenset[str]:
        """The vault paths of vaultgraph's own files, which are neither notes nor attachments:
        vault.toml and the baseline."""
        named = posixpath.normpath(self.baseline) if self.baseline is not None else DEFAULT_BASELINE
        return frozenset({CONFIG_NAME, DEFAULT_BASELINE, named})

    def is_note(self, path: str) -> bool:
        return path.lower().endswith(self.extensions)

    def turning_on(self, rules: Iterable[str]) -> Config:
        """This configuration with those of ``rules`` that are off (by default or by [rules])
        on, at their default severity: naming a rule in --select asks for its findings."""
        off = {rule: RULES[rule].severity for rule in rules if rule in RULES and self.severity(rule) is None}
        return replace(self, rules={**self.rules, **off}) if off else self

    def severity(self, rule: str) -> Severity | None:
        """The severity ``rule`` has in this vault, None when it is turned off."""
        known = RULES.get(rule)
        default = "error" if known is None else (known.severity if known.on else "off")
        chosen = self.rules.get(rule) or default
        return None if chosen == "off" else cast(Severity, chosen)


def find_root(start: Path) -> Path:
    """The nearest folder at or above ``start`` holding ``vault.toml`` or ``.obsidian/``.

    Without one, ``start`` itself (for a file, the current folder), as the CLI spec says.
    """
    start = start.resolve()
    marked = marked_root(start)
    if marked is not None:
        return marked
    return start if start.is_dir() else Path.cwd().resolve()


def marked_root(start: Path) -> Path | None:
    """The nearest folder at or above ``start`` marked as a vault root, None when there is none."""
    start = start.resolve()
    folder = start if start.is_dir() else start.parent
    for candidate in (folder, *folder.parents):
        if (candidate / CONFIG_NAME).is_file() or (candidate / ".obsidian").is_dir():
            return candidate
    return None


def load_config(root: Path) -> Config:
    path = root / CONFIG_NAME
    if not path.exists():
        return Config()
    try:
        data = tomllib.loads(path.read_text(encoding="utf-8"))
    except (OSError, UnicodeDecodeError) as error:
        raise ConfigError(f"{path}: cannot read: {error}") from error
    except tomllib.TOMLDecodeError as error:
        raise ConfigError(f"{path}: invalid TOML: {error}") from error
    return parse_config(data, str(path))


def parse_config(data: dict[str, Any], where: str = CONFIG_NAME) -> Config:
    unknown = sorted(set(data) - _KEYS)
    if unknown:
        raise ConfigError(f"{where}: unknown key {unknown[0]!r} (known keys: {', '.join(sorted(_KEYS))})")
    ignore = data.get("ignore", [])
    if not isinstance(ignore, list) or not all(isinstance(item, str) for item in ignore):
        raise ConfigError(f"{where}: 'ignore' must be a list of glob strings")
    schema = data.get("schema")
    if schema is not None and not isinstance(schema, str):
        raise ConfigError(f"{where}: 'schema' must be a file path string")
    baseline = data.get("baseline")
    if baseline is not None and (not isinstance(baseline, str) or not baseline.strip()):
        raise ConfigError(f"{where}: 'baseline' must be a file path string")
    by_type, by_folder, skip_empty = _schemas_table(data.get("schemas", {}), where)
    rules = data.get("rules", {})
    if not isinstance(rules, dict):
        raise ConfigError(f"{where}: [rules] must be a table of rule = severity")
    for rule, severity in rules.items():
        if rule not in RULES:
            raise ConfigError(f"{where}: unknown rule {rule!r} in [rules] (rules: {', '.join(RULES)})")
        if severity not in _SEVERITIES:
            raise ConfigError(
                f"{where}: rule {rule!r} must be one of {', '.join(_SEVERITIES)}, not {severity!r}"
            )
    extensions = data.get("extensions", ["md"])
    if (
        not isinstance(extensions, list)
        or not extensions
        or not all(isinstance(e, str) and e for e in extensions)
    ):
        raise ConfigError(f"{where}: 'extensions' must be a non-empty list such as [\"md\"]")
    return Config(
        ignore=tuple(ignore),
        schema=schema,
        schemas_by_type=by_type,
        schemas_by_folder=by_folder,
        skip_without_frontmatter=skip_empty,
        rules=dict(rules),
        extensions=tuple("." + e.lower().lstrip(".") for e in extensions),
        baseline=baseline,
    )


def _schemas_table(table: Any, where: str) -> tuple[dict[str, str], dict[str, str], bool]:
    if not isinstance(table, dict):
        raise ConfigError(f"{where}: [schemas] must be a table")
    unknown = sorted(set(table) - _SCHEMAS_KEYS)
    if unknown:
        raise ConfigError(
            f"{where}: unknown key {unknown[0]!r} in [schemas] "
            f"(known keys: {', '.join(sorted(_SCHEMAS_KEYS))})"
        )
    chosen = []
    for key, what in (("type", "type value"), ("folder", "folder glob")):
        mapping = table.get(key, {})
        if not isinstance(mapping, dict) or not all(isinstance(v, str) for v in mapping.values()):
            raise ConfigError(f'{where}: [schemas.{key}] must be a table of {what} = "schema file"')
        chosen.append(dict(mapping))
    skip = table.get("skip-without-frontmatter", False)
    if not isinstance(skip, bool):
        raise ConfigError(f"{where}: 'skip-without-frontmatter' in [schemas] must be true or false")
    return chosen[0], chosen[1], skip


def listed(path: str, config: Config) -> bool:
    """Whether a scan lists the file at vault path ``path``: not hidden, not the configuration,
    not ignored. For commands handed files one by one, which must skip what a scan skips."""
    ignored = glob_matcher(config.ignore)
    hidden = any(part.startswith(".") for part in path.split("/"))
    return not (hidden or path in config.own_files or (ignored and ignored.match(path)))


def glob_matcher(patterns: tuple[str, ...]) -> re.Pattern[str] | None:
    """One regex for all ignore globs, matching a vault path or any folder above it.

    ``**`` spans folders, ``*`` and ``?`` stay within one; a pattern without ``/`` matches a name
    at any depth, as in ``.gitignore``.
    """
    if not patterns:
        return None
    parts = [_glob_regex(pattern.strip().strip("/")) for pattern in patterns if pattern.strip("/ ")]
    return re.compile("|".join(f"(?:{part})" for part in parts)) if parts else None


def _glob_regex(pattern: str) -> str:
    anywhere = "/" not in pattern
    out = []
    i = 0
    while i < len(pattern):
        if pattern.startswith("**/", i):
            out.append("(?:.*/)?")
            i += 3
        elif pattern.startswith("**", i):
            out.append(".*")
            i += 2
        elif pattern[i] == "*":
            out.append("[^/]*")
            i += 1
        elif pattern[i] == "?":
            out.append("[^/]")
            i += 1
        else:
            out.append(re.escape(pattern[i]))
            i += 1
    body = "".join(out)
    return ("(?:.*/)?" if anywhere else "") + body + "(?:/.*)?\\Z"
