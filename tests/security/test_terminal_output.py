"""Text a hostile vault controls (file names, link targets) never reaches the terminal as control
characters: escape sequences could clear or retitle it or write the clipboard (OSC 52), and a
newline in a file name would forge a finding line."""

from __future__ import annotations

import json
import re
from pathlib import Path

import pytest
from typer.testing import CliRunner

from vaultgraph.cli import app

#: Reset the terminal, set the window title, write the clipboard, ring, back up over the text.
NAME = "a\x1bc\x1b]0;owned\x07\x1b]52;c;ZWNobyBvd25lZA==\x07\nforged.md:1:1: error x\r.md"
TARGET = "gone\x1bc\x07\x08\x08\x7f\x9b"
_CONTROL = re.compile(r"[\x00-\x09\x0b-\x1f\x7f-\x9f]")


def hostile_vault(tmp_path: Path) -> Path:
    vault = tmp_path / "vault"
    vault.mkdir()
    (vault / "vault.toml").write_text("")
    title = r'"gone\ec\a\b\b\x7f\x9b"'  # TARGET, in YAML's escapes (YAML refuses them raw)
    (vault / NAME).write_text(f"---\ntitle: {title}\n---\n[[{TARGET}]] [[home]]\n")
    (vault / "home.md").write_text(f"# Home\n\n{TARGET}\n")
    return vault


def test_control_characters_are_escaped_in_text_findings(tmp_path: Path) -> None:
    vault = hostile_vault(tmp_path)
    # (The name's `:` is also a bad-filename finding, left out here.)
    text = CliRunner().invoke(app, ["check", str(vault), "--no-cache", "--select", "broken-link"]).stdout
    assert _CONTROL.findall(text) == []
    assert text.count("\n") == 1  # one finding, one line
    assert text == (
        r"a\x1bc\x1b]0;owned\x07\x1b]52;c;ZWNobyBvd25lZA==\x07\x0aforged.md:1:1: error x\x0d.md:4:1: "
        r"error broken-link no note or file named 'gone\x1bc\x07\x08\x08\x7f\x9b'" + "\n"
    )
    # JSON keeps the real name: it escapes control characters its own way.
    command = ["check", str(vault), "--format", "json", "--select", "broken-link"]
    report = json.loads(CliRunner().invoke(app, command).stdout)
    assert [d["path"] for d in report["diagnostics"]] == [NAME]


@pytest.mark.parametrize(
    "command",
    [
        ["links", "--vault", "{vault}"],
        ["backlinks", "home", "--vault", "{vault}"],
        ["wanted", "--vault", "{vault}"],
        ["orphans", "--vault", "{vault}"],
        ["query", "TABLE title", "--vault", "{vault}"],
        ["search", "home", "--vault", "{vault}"],
        ["links", "nowhere", "--vault", "{vault}"],  # an error naming the argument, on stderr
    ],
    ids=lambda command: command[0],
)
def test_control_characters_are_escaped_in_tables(command: list[str], tmp_path: Path) -> None:
    vault = hostile_vault(tmp_path)
    result = CliRunner().invoke(app, [part.format(vault=vault) for part in command])
    assert result.stdout + result.stderr
    assert _CONTROL.findall(result.stdout + result.stderr) == []
