"""`vault check`'s CI formats checked against their own definitions: SARIF against the OASIS
schema (tests/data/sarif-schema-2.1.0.json), `github` against the workflow command grammar, `json`
against the document in docs/spec/cli.md."""

from __future__ import annotations

import json
import re
from pathlib import Path
from urllib.parse import unquote

import pytest
from jsonschema import Draft4Validator, FormatChecker

from vaultgraph.model import RULES

ROOT = Path(__file__).resolve().parent.parent.parent
SARIF_SCHEMA = ROOT / "tests" / "data" / "sarif-schema-2.1.0.json"
CLI_SPEC = ROOT / "docs" / "spec" / "cli.md"

# A note name that needs escaping everywhere: `,` (a github property separator), `%`, a space and
# `#` (percent-encoded in a URI, `#` would start a fragment) and a non-ASCII letter.
ODD_NAME = "café, 100% #1.md"
MESSAGE_TARGET = "bad\r\nline%:,.md"  # a link whose target, so message, holds a line break

NOTES: dict[str, bytes] = {
    "vault.toml": b"",
    "target.md": b"# Target\n\n## Real\n",
    "a/dup.md": b"# A\n",
    "b/dup.md": b"# B\n",
    "links.md": b"# Links\n\n[[missing-note]] and [[target#Nope]]\nSee [[dup]].\n",
    "bad-frontmatter.md": b"---\ntitle: [unclosed\n---\n[[target]]\n",
    "latin1.md": b"# Caf\xe9 in Latin-1\n",
    "my notes/space name.md": b"x\n\n  [[gone, really]]\n",
    ODD_NAME: "😀 [[nowhere]]\n".encode(),  # the column counts the emoji as one character
    "multi.md": b"[x](bad%0D%0Aline%25:,.md)\n",
}

# (path, line, column, rule, severity), in the order `vault check` reports them.
FINDINGS = [
    ("a/dup.md", 1, 1, "duplicate-name", "warning"),
    ("b/dup.md", 1, 1, "duplicate-name", "warning"),
    ("bad-frontmatter.md", 2, 1, "invalid-frontmatter", "error"),
    (ODD_NAME, 1, 1, "bad-filename", "warning"),  # '#' can't stand in a link
    (ODD_NAME, 1, 3, "broken-link", "error"),
    ("latin1.md", 1, 1, "unreadable-note", "error"),
    ("links.md", 3, 1, "broken-link", "error"),
    ("links.md", 3, 22, "broken-anchor", "warning"),
    ("links.md", 4, 5, "ambiguous-link", "warning"),
    ("multi.md", 1, 1, "broken-link", "error"),
    ("my notes/space name.md", 3, 3, "broken-link", "error"),
]

# How a SARIF consumer must see each path: an RFC 3986 URI reference, percent-encoded UTF-8.
URIS = {
    "a/dup.md": "a/dup.md",
    "b/dup.md": "b/dup.md",
    "bad-frontmatter.md": "bad-frontmatter.md",
    ODD_NAME: "caf%C3%A9%2C%20100%25%20%231.md",
    "latin1.md": "latin1.md",
    "links.md": "links.md",
    "multi.md": "multi.md",
    "my notes/space name.md": "my%20notes/space%20name.md",
}


@pytest.fixture
def findings_vault(tmp_path: Path) -> Path:
    vault = tmp_path / "vault"
    for name, content in NOTES.items():
        (vault / name).parent.mkdir(parents=True, exist_ok=True)
        (vault / name).write_bytes(content)
    return vault.resolve()


@pytest.fixture
def clean_vault(tmp_path: Path) -> Path:
    vault = tmp_path / "clean"
    vault.mkdir()
    (vault / "vault.toml").write_text("")
    (vault / "a.md").write_text("# A\n\n[[b#Heading]]\n")
    (vault / "b.md").write_text("# B\n\n## Heading\n")
    return vault.resolve()


# --- SARIF --------------------------------------------------------------------------------------

