"""The graph queries of vaultgraph.analysis, on tests/fixtures/graphcmd.

The fixture's links (note -> note unless marked):
  ml/index -> transformers, attention, [[ghost]], [[Ghost]] (missing)
  ml/transformers -> attention, embeddings, ![[diagram.png]]
  ml/attention -> transformers, embeddings, index
  ml/embeddings -> nothing
  food/recipes -> bread, soup, embeddings, [[phantom]] (missing)
  food/bread -> soup, recipes
  food/soup -> ![[photo.jpg]], [[phantom]], [[ghost]] (missing)
  gallery -> ![[diagram.png]]; lonely -> nothing; selfish -> itself twice; wanting -> [[ghost]]
Tags: index ml; transformers ml/nlp; attention ml/nlp, math; embeddings ml, math; recipes food;
bread food, food/baking; soup food; wanting #idea/someday. Every expected answer below is worked
out by hand from that.
"""

from __future__ import annotations

import math
from collections.abc import Callable
from itertools import pairwise

import networkx as nx
import pytest

from vaultgraph.analysis.communities import Cluster, Related, clusters, related
from vaultgraph.analysis.paths import Hop, Neighbor, hops, neighbors, shortest_path
from vaultgraph.analysis.ranking import DeadEnd, NoteRef, Wanted, dead_ends, hubs, orphans, pagerank, wanted
from vaultgraph.analysis.stats import VaultStats, vault_stats
from vaultgraph.analysis.tags import TagCount, tag_counts
from vaultgraph.analysis.views import note_digraph
from vaultgraph.vault import Vault

ML = ("ml/attention.md", "ml/embeddings.md", "ml/index.md", "ml/transformers.md")
FOOD = ("food/bread.md", "food/recipes.md", "food/soup.md")


@pytest.fixture(scope="module")
def vault(tmp_path_factory: pytest.TempPathFactory) -> Vault:
    import shutil
    from pathlib import Path

    import vaultgraph

    root = tmp_path_factory.mktemp("graphcmd") / "vault"
    shutil.copytree(Path(__file__).parent / "fixtures" / "graphcmd", root)
    return vaultgraph.load(root, use_cache=False)


@pytest.fixture(scope="module")
def graph(vault: Vault) -> nx.MultiDiGraph:
    return vault.graph


def test_note_digraph_has_one_edge_per_linking_pair_and_no_self_links(graph: nx.MultiDiGraph) -> None:
    view = note_digraph(graph)
    assert len(view) == 11
    assert sorted(view.edges()) == [
        ("food/bread.md", "food/recipes.md"),
        ("food/bread.md", "food/soup.md"),
        ("food/recipes.md", "food/bread.md"),
        ("food/recipes.md", "food/soup.md"),
        ("food/recipes.md", "ml/embeddings.md"),
        ("ml/attention.md", "ml/embeddings.md"),
        ("ml/attention.md", "ml/index.md"),
        ("ml/attention.md", "ml/transformers.md"),
        ("ml/index.md", "ml/attention.md"),
        ("ml/index.md", "ml/transformers.md"),
        ("ml/transformers.md", "ml/attention.md"),
        ("ml/transformers.md", "ml/embeddings.md"),
    ]


def test_orphans_ignore_self_links_and_missing_targets_but_not_attachments(graph: nx.MultiDiGraph) -> None:
    # gallery.md only embeds an image, and that is an edge to an existing file: not an orphan
    assert orphans(graph) == [
        NoteRef("lonely.md", "lonely"),
        NoteRef("selfish.md", "selfish"),
        NoteRef("wanting.md", "wanting"),
    ]


def test_dead_ends_are_linked_to_and_lead_to_no_other_note(graph: nx.MultiDiGraph) -> None:
    # soup links only to an attachment and missing notes; gallery has no links in
    assert dead_ends(graph) == [
        DeadEnd("ml/embeddings.md", "embeddings", 3, 3),
        DeadEnd("food/soup.md", "soup", 2, 2),
    ]


def test_wanted_merges_case_variants_and_ranks_by_notes(graph: nx.MultiDiGraph) -> None:
    assert wanted(graph) == [
        Wanted("ghost", 3, 4, ("food/soup.md", "ml/index.md", "wanting.md")),
        Wanted("phantom", 2, 2, ("food/recipes.md", "food/soup.md")),
    ]


