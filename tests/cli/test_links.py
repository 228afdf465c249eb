"""`vault links [NOTE]`: outgoing links with where they resolve."""

from __future__ import annotations

import json
from pathlib import Path


def test_json_lists_each_link_of_a_note_field_by_field(run, basic_vault: Path) -> None:
    result = run("links", "alpha", "--vault", basic_vault, "--format", "json")
    assert result.exit_code == 0
    records = json.loads(result.stdout)
    assert [(r["line"], r["target"], r["status"]) for r in records] == [
        (4, "beta", "ok"),  # the frontmatter `up:` link
        (8, "beta", "ok"),
        (8, "beta", "ok"),
        (8, "gamma", "ok"),
        (9, "missing-note", "broken"),
        (9, "beta", "broken-anchor"),
        (10, "pic.png", "ok"),
    ]
    assert records[0] == {
        "source": "alpha.md",
        "line": 4,
        "column": 6,
        "kind": "frontmatter",
        "target": "beta",
        "heading": None,
        "block": None,
        "alias": None,
        "embed": False,
        "resolved": "beta.md",
        "status": "ok",
    }
    assert records[2]["heading"] == "Section One" and records[2]["alias"] == "a section"
    assert records[3]["resolved"] == "sub/gamma.md" and records[3]["alias"] == "G"
    assert records[4]["resolved"] is None
    assert records[6]["embed"] is True and records[6]["resolved"] == "attachments/pic.png"


def test_note_argument_resolves_like_a_link_target(run, basic_vault: Path) -> None:
    for spelling in ("gamma", "sub/gamma", "sub/gamma.md", "GAMMA"):
        result = run("links", spelling, "--vault", basic_vault, "--format", "json")
        assert result.exit_code == 0, spelling
        records = json.loads(result.stdout)
        assert [r["kind"] for r in records] == ["markdown", "wikilink"], spelling
        assert records[0]["resolved"] == "alpha.md" and records[1]["block"] == "blk"


def test_note_argument_may_be_a_file_path(run, basic_vault: Path, monkeypatch) -> None:
    monkeypatch.chdir(basic_vault.parent)
    result = run("links", "basic/sub/gamma.md", "--format", "json")
    assert result.exit_code == 0
    assert [r["source"] for r in json.loads(result.stdout)] == ["sub/gamma.md", "sub/gamma.md"]


def test_without_note_lists_every_link_in_the_vault(run, basic_vault: Path) -> None:
    records = json.loads(run("links", "--vault", basic_vault, "--format", "json").stdout)
    assert {r["source"] for r in records} == {"alpha.md", "sub/gamma.md"}
    assert len(records) == 9


def test_unknown_note_is_exit_2_with_a_suggestion(run, basic_vault: Path) -> None:
    result = run("links", "alpah", "--vault", basic_vault)
    assert result.exit_code == 2
    assert result.stderr.strip() == "vault: error: no note named 'alpah' in the vault (did you mean 'alpha'?)"


def test_table_groups_links_under_their_note(run, basic_vault: Path, monkeypatch) -> None:
    monkeypatch.setenv("COLUMNS", "120")
    rows = [line.split() for line in run("links", "--vault", basic_vault).stdout.splitlines() if line.strip()]
    assert rows[0] == ["note", "line:col", "link", "resolves", "to", "status"]
    sources = [row[0] for row in rows if row[0].endswith(".md")]
    assert sources == ["alpha.md", "sub/gamma.md"]  # each note named once, at the head of its rows
    assert ["9:21", "[[missing-note]]", "—", "broken"] in rows


def test_table_for_one_note_is_titled_with_its_path(run, basic_vault: Path, monkeypatch) -> None:
    monkeypatch.setenv("COLUMNS", "120")
    lines = run("links", "gamma", "--vault", basic_vault).stdout.splitlines()
    assert lines[0].strip() == "sub/gamma.md"
    assert ["1:37", "[[beta#^blk]]", "beta.md", "ok"] in [line.split() for line in lines]


def test_subprocess_links_json(run_process, basic_vault: Path) -> None:
    result = run_process("links", "beta", "--vault", basic_vault, "--format", "json")
    assert (result.returncode, json.loads(result.stdout), result.stderr) == (0, [], "")
