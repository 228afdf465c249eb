"""The `vault` command line: argument handling only; the work is done by the library.

Each command lives in its own module and imports its heavy dependencies (YAML, networkx, rich
tables) inside the function, so `vault --help` and `vault --version` start fast.
"""

from __future__ import annotations

import sys

import typer

from .. import __version__
from . import backlinks, cache, check, export, graphs, links, query, refactor, schema, search, validate

app = typer.Typer(
    name="vault",
    epilog="Exit codes: 0 clean, 1 findings, 2 usage or configuration error. Docs: README.md",
    no_args_is_help=True,
    rich_markup_mode="rich",
    context_settings={"help_option_names": ["-h", "--help"]},
)


_VERSION = f"vault (vaultgraph) {__version__}"


def _print_version(value: bool) -> None:
    if value:
        typer.echo(_VERSION)
        raise typer.Exit()


@app.callback()
def _root(
    version: bool = typer.Option(
        False, "--version", callback=_print_version, is_eager=True, help="Show the version and exit."
    ),
) -> None:
    """Lint and explore a vault of markdown notes with \\[\\[wikilinks]] and YAML frontmatter."""


app.command("check")(check.check)
app.command("validate")(validate.validate)
app.command("links")(links.links)
app.command("backlinks")(backlinks.backlinks)
app.command("search")(search.search)
app.command("query")(query.query)
app.command("orphans")(graphs.orphans)
app.command("dead-ends")(graphs.dead_ends)
app.command("wanted")(graphs.wanted)
app.command("hubs")(graphs.hubs)
app.command("path")(graphs.path)
app.command("neighbors")(graphs.neighbors)
app.command("clusters")(graphs.clusters)
app.command("related")(graphs.related)
app.command("tags")(graphs.tags)
app.command("stats")(graphs.stats)
app.command("graph")(export.graph)
app.command("mv")(refactor.mv)
app.command("fix")(refactor.fix)
app.add_typer(schema.app, name="schema")
app.add_typer(cache.app, name="cache")


def main() -> None:
    # Answered before typer builds every command's options from their signatures: that is a
    # third of the start-up, and all `vault --version` would otherwise spend it on.
    if sys.argv[1:] == ["--version"]:
        typer.echo(_VERSION)
        return
    app()
