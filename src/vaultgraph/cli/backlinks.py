"""`vault backlinks NOTE`: the links into a note, and optionally its unlinked mentions."""

from __future__ import annotations

from typing import Annotated

import typer

from .common import FormatOption, ListFormat, NoCacheOption, VaultOption, open_note, stdout_console, write


def backlinks(
    note: Annotated[
        str, typer.Argument(help="A note, named as in a wikilink (power-law-returns, concepts/x.md).")
    ],
    vault: VaultOption = None,
    no_cache: NoCacheOption = False,
    unlinked: Annotated[
        bool,
        typer.Option("--unlinked", help="Also list plain-text mentions of the note's title or aliases."),
    ] = False,
    output_format: FormatOption = ListFormat.table,
) -> None:
    """List the links into NOTE, with the line each one stands on.

    [bold]Examples[/bold]

      vault backlinks power-law-returns --vault notes

      vault backlinks power-law-returns --unlinked --format json --vault notes
    """
    from ..backlinks import backlinks as find_backlinks
    from ..backlinks import unlinked_mentions
    from ..report.listings import backlink_record, backlinks_table, to_json

    loaded, found = open_note(note, vault, no_cache=no_cache)
    items = find_backlinks(loaded, found)
    if unlinked:
        items = sorted(items + unlinked_mentions(loaded, found), key=lambda b: (b.source, b.line, b.column))
    if output_format is ListFormat.json:
        write(to_json(backlink_record(item) for item in items))
        return
    console = stdout_console()
    if items:
        console.print(backlinks_table(items))
    else:
        console.print(f"nothing links to {found.path}", style="dim")
