"""The `vault` command line: argument handling only; the work is done by the library.

Each command lives in its own module and imports its heavy dependencies (YAML, networkx, rich
tables) inside the function, so `vault --help` and `vault --version` start fast.
"""

from __future__ import annotations

import gc
import sys
from collections.abc import Callable, Iterable

import typer

from .. import __version__
from . import backlinks, cache, check, export, graphs, links, query, refactor, schema, search, validate

_VERSION = f"vault (vaultgraph) {__version__}"

#: Every command, in the order `vault --help` lists them.
COMMANDS: dict[str, Callable[..., None] | typer.Typer] = {
    "check": check.check,
    "validate": validate.validate,
    "links": links.links,
    "backlinks": backlinks.backlinks,
    "search": search.search,
    "query": query.query,
    "orphans": graphs.orphans,
    "dead-ends": graphs.dead_ends,
    "wanted": graphs.wanted,
    "hubs": graphs.hubs,
    "path": graphs.path,
    "neighbors": graphs.neighbors,
    "clusters": graphs.clusters,
    "related": graphs.related,
    "tags": graphs.tags,
    "stats": graphs.stats,
    "graph": export.graph,
    "mv": refactor.mv,
    "fix": refactor.fix,
    "schema": schema.app,
    "cache": cache.app,
}


def _print_version(value: bool) -> None:
    if value:
        typer.echo(_VERSION)
        raise typer.Exit()


def _root(
    version: bool = typer.Option(
        False, "--version", callback=_print_version, is_eager=True, help="Show the version and exit."
    ),
) -> None:
    """Lint and explore a vault of markdown notes with \\[\\[wikilinks]] and YAML frontmatter."""


def make_app(names: Iterable[str] = COMMANDS) -> typer.Typer:
    """The `vault` command with the commands ``names`` (default: all)."""
    made = typer.Typer(
        name="vault",
        epilog="Exit codes: 0 clean, 1 findings, 2 usage or configuration error. Docs: README.md",
        no_args_is_help=True,
        rich_markup_mode="rich",
        context_settings={"help_option_names": ["-h", "--help"]},
    )
    made.callback()(_root)
    for name in names:
        command = COMMANDS[name]
        if isinstance(command, typer.Typer):
            made.add_typer(command, name=name)
        else:
            made.command(name)(command)
    return made


app = make_app()


def main() -> None:
    # A run is short, and what it builds (parse results, indexes, findings) holds no reference
    # cycles; the cyclic collector would only walk those millions of objects again and again
    # (0.2 s of a 50,000-note check). The little cyclic garbage a run leaves goes with it.
    gc.disable()
    # Typer builds every command's options from their signatures before it runs one: a third
    # of the start-up. `vault --version` needs none of them, and `vault check ...` only check's.
    arguments = sys.argv[1:]
    if arguments == ["--version"]:
        typer.echo(_VERSION)
        return
    if arguments and arguments[0] in COMMANDS:
        make_app([arguments[0]])()
    else:
        app()  # `vault --help`, a mistyped command: every command is listed
