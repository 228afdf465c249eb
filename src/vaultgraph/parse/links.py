"""Find links: wikilinks and markdown links in a (masked) body, and wikilinks in frontmatter values."""

from __future__ import annotations

import re
from collections.abc import Iterator
from operator import attrgetter
from typing import Any
from urllib.parse import unquote

from ..model import Link, LinkKind

# Searched without the optional `!` of an embed (checked by hand): a pattern that starts with a
# literal is found many times faster, and every note is scanned with it.
WIKILINK = re.compile(r"\[\[([^\[\]\n]+)\]\]")
# The text and a bare destination are runs of plain characters between bracketed (or
# parenthesized) parts, written as "run (part run)*" rather than "(char | part)*": the regex
# engine then takes a run in one step instead of one alternation per character (3x faster).
# The bare destination's `(?=[^\s)])` keeps it from being empty.
_MARKDOWN_LINK = re.compile(
    r"""
    \[(?P<text>[^\[\]\n]*(?:\[[^\[\]\n]*\][^\[\]\n]*)*)\]
    \(\s*
      (?: <(?P<angled>[^<>\n]*)>                                         # `<` must close
        | (?P<bare>(?!<)(?=[^\s)])[^\s()]*(?:\([^\s()]*\)[^\s()]*)*) )
      (?:\s+(?:"[^"\n]*"|'[^'\n]*'|\([^()\n]*\)))?    # optional title
    \s*\)
    """,
    re.VERBOSE,
)
_ITEM_OR_KEY = re.compile(r"""[ \t]*-|[^"'#\n]*:""")
_POSITION = attrgetter("line", "column")
_URL_SCHEME = re.compile(r"^[A-Za-z][A-Za-z0-9+.\-]*:")
_WHOLE_WIKILINK = re.compile(r"^\s*(!?)\[\[([^\[\]\n]+)\]\]\s*$")
_new_link = Link._make


def body_links(masked: str, body: str, first_line: int) -> list[Link]:
    """Wikilinks and markdown links in ``masked`` (``body`` with code and comments blanked), in
    the order they stand. ``raw`` is the link's text in ``body``, whose first line is
    ``first_line`` of the note."""
    found: list[Link] = []
    # Lines are counted from link to link here: a locate function called for each link made the
    # loop a tenth slower. `line` is the line of offset `counted`.
    line, counted = first_line, 0
    for match in WIKILINK.finditer(masked):
        start, end = match.span()
        embed = start > 0 and masked[start - 1] == "!"
        start -= embed
        raw = body[start:end]
        if raw != masked[start:end]:
            continue  # part of it is code, a comment or math, which hold no link
        line += body.count("\n", counted, start)
        counted = start
        link = wikilink(match[1], raw, line, start - body.rfind("\n", 0, start), embed=embed)
        if link is not None:
            found.append(link)
    # No `"](" in masked` first: a two-character search walks the note at a fraction of memchr's
    # speed, and _markdown_links looks for the `(` alone anyway.
    markdown = []
    line, counted = first_line, 0
    for match in _markdown_links(masked):
        start = match.start()
        embed = start > 0 and masked[start - 1] == "!"
        start -= embed
        # The text may hold code (`[`vault check`](cli.md)`), the destination may not.
        text_end, end = match.end("text"), match.end()
        if body[text_end:end] != masked[text_end:end]:
            continue
        line += body.count("\n", counted, start)
        counted = start
        link = _markdown_link(match, body, start, line, start - body.rfind("\n", 0, start), embed)
        if link is not None:
            markdown.append(link)
    if markdown:
        found = sorted(found + markdown, key=_POSITION)
    return found


def _markdown_links(text: str) -> Iterator[re.Match[str]]:
    """Markdown links, found from their `](`: searching for the pattern itself would try it at
    every `[`, and a vault has two for each wikilink. (The `(` is looked for alone: str.find
    finds one character many times faster than two.)"""
    end = 0  # of the last link found, or past the last `](` tried
    paren = 0
    while (paren := text.find("(", max(paren, end) + 1)) != -1:
        middle = paren - 1
        if text[middle] != "]":
            continue
        start = _opening_bracket(text, middle)
        match = _MARKDOWN_LINK.match(text, start) if start >= end else None
        if match is not None:
            yield match
            end = match.end()
        else:
            end = middle + 2


def _opening_bracket(text: str, close: int) -> int:
    """The `[` that the `]` at ``close`` closes, on the same line; -1 when there is none."""
    line_start = text.rfind("\n", 0, close) + 1
    nearest = text.rfind("[", line_start, close)
    if nearest == -1 or text.find("]", nearest, close) == -1:
        return nearest  # most link texts hold no brackets: found without a loop in Python
    depth = 0
    for i in range(close - 1, line_start - 1, -1):
        if text[i] == "]":
            depth += 1
        elif text[i] == "[":
            if depth == 0:
                return i
            depth -= 1
    return -1


def wikilink(
    inner: str, raw: str, line: int, column: int, *, embed: bool = False, kind: LinkKind = "wikilink"
) -> Link | None:
    """Read the inside of ``[[...]]``: ``target#anchor|alias``; a table's ``\\|`` is the pipe too."""
    if "|" not in inner and "#" not in inner and "\\" not in inner:  # the common `[[name]]`
        target = inner.strip()
        # Built by _make from every field in order: calling the NamedTuple takes keywords at twice
        # the cost, and even positional fields at half again the cost of _make.
        return _new_link((kind, target, line, column, raw, None, None, None, embed)) if target else None
    target_part, pipe, alias = inner.replace("\\|", "|").partition("|")
    alias = alias.strip() if pipe else ""
    return _link(kind, target_part.strip().rstrip("\\").strip(), raw, line, column, alias or None, embed)


