"""The export's subgraph and formats (vaultgraph.export) on tests/fixtures/export. Its links, worked
out by hand (every expected answer below comes from this list, not from running the code):

    index.md         -> topics/alpha.md, topics/beta.md (twice), ghost (missing), assets/data.csv
    topics/alpha.md  -> topics/beta.md, index.md, topics/alpha.md (itself)
    topics/beta.md   -> topics/alpha.md, nowhere (missing)
    odd.md           -> index.md            title: Quote " [x] | <b> & \\ end
    scripted.md      -> index.md, odd.md    title: <script>alert(1)</script>
    closing.md       -> scripted.md         title: end </script><script>alert(2)</script>U+2028next
    lonely.md        (no links)
"""

from __future__ import annotations

import base64
import hashlib
import io
import json
import os
import re
from pathlib import Path

import networkx as nx
import pytest

from vaultgraph.atomic import write_atomically
from vaultgraph.export import (
    ExportEdge,
    ExportGraph,
    ExportNode,
    filter_query,
    render,
    selected_notes,
    subgraph,
)
from vaultgraph.export.dot import quote
from vaultgraph.export.html import link_base, script_json
from vaultgraph.export.json_format import node_link_data
from vaultgraph.export.mermaid import label
from vaultgraph.query import QueryError, parse_query, run_query
from vaultgraph.vault import Vault

ODD = 'Quote " [x] | <b> & \\ end'
SCRIPTED = "<script>alert(1)</script>"
CLOSING = "end </script><script>alert(2)</script>\u2028next"


@pytest.fixture(scope="module")
def vault(tmp_path_factory: pytest.TempPathFactory) -> Vault:
    import shutil

    import vaultgraph

    root = tmp_path_factory.mktemp("export") / "export"
    shutil.copytree(Path(__file__).parent / "fixtures" / "export", root)
    return vaultgraph.load(root)


@pytest.fixture(scope="module")
def whole(vault: Vault) -> ExportGraph:
    return subgraph(vault.graph)


@pytest.fixture(scope="module")
def topics(vault: Vault) -> ExportGraph:
    """The two notes in topics/: what `--from '"topics"'` keeps."""
    return subgraph(vault.graph, {"topics/alpha.md", "topics/beta.md"})


def test_every_node_with_its_attributes(whole: ExportGraph) -> None:
    assert whole.nodes == (
        ExportNode("closing.md", "note", CLOSING, "", (), 0),
        ExportNode("index.md", "note", "index", "", ("map",), 3),  # alpha, odd, scripted
        ExportNode("lonely.md", "note", "lonely", "", (), 0),
        ExportNode("odd.md", "note", ODD, "", (), 1),
        ExportNode("scripted.md", "note", SCRIPTED, "", ("danger",), 1),
        ExportNode("topics/alpha.md", "note", "alpha", "topics", ("topic", "topic/ai"), 2),  # not itself
        ExportNode("topics/beta.md", "note", "beta", "topics", ("topic",), 2),  # twice from index: 1
        ExportNode("assets/data.csv", "attachment", "data.csv", "assets", (), 1),
        ExportNode("ghost", "missing", "ghost", "", (), 1),
        ExportNode("nowhere", "missing", "nowhere", "", (), 1),
    )


def test_one_edge_per_linked_pair_with_its_count(whole: ExportGraph) -> None:
    assert [(edge.source, edge.target, edge.count) for edge in whole.edges] == [
        ("closing.md", "scripted.md", 1),
        ("index.md", "assets/data.csv", 1),
        ("index.md", "ghost", 1),
        ("index.md", "topics/alpha.md", 1),
        ("index.md", "topics/beta.md", 2),
        ("odd.md", "index.md", 1),
        ("scripted.md", "index.md", 1),
        ("scripted.md", "odd.md", 1),
        ("topics/alpha.md", "index.md", 1),
        ("topics/alpha.md", "topics/alpha.md", 1),
        ("topics/alpha.md", "topics/beta.md", 1),
        ("topics/beta.md", "nowhere", 1),
        ("topics/beta.md", "topics/alpha.md", 1),
    ]


