"""`vault validate`: frontmatter against the bundled vault's schemas, output formats, the
pre-commit path (given files, read only those), and schemas that can't be used (exit 2)."""

from __future__ import annotations

import json
import os
import shutil
from pathlib import Path

import pytest

NOTES = Path(__file__).parents[2] / "notes"
INSIGHT = "insights/services-revenue-trap.md"
# The insight note's frontmatter, line by line (line 1 is '---'):
#  2 concepts:            6 date_added: '2025-02-10'     10 tags:          14 themes:
#  3   - services revenue 7 novelty_score: 0.57          11   - venture    15   - Venture Investing
#  4   - gross margin     8 source_title: 'Power Laws..' 12   - margins    16   - AI ROI
#  5   - scalability      9 source_url: 'https://...'    13   - business-model
# 17 type: insight       18 up: "[[venture-investing-moc]]"


@pytest.fixture
def notes(tmp_path: Path) -> Path:
    """A copy of the bundled vault notes/ (without its cache) that a test may break."""
    return Path(shutil.copytree(NOTES, tmp_path / "notes", ignore=shutil.ignore_patterns(".vault")))


def edit(file: Path, old: str, new: str) -> None:
    text = file.read_text(encoding="utf-8")
    assert text.count(old) == 1, f"{old!r} is not once in {file}"
    file.write_text(text.replace(old, new), encoding="utf-8")


def validate_json(run, *args: str | Path) -> tuple[int, dict]:
    result = run("validate", *args, "--format", "json")
    assert "Traceback" not in result.stdout + result.stderr
    return result.exit_code, json.loads(result.stdout)


def test_bundled_vault_is_valid(run, notes: Path) -> None:
    result = run("validate", notes)
    assert result.exit_code == 0, result.stdout
    assert result.stdout == ""
    assert "0 errors, 0 warnings in" in result.stderr


def test_bundled_vault_is_valid_in_a_real_process(run_process, notes: Path) -> None:
    result = run_process("validate", "--format", "json", cwd=notes)
    assert result.returncode == 0, result.stdout + result.stderr
    document = json.loads(result.stdout)
    assert document["diagnostics"] == [] and document["notes"] > 40


BREAKS = {
    "type-enum": (
        "type: insight",
        "type: insigt",
        (17, 1, "/type"),
        "type: 'insigt' is not one of 'insight', 'concept', 'map', 'source', 'company', 'person' "
        "(did you mean 'insight'?)",
    ),
    "tags-not-a-list": (
        "tags:\n  - venture\n  - margins\n  - business-model\n",
        "tags: venture\n",
        (10, 1, "/tags"),
        "tags: 'venture' is not a list",
    ),
    "tag-with-space": (
        "  - margins\n",
        "  - gross margins\n",
        (12, 5, "/tags/1"),
        "tags[1]: 'gross margins' ",
    ),
    "tag-with-hash": ("  - margins\n", "  - '#margins'\n", (12, 5, "/tags/1"), "tags[1]: '#margins' "),
    "themes-not-strings": ("  - AI ROI\n", "  - 42\n", (16, 5, "/themes/1"), "themes[1]: 42 is not a string"),
    "concepts-not-strings": (
        "  - scalability\n",
        "  - true\n",
        (5, 5, "/concepts/2"),
        "concepts[2]: true is not a string",
    ),
    "concepts-not-a-list": (
        "concepts:\n  - services revenue\n  - gross margin\n  - scalability\n",
        "concepts: 3\n",
        (2, 1, "/concepts"),
        "concepts: 3 is not a list",
    ),
    "novelty-too-high": (
        "novelty_score: 0.57",
        "novelty_score: 7.8",
        (7, 1, "/novelty_score"),
        "novelty_score: 7.8 is greater than the maximum 1",
    ),
    "novelty-negative": (
        "novelty_score: 0.57",
        "novelty_score: -1",
        (7, 1, "/novelty_score"),
        "novelty_score: -1 is less than the minimum 0",
    ),
    "novelty-a-word": (
        "novelty_score: 0.57",
        "novelty_score: high",
        (7, 1, "/novelty_score"),
        "novelty_score: 'high' is not a number",
    ),
    "date-day-first": (
        "date_added: '2025-02-10'",
        "date_added: 20-01-2025",
        (6, 1, "/date_added"),
        "date_added: '20-01-2025' is not a date such as 2025-01-20",
    ),
    "source-url-not-a-url": (
        "source_url: 'https://example.com/power-laws-in-venture'",
        "source_url: not a url",
        (9, 1, "/source_url"),
        "source_url: 'not a url' is not an absolute URI such as https://example.com/page",
    ),
    "source-title-empty": (
        "source_title: 'Power Laws in Venture'",
        "source_title: ''",
        (8, 1, "/source_title"),
        "source_title: ",
    ),
    "up-not-a-wikilink": (
        'up: "[[venture-investing-moc]]"',
        "up: venture-investing-moc",
        (18, 1, "/up"),
        "up: 'venture-investing-moc' is not a wikilink to a note of type map",
    ),
    "up-not-to-a-map": (
        'up: "[[venture-investing-moc]]"',
        'up: "[[power-law-returns]]"',
        (18, 1, "/up"),
        "up: '[[power-law-returns]]' links to 'concepts/power-law-returns.md', not to a note of type map "
        "(its type is 'concept')",
    ),
    "unknown-key": (
        "type: insight",
        "tgas: [x]\ntype: insight",
        (17, 1, "/tgas"),
        "tgas: unknown key (did you mean 'tags'?)",
    ),
    "insight-without-novelty": (
        "novelty_score: 0.57\n",
        "",
        (1, 1, "/novelty_score"),
        "novelty_score: required, but missing",
    ),
    "duplicate-tags": ("  - margins\n", "  - venture\n", (10, 1, "/tags"), "tags: "),
}


