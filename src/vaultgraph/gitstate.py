"""What git knows about a vault's folder that the folder itself no longer shows.

A check handed a few files (as pre-commit hands it the staged ones) can't see that a note it was
not handed lost a link target: the note that was deleted is gone, and so is any trace of it. Git
still has it in HEAD; this module asks git, and answers nothing when there is no git to ask.
"""

from __future__ import annotations

import os
import subprocess
from pathlib import Path

# Git variables that may hold paths relative to the folder git was started in (git exports
# GIT_INDEX_FILE=.git/index to a hook): `git -C root` reads a relative GIT_DIR from root instead.
_PATH_VARIABLES = ("GIT_DIR", "GIT_WORK_TREE", "GIT_INDEX_FILE", "GIT_OBJECT_DIRECTORY", "GIT_COMMON_DIR")
_TIMEOUT_S = 60


def deleted_paths(root: Path) -> tuple[str, ...]:
    """The files under ``root`` that HEAD has and the work tree doesn't (deleted or renamed
    away, staged or not), as POSIX paths relative to ``root``, sorted.

    Empty when git is missing, ``root`` is in no repository or the repository has no commit yet:
    this only adds to a check, so it never makes one fail.
    """
    # -z: names as they are, not quoted and escaped when they are not ASCII. --relative: paths
    # from root, when the vault is a subfolder of the repository. --no-renames: a note renamed
    # away is a deletion here (and an addition elsewhere).
    out = _git(
        root, "diff", "--name-only", "-z", "--relative", "--no-renames", "--diff-filter=D", "HEAD", "--", "."
    )
    return tuple(sorted(os.fsdecode(name) for name in (out or b"").split(b"\0") if name))


def renamed_paths(root: Path) -> dict[str, str]:
    """Old path -> new path, relative to ``root``, for files HEAD has that now live elsewhere:
    the renames git finds among tracked changes, and files moved without telling git (a new,
    untracked file with exactly the content of a deleted one). Empty without git, as above."""
    renamed: dict[str, str] = {}
    out = _git(root, "diff", "--name-status", "-z", "--relative", "-M", "--diff-filter=R", "HEAD", "--", ".")
    fields = [os.fsdecode(field) for field in (out or b"").split(b"\0") if field]
    for i in range(0, len(fields) - 2, 3):  # R<score>, old, new
        if fields[i].startswith("R"):
            renamed[fields[i + 1]] = fields[i + 2]
    gone = [path for path in deleted_paths(root) if path not in renamed]
    untracked = _git(root, "ls-files", "-z", "--others", "--exclude-standard", "--", ".")
    new = [os.fsdecode(name) for name in (untracked or b"").split(b"\0") if name]
    if gone and new:
        # Exact content only: a blob id names content, so equal ids are the same bytes.
        blobs = _git(root, "rev-parse", *(f"HEAD:./{path}" for path in gone))
        hashed = _git(root, "hash-object", "--", *new)
        if blobs is not None and hashed is not None:
            by_blob = dict(zip(hashed.decode().split(), new, strict=False))
            for old, blob in zip(gone, blobs.decode().split(), strict=False):
                if blob in by_blob:
                    renamed[old] = by_blob.pop(blob)
    return renamed


def _git(root: Path, *args: str) -> bytes | None:
    """git's output for ``args`` run in ``root``; None when git is missing or fails (not a
    repository, no HEAD yet, git too old ...)."""
    try:
        result = subprocess.run(
            ["git", "-C", str(root), *args], capture_output=True, env=_git_environment(), timeout=_TIMEOUT_S
        )
    except (OSError, subprocess.SubprocessError):
        return None
    return result.stdout if result.returncode == 0 else None


def _git_environment() -> dict[str, str]:
    """This process's environment, with the paths git exports to hooks fixed for `git -C root`."""
    environment = dict(os.environ)
    if environment.get("GIT_DIR") and not environment.get("GIT_WORK_TREE"):
        # Git exports GIT_DIR alone to a hook in a linked work tree, and git then takes the folder
        # it starts in for the top of the work tree: that is this folder (a hook runs at the top),
        # not root.
        environment["GIT_WORK_TREE"] = os.getcwd()
    for name in _PATH_VARIABLES:
        value = environment.get(name)
        if value and not os.path.isabs(value):
            environment[name] = os.path.abspath(value)
    return environment
