"""Where a value stands in a frontmatter block: the line and column of a key or list item."""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any


def value_position(yaml_text: str, first_line: int, parts: Sequence[str | int]) -> tuple[int, int] | None:
    """The (line, column) of the key or item at ``parts`` (a JSON pointer's tokens, such as
    ``["tags", 2]``) in ``yaml_text``, whose first line is ``first_line`` of the file.

    A path that goes further than the YAML does (a missing key) stops at the deepest node that
    exists. None when the text has no mapping at the top: there is no key to point at.
    """
    import yaml  # only here: positions are wanted for the few notes that break a schema

    try:
        node = yaml.compose(yaml_text, Loader=yaml.SafeLoader)
    except yaml.YAMLError:
        return None
    if not isinstance(node, yaml.MappingNode):
        return None
    mark = None
    for part in parts:
        child, child_mark = _child(node, part)
        if child is None:
            break
        node, mark = child, child_mark
    if mark is None:
        return None
    return first_line + mark.line, mark.column + 1


def _child(node: Any, part: str | int) -> tuple[Any, Any]:
    """The node under ``part`` and the mark to report for it (a mapping's key, a list's item)."""
    import yaml

    if isinstance(node, yaml.MappingNode):
        found: tuple[Any, Any] = (None, None)
        for key, value in node.value:  # the last of duplicate keys wins, as in loading
            if isinstance(key, yaml.ScalarNode) and key.value == str(part):
                found = (value, key.start_mark)
        return found
    if isinstance(node, yaml.SequenceNode) and isinstance(part, int) and 0 <= part < len(node.value):
        item = node.value[part]
        return item, item.start_mark
    return None, None
