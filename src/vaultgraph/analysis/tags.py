"""Tag counts with nesting: a note tagged #a/b counts toward #a too, as in Obsidian's tag pane."""

from __future__ import annotations

from dataclasses import dataclass

import networkx as nx

from .views import note_nodes


@dataclass(frozen=True, slots=True)
class TagCount:
    tag: str  # without "#", spelt as first written (tags compare ignoring case)
    notes: int  # notes with this tag or one nested under it
    direct: int  # notes with exactly this tag

    @property
    def depth(self) -> int:
        return self.tag.count("/")


def tag_counts(graph: nx.MultiDiGraph) -> list[TagCount]:
    """Every tag and every parent of one, in tree order (each parent before its children)."""
    spelling: dict[str, str] = {}
    nested: dict[str, set[str]] = {}
    direct: dict[str, set[str]] = {}
    for note in note_nodes(graph):
        for tag in graph.nodes[note]["tags"]:
            parts = [part for part in tag.split("/") if part]
            for end in range(1, len(parts) + 1):
                prefix = "/".join(parts[:end])
                spelling.setdefault(prefix.casefold(), prefix)
                nested.setdefault(prefix.casefold(), set()).add(note)
            if parts:
                direct.setdefault("/".join(parts).casefold(), set()).add(note)
    return [
        TagCount(spelling[key], len(nested[key]), len(direct.get(key, ())))
        for key in sorted(nested, key=lambda key: key.split("/"))
    ]
