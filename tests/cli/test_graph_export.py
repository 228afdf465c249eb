"""`vault graph`: the export's options on tests/fixtures/export (its links and the expected
nodes and edges are worked out by hand in tests/test_export.py)."""

from __future__ import annotations

import json
import os
import re
from collections.abc import Callable
from pathlib import Path
from typing import Any

import networkx as nx
import pytest


@pytest.fixture
def vault(fixture_path: Callable[[str], Path]) -> Path:
    return fixture_path("export")


@pytest.fixture
def export(run: Callable[..., Any], vault: Path) -> Callable[..., Any]:
    """`vault graph ARGS --vault <the fixture>`, expected to succeed."""

    def invoke(*args: str | Path) -> Any:
        result = run("graph", *args, "--vault", vault)
        assert result.exit_code == 0, result.output
        return result

    return invoke


def _graph(stdout: str) -> tuple[list[str], list[tuple[str, str, int]]]:
    data = json.loads(stdout)
    edges = [(edge["source"], edge["target"], edge["count"]) for edge in data["links"]]
    return [node["id"] for node in data["nodes"]], edges


def test_json_by_default(export: Callable[..., Any]) -> None:
    nodes, edges = _graph(export().stdout)
    assert nodes == [
        "closing.md",
        "index.md",
        "lonely.md",
        "odd.md",
        "scripted.md",
        "topics/alpha.md",
        "topics/beta.md",
        "assets/data.csv",
        "ghost",
        "nowhere",
    ]
    assert len(edges) == 13
    assert ("index.md", "topics/beta.md", 2) in edges


def test_from_a_folder(export: Callable[..., Any]) -> None:
    assert _graph(export("--from", '"topics"').stdout) == (
        ["topics/alpha.md", "topics/beta.md", "nowhere"],
        [
            ("topics/alpha.md", "topics/alpha.md", 1),
            ("topics/alpha.md", "topics/beta.md", 1),
            ("topics/beta.md", "nowhere", 1),
            ("topics/beta.md", "topics/alpha.md", 1),
        ],
    )


def test_where(export: Callable[..., Any]) -> None:
    # odd.md links index.md, which is not selected: that edge goes.
    assert _graph(export("--where", 'startswith(file.name, "s") or file.name = "odd"').stdout) == (
        ["odd.md", "scripted.md"],
        [("scripted.md", "odd.md", 1)],
    )


def test_from_and_where(export: Callable[..., Any]) -> None:
    assert _graph(export("--from", "#topic", "--where", 'file.name != "beta"').stdout) == (
        ["topics/alpha.md"],
        [("topics/alpha.md", "topics/alpha.md", 1)],
    )


def test_a_tag_brings_the_attachment_and_missing_note_linked(export: Callable[..., Any]) -> None:
    assert _graph(export("--from", "#map").stdout) == (
        ["index.md", "assets/data.csv", "ghost"],
        [("index.md", "assets/data.csv", 1), ("index.md", "ghost", 1)],
    )


def test_a_filter_selecting_nothing_is_an_empty_graph(export: Callable[..., Any]) -> None:
    assert _graph(export("--from", "#nothing").stdout) == ([], [])


def test_a_filter_that_cannot_be_read_is_exit_2_with_its_column(run: Callable[..., Any], vault: Path) -> None:
    result = run("graph", "--vault", vault, "--where", "score >> 1")
    assert result.exit_code == 2
    assert result.stdout == ""
    assert result.stderr.startswith("LIST WHERE score >> 1\n" + " " * 18 + "^\n")
    assert "column 19" in result.stderr and "expected a value" in result.stderr


def test_a_filter_that_groups_is_exit_2(run: Callable[..., Any], vault: Path) -> None:
    result = run("graph", "--vault", vault, "--where", "true GROUP BY file.folder")
    assert result.exit_code == 2
    assert "GROUP BY" in result.stderr


def test_a_value_that_cannot_be_computed_is_exit_2(run: Callable[..., Any], vault: Path) -> None:
    result = run("graph", "--vault", vault, "--where", 'file.name * "x" > 1')
    assert result.exit_code == 2
    assert result.stderr.startswith("vault: error: --from/--where:")