@pytest.mark.parametrize(("old", "new", "where", "message"), BREAKS.values(), ids=BREAKS.keys())
def test_each_way_the_schema_forbids_is_one_finding(
    run, notes: Path, old: str, new: str, where: tuple[int, int, str], message: str
) -> None:
    edit(notes / INSIGHT, old, new)
    code, document = validate_json(run, notes)
    assert code == 1
    (finding,) = document["diagnostics"]
    line, column, field = where
    assert finding == {
        "path": INSIGHT,
        "line": line,
        "column": column,
        "rule": "schema",
        "severity": "error",
        "message": finding["message"],
        "field": field,
    }
    assert (
        finding["message"] == message if not message.endswith(" ") else finding["message"].startswith(message)
    )
    assert document["counts"] == {"error": 1, "warning": 0}


def test_given_one_file_the_json_report_counts_that_note(run, notes: Path) -> None:
    edit(notes / INSIGHT, "novelty_score: 0.57", "novelty_score: 7.8")
    code, document = validate_json(run, notes / INSIGHT)
    assert code == 1
    assert document["vault"] == str(notes.resolve())
    assert document["notes"] == 1
    assert [(d["path"], d["line"], d["field"]) for d in document["diagnostics"]] == [
        (INSIGHT, 7, "/novelty_score")
    ]


def test_text_format(run, notes: Path) -> None:
    edit(notes / INSIGHT, "novelty_score: 0.57", "novelty_score: 7.8")
    result = run("validate", notes / INSIGHT)
    assert result.exit_code == 1
    assert result.stdout.splitlines() == [
        f"{INSIGHT}:7:1: error schema novelty_score: 7.8 is greater than the maximum 1"
    ]
    assert "1 error, 0 warnings in 1 note" in result.stderr


def test_github_format(run, notes: Path, monkeypatch) -> None:
    edit(notes / INSIGHT, "novelty_score: 0.57", "novelty_score: 7.8")
    monkeypatch.chdir(notes.parent)
    result = run("validate", "notes", "--format", "github")
    assert result.exit_code == 1
    assert result.stdout.splitlines() == [
        f"::error file=notes/{INSIGHT},line=7,col=1,title=schema::"
        "novelty_score: 7.8 is greater than the maximum 1"
    ]


