"""The `vault` program itself: version, help, colour."""

from __future__ import annotations

from pathlib import Path

from vaultgraph import __version__


def test_version(run, run_process) -> None:
    assert run("--version").stdout.strip() == f"vault (vaultgraph) {__version__}"
    assert run_process("--version").stdout.strip() == f"vault (vaultgraph) {__version__}"


def test_help_lists_commands_and_examples(run) -> None:
    result = run("--help")
    assert result.exit_code == 0
    for command in ("check", "links", "backlinks"):
        assert command in result.stdout
    check_help = run("check", "--help").stdout
    assert "--fail-on" in check_help and "vault check notes --format github" in check_help


def test_no_arguments_shows_help(run_process) -> None:
    result = run_process()
    assert "Usage" in result.stdout + result.stderr
    assert result.returncode in (0, 2)


def test_unknown_option_is_exit_2(run_process, tmp_path: Path) -> None:
    assert run_process("check", tmp_path, "--no-such-option").returncode == 2


def test_colour_only_when_forced_and_never_with_no_color(run_process, basic_vault: Path) -> None:
    plain = run_process("check", basic_vault)
    assert "\x1b[" not in plain.stdout  # not a terminal
    forced = run_process("check", basic_vault, env={"FORCE_COLOR": "1", "TERM": "xterm-256color"})
    assert "\x1b[31" in forced.stdout or "\x1b[1;31" in forced.stdout
    no_color = run_process("check", basic_vault, env={"FORCE_COLOR": "1", "NO_COLOR": "1"})
    assert "\x1b[31" not in no_color.stdout and "\x1b[1;31" not in no_color.stdout
