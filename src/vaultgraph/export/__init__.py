"""``vault graph``: the link graph, or the part of it a query selects, in a format other tools read.

Two layers, as in the rest of the package: :mod:`.subgraph` picks the nodes and edges from the
vault graph (a query layer: pure functions over :func:`vaultgraph.graph.build_graph`'s graph) and
the format modules write an :class:`ExportGraph` as text (reporting: data in, text out), each
imported only when its format is asked for. :mod:`.files` writes the result to disk atomically.
"""

from __future__ import annotations

from .formats import FORMATS, render
from .subgraph import ExportEdge, ExportGraph, ExportNode, filter_query, selected_notes, subgraph

__all__ = [
    "FORMATS",
    "ExportEdge",
    "ExportGraph",
    "ExportNode",
    "filter_query",
    "render",
    "selected_notes",
    "subgraph",
]
