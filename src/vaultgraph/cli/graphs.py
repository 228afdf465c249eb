"""The commands that explore the link graph: `orphans`, `dead-ends`, `wanted`, `hubs`, `path`,
`neighbors`, `clusters`, `related`, `tags` and `stats`. Argument handling only: the answers come
from :mod:`vaultgraph.analysis`, their look from :mod:`vaultgraph.report.graph_listings`."""

from __future__ import annotations

from collections.abc import Callable, Sequence
from contextlib import suppress
from enum import StrEnum
from pathlib import Path
from typing import TYPE_CHECKING, Annotated, Any

import typer

from .common import (
    FormatOption,
    ListFormat,
    NoCacheOption,
    VaultOption,
    open_note,
    open_vault,
    stdout_console,
    usage_errors,
    write,
)

if TYPE_CHECKING:
    from rich.console import RenderableType

    from ..vault import Note, Vault

NoteArgument = Annotated[
    str, typer.Argument(help="A note, named as in a wikilink (power-law-returns, concepts/x.md).")
]
TopOption = Annotated[int, typer.Option("--top", "-n", min=1, help="How many notes to list.")]


class RankBy(StrEnum):
    in_degree = "in-degree"
    pagerank = "pagerank"


def _show(
    output_format: ListFormat,
    records: Sequence[dict[str, Any]],
    render: Callable[[], RenderableType],
    empty: str,
) -> None:
    """JSON records, or the table ``render`` makes (``empty`` in its place when there are none)."""
    from ..report.listings import to_json

    if output_format is ListFormat.json:
        write(to_json(records))
    elif records:
        stdout_console().print(render())
    else:
        stdout_console().print(empty, style="dim")


def orphans(
    vault: VaultOption = None, no_cache: NoCacheOption = False, output_format: FormatOption = ListFormat.table
) -> None:
    """List notes linked with no other note or attachment, either way: those Obsidian's graph
    shows alone. Self-links and links to missing notes don't connect a note.

    JSON: [{"path", "title"}].
    """
    from ..analysis.ranking import orphans as find_orphans
    from ..report.graph_listings import record, table

    records = [record(item) for item in find_orphans(open_vault(vault, no_cache=no_cache).graph)]
    _show(output_format, records, lambda: table(records, ("path", "title")), "no orphans")


def dead_ends(
    vault: VaultOption = None, no_cache: NoCacheOption = False, output_format: FormatOption = ListFormat.table
) -> None:
    """List notes that other notes link to but that link to no other note, the most linked first.
    Links to attachments and missing notes lead no further, so they don't count.

    JSON: [{"path", "title", "notes", "links"}]: the distinct notes and the links into it.
    """
    from ..analysis.ranking import dead_ends as find_dead_ends
    from ..report.graph_listings import record, table

    records = [record(item) for item in find_dead_ends(open_vault(vault, no_cache=no_cache).graph)]
    _show(output_format, records, lambda: table(records, ("path", "notes", "links")), "no dead ends")


def wanted(
    vault: VaultOption = None, no_cache: NoCacheOption = False, output_format: FormatOption = ListFormat.table
) -> None:
    """List link targets that don't exist, those most notes link to first (then most links, then
    by name): the notes worth writing next.

    JSON: [{"target", "notes", "links", "linked_from"}].
    """
    from ..analysis.ranking import wanted as find_wanted
    from ..report.graph_listings import record, table

    records = [record(item) for item in find_wanted(open_vault(vault, no_cache=no_cache).graph)]
    columns = ("target", "notes", "links", "linked_from")
    _show(output_format, records, lambda: table(records, columns), "no missing link targets")


def hubs(
    vault: VaultOption = None,
    no_cache: NoCacheOption = False,
    output_format: FormatOption = ListFormat.table,
    top: TopOption = 10,
    by: Annotated[
        RankBy,
        typer.Option(
            "--by",
            help="in-degree: distinct notes linking in, PageRank breaking ties; pagerank: the reverse.",
        ),
    ] = RankBy.in_degree,
) -> None:
    """List the most linked-to notes, with their PageRank over the note-to-note links.

    JSON: [{"rank", "path", "title", "notes", "links", "pagerank"}]: notes and links into it.
    """
    from ..analysis.ranking import hubs as find_hubs
    from ..report.graph_listings import ranked_records, table

    graph = open_vault(vault, no_cache=no_cache).graph
    records = ranked_records(find_hubs(graph, top, "pagerank" if by is RankBy.pagerank else "in-degree"))
    columns = ("rank", "path", "notes", "links", "pagerank")
    _show(output_format, records, lambda: table(records, columns), "no notes")