def _link(
    kind: LinkKind, target_and_anchor: str, raw: str, line: int, column: int, alias: str | None, embed: bool
) -> Link | None:
    target, heading, block = split_anchor(target_and_anchor)
    if not target and heading is None and block is None:
        return None  # [[]], [[|x]], [[#]] and [](#) are not links in Obsidian either
    return _new_link((kind, target, line, column, raw, heading, block, alias, embed))


def split_anchor(text: str) -> tuple[str, str | None, str | None]:
    """Split ``Note#H1#H2`` or ``Note#^block`` into (target, heading, block)."""
    target, hash_, anchor = text.partition("#")
    target = target.strip()
    anchor = anchor.strip()
    if not hash_ or not anchor:
        return target, None, None
    if anchor.startswith("^"):
        return target, None, anchor[1:]
    return target, anchor, None


def _markdown_link(
    match: re.Match[str], body: str, start: int, line: int, column: int, embed: bool
) -> Link | None:
    angled, bare = match.group("angled", "bare")
    destination = (bare if angled is None else angled).strip()
    # (A path, the usual destination, has no `:`: the URL pattern need not be tried on it.)
    if not destination or (":" in destination and _URL_SCHEME.match(destination)):
        return None
    path, _, anchor = destination.partition("#")
    target_and_anchor = unquote(path) + ("#" + unquote(anchor) if anchor else "")
    text_start, text_end = match.span("text")
    text = body[text_start:text_end]
    return _link("markdown", target_and_anchor, body[start : match.end()], line, column, text or None, embed)


def markdown_destination(raw: str) -> tuple[int, int, bool] | None:
    """Where the destination stands in a markdown link's ``raw`` text, as (start, end, angled):
    what `vault mv` rewrites, leaving the link text and title as they are. None when ``raw`` is
    not a markdown link."""
    match = _MARKDOWN_LINK.match(raw, 1 if raw.startswith("!") else 0)
    if match is None:
        return None
    angled = match.group("angled") is not None
    group = "angled" if angled else "bare"
    return match.start(group), match.end(group), angled


def frontmatter_links(data: dict[str, Any], yaml_text: str, first_line: int) -> list[Link]:
    """Links in frontmatter: every string value (in lists too) that is exactly one wikilink.

    The loaded YAML keeps no positions, so the link is found again in the YAML text: as a whole
    value (after ``key:``, ``-``, ``[`` or ``,``, quoted or not), in document order, so that a
    mention inside a longer value is passed over and two values holding the same link each get
    their own line.
    """
    links: list[Link] = []
    if "[[" not in yaml_text:
        return links
    search_from = 0
    for value in _strings(data, []):
        match = _WHOLE_WIKILINK.match(value) if "[[" in value else None
        if match is None:
            continue
        raw = value.strip()
        found = _find_value(yaml_text, raw, search_from)
        if found == -1:
            found = _find_value(yaml_text, raw, 0)
        offset = max(found, 0)
        if found != -1:
            search_from = found + len(raw)
        line_start = yaml_text.rfind("\n", 0, offset) + 1
        line = first_line + yaml_text.count("\n", 0, offset)
        link = wikilink(match.group(2), raw, line, offset - line_start + 1, kind="frontmatter")
        if link is not None:
            links.append(link)
    return links


def _find_value(yaml_text: str, raw: str, start: int) -> int:
    """Where ``raw`` stands as a whole value from ``start`` on, or -1."""
    found = yaml_text.find(raw, start)
    while found != -1:
        line_start = yaml_text.rfind("\n", 0, found) + 1
        line_end = yaml_text.find("\n", found)
        after = yaml_text[found + len(raw) : line_end if line_end != -1 else len(yaml_text)]
        if _stands_as_value(yaml_text[line_start:found], after):
            return found
        found = yaml_text.find(raw, found + 1)
    return -1


def _stands_as_value(before: str, after: str) -> bool:
    """Whether text between ``before`` and ``after`` on a YAML line is a whole value: after a
    list item's `-`, a flow list's `[` or `,`, or a `key:`, maybe quoted, and followed by the
    end of the line, a `,` or `]`, or a comment."""
    if before.lstrip().startswith("#"):
        return False
    before = before.rstrip(" \t")
    quote = before[-1:] if before.endswith(("'", '"')) else ""
    before = before[: len(before) - len(quote)].rstrip(" \t")
    if not (before.endswith(("[", ",")) or _ITEM_OR_KEY.fullmatch(before)):
        return False
    after = after.lstrip(" \t")
    if quote:
        if not after.startswith(quote):
            return False
        after = after[1:].lstrip(" \t")
    return not after or after[0] in ",]#"


def _strings(value: Any, found: list[str]) -> list[str]:
    """Every string in ``value`` (a loaded YAML value), in document order, added to ``found``."""
    # A list rather than a generator: a frontmatter has dozens of strings, and resuming
    # nested generators for each one cost more than finding its links.
    if isinstance(value, str):
        found.append(value)
    elif isinstance(value, dict):
        for item in value.values():
            _strings(item, found)
    elif isinstance(value, list):
        for item in value:
            if isinstance(item, str):
                found.append(item)
            else:
                _strings(item, found)
    return found


def mask_links(masked: str) -> str:
    """Blank out every link too, leaving only plain prose (for finding unlinked mentions)."""

    def blank(match: re.Match[str]) -> str:
        return " " * len(match.group(0))

    return _MARKDOWN_LINK.sub(blank, WIKILINK.sub(blank, masked))