def test_hubs_by_in_degree(graph: nx.MultiDiGraph) -> None:
    found = hubs(graph, 11)
    assert [(hub.path, hub.notes, hub.links) for hub in found[:1]] == [("ml/embeddings.md", 3, 3)]
    # three notes have two notes linking in; PageRank orders them
    assert {hub.path for hub in found[1:4]} == {"food/soup.md", "ml/attention.md", "ml/transformers.md"}
    assert [hub.notes for hub in found] == [3, 2, 2, 2, 1, 1, 1, 0, 0, 0, 0]
    assert all(a.pagerank >= b.pagerank for a, b in pairwise(found) if a.notes == b.notes)
    # equal in-degree and equal PageRank: path order
    assert [hub.path for hub in found[7:]] == ["gallery.md", "lonely.md", "selfish.md", "wanting.md"]
    assert len(hubs(graph, 2)) == 2


def test_hubs_by_pagerank_sum_to_one(graph: nx.MultiDiGraph) -> None:
    found = hubs(graph, 20, "pagerank")
    assert len(found) == 11
    assert [hub.pagerank for hub in found] == sorted((hub.pagerank for hub in found), reverse=True)
    assert sum(hub.pagerank for hub in found) == pytest.approx(1, abs=1e-5)


def test_pagerank_by_hand() -> None:
    # a -> b, b dangling: a = 0.15/2 + 0.85 * b/2 and a + b = 1, so a = 0.5 / 1.425
    ranks = pagerank(nx.DiGraph([("a", "b")]))
    assert ranks["a"] == pytest.approx(0.5 / 1.425, abs=1e-9)
    assert ranks["b"] == pytest.approx(1 - 0.5 / 1.425, abs=1e-9)
    cycle = pagerank(nx.DiGraph([("a", "b"), ("b", "c"), ("c", "a")]))
    assert cycle == pytest.approx({"a": 1 / 3, "b": 1 / 3, "c": 1 / 3})
    assert pagerank(nx.DiGraph()) == {}


def test_pagerank_matches_networkx_reference(graph: nx.MultiDiGraph) -> None:
    # networkx's own pure-Python PageRank, kept private (nx.pagerank itself needs scipy)
    from networkx.algorithms.link_analysis import pagerank_alg

    reference = getattr(pagerank_alg, "_pagerank_python", None)
    if reference is None:
        pytest.skip("this networkx has no _pagerank_python")
    view = note_digraph(graph)
    assert pagerank(view) == pytest.approx(reference(view, tol=1e-12), abs=1e-8)


def test_directed_path_follows_links(vault: Vault, graph: nx.MultiDiGraph) -> None:
    route = shortest_path(graph, "food/bread.md", "ml/embeddings.md")
    assert route == ["food/bread.md", "food/recipes.md", "ml/embeddings.md"]
    assert hops(vault, route) == [
        Hop(1, "food/bread.md", "food/recipes.md", "out", 4, 33, "[[recipes]]"),
        Hop(2, "food/recipes.md", "ml/embeddings.md", "out", 8, 27, "[[embeddings]]"),
    ]


def test_no_directed_path_from_ml_to_food(graph: nx.MultiDiGraph) -> None:
    assert shortest_path(graph, "ml/index.md", "food/soup.md") is None
    assert shortest_path(graph, "lonely.md", "ml/index.md", undirected=True) is None


def test_undirected_path_goes_back_along_links(vault: Vault, graph: nx.MultiDiGraph) -> None:
    # index's neighbours in path order are attention, transformers: attention is tried first
    route = shortest_path(graph, "ml/index.md", "food/soup.md", undirected=True)
    assert route == ["ml/index.md", "ml/attention.md", "ml/embeddings.md", "food/recipes.md", "food/soup.md"]
    assert hops(vault, route) == [
        Hop(1, "ml/index.md", "ml/attention.md", "out", 7, 33, "[[attention]]"),
        Hop(2, "ml/attention.md", "ml/embeddings.md", "out", 7, 26, "[[embeddings]]"),
        Hop(3, "ml/embeddings.md", "food/recipes.md", "in", 8, 27, "[[embeddings]]"),
        Hop(4, "food/recipes.md", "food/soup.md", "out", 7, 12, "[[soup]]"),
    ]


def test_path_to_itself_has_no_hops(vault: Vault, graph: nx.MultiDiGraph) -> None:
    assert shortest_path(graph, "lonely.md", "lonely.md") == ["lonely.md"]
    assert hops(vault, ["lonely.md"]) == []


def test_neighbors_with_direction(graph: nx.MultiDiGraph) -> None:
    assert neighbors(graph, "ml/attention.md", 1) == [
        Neighbor("ml/embeddings.md", "embeddings", 1, "out"),
        Neighbor("ml/index.md", "index", 1, "both"),
        Neighbor("ml/transformers.md", "transformers", 1, "both"),
    ]
    # recipes links to embeddings, which attention links to: two steps, one each way
    assert neighbors(graph, "ml/attention.md", 2)[-1] == Neighbor("food/recipes.md", "recipes", 2, "mixed")
    assert neighbors(graph, "food/soup.md", 1) == [
        Neighbor("food/bread.md", "bread", 1, "in"),
        Neighbor("food/recipes.md", "recipes", 1, "in"),
    ]
    assert neighbors(graph, "lonely.md", 3) == []