# RFC 3986, appendix A. jsonschema checks "uri" and "uri-reference" only when rfc3987 or
# rfc3986-validator is installed, and silently passes them otherwise; these make the check real.
_UNRESERVED = r"A-Za-z0-9\-._~"
_SUB_DELIMS = r"!$&'()*+,;="
_PCT = r"%[0-9A-Fa-f]{2}"
_PCHAR = rf"(?:[{_UNRESERVED}{_SUB_DELIMS}:@]|{_PCT})"
_SEGMENT_NZ_NC = rf"(?:[{_UNRESERVED}{_SUB_DELIMS}@]|{_PCT})+"
_AUTHORITY = (
    rf"(?:(?:[{_UNRESERVED}{_SUB_DELIMS}:]|{_PCT})*@)?"
    rf"(?:\[[0-9A-Fa-f:.]+\]|(?:[{_UNRESERVED}{_SUB_DELIMS}]|{_PCT})*)(?::[0-9]*)?"
)
_PATH_ABEMPTY = rf"(?:/{_PCHAR}*)*"
_PATH_ABSOLUTE = rf"/(?:{_PCHAR}+{_PATH_ABEMPTY})?"
_TAIL = rf"(?:\?(?:{_PCHAR}|[/?])*)?(?:#(?:{_PCHAR}|[/?])*)?"
URI = re.compile(
    rf"[A-Za-z][A-Za-z0-9+\-.]*:(?://{_AUTHORITY}{_PATH_ABEMPTY}|{_PATH_ABSOLUTE}|{_PCHAR}+{_PATH_ABEMPTY})?{_TAIL}"
)
RELATIVE_REF = re.compile(
    rf"(?://{_AUTHORITY}{_PATH_ABEMPTY}|{_PATH_ABSOLUTE}|{_SEGMENT_NZ_NC}{_PATH_ABEMPTY})?{_TAIL}"
)


def _is_uri(value: object) -> bool:
    return not isinstance(value, str) or URI.fullmatch(value) is not None


def _is_uri_reference(value: object) -> bool:
    return _is_uri(value) or (isinstance(value, str) and RELATIVE_REF.fullmatch(value) is not None)


def sarif_validator() -> Draft4Validator:
    schema = json.loads(SARIF_SCHEMA.read_text(encoding="utf-8"))
    Draft4Validator.check_schema(schema)
    checker = FormatChecker(formats=())
    checker.checkers.update(Draft4Validator.FORMAT_CHECKER.checkers)
    checker.checks("uri")(_is_uri)
    checker.checks("uri-reference")(_is_uri_reference)
    return Draft4Validator(schema, format_checker=checker)


def schema_errors(document: object) -> list[str]:
    errors = sorted(sarif_validator().iter_errors(document), key=lambda e: list(e.absolute_path))
    return [f"{'/'.join(map(str, e.absolute_path))}: {e.message}" for e in errors]


def sarif_of(run, *args: str | Path) -> dict:
    result = run("check", *args, "--format", "sarif")
    assert "Traceback" not in result.stdout + result.stderr
    return json.loads(result.stdout)


def test_shipped_schema_is_the_oasis_errata01_schema() -> None:
    schema = json.loads(SARIF_SCHEMA.read_text(encoding="utf-8"))
    assert schema["id"] == (
        "https://docs.oasis-open.org/sarif/sarif/v2.1.0/errata01/os/schemas/sarif-schema-2.1.0.json"
    )
    assert schema["$schema"] == "http://json-schema.org/draft-04/schema#"


@pytest.mark.parametrize(
    ("uri", "valid"),
    [
        ("alpha.md", True),
        ("my%20notes/space%20name.md", True),
        ("caf%C3%A9%2C%20100%25%20%231.md", True),
        ("file:///tmp/my%20notes/a.md", True),
        ("my notes/space name.md", False),
        ("café.md", False),
        ("100%.md", False),
        ("a#1#2.md", False),
        ("c:\\notes\\a.md", False),
    ],
)
def test_the_format_checker_really_checks_uri_references(uri: str, valid: bool) -> None:
    document = {
        "version": "2.1.0",
        "runs": [
            {
                "tool": {"driver": {"name": "t"}},
                "results": [
                    {
                        "message": {"text": "m"},
                        "locations": [{"physicalLocation": {"artifactLocation": {"uri": uri}}}],
                    }
                ],
            }
        ],
    }
    assert (schema_errors(document) == []) is valid


def test_sarif_with_findings_is_valid_sarif_2_1_0(run, findings_vault: Path, monkeypatch) -> None:
    monkeypatch.chdir(findings_vault)
    assert schema_errors(sarif_of(run, ".")) == []


def test_sarif_against_a_baseline_is_valid_and_marks_the_new_findings(
    run, findings_vault: Path, monkeypatch
) -> None:
    monkeypatch.chdir(findings_vault)
    run("check", ".", "--write-baseline")
    (findings_vault / "target.md").write_text("# Target\n\n## Real\n\n[[new-today]]\n")
    sarif = sarif_of(run, ".", "--baseline", "vault-baseline.json")
    assert schema_errors(sarif) == []
    (sarif_run,) = sarif["runs"]
    assert [(r["message"]["text"], r["baselineState"]) for r in sarif_run["results"]] == [
        ("no note or file named 'new-today'", "new")
    ]
    assert sarif_run["properties"]["baseline"] == {
        "file": "vault-baseline.json",
        "new": 1,
        "unchanged": len(FINDINGS),
        "fixed": 0,
    }


