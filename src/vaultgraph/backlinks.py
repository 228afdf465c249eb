"""Links into a note, and plain-text mentions of it that are not links yet."""

from __future__ import annotations

import re
from dataclasses import dataclass

from .parse import line_locator
from .parse.frontmatter import read_frontmatter
from .parse.links import mask_links
from .parse.mask import mask_body
from .vault import Note, Vault


@dataclass(frozen=True, slots=True)
class Backlink:
    source: str
    line: int
    column: int
    kind: str  # a link kind, or "unlinked" for a mention that is not a link
    embed: bool
    context: str  # the text of the line it stands on


def backlinks(vault: Vault, note: Note) -> list[Backlink]:
    """Every link occurrence that resolves to ``note``, self-links to a heading excluded."""
    found = [
        item
        for item in vault.links
        if item.resolved == note.path and not (item.source == note.path and not item.link.target)
    ]
    by_source: dict[str, list[str]] = {}
    result = []
    for item in found:
        if item.source not in by_source:
            by_source[item.source] = (vault.read_text(item.source) or "").split("\n")
        lines = by_source[item.source]
        context = lines[item.link.line - 1].strip() if item.link.line <= len(lines) else ""
        result.append(
            Backlink(item.source, item.link.line, item.link.column, item.link.kind, item.link.embed, context)
        )
    return result


def mention_terms(note: Note) -> list[str]:
    """What counts as a mention: the title, the aliases, and the name with `-`/`_` as spaces."""
    terms = [note.title, *note.aliases]
    spaced = re.sub(r"[-_]+", " ", note.name).strip()
    if spaced:
        terms.append(spaced)
    return sorted({term.strip() for term in terms if term.strip()}, key=lambda term: (-len(term), term))


def unlinked_mentions(vault: Vault, note: Note) -> list[Backlink]:
    """Whole-word, case-insensitive mentions of ``note`` in other notes' prose (outside code,
    comments, math and links)."""
    terms = mention_terms(note)
    if not terms:
        return []
    pattern = re.compile(r"(?<!\w)(?:" + "|".join(re.escape(t) for t in terms) + r")(?!\w)", re.IGNORECASE)
    folded = [term.casefold() for term in terms]
    found: list[Backlink] = []
    for path in vault.notes:
        if path == note.path:
            continue
        text = vault.read_text(path)
        if text is None or not any(term in text.casefold() for term in folded):
            continue
        front = read_frontmatter(text)
        body = text[front.body_offset :]
        prose = mask_links(mask_body(body))
        locate = line_locator(body, front.body_line)
        lines = text.split("\n")
        for match in pattern.finditer(prose):
            line, column = locate(match.start())
            found.append(Backlink(path, line, column, "unlinked", False, lines[line - 1].strip()))
    return found
