"""The nodes and edges an export shows: the whole vault graph, or the notes a query selects.

An export draws one edge per linked pair, with how many links it stands for: a graph drawing
with a line per link occurrence says nothing more and is harder to read.

With a filter, the selected notes are kept with the edges among them, and so are the attachments
and missing notes they link to: those belong to what the selected notes say, and nothing else
would show them. Links to notes the filter left out are dropped: the filter chose the notes.
"""

from __future__ import annotations

import posixpath
from collections import Counter
from collections.abc import Collection
from dataclasses import dataclass

import networkx as nx

from ..query import QueryError, QueryResult
from ..query.values import Link

#: The order nodes are listed in: notes first, then what they link to.
_KIND_ORDER = {"note": 0, "attachment": 1, "missing": 2}


@dataclass(frozen=True, slots=True)
class ExportNode:
    id: str  # the vault path; for a missing note, the link target as first written
    kind: str  # note, attachment or missing
    title: str
    folder: str  # "" at the vault root, and for missing notes (they are nowhere)
    tags: tuple[str, ...]  # without '#'
    in_degree: int  # distinct other nodes of this export that link to it


@dataclass(frozen=True, slots=True)
class ExportEdge:
    source: str
    target: str
    count: int  # the link occurrences from source to target


@dataclass(frozen=True, slots=True)
class ExportGraph:
    nodes: tuple[ExportNode, ...]  # notes, attachments, missing notes; each by id
    edges: tuple[ExportEdge, ...]  # by source, then target; a self-link is an edge too


def filter_query(source: str | None, where: str | None) -> str | None:
    """The `vault query` text for ``--from`` and ``--where``; None when neither is given."""
    if source is None and where is None:
        return None
    parts = ["LIST"]
    if source is not None:
        parts.append(f"FROM {source}")
    if where is not None:
        parts.append(f"WHERE {where}")
    return " ".join(parts)


def selected_notes(result: QueryResult) -> frozenset[str]:
    """The notes a filter query listed. A QueryError when its rows are not notes: a GROUP BY
    slipped into ``--where`` makes groups, and a group has no place in a graph."""
    if result.grouped:
        raise QueryError("the filter must select notes; GROUP BY makes groups of them")
    return frozenset(row[0].path for row in result.rows if row and isinstance(row[0], Link))


def subgraph(graph: nx.MultiDiGraph, notes: Collection[str] | None = None) -> ExportGraph:
    """The export of ``graph`` (see :func:`vaultgraph.graph.build_graph`): every node, or only
    ``notes`` and the attachments and missing notes they link to."""
    if notes is None:
        kept = set(graph.nodes)
    else:
        kept = {node for node in notes if node in graph and graph.nodes[node]["kind"] == "note"}
        kept |= {
            target
            for source in list(kept)
            for target in graph.successors(source)
            if graph.nodes[target]["kind"] != "note"
        }
    counts = Counter(
        (source, target) for source, target in graph.edges() if source in kept and target in kept
    )
    linking_in = Counter(target for source, target in counts if source != target)
    nodes = sorted(kept, key=lambda node: (_KIND_ORDER[graph.nodes[node]["kind"]], node))
    return ExportGraph(
        tuple(_node(graph, node, linking_in[node]) for node in nodes),
        tuple(ExportEdge(source, target, count) for (source, target), count in sorted(counts.items())),
    )


def _node(graph: nx.MultiDiGraph, node: str, in_degree: int) -> ExportNode:
    data = graph.nodes[node]
    path = data.get("path")
    return ExportNode(
        id=node,
        kind=str(data["kind"]),
        title=str(data["title"]),
        folder=posixpath.dirname(path) if path else "",
        tags=tuple(data.get("tags") or ()),
        in_degree=in_degree,
    )
