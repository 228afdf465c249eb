"""`vault check`: lint links and frontmatter; exit 1 on findings."""

from __future__ import annotations

from enum import StrEnum
from pathlib import Path
from typing import Annotated

import typer

from .common import (
    NoCacheOption,
    VaultOption,
    fail,
    open_vault,
    plural,
    relative_paths,
    stderr_console,
    stdout_color_system,
    write,
)


class CheckFormat(StrEnum):
    text = "text"
    json = "json"
    github = "github"
    sarif = "sarif"


class FailOn(StrEnum):
    error = "error"
    warning = "warning"


def _rules(option: str | None, name: str) -> list[str]:
    from ..checker import unknown_rules

    rules = [rule.strip() for rule in (option or "").split(",") if rule.strip()]
    unknown = unknown_rules(rules)
    if unknown:
        from ..model import RULES

        fail(f"{name}: unknown rule {unknown[0]!r} (rules: {', '.join(RULES)})")
    return rules


def check(
    paths: Annotated[
        list[Path] | None,
        typer.Argument(
            help="Files or folders to report on (default: the whole vault).",
            metavar="PATHS",
            show_default=False,
        ),
    ] = None,
    vault: VaultOption = None,
    no_cache: NoCacheOption = False,
    output_format: Annotated[
        CheckFormat,
        typer.Option(
            "--format", "-f", help="text: path:line:col lines; json; github: Actions annotations; sarif."
        ),
    ] = CheckFormat.text,
    select: Annotated[
        str | None, typer.Option(help="Only these rules, comma-separated (e.g. broken-link,broken-anchor).")
    ] = None,
    ignore: Annotated[str | None, typer.Option(help="Leave out these rules, comma-separated.")] = None,
    fail_on: Annotated[
        FailOn, typer.Option(help="Exit 1 when a finding has this severity or worse.")
    ] = FailOn.error,
) -> None:
    """Lint links, embeds, anchors and frontmatter; report findings in PATHS (default: all).

    Links resolve against the whole vault, whatever PATHS say.

    [bold]Examples[/bold]

      vault check                          # the vault around the current folder

      vault check notes --format github    # annotations on a pull request

      vault check notes/insights --select broken-link --fail-on warning
    """
    from ..checker import check as run_check
    from ..report import REPORTER_BY_NAME

    selected, ignored = _rules(select, "--select"), _rules(ignore, "--ignore")
    paths = paths or []
    loaded = open_vault(vault, paths[0] if paths else None, no_cache=no_cache)
    report = run_check(loaded, relative_paths(loaded, paths), selected, ignored)
    write(REPORTER_BY_NAME[output_format.value](stdout_color_system()).render(report))
    counts = report.counts()
    errors, warnings = plural(counts["error"], "error"), plural(counts["warning"], "warning")
    summary = f"{errors}, {warnings} in {plural(report.notes, 'note')}"
    stderr_console().print(summary, highlight=False, soft_wrap=True)
    if report.fails(fail_on.value):
        raise typer.Exit(1)
