"""How names, paths and headings are compared: the keys every lookup uses."""

from __future__ import annotations

import functools
import re
import unicodedata

_PUNCTUATION = re.compile(r"[!-&(-,./:-@\[-^`{-~]")  # ASCII punctuation but - _ '
_WHITESPACE = re.compile(r"\s+")


@functools.lru_cache(maxsize=65536)
def name_key(text: str) -> str:
    """Names and link targets match after NFC normalisation and case folding."""
    return unicodedata.normalize("NFC", unicodedata.normalize("NFC", text).casefold())


@functools.lru_cache(maxsize=65536)
def heading_key(text: str) -> str:
    """Obsidian writes `[[Note#D D WOTC]]` for `D&D WOTC`: punctuation is not significant."""
    return name_key(_WHITESPACE.sub(" ", _PUNCTUATION.sub(" ", text)).strip())
