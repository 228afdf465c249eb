"""The whole parse of a note: frontmatter, links, headings, block ids, tags."""

from __future__ import annotations

from ..model import ParsedNote, Problem
from . import decode
from .frontmatter import read_frontmatter
from .links import body_links, frontmatter_links
from .mask import mask_body
from .structure import block_ids, frontmatter_tags, headings, inline_tags
from .suppressions import find_suppressions


def parse_note(data: bytes) -> ParsedNote:
    text = decode(data)
    if isinstance(text, Problem):
        return ParsedNote(problems=(text,), readable=False)
    return parse_text(text)


def parse_text(text: str) -> ParsedNote:
    """Parse decoded note text (``\\n`` line endings, no BOM)."""
    front = read_frontmatter(text)
    body = text[front.body_offset :]
    masked = mask_body(body)
    links = frontmatter_links(front.data, front.yaml_text, front.yaml_line) if front.data else []
    links.extend(body_links(masked, body, front.body_line))
    tags = frontmatter_tags(front.data) + inline_tags(masked)
    return ParsedNote(
        frontmatter=front.data,
        links=tuple(links),
        headings=tuple(headings(masked, body, front.body_line)),
        block_ids=tuple(block_ids(masked)),
        tags=_unique_tags(tags),
        problems=front.problems,
        suppressions=find_suppressions(body, front.body_line),
    )


def _unique_tags(tags: list[str]) -> tuple[str, ...]:
    """Tags compare case-insensitively: keep the first spelling of each."""
    seen: dict[str, str] = {}
    for tag in tags:
        seen.setdefault(tag.casefold(), tag)
    return tuple(seen.values())
