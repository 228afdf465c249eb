"""`vault mv OLD NEW` (move a note, an attachment or a folder and rewrite the links to it) and
`vault fix` (repair broken links that have one confident candidate)."""

from __future__ import annotations

import os
from collections.abc import Iterator
from contextlib import contextmanager
from enum import StrEnum
from pathlib import Path
from typing import TYPE_CHECKING, Annotated

import typer

from ..plural import plural
from .common import (
    PathsArgument,
    VaultOption,
    fail,
    first_in_a_vault,
    open_vault,
    usage_errors,
    vault_paths,
    write,
)

if TYPE_CHECKING:
    from ..plan import Plan
    from ..vault import Vault


class FixFormat(StrEnum):
    text = "text"
    json = "json"


def mv(
    old: Annotated[
        str,
        typer.Argument(
            metavar="OLD", help="The note, attachment or folder: a path or a vault path.", show_default=False
        ),
    ],
    new: Annotated[
        str,
        typer.Argument(
            metavar="NEW",
            help="Where it goes; an existing folder (or a path ending in /) moves it into that folder.",
            show_default=False,
        ),
    ],
    vault: VaultOption = None,
    dry_run: Annotated[
        bool, typer.Option("--dry-run", help="Print the changes as a diff; change nothing.")
    ] = False,
) -> None:
    """Move a note, attachment or folder and rewrite every link to it (and in it), keeping each
    link's style. Exit 2, with nothing changed, when the move is refused."""
    from ..diskfiles import DiskFiles
    from ..moveplan import plan_move

    loaded = open_vault(vault, Path(old) if Path(old).exists() else None)
    files = DiskFiles(loaded.root)
    # NEW is read as OLD was: from the current folder, or (OLD a vault path) from the root.
    from_cwd = _from_cwd(loaded.root, old)
    old_path = _old_path(loaded, old, from_cwd)
    new_path = _vault_path(loaded.root, new, from_cwd)
    with _refusals():
        plan = plan_move(loaded, old_path, new_path, files.read, stamp=files.stamp, exists=files.exists)
    if dry_run:
        write(plan.diff())
        return
    _apply(loaded.root, plan, "vault mv")
    links = plural(plan.links, "link")
    typer.echo(f"moved {plan.old} to {plan.new}, rewrote {links} in {plural(plan.notes, 'note')}", err=True)


def _old_path(vault: Vault, old: str, from_cwd: bool) -> str:
    """OLD as a vault path: a file or folder, else a note named as a link would name it."""
    path = _vault_path(vault.root, old, from_cwd)
    if path in vault.files or any(file.startswith(path.rstrip("/") + "/") for file in vault.files):
        return path
    from ..errors import NoteNotFound

    try:
        return vault.find_note(old).path
    except NoteNotFound:
        return path  # the planner refuses it, saying so


def _from_cwd(root: Path, old: str) -> bool:
    """Whether the path arguments are paths from the current folder: when that is inside the vault
    or OLD exists from there; else they are vault paths, from the root."""
    given = Path(old)
    return given.is_absolute() or Path.cwd().resolve().is_relative_to(root) or given.exists()


def _vault_path(root: Path, argument: str, from_cwd: bool) -> str:
    """A path argument as a vault path (a trailing `/` kept)."""
    given = Path(argument)
    full = (Path.cwd().resolve() if from_cwd else root) / given
    # The folders resolved (the root is), the last name not: a symlinked note is moved itself.
    absolute = Path(os.path.abspath(full))
    relative = os.path.relpath(absolute.parent.resolve() / absolute.name if absolute.name else absolute, root)
    if relative == ".." or relative.startswith(".." + os.sep) or os.path.isabs(relative):
        fail(f"'{argument}' is outside the vault {root}")
    relative = Path(relative).as_posix()
    into = argument.endswith(("/", os.sep)) or (full.is_dir() and relative != ".")
    return relative + "/" if into else relative


def fix(
    paths: PathsArgument = None,
    vault: VaultOption = None,
    apply: Annotated[
        bool, typer.Option("--apply", help="Write the fixes (default: only show them).")
    ] = False,
    output_format: Annotated[
        FixFormat, typer.Option("--format", "-f", help="Output format.")
    ] = FixFormat.text,
) -> None:
    """Fix broken links in PATHS (default: all) that have one confident candidate: a file git saw
    renamed, the same name in another folder, a doubled .md, one close name.

    Shows the fixes as a diff and changes nothing unless --apply is given. Links with several
    candidates, or none, are listed and left unfixed. Exit 1 while broken links remain.

    [bold]Examples[/bold]

      vault fix                 # show what would change

      vault fix notes --apply   # write it
    """
    from ..diskfiles import DiskFiles
    from ..fixplan import plan_fixes
    from ..gitstate import renamed_paths
    from ..report.fixes import fix_lines, fixes_json, unfixed_lines

    paths = paths or []
    loaded = open_vault(vault, first_in_a_vault(paths))
    selection = vault_paths(loaded.root, paths)
    files = DiskFiles(loaded.root)
    with _refusals():
        plan = plan_fixes(
            loaded,
            files.read,
            stamp=files.stamp,
            writable=files.writable,
            paths=selection,
            renamed=renamed_paths(loaded.root),
        )
    if apply and plan:
        _apply(loaded.root, plan, "vault fix")
    if output_format is FixFormat.json:
        write(fixes_json(str(loaded.root), plan, applied=apply and bool(plan)))
    else:
        write(plan.diff())
        typer.echo(fix_lines(plan) + unfixed_lines(plan), err=True, nl=False)
        fixes, left = plural(len(plan.fixes), "fix", "fixes"), plural(len(plan.unfixed), "broken link")
        done = "applied" if apply else "proposed" + (" (--apply writes them)" if plan.fixes else "")
        typer.echo(f"{fixes} {done}; {left} left unfixed", err=True)
    if plan.unfixed or (plan.fixes and not apply):
        raise typer.Exit(1)


@contextmanager
def _refusals() -> Iterator[None]:
    """A refused plan, or a file that can't be read while planning, is a usage error: exit 2
    with nothing changed."""
    from ..plan import Refused

    try:
        with usage_errors():
            yield
    except Refused as refused:
        fail(str(refused))
    except OSError as error:
        fail(f"cannot read {error.filename}: {error.strerror}")


def _apply(root: Path, plan: Plan, command: str) -> None:
    from .. import journal
    from ..plan import Refused

    try:
        journal.apply(root, plan)
    except Refused as refused:
        fail(f"{refused}; nothing was changed")
    except journal.PlanOutdated as outdated:
        fail(f"{outdated}; nothing was changed, run `{command}` again")
    except OSError as error:
        fail(f"`{command}` stopped: {error}; the next vault command finishes or undoes it")
