"""Split query text into tokens. Keywords are identifiers here; the parser knows which are which."""

from __future__ import annotations

import re
from dataclasses import dataclass
from typing import Literal

from .errors import QuerySyntaxError

TokenKind = Literal["number", "string", "name", "link", "tag", "symbol", "end"]


@dataclass(frozen=True, slots=True)
class Token:
    kind: TokenKind
    text: str  # as written
    value: str | int | float  # a string's contents, a number, a link's target, a tag without '#'
    start: int  # 0-based offsets into the query
    end: int

    @property
    def column(self) -> int:
        return self.start + 1

    def is_keyword(self, *words: str) -> bool:
        return self.kind == "name" and self.text.lower() in words


# Identifiers as Dataview reads them: a letter or "_", then letters, digits, "_" and "-"
# (so `novelty-score` is one name, and subtraction needs spaces around its "-").
_NAME = re.compile(r"[^\W\d][\w-]*")
_NUMBER = re.compile(r"\d+(?:\.\d+)?")
_TAG = re.compile(r"#([\w/-]+)")
_SPACE = re.compile(r"\s+")
_SYMBOLS = (
    "!=",
    "<=",
    ">=",
    "=",
    "<",
    ">",
    "+",
    "-",
    "*",
    "/",
    "%",
    "!",
    "&",
    "|",
    "(",
    ")",
    "[",
    "]",
    ",",
    ".",
)
_ESCAPES = {'"': '"', "\\": "\\", "n": "\n", "t": "\t"}


def tokenize(query: str) -> list[Token]:
    tokens = []
    position = 0
    while True:
        space = _SPACE.match(query, position)
        if space:
            position = space.end()
        if position >= len(query):
            tokens.append(Token("end", "", "", len(query), len(query)))
            return tokens
        token = _token_at(query, position)
        tokens.append(token)
        position = token.end


def _token_at(query: str, start: int) -> Token:
    char = query[start]
    if char == '"':
        return _string(query, start)
    if query.startswith("[[", start):
        return _link(query, start)
    if match := _NUMBER.match(query, start):
        text = match.group()
        return Token("number", text, float(text) if "." in text else int(text), start, match.end())
    if match := _NAME.match(query, start):
        return Token("name", match.group(), match.group(), start, match.end())
    if match := _TAG.match(query, start):
        return Token("tag", match.group(), match.group(1), start, match.end())
    for symbol in _SYMBOLS:
        if query.startswith(symbol, start):
            return Token("symbol", symbol, symbol, start, start + len(symbol))
    raise QuerySyntaxError(f"unexpected character {char!r}", start + 1, query)


def _string(query: str, start: int) -> Token:
    """A double-quoted string. ``\\"``, ``\\\\``, ``\\n`` and ``\\t`` are escapes; any other
    backslash is kept, so regular expressions such as ``"\\d+"`` read as written."""
    chars: list[str] = []
    position = start + 1
    while position < len(query):
        char = query[position]
        if char == '"':
            return Token("string", query[start : position + 1], "".join(chars), start, position + 1)
        if char == "\\" and position + 1 < len(query):
            following = query[position + 1]
            chars.append(_ESCAPES.get(following, "\\" + following))
            position += 2
            continue
        chars.append(char)
        position += 1
    raise QuerySyntaxError("unterminated string: no closing '\"'", start + 1, query)


def _link(query: str, start: int) -> Token:
    """``[[target]]``, ``[[target|display]]`` or ``[[target#heading]]``: the value is the target."""
    close = query.find("]]", start + 2)
    if close == -1:
        raise QuerySyntaxError("unterminated link: no closing ']]'", start + 1, query)
    inner = query[start + 2 : close]
    target = inner.split("|", 1)[0].split("#", 1)[0].strip()
    return Token("link", query[start : close + 2], target, start, close + 2)
