"""YAML tags that would build Python objects are refused by every command that reads YAML, and
nothing they name ever runs: frontmatter, schema files and vault.toml's schemas alike."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
import yaml
from typer.testing import CliRunner

from vaultgraph.cli import app

PAYLOADS = {
    "os.system": "!!python/object/apply:os.system ['touch {marker}']",
    "subprocess": "!!python/object/apply:subprocess.check_call [['touch', '{marker}']]",
    "no shell": "!!python/object/apply:os.mkdir ['{marker}']",
    "nested in a list": "[ok, !!python/object/apply:os.system ['touch {marker}']]",
    "as a key": "{{? !!python/object/apply:os.system ['touch {marker}'] : x}}",
    "verbatim tag": "!<tag:yaml.org,2002:python/object/apply:os.system> ['touch {marker}']",
}

#: Every command that reads frontmatter, with {vault} for the vault folder.
COMMANDS = [
    ["check", "{vault}"],
    ["validate", "{vault}"],
    ["validate", "{vault}/evil.md"],
    ["schema", "infer", "{vault}"],
    ["query", "TABLE x, title", "--vault", "{vault}"],
    ["links", "--vault", "{vault}"],
    ["graph", "--vault", "{vault}", "--format", "graphml"],
    ["stats", "--vault", "{vault}"],
]


@pytest.mark.parametrize("payload", PAYLOADS.values(), ids=PAYLOADS.keys())
@pytest.mark.parametrize("command", COMMANDS, ids=lambda command: " ".join(command[:2]))
def test_python_tags_in_frontmatter_never_run(command: list[str], payload: str, tmp_path: Path) -> None:
    marker = tmp_path / "pwned"
    vault = tmp_path / "vault"
    vault.mkdir()
    (vault / "vault.toml").write_text("")
    (vault / "evil.md").write_text(f"---\ntitle: T\nx: {payload.format(marker=marker)}\n---\n[[evil]]\n")
    result = CliRunner().invoke(app, [part.format(vault=vault) for part in command], catch_exceptions=False)
    assert result.exit_code in (0, 1), result.output
    assert not marker.exists()
    if command[0] in ("check", "validate"):
        assert "evil.md:3:" in result.stdout and "invalid-frontmatter" in result.stdout


def test_the_payloads_are_live(tmp_path: Path) -> None:
    """Each payload does run under an unsafe loader, so the test above can fail."""
    for name, payload in PAYLOADS.items():
        marker = tmp_path / name.replace(" ", "-")
        yaml.unsafe_load(f"x: {payload.format(marker=marker)}")
        assert marker.exists(), name


@pytest.mark.parametrize("where", ["schema file", "vault.toml schema"])
def test_python_tags_in_a_schema_never_run(where: str, tmp_path: Path) -> None:
    marker = tmp_path / "pwned"
    vault = tmp_path / "vault"
    vault.mkdir()
    (vault / "note.md").write_text("---\ntitle: T\n---\n")
    schema = vault / "schema.yaml"
    schema.write_text(f"type: object\ndescription: {PAYLOADS['os.system'].format(marker=marker)}\n")
    (vault / "vault.toml").write_text('schema = "schema.yaml"\nignore = ["schema.yaml"]\n')
    args = (
        ["validate", str(vault)]
        if where == "vault.toml schema"
        else ["validate", str(vault), "--schema", str(schema)]
    )
    result = CliRunner().invoke(app, args, catch_exceptions=False)
    assert result.exit_code == 2
    assert "schema.yaml" in result.output
    assert not marker.exists()


def test_json_output_of_a_refused_tag_is_plain(tmp_path: Path) -> None:
    vault = tmp_path / "vault"
    vault.mkdir()
    (vault / "vault.toml").write_text("")
    (vault / "evil.md").write_text("---\nx: !!python/name:os.system\n---\n")
    report = json.loads(CliRunner().invoke(app, ["check", str(vault), "--format", "json"]).stdout)
    assert [(d["path"], d["line"], d["rule"]) for d in report["diagnostics"]] == [
        ("evil.md", 2, "invalid-frontmatter")
    ]
