"""What every command shares: its options, finding and loading the vault, and errors as exit 2."""

from __future__ import annotations

import os
import sys
from collections.abc import Iterator, Sequence
from contextlib import contextmanager
from enum import StrEnum
from pathlib import Path
from typing import TYPE_CHECKING, Annotated, NoReturn

import typer

from ..plural import plural

if TYPE_CHECKING:
    from rich.console import Console

    from ..checker import CheckReport
    from ..config import Config
    from ..query import Query, QueryResult
    from ..vault import Note, Vault

VaultOption = Annotated[
    Path | None,
    typer.Option(
        "--vault",
        help="The vault's root folder. Default: the nearest folder above the first PATH (or the "
        "current folder) holding vault.toml or .obsidian/, else that folder itself.",
        show_default=False,
    ),
]


NoCacheOption = Annotated[
    bool,
    typer.Option(
        "--no-cache",
        envvar="VAULTGRAPH_NO_CACHE",
        help="Read every note afresh, without using or updating the cache in VAULT/.vault/.",
    ),
]


#: PATHS of the commands that take files or folders (check, validate, schema infer).
PathsArgument = Annotated[
    list[Path] | None,
    typer.Argument(
        help="Files or folders (default: the whole vault); those outside the vault are skipped.",
        metavar="PATHS",
        show_default=False,
    ),
]


class ReportFormat(StrEnum):
    """The formats of findings (`vault check`, `vault validate`), one per reporter."""

    text = "text"
    json = "json"
    github = "github"
    sarif = "sarif"
    junit = "junit"


ReportFormatOption = Annotated[
    ReportFormat,
    typer.Option(
        "--format",
        "-f",
        help="text: path:line:col lines; json; github: Actions annotations (and a step summary "
        "in $GITHUB_STEP_SUMMARY); sarif; junit: JUnit XML, a test case per note.",
    ),
]


class FailOn(StrEnum):
    error = "error"
    warning = "warning"


FailOnOption = Annotated[FailOn, typer.Option(help="Exit 1 when a finding has this severity or worse.")]


class ListFormat(StrEnum):
    table = "table"
    json = "json"


FormatOption = Annotated[ListFormat, typer.Option("--format", "-f", help="Output format.")]


def fail(message: str) -> NoReturn:
    """A usage, configuration or I/O error: one line on stderr, exit 2."""
    typer.echo(f"vault: error: {message}", err=True)
    raise typer.Exit(2)


@contextmanager
def usage_errors() -> Iterator[None]:
    """Turn the library's expected errors into `fail`; anything else is a bug and shows as one."""
    from ..config import ConfigError
    from ..errors import NoteNotFound, VaultNotFound

    try:
        yield
    except (ConfigError, VaultNotFound, NoteNotFound) as error:
        fail(str(error))


def stdout_console() -> Console:
    from rich.console import Console

    return _escaping(Console(soft_wrap=False))


def stdout_color_system() -> str | None:
    """How to colour stdout: None unless it is a terminal (or FORCE_COLOR), and never with NO_COLOR."""
    if not _may_colour(sys.stdout):
        return None  # without importing rich: hooks and CI pipe the output of every run
    console = stdout_console()
    return None if console.no_color else console.color_system


def _may_colour(stream: object) -> bool:
    """Whether rich could colour ``stream``: a terminal, or colour forced by the environment."""
    isatty = getattr(stream, "isatty", None)
    forced = any(os.environ.get(name) for name in ("FORCE_COLOR", "TTY_COMPATIBLE", "TTY_INTERACTIVE"))
    return forced or bool(isatty and isatty())


def stderr_console() -> Console:
    from rich.console import Console

    return _escaping(Console(stderr=True))


def _escaping(console: Console) -> Console:
    """``console``, printing the control characters of names and links as escapes."""
    from ..report.terminal import escape_control

    console.push_render_hook(escape_control())
    return console


def find_vault_root(vault: Path | None, first_path: Path | None) -> Path:
    from ..config import find_root

    if vault is not None:
        if not vault.is_dir():
            fail(f"vault folder not found: {vault}")
        return vault.resolve()
    start = first_path if first_path is not None else Path.cwd()
    if not start.exists():
        fail(f"no such file or folder: {start}")
    return find_root(start)


def first_in_a_vault(paths: Sequence[Path]) -> Path | None:
    """The first of ``paths`` inside a folder marked as a vault, else the first of them: hooks
    pass files from all over a repository (README.md among them), and the vault may be one
    folder of it."""
    from ..config import marked_root

    return next((path for path in paths if marked_root(path) is not None), paths[0] if paths else None)


