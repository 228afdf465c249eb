"""The export as a Mermaid flowchart, to paste into a markdown file that GitHub or Obsidian renders.

Node ids are generated (``n1``, ``n2``... in node order): a vault path can hold anything. Labels
are quoted, and every character but letters, digits, spaces and a few harmless marks is written
as a ``#code;`` entity, so no quote, bracket, pipe, ``<`` or ``%%`` in a title can end the label
or be read as markup.
"""

from __future__ import annotations

from .subgraph import ExportGraph

_PLAIN = frozenset(" -_.,:/'!?")


def label(text: str) -> str:
    escaped = "".join(char if char.isalnum() or char in _PLAIN else f"#{ord(char)};" for char in text)
    return f'"{escaped}"'


def to_mermaid(graph: ExportGraph) -> str:
    ids = {node.id: f"n{number}" for number, node in enumerate(graph.nodes, 1)}
    lines = ["flowchart LR"]
    lines += [f"  {ids[node.id]}[{label(node.title)}]" for node in graph.nodes]
    lines += [
        f"  {ids[edge.source]} -->" + (f"|{edge.count}|" if edge.count > 1 else "") + f" {ids[edge.target]}"
        for edge in graph.edges
    ]
    for kind in ("attachment", "missing"):
        members = [ids[node.id] for node in graph.nodes if node.kind == kind]
        if members:
            lines.append(f"  class {','.join(members)} {kind}")
    lines.append("  classDef attachment fill:#eef,stroke:#99b")
    lines.append("  classDef missing fill:#fff,stroke:#999,stroke-dasharray:4 4,color:#777")
    return "\n".join(lines) + "\n"
