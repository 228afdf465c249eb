"""Groups of notes that link among themselves, and notes that ought to be linked to a note."""

from __future__ import annotations

import math
from dataclasses import dataclass

import networkx as nx

from .views import note_digraph, note_nodes, other_neighbours, title

#: Louvain starts from a random order; a fixed seed gives the same clusters on every run.
LOUVAIN_SEED = 42


@dataclass(frozen=True, slots=True)
class Cluster:
    name: str  # its most linked-to note (distinct notes linking in), then the first by path
    size: int
    members: tuple[str, ...]


@dataclass(frozen=True, slots=True)
class Related:
    path: str
    title: str
    score: float  # rounded to 6 places
    shared_links: tuple[str, ...]  # notes, attachments or missing targets both are linked with
    shared_tags: tuple[str, ...]


def clusters(graph: nx.MultiDiGraph, min_size: int = 2) -> list[Cluster]:
    """Louvain communities of the notes, links taken either way and once per pair, the largest
    first. Clusters under ``min_size`` are left out: by default the lone notes (see `orphans`)."""
    view = note_digraph(graph)
    if not view:
        return []
    undirected = nx.Graph(view)  # keeps the sorted node order, which the seeded shuffle starts from
    found = []
    for members in nx.community.louvain_communities(undirected, seed=LOUVAIN_SEED):
        if len(members) >= min_size:
            name = min(members, key=lambda note: (-view.in_degree(note), note))
            found.append(Cluster(name, len(members), tuple(sorted(members))))
    return sorted(found, key=lambda cluster: (-cluster.size, cluster.name))


def related(graph: nx.MultiDiGraph, note: str, top: int) -> list[Related]:
    """Notes neither linking to nor linked from ``note`` that share links or tags with it, best
    first. Each shared neighbour (note, attachment or missing target) adds 1/log(its degree) and
    each shared tag 1/log(the notes that have it), as in the Adamic-Adar index: sharing a rare
    link says more than sharing one that half the vault has. Tags compare exactly, ignoring case."""
    around = {node: other_neighbours(graph, node) for node in graph}
    owners: dict[str, set[str]] = {}
    for other in note_nodes(graph):
        for tag in _tags(graph, other):
            owners.setdefault(tag, set()).add(other)
    mine = _tags(graph, note)
    found = []
    for other in note_nodes(graph):
        if other == note or other in around[note]:
            continue
        shared = around[note] & around[other]
        tags = mine.keys() & _tags(graph, other).keys()
        # summed in sorted order: a set's order changes from run to run, and so would the last digit
        score = sum(1 / math.log(len(around[node])) for node in sorted(shared))
        score += sum(1 / math.log(len(owners[tag])) for tag in sorted(tags))
        if score > 0:
            shown_tags = tuple(sorted(mine[tag] for tag in tags))
            found.append(
                Related(other, title(graph, other), round(score, 6), tuple(sorted(shared)), shown_tags)
            )
    found.sort(key=lambda item: (-item.score, item.path))
    return found[:top]


def _tags(graph: nx.MultiDiGraph, note: str) -> dict[str, str]:
    """A note's tags by case-folded key, as written."""
    return {tag.casefold(): tag for tag in graph.nodes[note]["tags"]}
