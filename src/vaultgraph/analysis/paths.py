"""How notes connect through links: the shortest link path between two notes, and the notes
within a few links of one."""

from __future__ import annotations

from collections.abc import Callable, Iterable
from dataclasses import dataclass
from itertools import pairwise
from typing import TYPE_CHECKING, Literal

import networkx as nx

from .views import note_digraph, title

if TYPE_CHECKING:
    from ..vault import Vault

Direction = Literal["out", "in"]


@dataclass(frozen=True, slots=True)
class Hop:
    """One step of a path. ``out``: ``source`` links to ``target``; ``in`` (only with
    --undirected): ``target`` links to ``source``. ``line``, ``column`` and ``link`` are those of
    the link in the note that holds it (the first, when it links more than once)."""

    step: int
    source: str
    target: str
    direction: Direction
    line: int
    column: int
    link: str


@dataclass(frozen=True, slots=True)
class Neighbor:
    """A note ``distance`` links from another, either way. ``direction``: ``out`` when following
    links from the note reaches it in as many steps, ``in`` when it reaches the note that way,
    ``both`` when both do, ``mixed`` when only a path with links both ways is that short."""

    path: str
    title: str
    distance: int
    direction: Literal["out", "in", "both", "mixed"]


def shortest_path(
    graph: nx.MultiDiGraph, start: str, end: str, *, undirected: bool = False
) -> list[str] | None:
    """The notes on a shortest chain of links from ``start`` to ``end`` (None when there is none).
    Breadth first over neighbours in path order, so the same vault gives the same path."""
    view = note_digraph(graph)
    step = _steps(view, undirected)
    previous = {start: start}
    frontier = [start]
    while frontier and end not in previous:
        following = []
        for node in frontier:
            for nearby in step(node):
                if nearby not in previous:
                    previous[nearby] = node
                    following.append(nearby)
        frontier = following
    if end not in previous:
        return None
    route = [end]
    while route[-1] != start:
        route.append(previous[route[-1]])
    return route[::-1]


def hops(vault: Vault, route: list[str]) -> list[Hop]:
    """The links that make each step of ``route`` (from :func:`shortest_path`), a link out of
    the earlier note preferred to one back into it."""
    graph = vault.graph
    found = []
    for step, (source, target) in enumerate(pairwise(route), 1):
        direction: Direction = "out" if graph.has_edge(source, target) else "in"
        holder, other = (source, target) if direction == "out" else (target, source)
        line, column = min(graph.get_edge_data(holder, other))  # edges are keyed by position
        raw = next(
            link.raw for link in vault.notes[holder].links if (link.line, link.column) == (line, column)
        )
        found.append(Hop(step, source, target, direction, line, column, raw))
    return found


def neighbors(graph: nx.MultiDiGraph, note: str, depth: int) -> list[Neighbor]:
    """The notes within ``depth`` links of ``note`` in either direction, nearest first."""
    view = note_digraph(graph)
    around = nx.single_source_shortest_path_length(view.to_undirected(as_view=True), note, cutoff=depth)
    onwards = nx.single_source_shortest_path_length(view, note, cutoff=depth)
    back = nx.single_source_shortest_path_length(view.reverse(copy=False), note, cutoff=depth)
    found = []
    for path, distance in around.items():
        if path == note:
            continue
        out, into = onwards.get(path) == distance, back.get(path) == distance
        direction: Literal["out", "in", "both", "mixed"] = (
            "both" if out and into else "out" if out else "in" if into else "mixed"
        )
        found.append(Neighbor(path, title(graph, path), distance, direction))
    return sorted(found, key=lambda item: (item.distance, item.path))


def _steps(view: nx.DiGraph, undirected: bool) -> Callable[[str], Iterable[str]]:
    if undirected:
        return lambda node: sorted(set(view.successors(node)) | set(view.predecessors(node)))
    return lambda node: sorted(view.successors(node))