def test_sarif_format(run, notes: Path, monkeypatch) -> None:
    edit(notes / INSIGHT, "source_url: 'https://example.com/power-laws-in-venture'", "source_url: not a url")
    monkeypatch.chdir(notes)
    result = run("validate", INSIGHT, "--format", "sarif")
    assert result.exit_code == 1
    sarif = json.loads(result.stdout)
    assert sarif["version"] == "2.1.0"
    (sarif_run,) = sarif["runs"]
    (found,) = sarif_run["results"]
    rule_ids = [rule["id"] for rule in sarif_run["tool"]["driver"]["rules"]]
    assert found["ruleId"] == "schema" and rule_ids[found["ruleIndex"]] == "schema"
    assert found["level"] == "error"
    assert found["message"]["text"].startswith("source_url: 'not a url' is not")
    assert found["locations"][0]["physicalLocation"] == {
        "artifactLocation": {"uri": INSIGHT},
        "region": {"startLine": 9, "startColumn": 1},
    }


def test_severity_of_schema_can_be_lowered_in_vault_toml(run, notes: Path) -> None:
    edit(notes / INSIGHT, "novelty_score: 0.57", "novelty_score: 7.8")
    with (notes / "vault.toml").open("a") as toml:
        toml.write('\n[rules]\nschema = "warning"\n')
    code, document = validate_json(run, notes)
    assert code == 0
    assert [(d["rule"], d["severity"]) for d in document["diagnostics"]] == [("schema", "warning")]
    assert run("validate", notes, "--fail-on", "warning").exit_code == 1


def test_a_folder_reports_only_its_notes(run, notes: Path) -> None:
    edit(notes / INSIGHT, "novelty_score: 0.57", "novelty_score: 7.8")
    edit(notes / "home.md", "date_added:", "bogus_key: 1\ndate_added:")
    code, document = validate_json(run, notes / "insights")
    assert code == 1
    assert [d["path"] for d in document["diagnostics"]] == [INSIGHT]
    code, document = validate_json(run, notes)
    assert sorted(d["path"] for d in document["diagnostics"]) == ["home.md", INSIGHT]


# --- given files: read only those --------------------------------------------------------------


def test_given_one_file_no_other_note_is_read_but_the_one_it_links_to_as_up(
    run, notes: Path, monkeypatch, opened_notes: list[str]
) -> None:
    edit(notes / INSIGHT, "novelty_score: 0.57", "novelty_score: 7.8")
    other = "insights/vertical-ai-beats-horizontal.md"
    (notes / other).write_text("---\ntype: [unclosed\n---\nBroken.\n")
    # Fill the cache from a full run first, as a hook finds it after `vault check`.
    assert run("validate", notes).exit_code == 1

    opened_notes.clear()
    read = opened_notes  # Path.read_bytes and read_text as well: any way a note could be read
    listed: list[str] = []
    read_bytes, read_text, scandir = Path.read_bytes, Path.read_text, os.scandir

    def record_bytes(self: Path) -> bytes:
        read.append(str(self))
        return read_bytes(self)

    def record_text(self: Path, *args, **kwargs) -> str:
        read.append(str(self))
        return read_text(self, *args, **kwargs)

    def record_scandir(path=".") -> object:
        listed.append(str(path))
        return scandir(path)

    monkeypatch.setattr(Path, "read_bytes", record_bytes)
    monkeypatch.setattr(Path, "read_text", record_text)
    monkeypatch.setattr(os, "scandir", record_scandir)
    code, document = validate_json(run, notes / INSIGHT)
    assert code == 1
    assert [(d["path"], d["rule"], d["field"]) for d in document["diagnostics"]] == [
        (INSIGHT, "schema", "/novelty_score")
    ]
    notes_read = {
        Path(file).resolve().relative_to(notes.resolve()).as_posix() for file in read if file.endswith(".md")
    }
    # `up` must link to a map (x-vault-link in notes/schemas/note.yaml): that map's frontmatter
    # is read, and the vault listed to resolve the link; no other note is read.
    assert notes_read == {INSIGHT, "maps/venture-investing-moc.md"}
    assert [folder for folder in listed if Path(folder).resolve().is_relative_to(notes.resolve())]


def test_given_files_other_broken_notes_do_not_show(run_process, notes: Path) -> None:
    (notes / "insights/vertical-ai-beats-horizontal.md").write_text("---\ntype: [unclosed\n---\n")
    (notes / "home.md").write_bytes(b"\xff\xfe not utf-8")
    result = run_process("validate", INSIGHT, "concepts/llm-evaluation.md", "--format", "json", cwd=notes)
    assert result.returncode == 0, result.stdout + result.stderr
    document = json.loads(result.stdout)
    assert document["diagnostics"] == [] and document["notes"] == 2