def test_an_unknown_format_is_exit_2(run: Callable[..., Any], vault: Path) -> None:
    assert run("graph", "--vault", vault, "--format", "png").exit_code == 2


@pytest.mark.parametrize("name", ["graphml", "gexf"])
def test_xml_formats_read_back(export: Callable[..., Any], tmp_path: Path, name: str) -> None:
    file = tmp_path / f"graph.{name}"
    file.write_text(export("--format", name).stdout, encoding="utf-8")
    read = nx.read_graphml(file) if name == "graphml" else nx.read_gexf(file)
    assert read.number_of_nodes() == 10 and read.number_of_edges() == 13
    assert read.nodes["topics/alpha.md"]["in_degree"] == 2


def test_dot_and_mermaid(export: Callable[..., Any]) -> None:
    dot = export("--format", "dot", "--from", "#map").stdout
    assert dot.splitlines()[3:] == [
        '  "index.md" [label="index"];',
        '  "assets/data.csv" [label="data.csv", shape=note];',
        '  "ghost" [label="ghost", style=dashed, color=gray50, fontcolor=gray50];',
        '  "index.md" -> "assets/data.csv";',
        '  "index.md" -> "ghost";',
        "}",
    ]
    mermaid = export("--format", "mermaid", "--from", "#danger").stdout
    assert mermaid.splitlines()[:2] == ["flowchart LR", '  n1["#60;script#62;alert#40;1#41;#60;/script#62;"]']


def test_dry_run_writes_nothing(run: Callable[..., Any], vault: Path, tmp_path: Path) -> None:
    target = tmp_path / "out" / "graph.gexf"
    target.parent.mkdir()
    result = run("graph", "--vault", vault, "-f", "gexf", "-o", target, "--dry-run")
    assert result.exit_code == 0
    assert result.stdout == ""
    assert result.stderr == f"vault: would write {target} (gexf, 10 nodes, 13 edges)\n"
    assert os.listdir(target.parent) == []
    result = run("graph", "--vault", vault, "--from", "#map", "--dry-run")
    assert (result.exit_code, result.stdout) == (0, "")
    assert result.stderr == "vault: would write stdout (json, 3 nodes, 2 edges)\n"


def test_output_file_is_written_whole_and_replaced(
    run: Callable[..., Any], export: Callable[..., Any], vault: Path, tmp_path: Path
) -> None:
    target = tmp_path / "out" / "graph.dot"
    target.parent.mkdir()
    target.write_text("an old graph")
    result = run("graph", "--vault", vault, "--format", "dot", "--output", target)
    assert result.exit_code == 0
    assert result.stdout == ""
    assert result.stderr == f"vault: wrote {target} (dot, 10 nodes, 13 edges)\n"
    assert target.read_text(encoding="utf-8") == export("--format", "dot").stdout
    assert os.listdir(target.parent) == ["graph.dot"]  # no temporary file left beside it


def test_output_into_a_missing_folder_is_exit_2(run: Callable[..., Any], vault: Path, tmp_path: Path) -> None:
    result = run("graph", "--vault", vault, "-o", tmp_path / "nowhere" / "graph.json")
    assert result.exit_code == 2
    assert "can't write" in result.stderr
    assert not (tmp_path / "nowhere").exists()


def test_html_links_notes_relative_to_the_page(run: Callable[..., Any], vault: Path, tmp_path: Path) -> None:
    target = tmp_path / "site" / "graph.html"
    target.parent.mkdir()
    assert run("graph", "--vault", vault, "-f", "html", "-o", target).exit_code == 0
    page = target.read_text(encoding="utf-8")
    block = re.search(r'<script type="application/json" id="graph-data">(.*?)</script>', page, re.S)
    assert block is not None
    data = json.loads(block.group(1))
    assert data["link_base"] == os.path.relpath(vault, target.parent) + "/"
    assert data["link_base"].startswith("../")
    assert len(data["nodes"]) == 10
