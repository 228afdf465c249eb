"""`vault graph`: the link graph, or the notes a query selects, as JSON, GraphML, GEXF, DOT,
Mermaid or an interactive HTML page. Argument handling only: :mod:`vaultgraph.export` does the work."""

from __future__ import annotations

from enum import StrEnum
from pathlib import Path
from typing import Annotated

import typer

from ..plural import plural
from .common import (
    NoCacheOption,
    VaultOption,
    fail,
    open_vault,
    parse_query_or_fail,
    run_query_or_fail,
    usage_errors,
    write,
)


class ExportFormat(StrEnum):
    json = "json"
    graphml = "graphml"
    gexf = "gexf"
    dot = "dot"
    mermaid = "mermaid"
    html = "html"


def graph(
    vault: VaultOption = None,
    no_cache: NoCacheOption = False,
    output_format: Annotated[
        ExportFormat,
        typer.Option(
            "--format",
            "-f",
            help="json (node-link data); graphml (yEd, Cytoscape); gexf (Gephi); dot (Graphviz); "
            "mermaid (a flowchart for markdown); html (one interactive page that works offline).",
        ),
    ] = ExportFormat.json,
    output: Annotated[
        Path | None,
        typer.Option(
            "--output", "-o", metavar="FILE", dir_okay=False, help="Write to FILE (atomically), not stdout."
        ),
    ] = None,
    source: Annotated[
        str | None,
        typer.Option(
            "--from",
            metavar="SOURCE",
            help='Only the notes FROM this source, as in vault query: #tag, "folder", \\[\\[note]]...',
        ),
    ] = None,
    where: Annotated[
        str | None,
        typer.Option(
            "--where", metavar="EXPR", help="Only the notes for which EXPR is true, as in vault query."
        ),
    ] = None,
    dry_run: Annotated[
        bool,
        typer.Option(
            "--dry-run", help="Say on stderr what would be written (where, format, size); write nothing."
        ),
    ] = False,
) -> None:
    """Export the link graph: a node per note, linked attachment and missing note, an edge per
    linked pair with its number of links.

    With --from and --where: the notes that LIST FROM SOURCE WHERE EXPR lists,
    the links among them, and the attachments and missing notes they link to.

    JSON: {"nodes": [{"id", "kind", "title", "folder", "tags", "in_degree"}],
    "links": [{"source", "target", "count"}]}; in_degree counts the other nodes linking in.

    [bold]Examples[/bold]

      vault graph --format html -o graph.html

      vault graph --format mermaid --from '"projects"' --where 'status = "active"'

      vault graph --format gexf --from '#ai' -o ai.gexf
    """
    from ..export import filter_query, render, selected_notes, subgraph
    from ..export.html import link_base
    from ..query import QueryError

    text = filter_query(source, where)
    what = "--from/--where"
    parsed = parse_query_or_fail(text, what) if text is not None else None
    loaded = open_vault(vault, no_cache=no_cache)
    notes = None
    if parsed is not None:
        try:
            notes = selected_notes(run_query_or_fail(loaded, parsed, what))
        except QueryError as error:  # groups, not notes
            fail(f"{what}: {error}")
    with usage_errors():
        exported = subgraph(loaded.graph, notes)
    size = f"{plural(len(exported.nodes), 'node')}, {plural(len(exported.edges), 'edge')}"
    target = str(output) if output is not None else "stdout"
    if dry_run:
        typer.echo(f"vault: would write {target} ({output_format.value}, {size})", err=True)
        return
    folder = output.resolve().parent if output is not None else Path.cwd()
    rendered = render(
        exported, output_format.value, title=loaded.root.name, link_base=link_base(loaded.root, folder)
    )
    if output is None:
        write(rendered)
        return
    from ..atomic import write_atomically

    try:
        write_atomically(output, rendered)
    except OSError as error:
        fail(f"can't write {output}: {error.strerror or error}")
    typer.echo(f"vault: wrote {target} ({output_format.value}, {size})", err=True)
