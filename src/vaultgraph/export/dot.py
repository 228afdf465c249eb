"""The export as Graphviz DOT: ``vault graph --format dot | dot -Tsvg > graph.svg``.

Every id and label is a quoted string. In one, only a backslash and a double quote are special
(``\\N``, ``\\G``, ``\\l``... expand in labels), so doubling backslashes and escaping quotes
keeps any title literal; a line break is written as ``\\n``.
"""

from __future__ import annotations

from .subgraph import ExportGraph

#: How each kind of node looks: attachments as files, missing notes dashed and grey.
_STYLE = {
    "note": "",
    "attachment": ", shape=note",
    "missing": ", style=dashed, color=gray50, fontcolor=gray50",
}


def quote(text: str) -> str:
    escaped = text.replace("\\", "\\\\").replace('"', '\\"')
    escaped = escaped.replace("\r\n", "\\n").replace("\n", "\\n").replace("\r", "\\n")
    return f'"{escaped}"'


def to_dot(graph: ExportGraph) -> str:
    lines = ["digraph vault {", "  rankdir=LR;", '  node [shape=box, style=rounded, fontname="sans-serif"];']
    lines += [f"  {quote(node.id)} [label={quote(node.title)}{_STYLE[node.kind]}];" for node in graph.nodes]
    lines += [
        f"  {quote(edge.source)} -> {quote(edge.target)}"
        + (f' [label="{edge.count}", weight={edge.count}];' if edge.count > 1 else ";")
        for edge in graph.edges
    ]
    lines.append("}")
    return "\n".join(lines) + "\n"
