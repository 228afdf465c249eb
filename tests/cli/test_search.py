"""`vault search` and `vault cache clear`."""

from __future__ import annotations

import json
import os
from pathlib import Path


def test_search_ranks_notes_and_marks_matches(run, basic_vault: Path) -> None:
    result = run("search", "section", "--vault", basic_vault, "--format", "json")
    assert result.exit_code == 0
    hits = json.loads(result.stdout)
    by_path = {hit["path"]: hit for hit in hits}
    assert set(by_path) == {"alpha.md", "beta.md"}  # a heading, and twice in a link's text
    assert "## **Section** One" in by_path["beta.md"]["snippet"]
    assert (by_path["beta.md"]["title"], by_path["alpha.md"]["title"]) == ("beta", "Alpha Note")


def test_title_weighs_more_than_the_body(run, basic_vault: Path) -> None:
    (basic_vault / "budget.md").write_text("---\ntitle: Budget owner\n---\nWho pays.\n")
    (basic_vault / "other.md").write_text("Someone mentions a budget once, and an owner.\n")
    hits = json.loads(run("search", "budget owner", "--vault", basic_vault, "-f", "json").stdout)
    assert [hit["path"] for hit in hits] == ["budget.md", "other.md"]
    assert hits[0]["score"] > hits[1]["score"]


def test_index_follows_edits_and_deletions(run, basic_vault: Path) -> None:
    assert json.loads(run("search", "zeppelin", "--vault", basic_vault, "-f", "json").stdout) == []
    note = basic_vault / "sub" / "gamma.md"
    note.write_text("A zeppelin appears.\n")
    os.utime(note, ns=(2_000_000_000_000_000_000, 2_000_000_000_000_000_000))
    hits = json.loads(run("search", "zeppelin", "--vault", basic_vault, "-f", "json").stdout)
    assert [hit["path"] for hit in hits] == ["sub/gamma.md"]
    note.unlink()
    assert json.loads(run("search", "zeppelin", "--vault", basic_vault, "-f", "json").stdout) == []


def test_bad_query_syntax_falls_back_to_plain_words(run, basic_vault: Path) -> None:
    result = run("search", 'mentioned "unclosed', "--vault", basic_vault, "-f", "json")
    assert result.exit_code == 0
    assert json.loads(result.stdout) == []  # both words must match; "unclosed" is nowhere
    hits = json.loads(run("search", "mentioned AND", "--vault", basic_vault, "-f", "json").stdout)
    assert [hit["path"] for hit in hits] == ["beta.md"]


def test_search_without_cache_writes_nothing(run, basic_vault: Path) -> None:
    hits = json.loads(run("search", "mentioned", "--no-cache", "--vault", basic_vault, "-f", "json").stdout)
    assert [hit["path"] for hit in hits] == ["beta.md"]
    assert not (basic_vault / ".vault").exists()


def test_table_output_and_no_match(run, basic_vault: Path, monkeypatch) -> None:
    monkeypatch.setenv("COLUMNS", "120")
    table = run("search", "section", "--vault", basic_vault).stdout
    assert "beta.md" in table and "Section One" in table
    assert (
        run("search", "nothingmatches", "--vault", basic_vault).stdout.strip()
        == "no note matches 'nothingmatches'"
    )


def test_cache_clear_removes_the_cache(run, basic_vault: Path) -> None:
    run("check", basic_vault)
    assert (basic_vault / ".vault" / "cache.sqlite").exists()
    assert (basic_vault / ".vault" / ".gitignore").read_text().splitlines()[-1] == "*"  # git won't see it
    result = run("cache", "clear", "--vault", basic_vault)
    assert result.exit_code == 0 and "removed" in result.stderr
    assert not (basic_vault / ".vault" / "cache.sqlite").exists()
    assert "no cache" in run("cache", "clear", "--vault", basic_vault).stderr
