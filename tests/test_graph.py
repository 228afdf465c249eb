"""The vault as a networkx MultiDiGraph: one node per note, linked attachment and missing target,
one edge per link occurrence (tests/fixtures/graph)."""

from __future__ import annotations

from collections.abc import Callable

import networkx as nx
import pytest

from vaultgraph.vault import Vault

LoadFixture = Callable[[str], Vault]


@pytest.fixture
def graph(fixture_vault: LoadFixture) -> nx.MultiDiGraph:
    return fixture_vault("graph").graph


def kinds(graph: nx.MultiDiGraph) -> dict[str, str]:
    return {node: data["kind"] for node, data in graph.nodes(data=True)}


def test_nodes_are_notes_linked_attachments_and_missing_targets(graph: nx.MultiDiGraph) -> None:
    assert isinstance(graph, nx.MultiDiGraph)
    found = kinds(graph)
    assert {node for node, kind in found.items() if kind == "note"} == {"hub.md", "index.md", "spoke.md"}
    # assets/unused.png is a file of the vault, but nothing links to it.
    assert {node for node, kind in found.items() if kind == "attachment"} == {"assets/chart.png"}
    assert sorted(kind for kind in found.values() if kind == "missing") == ["missing", "missing"]
    assert len(found) == 6


def test_note_node_attributes(graph: nx.MultiDiGraph) -> None:
    hub = graph.nodes["hub.md"]
    assert (hub["path"], hub["title"], hub["tags"], hub["headings"]) == (
        "hub.md",
        "The hub",
        ["map"],
        ["Hub"],
    )
    assert hub["frontmatter"]["up"] == "[[index]]"
    assert graph.nodes["spoke.md"]["title"] == "spoke"


def test_attachment_node_attributes(graph: nx.MultiDiGraph) -> None:
    chart = graph.nodes["assets/chart.png"]
    assert (chart["kind"], chart["path"], chart["title"]) == ("attachment", "assets/chart.png", "chart.png")


def test_one_edge_per_link_occurrence(fixture_vault: LoadFixture) -> None:
    vault = fixture_vault("graph")
    assert vault.graph.number_of_edges() == len(vault.links) == 11


def test_parallel_edges_keep_each_links_position_and_details(graph: nx.MultiDiGraph) -> None:
    to_spoke = [
        (data["line"], data["column"], data["alias"], data["heading"], data["status"])
        for data in graph.get_edge_data("hub.md", "spoke.md").values()
    ]
    assert sorted(to_spoke) == [
        (8, 1, None, None, "ok"),
        (8, 12, "again", None, "ok"),
        (8, 32, None, "Nope", "broken-anchor"),
    ]


def test_frontmatter_link_edge(graph: nx.MultiDiGraph) -> None:
    (data,) = graph.get_edge_data("hub.md", "index.md").values()
    assert (data["kind"], data["line"], data["column"], data["status"]) == ("frontmatter", 3, 6, "ok")


def test_embed_edge_to_an_attachment(graph: nx.MultiDiGraph) -> None:
    (data,) = graph.get_edge_data("hub.md", "assets/chart.png").values()
    assert (data["kind"], data["embed"], data["line"], data["column"], data["status"]) == (
        "wikilink",
        True,
        9,
        1,
        "ok",
    )


def test_self_link_is_a_loop_edge(graph: nx.MultiDiGraph) -> None:
    (data,) = graph.get_edge_data("index.md", "index.md").values()
    assert (data["heading"], data["line"], data["column"]) == ("Index", 3, 11)


def test_missing_target_in_degree_counts_every_linking_occurrence(graph: nx.MultiDiGraph) -> None:
    # [[ghost]] and [[Ghost#Section]] in hub.md, [[ghost]] in spoke.md: one wanted note, three links.
    (ghost,) = [
        node
        for node, data in graph.nodes(data=True)
        if data["kind"] == "missing" and data["title"].lower() == "ghost"
    ]
    assert graph.in_degree(ghost) == 3
    assert sorted(source for source, _ in graph.in_edges(ghost)) == ["hub.md", "hub.md", "spoke.md"]
    assert {data["status"] for _, _, data in graph.in_edges(ghost, data=True)} == {"broken"}
    assert graph.nodes[ghost]["path"] is None


def test_missing_target_with_a_path(graph: nx.MultiDiGraph) -> None:
    assert graph.nodes["elsewhere/phantom"]["kind"] == "missing"
    assert graph.in_degree("elsewhere/phantom") == 1


def test_in_degree_of_a_note_counts_links_to_it(graph: nx.MultiDiGraph) -> None:
    assert graph.in_degree("spoke.md") == 3
    assert graph.in_degree("hub.md") == 1
    assert graph.out_degree("hub.md") == 7