def path(
    start: NoteArgument,
    end: NoteArgument,
    vault: VaultOption = None,
    no_cache: NoCacheOption = False,
    output_format: FormatOption = ListFormat.table,
    undirected: Annotated[
        bool, typer.Option("--undirected", help="Follow links backwards too (a hop marked ←).")
    ] = False,
) -> None:
    """Show a shortest chain of links from START to END, each hop with the link that makes it.
    Exit 1, with a message on stderr, when there is none.

    JSON: [{"step", "from", "to", "direction", "line", "column", "link"}]; direction "out" when
    from links to to, "in" (with --undirected) when to links to from; line, column and link are
    those of the link in the note that holds it. No path: [] and exit 1.
    """
    from ..analysis.paths import hops, shortest_path
    from ..report.graph_listings import hop_record, path_table

    loaded, first = open_note(start, vault, no_cache=no_cache)
    last = _find_note(loaded, end)
    route = shortest_path(loaded.graph, first.path, last.path, undirected=undirected)
    if route is None:
        if output_format is ListFormat.json:
            write("[]\n")
        hint = "" if undirected else " (--undirected follows links backwards too)"
        typer.echo(f"vault: no path from {first.path} to {last.path}{hint}", err=True)
        raise typer.Exit(1)
    steps = hops(loaded, route)
    records = [hop_record(hop) for hop in steps]
    _show(output_format, records, lambda: path_table(steps), f"{first.path} is both START and END: no hops")


def _find_note(loaded: Vault, note: str) -> Note:
    """A second NOTE argument, found as open_note finds the first: a path to an existing file in
    the vault, or a name as in a wikilink."""
    as_file = Path(note)
    with usage_errors():
        if as_file.is_file():
            with suppress(ValueError):  # a file outside the vault: try it as a name
                return loaded.find_note(as_file.resolve().relative_to(loaded.root).as_posix())
        return loaded.find_note(note)


def neighbors(
    note: NoteArgument,
    vault: VaultOption = None,
    no_cache: NoCacheOption = False,
    output_format: FormatOption = ListFormat.table,
    depth: Annotated[int, typer.Option("--depth", "-d", min=1, help="How many links away.")] = 1,
) -> None:
    """List the notes within --depth links of NOTE, links followed either way, nearest first.

    JSON: [{"path", "title", "distance", "direction"}]; direction "out" (NOTE's links lead there
    in that many steps), "in" (its links lead to NOTE), "both", or "mixed" (only a path with
    links both ways is that short).
    """
    from ..analysis.paths import neighbors as find_neighbors
    from ..report.graph_listings import record, table

    loaded, found = open_note(note, vault, no_cache=no_cache)
    records = [record(item) for item in find_neighbors(loaded.graph, found.path, depth)]
    columns = ("distance", "direction", "path")
    _show(output_format, records, lambda: table(records, columns), f"no notes linked with {found.path}")


def clusters(
    vault: VaultOption = None,
    no_cache: NoCacheOption = False,
    output_format: FormatOption = ListFormat.table,
    min_size: Annotated[
        int, typer.Option("--min-size", min=1, help="Leave out smaller clusters (1 lists lone notes too).")
    ] = 2,
) -> None:
    """List groups of notes that link among themselves (Louvain communities, links either way,
    fixed seed), the largest first, each named by its most linked-to note.

    JSON: [{"cluster", "name", "size", "members"}].
    """
    from ..analysis.communities import clusters as find_clusters
    from ..report.graph_listings import cluster_records, table

    records = cluster_records(find_clusters(open_vault(vault, no_cache=no_cache).graph, min_size))
    columns = ("cluster", "name", "size", "members")
    _show(output_format, records, lambda: table(records, columns), "no clusters")


def related(
    note: NoteArgument,
    vault: VaultOption = None,
    no_cache: NoCacheOption = False,
    output_format: FormatOption = ListFormat.table,
    top: TopOption = 10,
) -> None:
    """List notes not linked with NOTE either way that share links or tags with it: candidates
    for a link. Each shared link target adds 1/log(its degree), each shared tag 1/log(notes with
    it) (Adamic-Adar: a rare shared link says more).

    JSON: [{"path", "title", "score", "shared_links", "shared_tags"}].
    """
    from ..analysis.communities import related as find_related
    from ..report.graph_listings import record, related_table

    loaded, found = open_note(note, vault, no_cache=no_cache)
    items = find_related(loaded.graph, found.path, top)
    records = [record(item) for item in items]
    _show(output_format, records, lambda: related_table(items), f"nothing related to {found.path}")


def tags(
    vault: VaultOption = None, no_cache: NoCacheOption = False, output_format: FormatOption = ListFormat.table
) -> None:
    """Count the notes with each tag, nested tags under their parents (#a/b counts toward #a).

    JSON: [{"tag", "notes", "direct"}]: notes with the tag or one under it, and with exactly it.
    """
    from ..analysis.tags import tag_counts
    from ..report.graph_listings import tag_record, tags_table

    items = tag_counts(open_vault(vault, no_cache=no_cache).graph)
    records = [tag_record(item) for item in items]
    _show(output_format, records, lambda: tags_table(items), "no tags")


def stats(
    vault: VaultOption = None, no_cache: NoCacheOption = False, output_format: FormatOption = ListFormat.table
) -> None:
    """Summarise the vault: notes, attachments, links, broken links, orphans, connected
    components (over notes and attachments), link density, most used tags and frontmatter fields.

    JSON: {"notes", "attachments", "links", "broken_links", "orphans", "components", "density",
    "top_tags": [{"tag", "notes"}], "top_fields": [{"field", "notes"}]}.
    """
    import json

    from ..analysis.stats import vault_stats
    from ..report.graph_listings import stats_record, stats_table

    found = vault_stats(open_vault(vault, no_cache=no_cache))
    if output_format is ListFormat.json:
        write(json.dumps(stats_record(found), indent=2, ensure_ascii=False) + "\n")
    else:
        stdout_console().print(stats_table(found))
