"""`vault search QUERY`: full-text search over the notes, ranked, with the matches shown."""

from __future__ import annotations

from typing import Annotated

import typer

from .common import (
    FormatOption,
    ListFormat,
    NoCacheOption,
    VaultOption,
    fail,
    open_vault,
    stdout_console,
    write,
)


def search(
    query: Annotated[str, typer.Argument(help='Words, "a phrase", OR, NOT, prefix* (SQLite FTS5 syntax).')],
    vault: VaultOption = None,
    limit: Annotated[int, typer.Option("--limit", "-n", min=1, help="At most this many notes.")] = 20,
    no_cache: NoCacheOption = False,
    output_format: FormatOption = ListFormat.table,
) -> None:
    """Search the text of every note; the best matches first, each with a snippet.

    The index lives in the cache and is updated for changed notes on every search.

    [bold]Examples[/bold]

      vault search "pilot production" --vault notes

      vault search 'roi NOT pilot*' --vault notes --format json
    """
    from ..report.listings import hit_record, hits_table, to_json
    from ..search import SearchError
    from ..search import search as run_search

    loaded = open_vault(vault, no_cache=no_cache)
    try:
        hits = run_search(loaded, query, limit)
    except SearchError as error:
        fail(f"cannot search for {query!r}: {error}")
    if output_format is ListFormat.json:
        write(to_json(hit_record(hit) for hit in hits))
    elif hits:
        stdout_console().print(hits_table(hits))
    else:
        stdout_console().print(f"no note matches {query!r}", style="dim")