def test_file_outside_the_vault_is_skipped_with_a_note(run, notes: Path, tmp_path: Path) -> None:
    outside = tmp_path / "README.md"
    outside.write_text("---\nnot: checked\n---\n")
    result = run("validate", outside, notes / INSIGHT, "--format", "json")
    assert result.exit_code == 0
    assert json.loads(result.stdout)["notes"] == 1
    assert "vault: skipped 1 " in result.stderr
    assert f"outside the vault {notes.resolve()}" in result.stderr


@pytest.mark.parametrize(
    "path",
    [
        "templates/insight-template.md",  # ignored by vault.toml; its placeholders break the schema
        ".obsidian/notes.md",  # hidden
        "schemas/note.yaml",  # not a note (and ignored)
        "attachments/deployment-funnel.png",  # not a note
    ],
)
def test_files_that_are_not_vault_notes_are_skipped(run, notes: Path, path: str) -> None:
    file = notes / path
    if not file.exists():
        file.parent.mkdir(parents=True, exist_ok=True)
        file.write_text("---\nbogus: 1\n---\n")
    code, document = validate_json(run, file)
    assert code == 0
    assert document["notes"] == 0 and document["diagnostics"] == []


def test_ignored_template_really_breaks_the_schema(run, notes: Path) -> None:
    """Without the ignore, the template would fail: the test above skips it for the right reason."""
    edit(notes / "vault.toml", '"templates/**", ', "")
    code, document = validate_json(run, notes / "templates/insight-template.md")
    assert code == 1
    assert [d["field"] for d in document["diagnostics"]] == ["/date_added", "/up"]  # [[{{map}}]]


def test_missing_path_is_a_usage_error(run, notes: Path) -> None:
    result = run("validate", notes / "insights/no-such-note.md")
    assert result.exit_code == 2
    assert result.stderr.startswith("vault: error: no such file or folder")


# --- configuration errors ------------------------------------------------------------------------


def assert_usage_error(result, *fragments: str) -> None:
    assert result.returncode == 2, result.stdout + result.stderr
    assert "Traceback" not in result.stderr
    assert result.stdout == ""
    (line,) = result.stderr.splitlines()
    assert line.startswith("vault: error: ")
    for fragment in fragments:
        assert fragment in line


@pytest.mark.parametrize("target", [".", INSIGHT])
def test_broken_schema_is_exit_2_with_one_line(run_process, notes: Path, target: str) -> None:
    edit(notes / "schemas/note.yaml", "novelty_score: {type: number,", "novelty_score: {type: numbr,")
    result = run_process("validate", target, cwd=notes)
    assert_usage_error(result, "schemas/note.yaml", "numbr")


def test_schema_that_is_not_yaml_is_exit_2(run, notes: Path) -> None:
    (notes / "schemas/insight.yaml").write_text("required: [unclosed\n")
    result = run("validate", notes)
    assert result.exit_code == 2
    assert result.stderr.startswith("vault: error: schemas/insight.yaml")


def test_missing_schema_file_is_exit_2(run, notes: Path) -> None:
    (notes / "schemas/insight.yaml").unlink()
    result = run("validate", notes / INSIGHT)
    assert result.exit_code == 2
    assert result.stderr.startswith("vault: error: schema file not found: schemas/insight.yaml")


def test_missing_file_of_a_ref_is_exit_2(run, notes: Path) -> None:
    (notes / "schemas/note.yaml").rename(notes / "schemas/base.yaml")
    edit(notes / "vault.toml", 'schema = "schemas/note.yaml"\n', "")
    result = run("validate", notes)
    assert result.exit_code == 2
    assert "note.yaml" in result.stderr and result.stderr.startswith("vault: error: ")


def test_unknown_key_in_schemas_table_is_exit_2(run, notes: Path) -> None:
    with (notes / "vault.toml").open("a") as toml:
        toml.write("\n[schemas]\nskip-empty = true\n")
    result = run("validate", notes)
    assert result.exit_code == 2
    assert "unknown key 'skip-empty' in [schemas]" in result.stderr