def test_sarif_of_a_clean_vault_is_valid_and_has_an_empty_results_list(
    run, clean_vault: Path, monkeypatch
) -> None:
    monkeypatch.chdir(clean_vault)
    sarif = sarif_of(run, ".")
    assert schema_errors(sarif) == []
    (sarif_run,) = sarif["runs"]
    assert sarif_run["results"] == []  # present and empty: the scan ran and found nothing


def test_sarif_results_are_the_findings_with_rule_level_and_location(
    run, findings_vault: Path, monkeypatch
) -> None:
    monkeypatch.chdir(findings_vault)
    (sarif_run,) = sarif_of(run, ".")["runs"]
    rules = sarif_run["tool"]["driver"]["rules"]
    assert [rule["id"] for rule in rules] == list(RULES)
    off_by_default = {rule["id"]: rule["defaultConfiguration"] for rule in rules}["orphan-note"]
    assert off_by_default == {"level": "warning", "enabled": False}
    assert sarif_run["columnKind"] == "unicodeCodePoints"  # the emoji counts as one column
    found = []
    for result in sarif_run["results"]:
        (location,) = result["locations"]
        physical = location["physicalLocation"]
        uri = physical["artifactLocation"]["uri"]
        region = physical["region"]
        assert rules[result["ruleIndex"]]["id"] == result["ruleId"]
        assert unquote(uri) in NOTES  # decodes back to the note's path
        found.append((uri, region["startLine"], region["startColumn"], result["ruleId"], result["level"]))
    assert found == [(URIS[path], line, column, rule, level) for path, line, column, rule, level in FINDINGS]


def test_sarif_message_keeps_the_line_break(run, findings_vault: Path, monkeypatch) -> None:
    monkeypatch.chdir(findings_vault)
    (sarif_run,) = sarif_of(run, "multi.md")["runs"]
    (result,) = sarif_run["results"]
    assert MESSAGE_TARGET in result["message"]["text"]


def test_sarif_names_a_vault_outside_the_current_folder_by_file_uri(
    run, findings_vault: Path, tmp_path: Path, monkeypatch
) -> None:
    elsewhere = tmp_path / "elsewhere"
    elsewhere.mkdir()
    monkeypatch.chdir(elsewhere)
    sarif = sarif_of(run, findings_vault)
    assert schema_errors(sarif) == []
    uris = [
        result["locations"][0]["physicalLocation"]["artifactLocation"]["uri"]
        for result in sarif["runs"][0]["results"]
    ]
    assert uris == [(findings_vault / path).as_uri() for path, *_ in FINDINGS]
    assert all(uri.startswith("file:///") and " " not in uri for uri in uris)


# --- GitHub workflow commands -------------------------------------------------------------------

# One command per line: `::LEVEL file=F,line=N,col=N,title=T::MESSAGE`. Property values may hold
# no raw `,` `:` `%` CR or LF, the message no raw `%` CR or LF: each is written as its %XX escape.
_PROPERTY = r"(?:[^,:%\r\n]|%25|%0D|%0A|%3A|%2C)*"
WORKFLOW_COMMAND = re.compile(
    rf"::(?P<level>error|warning) file=(?P<file>{_PROPERTY}),line=(?P<line>[0-9]+),col=(?P<col>[0-9]+),"
    rf"title=(?P<title>{_PROPERTY})::(?P<message>(?:[^%\r\n]|%25|%0D|%0A)*)"
)
_ESCAPE = re.compile(r"%(25|0D|0A|3A|2C)")


def unescape(text: str) -> str:
    return _ESCAPE.sub(lambda match: chr(int(match.group(1), 16)), text)


def github_lines(run, *args: str | Path) -> list[str]:
    result = run("check", *args, "--format", "github")
    text = result.stdout_bytes.decode("utf-8")  # the raw bytes: .stdout turns CR LF into LF
    assert text.endswith("\n")
    return text[:-1].split("\n")


def test_github_is_one_workflow_command_line_per_finding(run, findings_vault: Path, monkeypatch) -> None:
    monkeypatch.chdir(findings_vault)
    lines = github_lines(run, ".")
    assert len(lines) == len(FINDINGS)
    commands = []
    for line in lines:
        match = WORKFLOW_COMMAND.fullmatch(line)
        assert match is not None, line
        commands.append(
            (
                unescape(match["file"]),
                int(match["line"]),
                int(match["col"]),
                unescape(match["title"]),
                match["level"],
            )
        )
    assert commands == FINDINGS


