"""Errors a command reports as usage errors (exit 2), apart so that catching them imports nothing
else. (Configuration errors are :class:`vaultgraph.config.ConfigError`.)"""

from __future__ import annotations


class VaultNotFound(Exception):
    """The vault folder is missing or is not a folder: a usage error."""


class NoteNotFound(LookupError):
    def __init__(self, query: str, suggestions: tuple[str, ...]) -> None:
        hint = f" (did you mean {' or '.join(repr(s) for s in suggestions)}?)" if suggestions else ""
        super().__init__(f"no note named {query!r} in the vault{hint}")
        self.query = query
        self.suggestions = suggestions
