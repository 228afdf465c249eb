"""Inline suppressions: ``%% vault-ignore rule,... %%`` and ``<!-- vault-ignore ... -->`` comments.

Alone on its line, ``vault-ignore`` covers the next line; after other text, its own line.
``vault-ignore-file`` covers the whole note. With no rule named, every rule is silenced.
"""

from __future__ import annotations

import re

from ..model import Suppression
from . import line_locator
from .mask import mask_body

_COMMENT = re.compile(
    r"%%[ \t]*vault-ignore(?P<file>-file)?(?![\w-])(?P<rules>[^%\n]*)%%"
    r"|<!--[ \t]*vault-ignore(?P<html_file>-file)?(?![\w-])(?P<html_rules>(?:(?!-->)[^\n])*)-->"
)
_SEPARATOR = re.compile(r"[\s,]+")
_SENTINEL = "\0"


def find_suppressions(body: str, first_line: int) -> tuple[Suppression, ...]:
    """The suppression comments of a note ``body``, whose first line is ``first_line`` of the note."""
    if "vault-ignore" not in body:  # nearly every note: no second masking pass
        return ()
    matches = list(_COMMENT.finditer(body))
    if not matches:
        return ()
    # A comment counts only where the masker would see a comment start, not inside code, math or
    # another comment: mask the text once with every candidate turned into plain characters, and
    # keep the candidates that survive.
    pieces, pos = [], 0
    for match in matches:
        pieces += [body[pos : match.start()], _SENTINEL * (match.end() - match.start())]
        pos = match.end()
    masked = mask_body("".join(pieces) + body[pos:])
    locate = line_locator(body, first_line)
    found = []
    for match in matches:
        if masked[match.start()] != _SENTINEL:
            continue
        line, column = locate(match.start())
        line_start = body.rfind("\n", 0, match.start()) + 1
        line_end = body.find("\n", match.end())
        after = body[match.end() : line_end if line_end != -1 else len(body)]
        alone = not body[line_start : match.start()].strip() and not after.strip()
        whole_note = match["file"] or match["html_file"]
        covers = 0 if whole_note else line + 1 if alone else line
        listed = match["rules"] if match["rules"] is not None else match["html_rules"]
        rules = tuple(rule for rule in _SEPARATOR.split(listed) if rule)
        found.append(Suppression(line, column, covers, rules))
    return tuple(found)
