"""The export as JSON, shaped like networkx's node-link data, so that
``networkx.node_link_graph(data, edges="links")`` reads it back."""

from __future__ import annotations

import json
from typing import Any

from .subgraph import ExportGraph


def node_link_data(graph: ExportGraph) -> dict[str, Any]:
    return {
        "directed": True,
        "multigraph": False,  # one edge per linked pair; "count" says how many links it stands for
        "graph": {},
        "nodes": [
            {
                "id": node.id,
                "kind": node.kind,
                "title": node.title,
                "folder": node.folder,
                "tags": list(node.tags),
                "in_degree": node.in_degree,
            }
            for node in graph.nodes
        ],
        "links": [
            {"source": edge.source, "target": edge.target, "count": edge.count} for edge in graph.edges
        ],
    }


def to_json(graph: ExportGraph) -> str:
    return json.dumps(node_link_data(graph), indent=2, ensure_ascii=False) + "\n"
