"""Split a note into its YAML frontmatter and body, and load the YAML safely."""

from __future__ import annotations

import datetime as dt
import functools
import re
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any

from ..model import Problem
from .simple_yaml import load_simple

if TYPE_CHECKING:
    import yaml

# The closing line with the newline before it: a pattern that starts with a literal is searched
# several times faster than one that starts with `^`.
_CLOSING_LINE = re.compile(r"\n(?:---|\.\.\.)(?=\n|\Z)")

#: How many values a frontmatter may expand to. Real frontmatter has dozens; YAML aliases can
#: make a few lines expand to billions ("billion laughs"), which must not reach later stages.
MAX_VALUES = 10_000
MAX_DEPTH = 100


@dataclass(frozen=True, slots=True)
class Frontmatter:
    data: dict[str, Any] = field(default_factory=dict)
    #: Offset in the text where the body starts, and the body's first line number (1-based).
    body_offset: int = 0
    body_line: int = 1
    #: The YAML text and the line its first line has in the file; "" when there is no block.
    yaml_text: str = ""
    yaml_line: int = 2
    problems: tuple[Problem, ...] = ()


class _TooLarge(ValueError):
    pass


def read_frontmatter(text: str) -> Frontmatter:
    """Find and load the frontmatter block at the top of ``text`` (BOM already removed)."""
    if not (text.startswith("---\n") or text == "---"):
        return Frontmatter()
    closing = _CLOSING_LINE.search(text, 3)  # from the newline that ends the opening line
    if closing is None:
        problem = Problem(
            "invalid-frontmatter", 1, 1, "frontmatter opened by '---' on line 1 is never closed"
        )
        return Frontmatter(problems=(problem,))
    yaml_text = text[4 : closing.start() + 1]
    body_offset = closing.end() + 1 if closing.end() < len(text) else closing.end()
    body_line = text.count("\n", 0, closing.end()) + 2
    data, problems = load_yaml_mapping(yaml_text, first_line=2)
    return Frontmatter(data, body_offset, body_line, yaml_text, 2, problems)


def load_yaml_mapping(yaml_text: str, first_line: int) -> tuple[dict[str, Any], tuple[Problem, ...]]:
    """Load YAML that should be a mapping; any failure is a problem and an empty mapping."""
    simple = load_simple(yaml_text)
    if simple is not None:
        return simple, ()
    import yaml  # only here: most frontmatter never needs it, and it is slow to import

    try:
        value = yaml.load(yaml_text, Loader=_loader())  # noqa: S506 - a safe loader (C or Python): no tags
        value = _plain(value, [MAX_VALUES], 0)
    except yaml.MarkedYAMLError as error:
        mark = error.problem_mark or error.context_mark
        line = first_line + (mark.line if mark else 0)
        column = (mark.column + 1) if mark else 1
        last_line = first_line + max(yaml_text.rstrip("\n").count("\n"), 0)
        if line > last_line:  # found at the end of the block: point at its last line instead
            line, column = last_line, 1
        message = f"invalid YAML: {error.problem or error.context or 'syntax error'}"
        return {}, (Problem("invalid-frontmatter", line, column, message),)
    except (_TooLarge, RecursionError) as error:
        reason = "frontmatter is nested too deeply" if isinstance(error, RecursionError) else str(error)
        return {}, (Problem("invalid-frontmatter", first_line, 1, reason),)
    except Exception as error:
        # PyYAML also raises ValueError, OverflowError... for values it parses but can't build
        # (a date like 2025-13-45): that is a bad note, not a crash.
        return {}, (Problem("invalid-frontmatter", first_line, 1, f"invalid YAML: {error}"),)
    if value is None:
        return {}, ()
    if not isinstance(value, dict):
        kind = "a list" if isinstance(value, list) else f"a {type(value).__name__}"
        message = f"frontmatter must be a mapping of keys to values, not {kind}"
        return {}, (Problem("invalid-frontmatter", first_line, 1, message),)
    return value, ()


@functools.cache
def _loader() -> type[yaml.SafeLoader]:
    """PyYAML's safe loader (the C one when built), refusing a key repeated in one mapping: YAML
    forbids it, and Obsidian's YAML parser refuses the note where PyYAML keeps the last value."""
    import yaml

    base: Any = yaml.CSafeLoader if hasattr(yaml, "CSafeLoader") else yaml.SafeLoader

    class UniqueKeyLoader(base):  # type: ignore[misc]
        def construct_mapping(self, node: yaml.MappingNode, deep: bool = False) -> dict[Any, Any]:
            seen = set()
            for key_node, _ in node.value:
                if isinstance(key_node, yaml.ScalarNode) and key_node.tag != "tag:yaml.org,2002:merge":
                    if (key_node.tag, key_node.value) in seen:
                        raise yaml.constructor.ConstructorError(
                            None, None, f"key '{key_node.value}' is repeated", key_node.start_mark
                        )
                    seen.add((key_node.tag, key_node.value))
            result: dict[Any, Any] = super().construct_mapping(node, deep)
            return result

    return UniqueKeyLoader


def _plain(value: Any, budget: list[int], depth: int) -> Any:
    """Copy loaded YAML into fresh plain values, refusing alias bombs and deep nesting.

    The copy also gives every mapping string keys, so the result can be written as JSON.
    """
    budget[0] -= 1
    if budget[0] < 0:
        raise _TooLarge(f"frontmatter expands to more than {MAX_VALUES} values (YAML alias bomb?)")
    if depth > MAX_DEPTH:
        raise _TooLarge(f"frontmatter is nested more than {MAX_DEPTH} levels deep")
    if isinstance(value, dict):
        return {_key(k): _plain(v, budget, depth + 1) for k, v in value.items()}
    if isinstance(value, (list, tuple)):
        return [_plain(v, budget, depth + 1) for v in value]
    if isinstance(value, (set, frozenset)):
        return sorted((_plain(v, budget, depth + 1) for v in value), key=str)
    if isinstance(value, bytes):
        return value.decode("utf-8", "replace")
    return value


def _key(key: Any) -> str:
    if isinstance(key, (dt.date, dt.datetime)):
        return key.isoformat()
    if key is None:
        return "null"
    if isinstance(key, bool):
        return "true" if key else "false"
    return str(key)
