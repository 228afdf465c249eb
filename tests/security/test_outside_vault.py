"""No link makes a command read or write a file outside the vault.

Notes link to a real file beside the vault (`../outside.md`, by relative, absolute and partial
path, as wikilink, markdown link and embed). Every file any command opens while it runs is
recorded: none of them may lie outside the vault, and the outside note's text never reaches the
output. The commands that write (`vault mv`, `vault fix --apply`) are among them.
"""

from __future__ import annotations

import io
import json
import os
from pathlib import Path

import pytest
from typer.testing import CliRunner

from vaultgraph.cli import app

SECRET = "secret-words-from-outside"

#: Each command, with {vault} for the vault folder. All of them load every note and link.
COMMANDS = [
    ["check", "{vault}", "--no-cache"],
    ["check", "{vault}"],
    ["links", "--vault", "{vault}"],
    ["links", "evil", "--vault", "{vault}", "--format", "json"],
    ["backlinks", "evil", "--unlinked", "--vault", "{vault}"],
    ["search", SECRET, "--vault", "{vault}", "--format", "json"],
    ["query", "TABLE file.outlinks FROM [[evil]]", "--vault", "{vault}"],
    ["query", "LIST FROM outgoing([[evil]])", "--vault", "{vault}"],
    ["wanted", "--vault", "{vault}"],
    ["stats", "--vault", "{vault}"],
    ["graph", "--vault", "{vault}", "--format", "json"],
    ["validate", "{vault}"],
    ["fix", "--vault", "{vault}", "--apply"],
    ["mv", "evil.md", "inner/evil.md", "--vault", "{vault}"],
    ["mv", "inner", "elsewhere", "--vault", "{vault}"],
]


def evil_vault(tmp_path: Path) -> Path:
    outside = tmp_path / "outside.md"
    outside.write_text(f"# Outside\n\n{SECRET} [[evil]]\n")
    (tmp_path / "outside.png").write_bytes(b"\x89PNG")
    vault = tmp_path / "vault"
    (vault / "inner" / "deeper").mkdir(parents=True)
    (vault / "vault.toml").write_text("")
    links = [
        "[[../outside]]",
        "[[../outside.md#Outside]]",
        "[[../../outside]]",
        f"[[{outside}]]",
        f"[[{outside.with_suffix('')}]]",
        "[x](../outside.md)",
        "[x](../../outside.md)",
        f"[x]({outside})",
        "[x](..%2Foutside.md)",
        "![[../outside.png]]",
        "![](../outside.png)",
        "[[inner/../../outside]]",
        "[[tmp/outside]]",
    ]
    (vault / "evil.md").write_text("---\nup: '[[../outside]]'\n---\n# Evil\n\n" + "\n".join(links) + "\n")
    (vault / "inner" / "deeper" / "nested.md").write_text("[[../../../outside]] [[./../../../outside]]\n")
    return vault


def record_opened(monkeypatch: pytest.MonkeyPatch) -> list[Path]:
    """Every path opened from Python while the test runs (SQLite opens its own, in the vault).
    Python opens many files of its own (modules, locales): only those beside the vault matter."""
    opened: list[Path] = []
    real_open, real_os_open = io.open, os.open

    def spy_open(file: object, *args: object, **kwargs: object) -> object:
        if isinstance(file, (str, os.PathLike)):
            opened.append(Path(file).resolve())
        return real_open(file, *args, **kwargs)  # type: ignore[call-overload]

    def spy_os_open(path: object, *args: object, **kwargs: object) -> int:
        if isinstance(path, (str, os.PathLike)):
            opened.append(Path(path).resolve())
        return real_os_open(path, *args, **kwargs)  # type: ignore[arg-type]

    monkeypatch.setattr(io, "open", spy_open)
    monkeypatch.setattr("builtins.open", spy_open)
    monkeypatch.setattr(os, "open", spy_os_open)
    return opened


@pytest.mark.parametrize("command", COMMANDS, ids=lambda command: " ".join(command[:2]))
def test_links_never_reach_a_file_outside_the_vault(
    command: list[str], tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    vault = evil_vault(tmp_path)
    opened = record_opened(monkeypatch)
    result = CliRunner().invoke(app, [part.format(vault=vault) for part in command], catch_exceptions=False)
    assert result.exit_code in (0, 1), result.output
    beside = [path for path in opened if path.is_relative_to(tmp_path.resolve())]
    assert beside, "the spy saw no file of the vault opened: it can't have worked"
    assert [path for path in beside if not path.is_relative_to(vault.resolve())] == []
    assert SECRET not in result.stdout
    assert (tmp_path / "outside.md").read_text() == f"# Outside\n\n{SECRET} [[evil]]\n"


def test_every_link_out_of_the_vault_is_reported_broken(tmp_path: Path) -> None:
    vault = evil_vault(tmp_path)
    result = CliRunner().invoke(app, ["check", str(vault), "--format", "json", "--select", "broken-link"])
    findings = json.loads(result.stdout)["diagnostics"]
    assert len(findings) == 1 + 13 + 2  # the frontmatter link, evil.md's body, nested.md
    assert {finding["rule"] for finding in findings} == {"broken-link"}


def test_the_spy_sees_a_read_outside_the_vault(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """The test above could not fail if reading outside went unseen: a command given the outside
    file's folder as its vault is seen reading it."""
    evil_vault(tmp_path)
    opened = record_opened(monkeypatch)
    CliRunner().invoke(app, ["links", "--vault", str(tmp_path), "--no-cache"], catch_exceptions=False)
    assert (tmp_path / "outside.md").resolve() in opened
