"""The export as GraphML (yEd, Cytoscape) and GEXF (Gephi), written by networkx.

Both formats hold only strings and numbers as attribute values, so tags are joined with commas
(a tag can't hold one). Characters XML 1.0 can't carry at all (most control characters) become
U+FFFD, or the file would be unreadable.
"""

from __future__ import annotations

import re

import networkx as nx

from .subgraph import ExportGraph

_NOT_XML = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\ufffe\uffff]")


def _xml_safe(text: str) -> str:
    return _NOT_XML.sub("\ufffd", text)


def _digraph(graph: ExportGraph, *, label: str) -> nx.DiGraph:
    """A networkx graph with the export's attributes; the title under ``label`` (GEXF keeps its
    node label apart from the other attributes)."""
    view = nx.DiGraph()
    for node in graph.nodes:
        view.add_node(
            _xml_safe(node.id),
            kind=node.kind,
            folder=_xml_safe(node.folder),
            tags=_xml_safe(",".join(node.tags)),
            in_degree=node.in_degree,
            **{label: _xml_safe(node.title)},
        )
    for edge in graph.edges:
        view.add_edge(_xml_safe(edge.source), _xml_safe(edge.target), count=edge.count)
    return view


def to_graphml(graph: ExportGraph) -> str:
    return "\n".join(nx.generate_graphml(_digraph(graph, label="title"))) + "\n"


def to_gexf(graph: ExportGraph) -> str:
    return "\n".join(nx.generate_gexf(_digraph(graph, label="label"))) + "\n"