def test_a_selection_keeps_its_notes_their_links_among_them_and_what_else_they_link_to(
    topics: ExportGraph,
) -> None:
    assert topics == ExportGraph(
        (
            ExportNode("topics/alpha.md", "note", "alpha", "topics", ("topic", "topic/ai"), 1),
            ExportNode("topics/beta.md", "note", "beta", "topics", ("topic",), 1),
            ExportNode("nowhere", "missing", "nowhere", "", (), 1),
        ),
        (
            ExportEdge("topics/alpha.md", "topics/alpha.md", 1),
            ExportEdge("topics/alpha.md", "topics/beta.md", 1),
            ExportEdge("topics/beta.md", "nowhere", 1),
            ExportEdge("topics/beta.md", "topics/alpha.md", 1),
        ),
    )


def test_a_selection_ignores_paths_that_are_not_notes(vault: Vault) -> None:
    # index.md's attachment and missing note come with it; on their own they are not notes.
    only_index = subgraph(vault.graph, {"index.md", "ghost", "assets/data.csv", "no/such.md"})
    assert [node.id for node in only_index.nodes] == ["index.md", "assets/data.csv", "ghost"]
    assert subgraph(vault.graph, {"ghost"}) == ExportGraph((), ())


def test_filter_query_text() -> None:
    assert filter_query(None, None) is None
    assert filter_query('"topics"', None) == 'LIST FROM "topics"'
    assert filter_query(None, "x > 1") == "LIST WHERE x > 1"
    assert filter_query("#a", "x > 1") == "LIST FROM #a WHERE x > 1"


def test_selected_notes_are_the_listed_ones(vault: Vault) -> None:
    result = run_query(vault, parse_query(filter_query("#topic", 'file.name != "beta"') or ""))
    assert selected_notes(result) == {"topics/alpha.md"}
    with pytest.raises(QueryError, match="GROUP BY"):
        selected_notes(run_query(vault, parse_query("LIST GROUP BY file.folder")))


def test_json_is_node_link_data(whole: ExportGraph, topics: ExportGraph) -> None:
    assert json.loads(render(topics, "json")) == {
        "directed": True,
        "multigraph": False,
        "graph": {},
        "nodes": [
            {
                "id": "topics/alpha.md",
                "kind": "note",
                "title": "alpha",
                "folder": "topics",
                "tags": ["topic", "topic/ai"],
                "in_degree": 1,
            },
            {
                "id": "topics/beta.md",
                "kind": "note",
                "title": "beta",
                "folder": "topics",
                "tags": ["topic"],
                "in_degree": 1,
            },
            {
                "id": "nowhere",
                "kind": "missing",
                "title": "nowhere",
                "folder": "",
                "tags": [],
                "in_degree": 1,
            },
        ],
        "links": [
            {"source": "topics/alpha.md", "target": "topics/alpha.md", "count": 1},
            {"source": "topics/alpha.md", "target": "topics/beta.md", "count": 1},
            {"source": "topics/beta.md", "target": "nowhere", "count": 1},
            {"source": "topics/beta.md", "target": "topics/alpha.md", "count": 1},
        ],
    }
    read = nx.node_link_graph(json.loads(render(whole, "json")), edges="links")
    assert read.number_of_nodes() == 10 and read.number_of_edges() == 13
    assert read.nodes["scripted.md"]["title"] == SCRIPTED
    assert read.edges["index.md", "topics/beta.md"]["count"] == 2


def test_graphml_round_trip(whole: ExportGraph) -> None:
    read = nx.parse_graphml(render(whole, "graphml"))
    assert read.is_directed() and not read.is_multigraph()
    assert list(read.nodes) == [node.id for node in whole.nodes]
    assert read.nodes["topics/alpha.md"] == {
        "kind": "note",
        "title": "alpha",
        "folder": "topics",
        "tags": "topic,topic/ai",  # GraphML holds no lists
        "in_degree": 2,
    }
    assert read.nodes["odd.md"]["title"] == ODD
    assert read.nodes["closing.md"]["title"] == CLOSING
    assert read.nodes["ghost"]["kind"] == "missing"
    assert {(s, t): c for s, t, c in read.edges(data="count")} == {
        (edge.source, edge.target): edge.count for edge in whole.edges
    }


