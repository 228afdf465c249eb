"""`vault validate`: check frontmatter against the vault's JSON Schema; built for pre-commit."""

from __future__ import annotations

from dataclasses import replace
from pathlib import Path
from typing import TYPE_CHECKING, Annotated

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

if TYPE_CHECKING:
    from ..config import Config


def validate(
    paths: PathsArgument = None,
    vault: VaultOption = None,
    no_cache: NoCacheOption = False,
    output_format: ReportFormatOption = ReportFormat.text,
    fail_on: FailOnOption = FailOn.error,
    schema: Annotated[
        Path | None,
        typer.Option(
            help="Validate every note against this schema file (in the vault) instead of those "
            "vault.toml names: to try a draft from `vault schema infer` before adopting it.",
            show_default=False,
        ),
    ] = None,
) -> None:
    """Validate frontmatter against the schema named in vault.toml; report invalid YAML too.

    Given files, reads only those files: fast enough for a pre-commit hook on a vault of any
    size. Files outside the vault, hidden, ignored or not notes are skipped.

    [bold]Examples[/bold]

      vault validate                                  # every note of the vault here

      vault validate notes/insights/pilot.md          # one note, as pre-commit runs it

      vault validate notes --format github            # annotations on a pull request

      vault validate --schema draft.yaml              # try a schema before naming it in vault.toml
    """
    from ..checker import validate as run_validate
    from ..checker import validate_files
    from ..config import CONFIG_NAME, load_config

    paths = paths or []
    root = find_vault_root(vault, first_in_a_vault(paths))
    with usage_errors():
        config = load_config(root)
    if schema is not None:
        config = _only_schema(config, schema, root)
    elif not (config.schema or config.schemas_by_type or config.schemas_by_folder):
        typer.echo(
            f"vault: no schema named in {root / CONFIG_NAME}: only checking that frontmatter is valid YAML "
            "(`vault schema infer` drafts one)",
            err=True,
        )
    selection = vault_paths(root, paths)
    if selection is not None and all(path.is_file() for path in paths):
        # As pre-commit calls it: read these files and nothing else, not even the folder listing.
        with usage_errors():
            report = validate_files(root, config, selection, use_cache=not no_cache)
    else:
        loaded = open_vault(root, no_cache=no_cache, config=config)
        with usage_errors():
            report = run_validate(loaded, selection)
    finish(report, output_format.value, fail_on.value, title="vault validate")


def _only_schema(config: Config, schema: Path, root: Path) -> Config:
    """``config`` with ``schema`` as the one schema for every note."""
    if not schema.is_file():
        fail(f"--schema: no such file: {schema}")
    try:
        relative = schema.resolve().relative_to(root).as_posix()
    except ValueError:
        fail(f"--schema: {schema} is outside the vault {root}; schemas live in the vault")
    return replace(config, schema=relative, schemas_by_type={}, schemas_by_folder={})
