"""`vault validate`: check frontmatter against the vault's JSON Schema; built for pre-commit."""

from __future__ import annotations

from pathlib import Path
from typing import Annotated

import typer

from .check import CheckFormat, FailOn
from .common import (
    NoCacheOption,
    VaultOption,
    fail,
    finish,
    open_vault,
    plural,
    relative_paths,
    usage_errors,
)


def validate(
    paths: Annotated[
        list[Path] | None,
        typer.Argument(
            help="Notes or folders to validate (default: the whole vault).",
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
    fail_on: Annotated[
        FailOn, typer.Option(help="Exit 1 when a finding has this severity or worse.")
    ] = FailOn.error,
) -> None:
    """Validate frontmatter against the schema named in vault.toml; report invalid YAML too.

    Given files, reads only those files: fast enough for a pre-commit hook on a vault of any
    size. Files outside the vault, hidden, ignored or not notes are skipped.

    [bold]Examples[/bold]

      vault validate                                  # every note of the vault here

      vault validate notes/insights/pilot.md          # one note, as pre-commit runs it

      vault validate notes --format github            # annotations on a pull request
    """
    from ..checker import validate as run_validate
    from ..loader import load_notes

    paths = paths or []
    for path in paths:
        if not path.exists():
            fail(f"no such file or folder: {path}")
    if paths and all(path.is_file() for path in paths):
        # As pre-commit calls it: read these files and nothing else, not even the folder listing.
        root = vault.resolve() if vault is not None else _root_of(paths)
        inside = [path for path in paths if path.resolve().is_relative_to(root)]
        if len(inside) < len(paths):
            outside = plural(len(paths) - len(inside), "file")
            typer.echo(f"vault: skipped {outside} outside the vault {root}", err=True)
        with usage_errors():
            loaded = load_notes(root, [path.resolve().relative_to(root).as_posix() for path in inside])
            report = run_validate(loaded)
    else:
        loaded = open_vault(vault, paths[0] if paths else None, no_cache=no_cache)
        with usage_errors():
            report = run_validate(loaded, relative_paths(loaded, paths))
    finish(report, output_format.value, fail_on.value)


def _root_of(files: list[Path]) -> Path:
    """The vault of the first file that is inside one; pre-commit passes files from all over a
    repository, README.md among them, and the vault may be one folder of it."""
    from ..config import find_root, marked_root

    for file in files:
        root = marked_root(file)
        if root is not None:
            return root
    return find_root(files[0])