def open_vault(
    vault: Path | None,
    first_path: Path | None = None,
    *,
    no_cache: bool = False,
    config: Config | None = None,
) -> Vault:
    """Find the root as the CLI spec says and load it (with ``config`` instead of its vault.toml,
    if given). Notes are read when a command first needs them, with a progress bar on stderr if
    that takes a while."""
    from ..journal import recover
    from ..loader import load
    from .progress import LoadProgress

    root = find_vault_root(vault, first_path)
    # A `vault mv` killed part way is finished (or undone) before its half-moved files are read.
    try:
        message = recover(root)
    except OSError as error:
        fail(f"cannot finish an interrupted move: {error}")
    if message is not None:
        typer.echo(f"vault: {message}", err=True)
    with usage_errors():
        # A bar only on a terminal: elsewhere (CI, hooks) rich is not even imported.
        progress = LoadProgress(stderr_console()) if _may_colour(sys.stderr) else None
        return load(root, config=config, progress=progress, use_cache=not no_cache)


def open_note(note: str, vault: Path | None, *, no_cache: bool = False) -> tuple[Vault, Note]:
    """Load the vault and find NOTE, a link target (`power-law-returns`) or an existing file."""
    as_file = Path(note)
    if vault is None and as_file.is_file():
        loaded = open_vault(None, as_file, no_cache=no_cache)
        with usage_errors():
            relative = as_file.resolve().relative_to(loaded.root).as_posix()
            return loaded, loaded.find_note(relative)
    loaded = open_vault(vault, no_cache=no_cache)
    with usage_errors():
        return loaded, loaded.find_note(note)


def vault_paths(root: Path, paths: list[Path]) -> list[str] | None:
    """PATHS arguments as vault paths; None when none are given (the whole vault). A path that
    doesn't exist is a usage error; one outside the vault is skipped with a note on stderr, as
    hooks hand over files from all over a repository."""
    if not paths:
        return None
    selected = []
    outside = []
    for path in paths:
        if not path.exists():
            fail(f"no such file or folder: {path}")
        try:
            relative = path.resolve().relative_to(root).as_posix()
        except ValueError:
            outside.append(path)
            continue
        selected.append("" if relative == "." else relative)
    if outside:
        typer.echo(f"vault: skipped {plural(len(outside), 'path')} outside the vault {root}", err=True)
    return selected


def write(text: str) -> None:
    """Results to stdout, flushed so that they come before any summary on stderr."""
    sys.stdout.write(text)
    sys.stdout.flush()


def finish(
    report: CheckReport, output_format: str, fail_on: str, *, stats: bool = False, title: str = "vault"
) -> None:
    """Write a check's findings in ``output_format``, a summary on stderr (with ``stats``, the
    counts by rule and file too; in JSON, a ``stats`` key instead), and exit 1 on findings at or
    above ``fail_on``. Under GitHub Actions, ``github`` also appends a summary titled ``title``
    to the job's page."""
    from ..report import reporter
    from ..report.stats import baseline_summary, stats_markdown, stats_text, summary

    in_document = stats and output_format == "json"
    write(reporter(output_format, stdout_color_system(), fail_on=fail_on, stats=in_document).render(report))
    lines = [summary(report)]
    said = baseline_summary(report)
    if said is not None:
        lines.append(said)
    if stats and not in_document:
        lines.append(stats_text(report).rstrip("\n"))
    if _may_colour(sys.stderr):
        stderr_console().print("\n".join(lines), highlight=False, soft_wrap=True)
    else:
        typer.echo("\n".join(lines), err=True)
    step_summary = os.environ.get("GITHUB_STEP_SUMMARY")
    if output_format == "github" and step_summary:
        # Appended, as GitHub asks: every step of the job writes to the same file.
        try:
            with open(step_summary, "a", encoding="utf-8") as file:
                file.write(stats_markdown(report, title))
        except OSError as error:
            typer.echo(f"vault: could not write the step summary {step_summary}: {error}", err=True)
    if report.fails(fail_on):
        raise typer.Exit(1)


def parse_query_or_fail(text: str, what: str) -> Query:
    """``text`` parsed by the query language; a syntax error shows the query with a caret under
    the column on stderr, then is a usage error naming ``what`` was wrong (an argument)."""
    from ..query import QuerySyntaxError, parse_query

    try:
        return parse_query(text)
    except QuerySyntaxError as error:
        typer.echo(error.pointer(), err=True)
        fail(f"{what}, column {error.column}: {error.message}")


def run_query_or_fail(vault: Vault, query: Query, what: str) -> QueryResult:
    """The answer of ``query``; a value it can't compute (``date * 2``) is a usage error."""
    from ..query import QueryError, run_query

    with usage_errors():
        try:
            return run_query(vault, query)
        except QueryError as error:
            fail(f"{what}: {error}")