def test_graphml_and_gexf_files_round_trip(whole: ExportGraph, tmp_path: Path) -> None:
    (tmp_path / "g.graphml").write_text(render(whole, "graphml"), encoding="utf-8")
    (tmp_path / "g.gexf").write_text(render(whole, "gexf"), encoding="utf-8")
    assert nx.read_graphml(tmp_path / "g.graphml").number_of_edges() == 13
    read = nx.read_gexf(tmp_path / "g.gexf")
    assert read.is_directed() and read.number_of_nodes() == 10
    assert read.nodes["scripted.md"] == {
        "label": SCRIPTED,
        "kind": "note",
        "folder": "",
        "tags": "danger",
        "in_degree": 1,
    }
    assert read.nodes["topics/alpha.md"]["tags"] == "topic,topic/ai"
    assert read.nodes["odd.md"]["label"] == ODD
    assert read.edges["index.md", "topics/beta.md"]["count"] == 2
    assert read.number_of_edges() == 13


def test_xml_formats_replace_characters_xml_cannot_hold() -> None:
    graph = ExportGraph((ExportNode("a.md", "note", "bell\x07 and tab\t", "", (), 0),), ())
    assert nx.parse_graphml(render(graph, "graphml")).nodes["a.md"]["title"] == "bell\ufffd and tab\t"


def test_dot(topics: ExportGraph) -> None:
    assert render(topics, "dot") == (
        "digraph vault {\n"
        "  rankdir=LR;\n"
        '  node [shape=box, style=rounded, fontname="sans-serif"];\n'
        '  "topics/alpha.md" [label="alpha"];\n'
        '  "topics/beta.md" [label="beta"];\n'
        '  "nowhere" [label="nowhere", style=dashed, color=gray50, fontcolor=gray50];\n'
        '  "topics/alpha.md" -> "topics/alpha.md";\n'
        '  "topics/alpha.md" -> "topics/beta.md";\n'
        '  "topics/beta.md" -> "nowhere";\n'
        '  "topics/beta.md" -> "topics/alpha.md";\n'
        "}\n"
    )


def test_dot_escapes_quotes_backslashes_and_line_breaks(whole: ExportGraph) -> None:
    assert quote('a "b" \\N c\nd') == '"a \\"b\\" \\\\N c\\nd"'
    assert quote("ends with \\") == '"ends with \\\\"'
    text = render(whole, "dot")
    assert '  "odd.md" [label="Quote \\" [x] | <b> & \\\\ end"];\n' in text
    assert '  "index.md" -> "topics/beta.md" [label="2", weight=2];\n' in text
    assert '  "assets/data.csv" [label="data.csv", shape=note];\n' in text


def test_mermaid(topics: ExportGraph) -> None:
    assert render(topics, "mermaid") == (
        "flowchart LR\n"
        '  n1["alpha"]\n'
        '  n2["beta"]\n'
        '  n3["nowhere"]\n'
        "  n1 --> n1\n"
        "  n1 --> n2\n"
        "  n2 --> n3\n"
        "  n2 --> n1\n"
        "  class n3 missing\n"
        "  classDef attachment fill:#eef,stroke:#99b\n"
        "  classDef missing fill:#fff,stroke:#999,stroke-dasharray:4 4,color:#777\n"
    )


def test_mermaid_escapes_labels(whole: ExportGraph) -> None:
    assert label(ODD) == '"Quote #34; #91;x#93; #124; #60;b#62; #38; #92; end"'
    assert label("50% {done}; #tag `x`") == '"50#37; #123;done#125;#59; #35;tag #96;x#96;"'
    assert label("Café naïve") == '"Café naïve"'  # letters in any script stay readable
    text = render(whole, "mermaid")
    assert '  n5["#60;script#62;alert#40;1#41;#60;/script#62;"]\n' in text
    assert "#8232;next" in text  # U+2028
    assert "  n2 -->|2| n7\n" in text  # index -> beta, two links
    assert "  class n8 attachment\n  class n9,n10 missing\n" in text


