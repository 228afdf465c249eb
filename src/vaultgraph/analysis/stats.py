"""The figures of `vault stats`: size, links, connectedness, tags and frontmatter fields."""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass
from typing import TYPE_CHECKING

import networkx as nx

from .ranking import orphans
from .tags import tag_counts
from .views import existing_nodes, note_digraph, note_nodes

if TYPE_CHECKING:
    from ..vault import Vault

#: How many tags and frontmatter fields the summary lists.
TOP = 10


@dataclass(frozen=True, slots=True)
class VaultStats:
    notes: int
    attachments: int  # every file that is not a note, linked or not
    links: int  # link occurrences, self-links included
    broken_links: int  # links that lead to no note or file
    orphans: int
    components: int  # weakly connected, over notes and attachments (missing targets join nothing)
    density: float  # of the note-to-note link graph, rounded to 6 places
    top_tags: tuple[tuple[str, int], ...]  # (tag, notes with exactly that tag), most used first
    top_fields: tuple[tuple[str, int], ...]  # (frontmatter key, notes that have it)


def vault_stats(vault: Vault) -> VaultStats:
    graph = vault.graph
    notes = note_nodes(graph)
    tags = sorted(
        ((count.tag, count.direct) for count in tag_counts(graph) if count.direct),
        key=lambda item: (-item[1], item[0].casefold()),
    )
    fields = Counter(key for note in notes for key in graph.nodes[note]["frontmatter"])
    return VaultStats(
        notes=len(notes),
        attachments=sum(1 for path in vault.files if path not in vault.parsed),
        links=graph.number_of_edges(),
        broken_links=sum(1 for _, target in graph.edges() if graph.nodes[target]["kind"] == "missing"),
        orphans=len(orphans(graph)),
        components=nx.number_weakly_connected_components(graph.subgraph(list(existing_nodes(graph)))),
        density=round(nx.density(note_digraph(graph)), 6),
        top_tags=tuple(tags[:TOP]),
        top_fields=tuple(sorted(fields.items(), key=lambda item: (-item[1], item[0]))[:TOP]),
    )
