"""Blank out the parts of a note body that are not text: code, comments and math.

Every scanner (links, headings, tags, block ids) then runs over the masked text. Masking replaces
characters with spaces and keeps every newline, so offsets, lines and columns in the masked text
are the same as in the original.
"""

from __future__ import annotations

import functools
import re

# One left-to-right pass: whichever construct starts first wins, as in a Markdown renderer
# (a `%%` inside a code span is code; a fence inside a comment is comment). Each construct comes
# with a string it can't exist without; the pass only tries the constructs a note can contain,
# which keeps it off most notes entirely.
_CONSTRUCTS: tuple[tuple[str, str], ...] = (
    ("\\", r"(?P<escape>\\[\\`$%<])"),
    ("```", r"(?P<fence>^[ \t]*(?:`{3,}(?=[^`\n]*$)|~{3,}))"),  # to its closing fence, see _fence_end
    ("~~~", r"(?P<fence>^[ \t]*(?:`{3,}(?=[^`\n]*$)|~{3,}))"),
    ("$$", r"(?P<math_block>\$\$.*?\$\$)"),
    ("%%", r"(?P<comment>%%.*?(?:%%|\Z))"),
    ("<!--", r"(?P<html_comment><!--.*?(?:-->|\Z))"),
    (
        "`",
        r"(?P<code>(?<!`)(?P<ticks>`+)(?!`)(?:(?!\n[ \t]*\n).)*?(?<!`)(?P=ticks)(?!`))",
    ),  # not past a blank line
    ("$", r"(?P<math>\$(?=[^\s$])[^$\n]*?(?<=[^\s\\])\$(?![\d$]))"),
)


@functools.cache
def _pattern(present: tuple[bool, ...]) -> re.Pattern[str] | None:
    parts = dict.fromkeys(part for (_, part), here in zip(_CONSTRUCTS, present, strict=True) if here)
    return re.compile("|".join(parts), re.MULTILINE | re.DOTALL) if parts else None


_NOT_A_SPACE = re.compile(r"[^\n]")
_LIST_ITEM = re.compile(r"[ \t]*(?:[-*+]|\d{1,9}[.)])(?:[ \t]|$)")


def mask_body(text: str) -> str:
    """Return ``text`` with code, comments and math replaced by spaces (newlines kept)."""
    if _has_indented_code(text):
        text = _mask_indented_code(text)
    pattern = _pattern(tuple(trigger in text for trigger, _ in _CONSTRUCTS))
    if pattern is None:
        return text
    out: list[str] = []
    pos = 0  # end of what is already copied to out
    search_from = 0
    while match := pattern.search(text, search_from):
        start = match.start()
        if match.lastgroup == "escape":
            search_from = match.end()
            continue
        end = _fence_end(text, match) if match.lastgroup == "fence" else match.end()
        out.append(text[pos:start])
        out.append(_NOT_A_SPACE.sub(" ", text[start:end]))
        pos = search_from = end
    out.append(text[pos:])
    return "".join(out)


def _fence_end(text: str, opening: re.Match[str]) -> int:
    """End offset of a fenced block: after its closing fence line, or the end of the text."""
    fence = opening.group(0).lstrip(" \t")
    closing = re.compile(rf"^[ \t]*{fence}{fence[0]}*[ \t]*$", re.MULTILINE)
    line_end = text.find("\n", opening.end())
    if line_end == -1:
        return len(text)
    found = closing.search(text, line_end + 1)
    return found.end() if found else len(text)


def _has_indented_code(text: str) -> bool:
    return "\n    " in text or "\n\t" in text or text.startswith(("    ", "\t"))


def _mask_indented_code(text: str) -> str:
    """Mask CommonMark indented code blocks: 4+ spaces after a blank line, outside list items."""
    lines = text.split("\n")
    previous_blank = True
    in_code = False
    in_list = False
    for i, line in enumerate(lines):
        stripped = line.strip()
        if not stripped:
            previous_blank = True
            continue
        indented = line.startswith(("    ", "\t"))
        if indented and (in_code or (previous_blank and not in_list)):
            lines[i] = " " * len(line)
            in_code = True
        else:
            in_code = False
            if _LIST_ITEM.match(line):
                in_list = True
            elif not indented:
                in_list = False
        previous_blank = False
    return "\n".join(lines)