def _data_block(page: str) -> str:
    found = re.search(r'<script type="application/json" id="graph-data">(.*?)</script>', page, re.S)
    assert found is not None
    return found.group(1)


def test_html_embeds_the_graph_as_json_no_title_can_break_out_of(whole: ExportGraph) -> None:
    page = render(whole, "html", title="my <vault>", link_base="../notes/")
    block = _data_block(page)
    assert json.loads(block) == {**node_link_data(whole), "link_base": "../notes/"}
    assert not set(block) & {"<", ">", "&", "\u2028", "\u2029"}
    assert '"title":"\\u003cscript\\u003ealert(1)\\u003c/script\\u003e"' in block
    assert page.count("<script") == 2  # the data block and the viewer, no more
    assert "<title>my &lt;vault&gt;: vault graph</title>" in page
    assert "http://" not in page.replace("http://www.w3.org/2000/svg", "")  # nothing to fetch
    assert "https://" not in page and "innerHTML" not in page


def test_html_allows_only_its_own_script_and_style(whole: ExportGraph) -> None:
    page = render(whole, "html")
    policy = re.search(r'http-equiv="Content-Security-Policy" content="([^"]*)"', page)
    assert policy is not None

    def digest(text: str) -> str:
        return base64.b64encode(hashlib.sha256(text.encode()).digest()).decode()

    script = re.findall(r"<script>(.*?)</script>", page, re.S)
    style = re.findall(r"<style>(.*?)</style>", page, re.S)
    assert policy.group(1) == (
        f"default-src 'none'; script-src 'sha256-{digest(script[0])}'; style-src 'sha256-{digest(style[0])}'"
    )


def test_script_json_escapes() -> None:
    assert script_json({"t": "</script>&\u2028\u2029"}) == (
        '{"t":"\\u003c/script\\u003e\\u0026\\u2028\\u2029"}'
    )
    assert json.loads(script_json(["<!--", "é"])) == ["<!--", "é"]


def test_link_base(tmp_path: Path) -> None:
    assert link_base(tmp_path / "vault", tmp_path / "vault") == "./"
    assert link_base(tmp_path / "vault", tmp_path / "out") == "../vault/"
    assert link_base(tmp_path / "vault", tmp_path / "vault" / "site") == "../"


def test_unknown_format(whole: ExportGraph) -> None:
    with pytest.raises(ValueError, match="unknown format 'png'"):
        render(whole, "png")


def test_write_atomically_replaces_the_file_and_leaves_no_temporary(tmp_path: Path) -> None:
    target = tmp_path / "graph.json"
    target.write_text("old")
    write_atomically(target, "new é\n")
    assert target.read_text(encoding="utf-8") == "new é\n"
    assert os.listdir(tmp_path) == ["graph.json"]


def test_a_failed_write_keeps_the_old_file(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    target = tmp_path / "graph.json"
    target.write_text("old")

    def fail(*args: object) -> None:
        raise OSError(28, "No space left on device")

    monkeypatch.setattr(os, "replace", fail)
    with pytest.raises(OSError, match="No space"):
        write_atomically(target, "new")
    assert target.read_text() == "old"
    assert os.listdir(tmp_path) == ["graph.json"]


def test_an_empty_graph_in_every_format() -> None:
    empty = ExportGraph((), ())
    assert json.loads(render(empty, "json"))["nodes"] == []
    assert nx.parse_graphml(render(empty, "graphml")).number_of_nodes() == 0
    assert nx.read_gexf(io.BytesIO(render(empty, "gexf").encode())).number_of_nodes() == 0
    assert render(empty, "dot").endswith('fontname="sans-serif"];\n}\n')
    assert render(empty, "mermaid").startswith("flowchart LR\n  classDef")
    assert json.loads(_data_block(render(empty, "html")))["links"] == []
