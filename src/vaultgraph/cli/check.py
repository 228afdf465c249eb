"""`vault check`: lint links and frontmatter; exit 1 on findings."""

from __future__ import annotations

from pathlib import Path
from typing import Annotated

import typer

from .common import (
    FailOn,
    FailOnOption,
    NoCacheOption,
    PathsArgument,
    ReportFormat,
    ReportFormatOption,
    VaultOption,
    fail,
    find_vault_root,
    finish,
    first_in_a_vault,
    open_vault,
    usage_errors,
    vault_paths,
)


def _rules(option: str | None, name: str) -> list[str]:
    from ..checker import unknown_rules

    rules = [rule.strip() for rule in (option or "").split(",") if rule.strip()]
    unknown = unknown_rules(rules)
    if unknown:
        from ..model import RULES

        fail(f"{name}: unknown rule {unknown[0]!r} (rules: {', '.join(RULES)})")
    return rules


def check(
    paths: PathsArgument = None,
    vault: VaultOption = None,
    no_cache: NoCacheOption = False,
    output_format: ReportFormatOption = ReportFormat.text,
    select: Annotated[
        str | None, typer.Option(help="Only these rules, comma-separated (e.g. broken-link,broken-anchor).")
    ] = None,
    ignore: Annotated[str | None, typer.Option(help="Leave out these rules, comma-separated.")] = None,
    fail_on: FailOnOption = FailOn.error,
    only_paths: Annotated[
        bool,
        typer.Option(
            "--only-paths",
            help="Without PATHS, report only links into notes deleted since git's HEAD, not the "
            "whole vault: for a pre-commit hook that also runs when a commit only deletes notes.",
        ),
    ] = False,
    baseline: Annotated[
        Path | None,
        typer.Option(
            "--baseline",
            metavar="FILE",
            help="Report and fail only on findings FILE doesn't hold, and say how many it holds "
            "that are fixed. Default: vault.toml's `baseline`, if set.",
            show_default=False,
        ),
    ] = None,
    write_baseline: Annotated[
        bool,
        typer.Option(
            "--write-baseline",
            help="Record today's findings in the baseline (--baseline FILE, vault.toml's `baseline`, "
            "else vault-baseline.json at the vault root), dropping the fixed ones; then exit 0.",
        ),
    ] = False,
    dry_run: Annotated[
        bool,
        typer.Option("--dry-run", help="With --write-baseline: say what it would record, write nothing."),
    ] = False,
    stats: Annotated[
        bool,
        typer.Option(
            "--stats",
            help="After the findings, count them by rule and list the files with the most (on "
            "stderr; in JSON, a `stats` key).",
        ),
    ] = False,
) -> None:
    """Lint links, embeds, anchors and frontmatter; report findings in PATHS (default: all).

    Links resolve against the whole vault, whatever PATHS say. With PATHS, links anywhere that
    led to a note deleted since git's last commit are reported too. Paths outside the vault are
    skipped.

    [bold]Examples[/bold]

      vault check                          # the vault around the current folder

      vault check notes --format github    # annotations on a pull request

      vault check notes/insights --select broken-link --fail-on warning

      vault check --write-baseline         # record today's findings: CI fails only on new ones
    """
    from ..baseline import baseline_file, ratchet
    from ..checker import check as run_check
    from ..checker import scope
    from ..config import load_config
    from ..gitstate import deleted_paths

    selected, ignored = _rules(select, "--select"), _rules(ignore, "--ignore")
    if dry_run and not write_baseline:
        fail("--dry-run goes with --write-baseline: a check writes nothing else")
    paths = paths or []
    root = find_vault_root(vault, first_in_a_vault(paths))
    with usage_errors():
        config = load_config(root).turning_on(selected)  # --select orphan-note: report orphans
    loaded = open_vault(root, no_cache=no_cache, config=config)
    selection = vault_paths(loaded.root, paths)
    if selection is None and only_paths:
        selection = []
    # Given files (as pre-commit gives the staged ones), a note deleted since the last commit
    # breaks links in notes that were not given: git's HEAD still says which notes those were.
    deleted = deleted_paths(loaded.root) if selection is not None and "" not in selection else ()
    with usage_errors():  # a broken schema is read only now
        report = run_check(loaded, selection, selected, ignored, deleted)
    file = baseline_file(loaded.root, loaded.config, baseline, write=write_baseline)
    if file is not None:
        with usage_errors():
            in_scope = scope(selection, selected, ignored)
            report = ratchet(loaded, report, file, in_scope, write=write_baseline, dry_run=dry_run)
        if write_baseline and baseline is None and loaded.config.baseline is None:
            typer.echo(
                f'vault: add baseline = "{file.name}" to vault.toml, and every check compares with it',
                err=True,
            )
    finish(report, output_format.value, fail_on.value, stats=stats, title="vault check")
