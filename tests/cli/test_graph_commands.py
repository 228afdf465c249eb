"""`vault orphans`, `dead-ends`, `wanted`, `hubs`, `path`, `neighbors`, `clusters`, `related`,
`tags` and `stats` on tests/fixtures/graphcmd (its links are listed in tests/test_analysis.py;
every expected answer here is worked out by hand from them)."""

from __future__ import annotations

import json
import math
import subprocess
from collections.abc import Callable
from pathlib import Path

import pytest


@pytest.fixture
def vault(fixture_path: Callable[[str], Path]) -> Path:
    return fixture_path("graphcmd")


@pytest.fixture
def as_json(run: Callable[..., object], vault: Path) -> Callable[..., object]:
    def invoke(*args: str) -> object:
        result = run(*args, "--vault", vault, "--format", "json")
        assert result.exit_code == 0, result.output
        return json.loads(result.stdout)

    return invoke


def test_orphans(as_json: Callable[..., object]) -> None:
    assert as_json("orphans") == [
        {"path": "lonely.md", "title": "lonely"},
        {"path": "selfish.md", "title": "selfish"},
        {"path": "wanting.md", "title": "wanting"},
    ]


def test_dead_ends(as_json: Callable[..., object]) -> None:
    assert as_json("dead-ends") == [
        {"path": "ml/embeddings.md", "title": "embeddings", "notes": 3, "links": 3},
        {"path": "food/soup.md", "title": "soup", "notes": 2, "links": 2},
    ]


def test_wanted(as_json: Callable[..., object]) -> None:
    assert as_json("wanted") == [
        {
            "target": "ghost",
            "notes": 3,
            "links": 4,
            "linked_from": ["food/soup.md", "ml/index.md", "wanting.md"],
        },
        {"target": "phantom", "notes": 2, "links": 2, "linked_from": ["food/recipes.md", "food/soup.md"]},
    ]


def test_hubs(as_json: Callable[..., object]) -> None:
    (first,) = as_json("hubs", "--top", "1")
    assert {key: value for key, value in first.items() if key != "pagerank"} == {
        "rank": 1,
        "path": "ml/embeddings.md",
        "title": "embeddings",
        "notes": 3,
        "links": 3,
    }
    records = as_json("hubs")
    assert [record["rank"] for record in records] == list(range(1, 11))  # 11 notes, --top 10
    assert [record["notes"] for record in records] == [3, 2, 2, 2, 1, 1, 1, 0, 0, 0]
    by_pagerank = as_json("hubs", "--by", "pagerank", "-n", "11")
    assert [r["pagerank"] for r in by_pagerank] == sorted((r["pagerank"] for r in by_pagerank), reverse=True)
    assert sum(r["pagerank"] for r in by_pagerank) == pytest.approx(1, abs=1e-5)


def test_path_directed(as_json: Callable[..., object]) -> None:
    assert as_json("path", "bread", "embeddings") == [
        {
            "step": 1,
            "from": "food/bread.md",
            "to": "food/recipes.md",
            "direction": "out",
            "line": 4,
            "column": 33,
            "link": "[[recipes]]",
        },
        {
            "step": 2,
            "from": "food/recipes.md",
            "to": "ml/embeddings.md",
            "direction": "out",
            "line": 8,
            "column": 27,
            "link": "[[embeddings]]",
        },
    ]


def test_path_undirected(as_json: Callable[..., object]) -> None:
    hops = as_json("path", "ml/index", "food/soup.md", "--undirected")
    assert [(h["from"], h["to"], h["direction"], h["link"]) for h in hops] == [
        ("ml/index.md", "ml/attention.md", "out", "[[attention]]"),
        ("ml/attention.md", "ml/embeddings.md", "out", "[[embeddings]]"),
        ("ml/embeddings.md", "food/recipes.md", "in", "[[embeddings]]"),
        ("food/recipes.md", "food/soup.md", "out", "[[soup]]"),
    ]


def test_no_path_is_exit_1(run: Callable[..., object], vault: Path) -> None:
    result = run("path", "index", "soup", "--vault", vault, "--format", "json")
    assert result.exit_code == 1
    assert json.loads(result.stdout) == []
    assert "no path from ml/index.md to food/soup.md" in result.stderr


def test_path_with_an_unknown_note_is_exit_2(run: Callable[..., object], vault: Path) -> None:
    result = run("path", "index", "soupp", "--vault", vault)
    assert result.exit_code == 2
    assert "no note named 'soupp'" in result.stderr and "soup" in result.stderr


