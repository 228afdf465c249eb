"""`vault backlinks NOTE [--unlinked]`."""

from __future__ import annotations

import json
from pathlib import Path


def test_backlinks_json_has_context_lines(run, basic_vault: Path) -> None:
    result = run("backlinks", "beta", "--vault", basic_vault, "--format", "json")
    assert result.exit_code == 0
    records = json.loads(result.stdout)
    assert [(r["source"], r["line"], r["column"], r["kind"]) for r in records] == [
        ("alpha.md", 4, 6, "frontmatter"),
        ("alpha.md", 8, 10, "wikilink"),
        ("alpha.md", 8, 23, "wikilink"),
        ("alpha.md", 9, 58, "wikilink"),
        ("sub/gamma.md", 1, 37, "wikilink"),
    ]
    assert records[0]["context"] == 'up: "[[beta]]"'
    assert records[4] == {
        "source": "sub/gamma.md",
        "line": 1,
        "column": 37,
        "kind": "wikilink",
        "embed": False,
        "context": "Back to [alpha](../alpha.md) and to [[beta#^blk]].",
    }


def test_embeds_are_backlinks_too(run, basic_vault: Path) -> None:
    records = json.loads(run("backlinks", "alpha", "--vault", basic_vault, "--format", "json").stdout)
    assert [(r["source"], r["kind"]) for r in records] == [("sub/gamma.md", "markdown")]


def test_unlinked_adds_plain_text_mentions_of_title_and_aliases(run, basic_vault: Path) -> None:
    result = run("backlinks", "alpha", "--unlinked", "--vault", basic_vault, "--format", "json")
    records = json.loads(result.stdout)
    unlinked = [r for r in records if r["kind"] == "unlinked"]
    assert [(r["source"], r["line"], r["column"]) for r in unlinked] == [
        ("beta.md", 5, 5),
        ("beta.md", 5, 63),
    ]
    assert unlinked[0]["context"].startswith("The alpha note is mentioned")
    # the link in gamma is a backlink, not also an unlinked mention
    assert [r["kind"] for r in records if r["source"] == "sub/gamma.md"] == ["markdown"]


def test_mentions_in_code_and_links_do_not_count(run, basic_vault: Path) -> None:
    (basic_vault / "delta.md").write_text("`Alpha Note` and [[beta|Alpha Note]] and %% alpha note %%\n")
    records = json.loads(run("backlinks", "alpha", "--unlinked", "--vault", basic_vault, "-f", "json").stdout)
    assert all(r["source"] != "delta.md" for r in records)


def test_table_output_and_nothing_found(run, basic_vault: Path, monkeypatch) -> None:
    monkeypatch.setenv("COLUMNS", "200")
    table = run("backlinks", "beta", "--vault", basic_vault)
    assert "alpha.md" in table.stdout and "[[beta#Section One|a section]]" in table.stdout
    nothing = run("backlinks", "gamma", "--vault", basic_vault)
    assert nothing.exit_code == 0
    assert "alpha.md" in nothing.stdout  # [[gamma|G]]
    (basic_vault / "lonely.md").write_text("alone\n")
    lonely = run("backlinks", "lonely", "--vault", basic_vault)
    assert lonely.stdout.strip() == "nothing links to lonely.md"


def test_unknown_note_is_exit_2(run, basic_vault: Path) -> None:
    result = run("backlinks", "nope", "--vault", basic_vault)
    assert result.exit_code == 2 and "no note named 'nope'" in result.stderr
