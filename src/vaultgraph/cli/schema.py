"""`vault schema infer`: a draft JSON Schema from the frontmatter the vault already has."""

from __future__ import annotations

from enum import StrEnum
from typing import Annotated

import typer

from ..plural import plural
from .common import (
    NoCacheOption,
    PathsArgument,
    VaultOption,
    first_in_a_vault,
    open_vault,
    stderr_console,
    vault_paths,
    write,
)

app = typer.Typer(help="Work with the vault's frontmatter schema.", no_args_is_help=True)


class SchemaFormat(StrEnum):
    yaml = "yaml"
    json = "json"


@app.command("infer")
def infer(
    paths: PathsArgument = None,
    vault: VaultOption = None,
    no_cache: NoCacheOption = False,
    output_format: Annotated[SchemaFormat, typer.Option("--format", "-f", help="Output format.")] = (
        SchemaFormat.yaml
    ),
) -> None:
    """Print a draft JSON Schema that every note's frontmatter satisfies.

    Types seen, enums for keys with few distinct values, date and URL formats, numeric ranges;
    keys in at least 95% of notes are required. Review it, save it, and name it in vault.toml.

    [bold]Examples[/bold]

      vault schema infer > schema.yaml            # then: schema = "schema.yaml" in vault.toml

      vault schema infer notes/people             # a schema for one folder's notes
    """
    import json

    from ..checker import within
    from ..infer import infer_schema

    paths = paths or []
    loaded = open_vault(vault, first_in_a_vault(paths), no_cache=no_cache)
    prefixes = vault_paths(loaded.root, paths)
    # Notes whose frontmatter is not YAML would teach the draft that they have none.
    notes = [
        note
        for path, note in loaded.parsed.items()
        if within(path, prefixes) and note.readable and not note.problems
    ]
    schema = infer_schema(note.frontmatter for note in notes)
    if output_format is SchemaFormat.json:
        write(json.dumps(schema, indent=2, ensure_ascii=False) + "\n")
    else:
        import yaml

        header = (
            f"# A draft JSON Schema drawn from {plural(len(notes), 'note')} by `vault schema infer`.\n"
            '# Review it, save it (e.g. as schema.yaml) and name it in vault.toml: schema = "schema.yaml"\n'
        )
        write(header + yaml.safe_dump(schema, sort_keys=False, allow_unicode=True, width=100))
    stderr_console().print(f"inferred from {plural(len(notes), 'note')}", highlight=False)
