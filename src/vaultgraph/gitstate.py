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
    command = [
        "git",
        "-C",
        str(root),
        # -z: names as they are, not quoted and escaped when they are not ASCII.
        # --relative: paths from root, not from the repository's top, when the vault is a subfolder.
        # --no-renames: a note renamed away is a deletion here (and an addition elsewhere).
        *("diff", "--name-only", "-z", "--relative", "--no-renames", "--diff-filter=D", "HEAD", "--", "."),
    ]
    try:
        result = subprocess.run(command, capture_output=True, env=_git_environment(), timeout=_TIMEOUT_S)
    except (OSError, subprocess.SubprocessError):
        return ()
    if result.returncode != 0:  # not a repository, no HEAD yet, git too old, ...
        return ()
    return tuple(sorted(os.fsdecode(name) for name in result.stdout.split(b"\0") if name))


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