def test_path_arguments_may_be_files(
    run: Callable[..., object], vault: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.chdir(vault)
    result = run("path", "food/bread.md", "ml/embeddings.md", "--format", "json")
    assert [hop["to"] for hop in json.loads(result.stdout)] == ["food/recipes.md", "ml/embeddings.md"]
    same = run("path", "lonely", "lonely.md", "--vault", vault)
    assert same.exit_code == 0 and "no hops" in same.stdout


def test_neighbors(as_json: Callable[..., object]) -> None:
    assert as_json("neighbors", "attention", "--depth", "2") == [
        {"path": "ml/embeddings.md", "title": "embeddings", "distance": 1, "direction": "out"},
        {"path": "ml/index.md", "title": "index", "distance": 1, "direction": "both"},
        {"path": "ml/transformers.md", "title": "transformers", "distance": 1, "direction": "both"},
        {"path": "food/recipes.md", "title": "recipes", "distance": 2, "direction": "mixed"},
    ]
    assert [(r["path"], r["direction"]) for r in as_json("neighbors", "soup")] == [
        ("food/bread.md", "in"),
        ("food/recipes.md", "in"),
    ]


def test_clusters(as_json: Callable[..., object]) -> None:
    assert as_json("clusters") == [
        {
            "cluster": 1,
            "name": "ml/embeddings.md",
            "size": 4,
            "members": ["ml/attention.md", "ml/embeddings.md", "ml/index.md", "ml/transformers.md"],
        },
        {
            "cluster": 2,
            "name": "food/soup.md",
            "size": 3,
            "members": ["food/bread.md", "food/recipes.md", "food/soup.md"],
        },
    ]
    assert len(as_json("clusters", "--min-size", "1")) == 6  # and the four lone notes


def test_related(as_json: Callable[..., object]) -> None:
    assert as_json("related", "embeddings", "--top", "2") == [
        {
            "path": "ml/index.md",
            "title": "index",
            "score": round(1 / math.log(4) + 1 / math.log(3) + 1 / math.log(2), 6),
            "shared_links": ["ml/attention.md", "ml/transformers.md"],
            "shared_tags": ["ml"],
        },
        {
            "path": "food/bread.md",
            "title": "bread",
            "score": round(1 / math.log(4), 6),
            "shared_links": ["food/recipes.md"],
            "shared_tags": [],
        },
    ]


def test_tags(as_json: Callable[..., object]) -> None:
    assert as_json("tags") == [
        {"tag": "food", "notes": 3, "direct": 3},
        {"tag": "food/baking", "notes": 1, "direct": 1},
        {"tag": "idea", "notes": 1, "direct": 0},
        {"tag": "idea/someday", "notes": 1, "direct": 1},
        {"tag": "math", "notes": 2, "direct": 2},
        {"tag": "ml", "notes": 4, "direct": 2},
        {"tag": "ml/nlp", "notes": 2, "direct": 2},
    ]


def test_stats(as_json: Callable[..., object]) -> None:
    assert as_json("stats") == {
        "notes": 11,
        "attachments": 2,
        "links": 23,
        "broken_links": 6,
        "orphans": 3,
        "components": 4,
        "density": round(12 / 110, 6),
        "top_tags": [
            {"tag": "food", "notes": 3},
            {"tag": "math", "notes": 2},
            {"tag": "ml", "notes": 2},
            {"tag": "ml/nlp", "notes": 2},
            {"tag": "food/baking", "notes": 1},
            {"tag": "idea/someday", "notes": 1},
        ],
        "top_fields": [
            {"field": "tags", "notes": 7},
            {"field": "status", "notes": 2},
            {"field": "aliases", "notes": 1},
        ],
    }


def test_tables(run: Callable[..., object], vault: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("COLUMNS", "150")
    tags = run("tags", "--vault", vault)
    assert tags.exit_code == 0
    rows = [line.split() for line in tags.stdout.splitlines()[2:]]
    assert rows == [
        ["#food", "3", "3"],
        ["/baking", "1", "1"],
        ["#idea", "1", "0"],
        ["/someday", "1", "1"],
        ["#math", "2", "2"],
        ["#ml", "4", "2"],
        ["/nlp", "2", "2"],
    ]
    path = run("path", "index", "soup", "--undirected", "--vault", vault).stdout
    assert path.splitlines() == [
        "ml/index.md",
        "  → [[attention]]  (line 7:33)",
        "ml/attention.md",
        "  → [[embeddings]]  (line 7:26)",
        "ml/embeddings.md",
        "  ← [[embeddings]]  (food/recipes.md:8:27)",  # recipes links to embeddings: a hop back
        "food/recipes.md",
        "  → [[soup]]  (line 7:12)",
        "food/soup.md",
    ]
    related = run("related", "embeddings", "--vault", vault).stdout
    assert "links: ml/attention.md, ml/transformers.md" in related and "tags: #ml" in related
    stats = run("stats", "--vault", vault).stdout
    assert stats.split()[:4] == ["notes", "11", "attachments", "2"]
    for command, expected in (
        ("orphans", "lonely.md"),
        ("dead-ends", "ml/embeddings.md"),
        ("wanted", "phantom"),
        ("hubs", "ml/embeddings.md"),
        ("clusters", "food/soup.md"),
        ("neighbors", "ml/index.md"),
    ):
        result = run(command, *(["attention"] if command == "neighbors" else []), "--vault", vault)
        assert result.exit_code == 0 and expected in result.stdout, command


def test_empty_results_say_so(run: Callable[..., object], tmp_path: Path) -> None:
    (tmp_path / "vault.toml").write_text("")
    (tmp_path / "a.md").write_text("[[b]]\n")
    (tmp_path / "b.md").write_text("[[a]]\n")
    assert run("orphans", "--vault", tmp_path).stdout.strip() == "no orphans"
    (tmp_path / "[draft] c.md").write_text("no links\n")
    assert "[draft] c.md" in run("orphans", "--vault", tmp_path).stdout  # not rich markup
    assert run("wanted", "--vault", tmp_path).stdout.strip() == "no missing link targets"
    assert run("tags", "--vault", tmp_path, "--no-cache").stdout.strip() == "no tags"


def test_as_a_process(run_process: Callable[..., subprocess.CompletedProcess[str]], vault: Path) -> None:
    result = run_process("wanted", "--vault", str(vault), "--format", "json")
    assert result.returncode == 0, result.stderr
    assert [(r["target"], r["notes"], r["links"]) for r in json.loads(result.stdout)] == [
        ("ghost", 3, 4),
        ("phantom", 2, 2),
    ]