def test_schema_file_outside_the_vault_is_exit_2(run, notes: Path, tmp_path: Path) -> None:
    (tmp_path / "elsewhere.yaml").write_text("type: object\n")
    edit(notes / "vault.toml", 'schema = "schemas/note.yaml"', 'schema = "../elsewhere.yaml"')
    result = run("validate", notes)
    assert result.exit_code == 2
    assert "outside the vault" in result.stderr


def test_broken_schema_reached_by_ref_is_exit_2(run_process, notes: Path) -> None:
    # Only the insight schema is named now; note.yaml, which it $refs, is broken.
    edit(notes / "vault.toml", 'schema = "schemas/note.yaml"\n', "")
    edit(notes / "schemas/note.yaml", "novelty_score: {type: number,", "novelty_score: {type: numbr,")
    result = run_process("validate", INSIGHT, cwd=notes)
    assert_usage_error(result, "schemas/note.yaml")


# --- vault check -----------------------------------------------------------------------------------


def test_check_reports_schema_findings_too(run, notes: Path) -> None:
    edit(notes / INSIGHT, "novelty_score: 0.57", "novelty_score: 7.8")
    edit(notes / INSIGHT, "type: insight", "tgas: [x]\ntype: insight")
    result = run("check", notes, "--format", "json")
    assert result.exit_code == 1
    found = [
        (d["path"], d["line"], d["rule"], d.get("field")) for d in json.loads(result.stdout)["diagnostics"]
    ]
    assert found == [(INSIGHT, 7, "schema", "/novelty_score"), (INSIGHT, 17, "schema", "/tgas")]
    selected = run("check", notes, "--select", "broken-link")
    assert selected.exit_code == 0


def test_try_a_schema_before_naming_it(run, notes: Path) -> None:
    (notes / "draft.yaml").write_text("required: [owner]\n")
    code, document = validate_json(run, notes / "concepts", "--schema", notes / "draft.yaml")
    assert code == 1
    assert {d["field"] for d in document["diagnostics"]} == {"/owner"}
    assert all(d["line"] == 1 for d in document["diagnostics"])


def test_without_a_schema_it_says_so_and_still_reports_invalid_yaml(run, notes: Path) -> None:
    (notes / "vault.toml").write_text('ignore = ["templates/**", "schemas/**"]\n')
    edit(notes / INSIGHT, "type: insight", "type: [unclosed")
    result = run("validate", notes)
    assert result.exit_code == 1
    assert "no schema named in" in result.stderr and "vault schema infer" in result.stderr
    assert [line.split()[2] for line in result.stdout.splitlines()] == ["invalid-frontmatter"]
    with_schema = run("validate", notes, "--schema", notes / "schemas" / "note.yaml")
    assert "no schema named" not in with_schema.stderr


# --- x-vault-link ------------------------------------------------------------------------------

LINKFIELDS = Path(__file__).resolve().parent.parent / "fixtures" / "linkfields"


@pytest.fixture
def linkfields(tmp_path: Path) -> Path:
    return Path(shutil.copytree(LINKFIELDS, tmp_path / "linkfields"))


def test_subprocess_validates_link_typed_fields_of_the_files_given(run_process, linkfields: Path) -> None:
    result = run_process("validate", "notes/good.md", "notes/bad.md", "--format", "json", cwd=linkfields)
    assert result.returncode == 1
    found = [(d["path"], d["field"]) for d in json.loads(result.stdout)["diagnostics"]]
    assert found == [
        ("notes/bad.md", f) for f in ("/author", "/reviewers/0", "/reviewers/1", "/reviewers/2", "/up")
    ]


@pytest.mark.parametrize("command", ["validate", "check"])
def test_an_invalid_x_vault_link_is_a_usage_error_naming_the_schema(
    run, linkfields: Path, command: str
) -> None:
    schema = linkfields / "schemas/note.yaml"
    schema.write_text(schema.read_text().replace("{type: map}", "{kind: map}"))
    result = run(command, linkfields)
    assert result.exit_code == 2
    assert (
        "schemas/note.yaml: not a valid x-vault-link (at /$defs/map-link/x-vault-link): unknown key 'kind'"
        in (result.stderr)
    )
