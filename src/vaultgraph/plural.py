"""Counted nouns in messages, for every layer that words a summary."""

from __future__ import annotations


def plural(count: int, noun: str, nouns: str | None = None) -> str:
    """``1 note``, ``2 notes``; ``nouns`` for a plural that is not ``noun + "s"`` (``fixes``)."""
    return f"{count} {noun}" if count == 1 else f"{count} {nouns or noun + 's'}"