def test_github_escapes_round_trip_to_the_json_findings(run, findings_vault: Path, monkeypatch) -> None:
    monkeypatch.chdir(findings_vault)
    diagnostics = json.loads(run("check", ".", "--format", "json").stdout)["diagnostics"]
    lines = github_lines(run, ".")
    assert len(lines) == len(diagnostics)
    for line, diagnostic in zip(lines, diagnostics, strict=True):
        match = WORKFLOW_COMMAND.fullmatch(line)
        assert match is not None, line
        assert unescape(match["file"]) == diagnostic["path"]
        assert unescape(match["message"]) == diagnostic["message"]
    odd = next(line for line in lines if "100%25" in line)
    assert "file=café%2C 100%25 #1.md," in odd  # the comma and `%` escaped, the rest kept
    multi = next(line for line in lines if line.startswith("::error file=multi.md,"))
    assert multi.endswith("::no note or file named 'bad%0D%0Aline%25:,.md'")  # `:` `,` stay in data


def test_github_escapes_a_colon_in_a_file_name(run, tmp_path: Path, monkeypatch) -> None:
    vault = tmp_path / "v"
    vault.mkdir()
    (vault / "vault.toml").write_text("")
    try:
        (vault / "odds 1:2.md").write_text("[[nowhere]]\n")
    except OSError:
        pytest.skip("this file system allows no ':' in a file name")
    monkeypatch.chdir(vault)
    (line,) = github_lines(run, ".", "--select", "broken-link")  # not bad-filename, about the ':'
    match = WORKFLOW_COMMAND.fullmatch(line)
    assert match is not None and match["file"] == "odds 1%3A2.md"
    assert unescape(match["file"]) == "odds 1:2.md"


def test_github_prints_nothing_for_a_clean_vault(run, clean_vault: Path) -> None:
    result = run("check", clean_vault, "--format", "github")
    assert result.exit_code == 0
    assert result.stdout == ""


# --- JSON ---------------------------------------------------------------------------------------


def documented_check_json() -> dict:
    """The example document of `vault check` in docs/spec/cli.md."""
    spec = CLI_SPEC.read_text(encoding="utf-8")
    section = spec[spec.index("`vault check [PATHS...]`") :]
    block = re.search(r"```json\n(.*?)```", section, re.DOTALL)
    assert block is not None
    return json.loads(block.group(1))


def assert_json_shape(document: dict) -> None:
    documented = documented_check_json()
    (example,) = documented["diagnostics"]
    assert list(document) == list(documented)  # vault, notes, diagnostics, counts: no more, no fewer
    assert type(document["vault"]) is str and Path(document["vault"]).is_absolute()
    assert type(document["notes"]) is int and document["notes"] >= 0
    assert type(document["diagnostics"]) is list
    assert list(document["counts"]) == list(documented["counts"])
    assert all(type(count) is int for count in document["counts"].values())
    link_rules = {"broken-link", "broken-anchor", "ambiguous-link"}
    for diagnostic in document["diagnostics"]:
        # Every documented key, in its documented type; `target` for link findings only, and
        # `field` (documented under `vault validate`) for schema findings only.
        expected_keys = [key for key in example if key != "target" or diagnostic["rule"] in link_rules]
        if diagnostic["rule"] == "schema":
            expected_keys.append("field")
        assert list(diagnostic) == expected_keys, diagnostic
        for key in expected_keys:
            documented_type = type(example.get(key, ""))
            assert type(diagnostic[key]) is documented_type, (key, diagnostic)
        assert diagnostic["rule"] in RULES
        assert diagnostic["severity"] in documented["counts"]
        assert diagnostic["line"] >= 1 and diagnostic["column"] >= 1
        assert not Path(diagnostic["path"]).is_absolute() and "\\" not in diagnostic["path"]
    by_severity = {severity: 0 for severity in document["counts"]}
    for diagnostic in document["diagnostics"]:
        by_severity[diagnostic["severity"]] += 1
    assert document["counts"] == by_severity


def test_json_with_findings_has_the_documented_shape(run, findings_vault: Path) -> None:
    result = run("check", findings_vault, "--format", "json")
    assert result.exit_code == 1
    document = json.loads(result.stdout)
    assert_json_shape(document)
    assert document["vault"] == str(findings_vault)
    assert document["notes"] == sum(name.endswith(".md") for name in NOTES)
    assert [
        (d["path"], d["line"], d["column"], d["rule"], d["severity"]) for d in document["diagnostics"]
    ] == FINDINGS
    assert document["counts"] == {"error": 6, "warning": 5}
    targets = {d["path"]: d.get("target") for d in document["diagnostics"] if d["rule"] == "broken-link"}
    assert targets["multi.md"] == MESSAGE_TARGET


def test_json_of_a_clean_vault_has_the_documented_shape(run, clean_vault: Path) -> None:
    result = run("check", clean_vault, "--format", "json")
    assert result.exit_code == 0
    document = json.loads(result.stdout)
    assert_json_shape(document)
    assert document == {
        "vault": str(clean_vault),
        "notes": 2,
        "diagnostics": [],
        "counts": {"error": 0, "warning": 0},
    }
