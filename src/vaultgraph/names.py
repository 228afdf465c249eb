"""How names, paths and headings are compared: the keys every lookup uses."""

from __future__ import annotations

import functools
import re
import unicodedata

_PUNCTUATION = re.compile(r"[!-&(-,./:-@\[-^`{-~]")  # ASCII punctuation but - _ '
_WHITESPACE = re.compile(r"\s+")


def name_key(text: str) -> str:
    """Names and link targets match after NFC normalisation and case folding."""
    # ASCII (str knows at once whether it is) is NFC already, and casefold() is lower() there:
    # most names and targets are keyed without a cache look-up.
    return text.lower() if text.isascii() else _unicode_key(text)


@functools.lru_cache(maxsize=65536)
def _unicode_key(text: str) -> str:
    return unicodedata.normalize("NFC", unicodedata.normalize("NFC", text).casefold())


@functools.lru_cache(maxsize=65536)
def heading_key(text: str) -> str:
    """Obsidian writes `[[Note#D D WOTC]]` for `D&D WOTC`: punctuation is not significant."""
    return name_key(_WHITESPACE.sub(" ", _PUNCTUATION.sub(" ", text)).strip())
