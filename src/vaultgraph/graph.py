"""The vault as a networkx graph: the structure every graph query runs over.

One node per note (``kind="note"``), per linked attachment (``kind="attachment"``) and per
unresolved target (``kind="missing"``); one edge per link occurrence, keyed by its position.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

import networkx as nx

from .names import name_key

if TYPE_CHECKING:
    from .vault import Vault


def build_graph(vault: Vault) -> nx.MultiDiGraph:
    graph = nx.MultiDiGraph(root=str(vault.root))
    for note in vault.notes.values():
        graph.add_node(
            note.path,
            kind="note",
            path=note.path,
            title=note.title,
            frontmatter=note.frontmatter,
            tags=list(note.tags),
            aliases=list(note.aliases),
            headings=[heading.text for heading in note.headings],
        )
    missing: dict[str, str] = {}  # name key -> node id, so `Foo` and `foo` are one wanted note
    for item in vault.links:
        link = item.link
        if item.resolved is None:
            node = missing.setdefault(name_key(link.target), link.target)
            graph.add_node(node, kind="missing", path=None, title=link.target)
        else:
            node = item.resolved
            if node not in graph:
                graph.add_node(node, kind="attachment", path=node, title=node.rsplit("/", 1)[-1])
        graph.add_edge(
            item.source,
            node,
            key=(link.line, link.column),
            line=link.line,
            column=link.column,
            kind=link.kind,
            alias=link.alias,
            heading=link.heading,
            block=link.block,
            embed=link.embed,
            status=item.status,
        )
    return graph
