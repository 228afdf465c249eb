"""`vault links [NOTE]`: the outgoing links of one note, or of every note."""

from __future__ import annotations

from typing import Annotated

import typer

from .common import (
    FormatOption,
    ListFormat,
    NoCacheOption,
    VaultOption,
    open_note,
    open_vault,
    stdout_console,
    write,
)


def links(
    note: Annotated[
        str | None,
        typer.Argument(
            help="A note, named as in a wikilink (power-law-returns, concepts/x, concepts/x.md).",
            show_default=False,
        ),
    ] = None,
    vault: VaultOption = None,
    no_cache: NoCacheOption = False,
    output_format: FormatOption = ListFormat.table,
) -> None:
    """List links with where each resolves: NOTE's outgoing links, or every link in the vault.

    [bold]Examples[/bold]

      vault links pilot-to-production-gap --vault notes

      vault links --vault notes --format json | jq '.[] | select(.status != "ok")'
    """
    from ..report.listings import link_record, links_table, to_json

    title = None
    if note is None:
        loaded = open_vault(vault, no_cache=no_cache)
        items = list(loaded.links)
    else:
        loaded, found = open_note(note, vault, no_cache=no_cache)
        items = list(loaded.links_of([found.path]))
        title = found.path
    if output_format is ListFormat.json:
        write(to_json(link_record(item) for item in items))
        return
    console = stdout_console()
    if items:
        console.print(links_table(items, title))
    else:
        console.print("no links", style="dim")