def test_clusters_split_ml_from_food(graph: nx.MultiDiGraph) -> None:
    # modularity with 9 undirected note edges: {ml} {food} gives 5/9 - (11/18)^2 + 3/9 - (7/18)^2
    # = 0.364, above any other split (embeddings with food: 0.272)
    assert clusters(graph) == [Cluster("ml/embeddings.md", 4, ML), Cluster("food/soup.md", 3, FOOD)]
    lone = [Cluster(path, 1, (path,)) for path in ("gallery.md", "lonely.md", "selfish.md", "wanting.md")]
    assert clusters(graph, min_size=1)[2:] == lone


def test_related_scores_shared_links_and_tags(graph: nx.MultiDiGraph) -> None:
    # embeddings is linked with transformers, attention and recipes: those are not candidates.
    # index shares transformers (degree 4: attention, embeddings, index, diagram.png), attention
    # (degree 3) and the tag ml (2 notes); bread and soup share recipes (degree 4).
    by_recipes = round(1 / math.log(4), 6)
    assert related(graph, "ml/embeddings.md", 10) == [
        Related(
            "ml/index.md",
            "index",
            round(1 / math.log(4) + 1 / math.log(3) + 1 / math.log(2), 6),
            ("ml/attention.md", "ml/transformers.md"),
            ("ml",),
        ),
        Related("food/bread.md", "bread", by_recipes, ("food/recipes.md",), ()),
        Related("food/soup.md", "soup", by_recipes, ("food/recipes.md",), ()),
    ]
    assert [item.path for item in related(graph, "ml/embeddings.md", 1)] == ["ml/index.md"]


def test_related_through_an_attachment(graph: nx.MultiDiGraph) -> None:
    # gallery embeds the same diagram (degree 2); recipes links embeddings (degree 3)
    assert [
        (item.path, item.score, item.shared_links) for item in related(graph, "ml/transformers.md", 5)
    ] == [
        ("gallery.md", round(1 / math.log(2), 6), ("assets/diagram.png",)),
        ("food/recipes.md", round(1 / math.log(3), 6), ("ml/embeddings.md",)),
    ]


def test_tag_counts_nest_and_keep_parents_without_notes(graph: nx.MultiDiGraph) -> None:
    assert tag_counts(graph) == [
        TagCount("food", 3, 3),
        TagCount("food/baking", 1, 1),
        TagCount("idea", 1, 0),
        TagCount("idea/someday", 1, 1),
        TagCount("math", 2, 2),
        TagCount("ml", 4, 2),
        TagCount("ml/nlp", 2, 2),
    ]


def test_tags_compare_ignoring_case(make_vault: Callable[..., object]) -> None:
    import vaultgraph

    root = make_vault({"a.md": "#Project/X", "b.md": "#project #project/y", "c.md": "#PROJECT/x/deep"})
    found = tag_counts(vaultgraph.load(root, use_cache=False).graph)
    assert found == [
        TagCount("Project", 3, 1),
        TagCount("Project/X", 2, 1),
        TagCount("PROJECT/x/deep", 1, 1),
        TagCount("project/y", 1, 1),
    ]


def test_vault_stats(vault: Vault) -> None:
    assert vault_stats(vault) == VaultStats(
        notes=11,
        attachments=2,
        links=23,
        broken_links=6,  # phantom x2, ghost x4
        orphans=3,
        components=4,  # everything linked is one (recipes -> embeddings, diagram.png), + 3 orphans
        density=round(12 / (11 * 10), 6),
        top_tags=(
            ("food", 3),
            ("math", 2),
            ("ml", 2),
            ("ml/nlp", 2),
            ("food/baking", 1),
            ("idea/someday", 1),
        ),
        top_fields=(("tags", 7), ("status", 2), ("aliases", 1)),
    )


def test_empty_vault(make_vault: Callable[..., object]) -> None:
    import vaultgraph

    loaded = vaultgraph.load(make_vault({}), use_cache=False)
    graph = loaded.graph
    assert (orphans(graph), dead_ends(graph), wanted(graph), hubs(graph, 5)) == ([], [], [], [])
    assert (clusters(graph), tag_counts(graph)) == ([], [])
    stats = vault_stats(loaded)
    assert (stats.notes, stats.links, stats.components, stats.density) == (0, 0, 0, 0)
