"""Start-up stays fast: `vault --version` and `--help` import nothing heavy, and `vault validate`
of a file, as pre-commit runs it, only what that file needs."""

from __future__ import annotations

import json
import subprocess
import sys

import pytest
from typer.testing import CliRunner

from vaultgraph.cli import COMMANDS, app, make_app

HEAVY = ("yaml", "networkx", "sqlite3", "frontmatter", "jsonschema", "pydantic")


@pytest.mark.parametrize("args", [["--version"], ["--help"], ["check", "--help"], ["validate", "--help"]])
def test_start_up_imports_nothing_heavy(args: list[str]) -> None:
    script = (
        "import sys\n"
        f"sys.argv = ['vault', *{args!r}]\n"
        "from vaultgraph.cli import main\n"
        "try:\n    main()\nexcept SystemExit:\n    pass\n"
        f"print(sorted(m for m in sys.modules if m.split('.')[0] in {HEAVY!r}))\n"
    )
    result = subprocess.run([sys.executable, "-c", script], capture_output=True, text=True, timeout=60)
    assert result.stdout.strip().splitlines()[-1] == "[]"


def test_checking_a_vault_does_import_what_it_needs(tmp_path) -> None:
    (tmp_path / "a.md").write_text("---\nx: &a [1]\ny: *a\n---\n[[a]]\n")  # anchors need PyYAML
    script = (
        "import sys\n"
        f"sys.argv = ['vault', 'check', {str(tmp_path)!r}]\n"
        "from vaultgraph.cli import main\n"
        "try:\n    main()\nexcept SystemExit:\n    pass\n"
        "print('yaml' in sys.modules, 'networkx' in sys.modules)\n"
    )
    result = subprocess.run([sys.executable, "-c", script], capture_output=True, text=True, timeout=60)
    assert result.stdout.strip().splitlines()[-1] == "True False"  # no graph is built for a check


def _modules_after(args: list[str], watched: tuple[str, ...]) -> list[str]:
    script = (
        "import json, sys\n"
        f"sys.argv = ['vault', *{args!r}]\n"
        "from vaultgraph.cli import main\n"
        "try:\n    main()\nexcept SystemExit:\n    pass\n"
        "loaded = {m if m.startswith('vaultgraph') else m.split('.')[0] for m in sys.modules}\n"
        f"print(json.dumps(sorted(loaded & set({list(watched)!r}))))\n"
    )
    result = subprocess.run([sys.executable, "-c", script], capture_output=True, text=True, timeout=60)
    found: list[str] = json.loads(result.stdout.strip().splitlines()[-1])
    return found


def test_validating_a_file_as_a_hook_loads_only_what_it_needs(tmp_path) -> None:
    (tmp_path / "vault.toml").write_text('schema = "schema.yaml"\n')
    (tmp_path / "schema.yaml").write_text("properties: {score: {type: number, maximum: 1}}\n")
    note = tmp_path / "a.md"
    note.write_text("---\nscore: 0.5\n---\n[[b]]\n")
    never = (
        "networkx",
        "vaultgraph.vault",
        "vaultgraph.resolve",
        "vaultgraph.parse.links",
        "vaultgraph.loader",
    )
    watched = (*never, "yaml", "jsonschema")
    first = _modules_after(["validate", str(note)], watched)
    assert set(first) & set(never) == set()
    assert {"yaml", "jsonschema"} <= set(first)  # the schema file is read, the note validated
    # The same frontmatter again (a body edit): the cache knows it passed, so nothing to import.
    note.write_text("---\nscore: 0.5\n---\n[[b]] and [[c]]\n")
    assert _modules_after(["validate", str(note)], watched) == []
    note.write_text("---\nscore: 0.7\n---\n[[b]]\n")  # new frontmatter that plainly passes
    assert _modules_after(["validate", str(note)], watched) == []
    note.write_text("---\nscore: 7\n---\n[[b]]\n")  # new and invalid: jsonschema says why
    assert "jsonschema" in _modules_after(["validate", str(note)], watched)


@pytest.mark.parametrize("name", list(COMMANDS))
def test_a_command_built_alone_is_the_command_of_the_whole_app(name: str) -> None:
    """`vault NAME ...` has typer build NAME only (see cli.main): its help, and its answer to a
    wrong option, must be those of the app with every command."""
    runner = CliRunner()
    alone = make_app([name])
    for args in ([name, "--help"], [name, "--no-such-option"]):
        expected = runner.invoke(app, args)
        got = runner.invoke(alone, args)
        assert (got.exit_code, got.output) == (expected.exit_code, expected.output)
    assert runner.invoke(alone, [name, "--help"]).exit_code == 0


def test_a_mistyped_command_is_answered_with_every_command_in_mind(run_process) -> None:
    result = run_process("chek")
    assert result.returncode == 2
    assert "No such command 'chek'. Did you mean 'check'" in result.stderr
