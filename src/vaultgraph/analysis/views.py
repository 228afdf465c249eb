"""The views of the vault graph that the analyses share.

The vault graph has a node per note, linked attachment and missing target, and an edge per link
occurrence. Most questions are about notes linking notes, once per pair: a note that links to
another three times is not three times closer to it, and a note linking to itself is no better
connected. :func:`note_digraph` is that view.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterator

import networkx as nx


def kind(graph: nx.MultiDiGraph, node: str) -> str:
    """``note``, ``attachment`` or ``missing``."""
    return str(graph.nodes[node]["kind"])


def title(graph: nx.MultiDiGraph, node: str) -> str:
    return str(graph.nodes[node]["title"])


def note_nodes(graph: nx.MultiDiGraph) -> list[str]:
    """Every note's path, sorted: the order every listing starts from, so results are stable."""
    return sorted(node for node, node_kind in graph.nodes(data="kind") if node_kind == "note")


def note_digraph(graph: nx.MultiDiGraph) -> nx.DiGraph:
    """Notes only, an edge where one note links another (once per pair, self-links left out)."""
    view = nx.DiGraph()
    view.add_nodes_from(note_nodes(graph))
    view.add_edges_from(
        (source, target)
        for source, target in graph.edges()
        if source != target and kind(graph, target) == "note"
    )
    return view


def other_neighbours(graph: nx.MultiDiGraph, node: str) -> set[str]:
    """Every node that ``node`` links to or is linked from, itself left out."""
    return (set(graph.successors(node)) | set(graph.predecessors(node))) - {node}


def incoming(graph: nx.MultiDiGraph, node: str) -> Counter[str]:
    """The other notes that link to ``node``, with how many links each has to it."""
    return Counter(source for source, _ in graph.in_edges(node) if source != node)


def existing_nodes(graph: nx.MultiDiGraph) -> Iterator[str]:
    """Notes and attachments: what is there, as opposed to missing link targets."""
    return (node for node, node_kind in graph.nodes(data="kind") if node_kind != "missing")
