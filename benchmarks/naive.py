"""The naive reference: what a user might write in an afternoon to graph a vault.

    python benchmarks/naive.py VAULT

python-frontmatter for each note, one wikilink regex over the body, a networkx DiGraph of note names.
It knows nothing of markdown links, frontmatter links, folders, code blocks or case: the point is its
speed, not its answers. Needs python-frontmatter and networkx (both vaultgraph dependencies).
"""

from __future__ import annotations

import re
import sys
from pathlib import Path

import frontmatter
import networkx as nx

WIKILINK = re.compile(r"\[\[([^\]]+)\]\]")


def build(root: Path) -> tuple[nx.DiGraph, set[str]]:
    graph = nx.DiGraph()
    names: set[str] = set()
    for path in root.rglob("*.md"):
        post = frontmatter.load(path)
        names.add(path.stem)
        graph.add_node(path.stem, **post.metadata)
        for match in WIKILINK.finditer(post.content):
            # "[[name#Heading|text]]" -> "name"; "[[#Heading]]" points at the note itself.
            target = match.group(1).split("|")[0].split("#")[0].strip() or path.stem
            graph.add_edge(path.stem, target)
    return graph, names


if __name__ == "__main__":
    if len(sys.argv) != 2:
        sys.exit(f"usage: {sys.argv[0]} VAULT")
    graph, names = build(Path(sys.argv[1]))
    missing = sum(1 for node in graph if node not in names)
    nodes, edges = graph.number_of_nodes(), graph.number_of_edges()
    print(f"{nodes} nodes, {edges} edges, {missing} targets are not notes")
