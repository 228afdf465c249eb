"""A :class:`ParsedNote` as JSON text and back, for the cache and for worker processes.

JSON rather than pickle: a cache file is read back from disk, and unpickling a file someone else
planted would run their code. Frontmatter dates, which JSON lacks, travel as tagged objects.
"""

from __future__ import annotations

import datetime as dt
import json
from sys import intern
from typing import Any, cast

from ..model import Heading, Link, LinkKind, ParsedNote, Problem, Suppression

_DATE = "\u0000date"
_DATETIME = "\u0000datetime"
_TAGGED = json.dumps(_DATE)[1:-1]  # how the tag looks inside JSON text


def encode(note: ParsedNote) -> str:
    # Links, headings and problems are NamedTuples, which JSON writes as arrays of their fields,
    # in the order decode reads them back: no copy into lists needed.
    return json.dumps(
        [
            note.frontmatter,
            note.links,
            note.headings,
            note.block_ids,
            note.tags,
            note.problems,
            note.readable,
            note.suppressions,
        ],
        ensure_ascii=False,
        separators=(",", ":"),
        default=_tag,
    )


def decode(text: str) -> ParsedNote:
    """The note ``encode`` wrote; raises ValueError or TypeError for anything else."""
    hook = _untag if _TAGGED in text else None  # the hook slows decoding: only when needed
    fields = json.loads(text, object_hook=hook)
    frontmatter, links, headings, block_ids, tags, problems, readable, suppressions = fields
    # Interned: a big vault repeats link kinds, targets, display texts and heading texts
    # hundreds of thousands of times, and JSON gives each occurrence its own string.
    return ParsedNote(
        frontmatter=frontmatter,
        links=tuple(
            Link(
                cast(LinkKind, intern(k)),
                intern(t),
                line,
                column,
                raw,
                h and intern(h),
                b,
                a and intern(a),
                e,
            )
            for k, t, line, column, raw, h, b, a, e in links
        ),
        headings=tuple(Heading(level, intern(text), line) for level, text, line in headings),
        block_ids=tuple(block_ids),
        tags=tuple(tags),
        problems=tuple(Problem(*fields) for fields in problems),
        readable=readable,
        suppressions=tuple(
            Suppression(line, column, covers, tuple(rules)) for line, column, covers, rules in suppressions
        ),
    )


def _tag(value: Any) -> dict[str, str]:
    if isinstance(value, dt.datetime):
        return {_DATETIME: value.isoformat()}
    if isinstance(value, dt.date):
        return {_DATE: value.isoformat()}
    raise TypeError(f"cannot encode {type(value).__name__}")


def _untag(value: dict[str, Any]) -> Any:
    if len(value) == 1:
        if _DATE in value:
            return dt.date.fromisoformat(value[_DATE])
        if _DATETIME in value:
            return dt.datetime.fromisoformat(value[_DATETIME])
    return value
