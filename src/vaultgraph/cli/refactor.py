"""`vault mv OLD NEW`: move a note, an attachment or a folder and rewrite the links to it."""

from __future__ import annotations

import os
from pathlib import Path
from typing import TYPE_CHECKING, Annotated

import typer

from .common import VaultOption, fail, open_vault, plural, usage_errors, write

if TYPE_CHECKING:
    from ..vault import Vault


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
    from ..rewrite import MoveRefused, plan_move

    loaded = open_vault(vault, Path(old) if Path(old).exists() else None)
    files = DiskFiles(loaded.root)
    old_path = _old_path(loaded, old)
    new_path = _vault_path(loaded.root, new)
    try:
        with usage_errors():
            plan = plan_move(loaded, old_path, new_path, files.read, stamp=files.stamp, exists=files.exists)
    except MoveRefused as refused:
        fail(str(refused))
    except OSError as error:
        fail(f"cannot read {error.filename}: {error.strerror}")
    if dry_run:
        write(plan.diff())
        return
    from .. import journal

    try:
        journal.apply(loaded.root, plan)
    except journal.PlanOutdated as outdated:
        fail(f"{outdated}; nothing was changed, run `vault mv` again")
    except OSError as error:
        fail(f"the move stopped: {error}; any vault command finishes or undoes it")
    links = plural(plan.links, "link")
    typer.echo(f"moved {plan.old} to {plan.new}, rewrote {links} in {plural(plan.notes, 'note')}", err=True)


def _old_path(vault: Vault, old: str) -> str:
    """OLD as a vault path: a file or folder, else a note named as a link would name it."""
    path = _vault_path(vault.root, old)
    if path in vault.files or any(file.startswith(path.rstrip("/") + "/") for file in vault.files):
        return path
    from ..errors import NoteNotFound

    try:
        return vault.find_note(old).path
    except NoteNotFound:
        return path  # the planner refuses it, saying so


def _vault_path(root: Path, argument: str) -> str:
    """A path argument as a vault path (a trailing `/` kept). Relative to the current folder when
    that is inside the vault or the argument exists from there; else relative to the vault root."""
    given = Path(argument)
    cwd = Path.cwd().resolve()
    from_cwd = given.is_absolute() or cwd.is_relative_to(root) or given.exists()
    full = (cwd if from_cwd else root) / given
    # The folders resolved (the root is), the last name not: a symlinked note is moved itself.
    absolute = Path(os.path.abspath(full))
    relative = os.path.relpath(absolute.parent.resolve() / absolute.name if absolute.name else absolute, root)
    if relative == ".." or relative.startswith(".." + os.sep) or os.path.isabs(relative):
        fail(f"'{argument}' is outside the vault {root}")
    relative = Path(relative).as_posix()
    into = argument.endswith(("/", os.sep)) or (full.is_dir() and relative != ".")
    return relative + "/" if into else relative
