"""`vault check`: lint links and frontmatter; exit 1 on findings."""

from __future__ import annotations

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
) -> None:
    """Lint links, embeds, anchors and frontmatter; report findings in PATHS (default: all).

    Links resolve against the whole vault, whatever PATHS say. With PATHS, links anywhere that
    led to a note deleted since git's last commit are reported too. Paths outside the vault are
    skipped.

    [bold]Examples[/bold]

      vault check                          # the vault around the current folder

      vault check notes --format github    # annotations on a pull request

      vault check notes/insights --select broken-link --fail-on warning
    """
    from ..checker import check as run_check
    from ..config import load_config
    from ..gitstate import deleted_paths

    selected, ignored = _rules(select, "--select"), _rules(ignore, "--ignore")
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
    finish(report, output_format.value, fail_on.value)
