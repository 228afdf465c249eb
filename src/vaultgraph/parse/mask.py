"""Blank out the parts of a note body that are not text: code, comments and math.

Every scanner (links, headings, tags, block ids) then runs over the masked text. Masking replaces
characters with spaces and keeps every newline, so offsets, lines and columns in the masked text
are the same as in the original.
"""

from __future__ import annotations

import re

# One left-to-right pass: whichever construct starts first wins, as in a Markdown renderer
# (a `%%` inside a code span is code; a fence inside a comment is comment). The pass jumps from
# marker to marker with str.find, far faster than a regex search for the alternation (which
# tries every alternative at every character); at each marker the regex is only matched there.
# Whether backticks open a fence or a code span, and where either ends, is decided in code.
_MARKERS = ("\\", "`", "~~~", "$", "%%", "<!--")
_CONSTRUCT = re.compile(
    r"""(?P<escape>\\[\\`$%<~])
      | (?P<ticks>`+)
      | (?P<tildes>~{3,})
      | (?P<math_block>\$\$.*?\$\$)
      | (?P<math>\$(?=[^\s$])[^$\n]*?(?<=[^\s\\])\$(?![\d$]))
      | (?P<comment>%%.*?(?:%%|\Z))
      | (?P<html_comment><!--.*?(?:-->|\Z))
    """,
    re.DOTALL | re.VERBOSE,
)
_BLANK_LINE = re.compile(r"\n[ \t]*\n")
_INDENTED_LINE = re.compile("\n    ")
_LIST_ITEM = re.compile(r"[ \t]*(?:[-*+]|\d{1,9}[.)])(?:[ \t]|$)")


def mask_body(text: str) -> str:
    """Return ``text`` with code, comments and math replaced by spaces (newlines kept)."""
    if _has_indented_code(text):
        text = _mask_indented_code(text)
    next_at = {marker: at for marker in _MARKERS if (at := _find(text, marker, 0)) != -1}
    out: list[str] = []
    pos = 0  # end of what is already copied to out
    while next_at:
        start = min(next_at.values())
        end, resume = _construct_end(text, start)
        if end > start:
            out.append(text[pos:start])
            out.append(_blank(text[start:end]))
            pos = resume = end
        for marker, at in list(next_at.items()):
            if at < resume:
                found = _find(text, marker, resume)
                if found == -1:
                    del next_at[marker]
                else:
                    next_at[marker] = found
    out.append(text[pos:])
    return "".join(out)


def _blank(text: str) -> str:
    """``text`` with every character but newlines made a space: a regex substitution of each
    character took seven times as long."""
    if "\n" not in text:
        return " " * len(text)
    return "\n".join([" " * len(line) for line in text.split("\n")])


def _find(text: str, marker: str, start: int) -> int:
    """``text.find(marker, start)``, looking for the marker's first character first: str.find
    finds one character with memchr, but walks a whole note for a longer string that isn't
    there, which is most notes' case for `~~~`, `%%` and `<!--` (3 us each on 4 KB). A `%` or `<`
    that starts no marker (`50%`, `<a.md>`) is common, so a few are stepped over the same way
    before the whole marker is looked for."""
    first = text.find(marker[0], start)
    for _ in range(4):
        if first == -1 or len(marker) == 1 or text.startswith(marker, first):
            return first
        first = text.find(marker[0], first + 1)
    return text.find(marker, first)


def _construct_end(text: str, start: int) -> tuple[int, int]:
    """Where the construct at ``start`` ends (``start`` when there is none to mask), and where
    to look for the next one."""
    match = _CONSTRUCT.match(text, start)
    if match is None:
        return start, start + 1
    kind, end = match.lastgroup, match.end()
    if kind == "escape":
        return start, end
    if kind in ("ticks", "tildes"):
        if _opens_fence(text, start, end, kind):
            return _fence_end(text, end, match.group()), end
        masked_to = _code_span_end(text, end, end - start) if kind == "ticks" else -1
        return (masked_to, masked_to) if masked_to != -1 else (start, end)
    return end, end


def _opens_fence(text: str, start: int, end: int, kind: str | None) -> bool:
    """Three or more backticks or tildes with only blanks before them on their line (and, for
    backticks, no backtick after them: "```a```" is inline code)."""
    line_start = text.rfind("\n", 0, start) + 1
    if end - start < 3 or text[line_start:start].strip(" \t"):
        return False
    line_end = text.find("\n", end)
    return kind == "tildes" or "`" not in text[end : line_end if line_end != -1 else len(text)]


def _fence_end(text: str, pos: int, fence: str) -> int:
    """End of a fenced block opened by ``fence`` (ending at ``pos``): after its closing fence
    line, or the end of the text. The closing fence is at least as long, of the same character,
    alone on its line."""
    closing = re.compile(rf"^[ \t]*{fence}{fence[0]}*[ \t]*$", re.MULTILINE)
    line_end = text.find("\n", pos)
    if line_end == -1:
        return len(text)
    found = closing.search(text, line_end + 1)
    return found.end() if found else len(text)


def _code_span_end(text: str, pos: int, length: int) -> int:
    """End of the code span whose opening run of ``length`` backticks ends at ``pos``: after a
    run of exactly as many backticks, before the next blank line; -1 when there is none."""
    blank = _BLANK_LINE.search(text, pos)
    limit = blank.start() if blank else len(text)
    ticks = "`" * length
    while (found := text.find(ticks, pos, limit)) != -1:
        end = found + length
        if text[found - 1] != "`" and (end >= len(text) or text[end] != "`"):
            return end
        while end < len(text) and text[end] == "`":
            end += 1
        pos = end
    return -1


def _has_indented_code(text: str) -> bool:
    # The regex finds "\n    " faster than str.find does; "\t" is looked for alone first (memchr).
    return (
        _INDENTED_LINE.search(text) is not None
        or ("\t" in text and "\n\t" in text)
        or text.startswith(("    ", "\t"))
    )


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
