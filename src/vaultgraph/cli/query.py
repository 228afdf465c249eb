"""`vault query`: a Dataview-style query (LIST / TABLE ... FROM ... WHERE ... SORT ...)."""

from __future__ import annotations

from enum import StrEnum
from typing import Annotated

import typer

from .common import (
    NoCacheOption,
    VaultOption,
    open_vault,
    parse_query_or_fail,
    run_query_or_fail,
    stdout_console,
    write,
)


class QueryFormat(StrEnum):
    table = "table"
    json = "json"
    csv = "csv"
    markdown = "markdown"


def query(
    text: Annotated[str, typer.Argument(metavar="QUERY", help="The query, quoted for the shell.")],
    vault: VaultOption = None,
    no_cache: NoCacheOption = False,
    output_format: Annotated[
        QueryFormat,
        typer.Option(
            "--format", "-f", help="table; json (one object a row); csv; markdown (to paste into a note)."
        ),
    ] = QueryFormat.table,
) -> None:
    """Ask the vault a question in Dataview's query language (a subset: see README).

    [bold]Examples[/bold]

      vault query 'TABLE novelty_score FROM #enterprise WHERE novelty_score > 0.7 SORT date_added DESC'

      vault query 'LIST FROM "insights" WHERE contains(themes, "AI ROI")'

      vault query 'TABLE length(rows) AS notes GROUP BY type' --format json
    """
    from ..report import query_output

    parsed = parse_query_or_fail(text, "query")
    result = run_query_or_fail(open_vault(vault, no_cache=no_cache), parsed, "query")
    if output_format is QueryFormat.table:
        if result.rows:
            stdout_console().print(query_output.result_table(result))
        else:
            stdout_console().print("no results", style="dim")
    else:
        render = {
            QueryFormat.json: query_output.result_json,
            QueryFormat.csv: query_output.result_csv,
            QueryFormat.markdown: query_output.result_markdown,
        }[output_format]
        write(render(result))
