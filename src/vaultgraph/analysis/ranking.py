"""Which notes stand out in the link structure: orphans, dead ends, wanted notes and hubs."""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass
from typing import Literal

import networkx as nx

from .views import incoming, kind, note_digraph, note_nodes, other_neighbours, title


@dataclass(frozen=True, slots=True)
class NoteRef:
    path: str
    title: str


@dataclass(frozen=True, slots=True)
class DeadEnd:
    path: str
    title: str
    notes: int  # distinct notes linking to it
    links: int  # link occurrences into it


@dataclass(frozen=True, slots=True)
class Wanted:
    target: str  # as first written (missing targets that differ only in case are one)
    notes: int
    links: int
    linked_from: tuple[str, ...]


@dataclass(frozen=True, slots=True)
class Hub:
    path: str
    title: str
    notes: int
    links: int
    pagerank: float  # rounded to 6 places, so output is the same on every platform


#: What `hubs` ranks by first: distinct notes linking in, or PageRank.
HubOrder = Literal["in-degree", "pagerank"]


def orphans(graph: nx.MultiDiGraph) -> list[NoteRef]:
    """Notes that Obsidian's graph shows alone: no link to or from another note or an attachment.
    Self-links don't connect a note, and neither do links to missing notes (they lead nowhere)."""
    return [
        NoteRef(note, title(graph, note))
        for note in note_nodes(graph)
        if all(kind(graph, other) == "missing" for other in other_neighbours(graph, note))
    ]


def dead_ends(graph: nx.MultiDiGraph) -> list[DeadEnd]:
    """Notes that other notes link to but that link to no other note (attachments and missing
    targets lead a reader nowhere further), the most linked first."""
    found = []
    for note in note_nodes(graph):
        sources = incoming(graph, note)
        leads_on = any(other != note and kind(graph, other) == "note" for other in graph.successors(note))
        if sources and not leads_on:
            found.append(DeadEnd(note, title(graph, note), len(sources), sum(sources.values())))
    return sorted(found, key=lambda item: (-item.notes, -item.links, item.path))


def wanted(graph: nx.MultiDiGraph) -> list[Wanted]:
    """Missing link targets, the ones most notes ask for first (then most links, then by name)."""
    found = []
    for node, node_kind in graph.nodes(data="kind"):
        if node_kind == "missing":
            sources = incoming(graph, node)
            found.append(Wanted(node, len(sources), sum(sources.values()), tuple(sorted(sources))))
    return sorted(found, key=lambda item: (-item.notes, -item.links, item.target.casefold(), item.target))


def hubs(graph: nx.MultiDiGraph, top: int, by: HubOrder = "in-degree") -> list[Hub]:
    """The ``top`` notes by in-degree (distinct notes linking in) or by PageRank over the notes,
    each breaking the other's ties, then by path."""
    view = note_digraph(graph)
    ranks = pagerank(view)
    found = []
    for note in view:
        sources: Counter[str] = incoming(graph, note)
        found.append(
            Hub(note, title(graph, note), len(sources), sum(sources.values()), round(ranks[note], 6))
        )
    if by == "pagerank":
        found.sort(key=lambda hub: (-hub.pagerank, -hub.notes, hub.path))
    else:
        found.sort(key=lambda hub: (-hub.notes, -hub.pagerank, hub.path))
    return found[:top]


def pagerank(
    graph: nx.DiGraph, alpha: float = 0.85, tol: float = 1e-12, max_iter: int = 1000
) -> dict[str, float]:
    """PageRank as networkx defines it (damping ``alpha``, notes without links out spread their
    rank evenly), by power iteration in plain Python: ``nx.pagerank`` needs numpy and scipy,
    which vaultgraph doesn't otherwise need. Iterates in the graph's node order, so it is
    deterministic."""
    nodes = list(graph)
    if not nodes:
        return {}
    count = len(nodes)
    out_degree = {node: graph.out_degree(node) for node in nodes}
    rank = dict.fromkeys(nodes, 1.0 / count)
    for _ in range(max_iter):
        dangling = alpha * sum(rank[node] for node in nodes if not out_degree[node]) / count
        following = dict.fromkeys(nodes, (1.0 - alpha) / count + dangling)
        for node in nodes:
            if out_degree[node]:
                share = alpha * rank[node] / out_degree[node]
                for target in graph.successors(node):
                    following[target] += share
        change = sum(abs(following[node] - rank[node]) for node in nodes)
        rank = following
        if change < count * tol:
            break
    return rank
