"""Walk a vault folder: which files it holds, as the spec says (hidden and ignored ones skipped)."""

from __future__ import annotations

import os
from dataclasses import dataclass
from pathlib import Path
from stat import S_ISDIR, S_ISREG

from .config import Config, glob_matcher
from .model import Diagnostic


@dataclass(frozen=True, slots=True)
class Scan:
    files: tuple[str, ...]  # POSIX paths relative to the root, sorted
    problems: tuple[Diagnostic, ...]


def scan_vault(root: Path, config: Config) -> Scan:
    """Every file under ``root``, following each symlinked folder once and reporting loops."""
    ignored = glob_matcher(config.ignore)
    own = config.own_files
    files: list[str] = []
    problems: list[Diagnostic] = []
    root_stat = root.stat()
    root_id = (root_stat.st_dev, root_stat.st_ino)
    # A folder to walk: its path, its vault path prefix, its (device, inode), and those of the
    # folders above it, which tell a symlink loop (a folder inside itself) from a second link to
    # a folder seen elsewhere.
    stack: list[_Folder] = [(str(root), "", root_id, frozenset({root_id}))]
    # Symlinked folders wait until every real folder is walked, so that a folder reached both
    # ways is listed under its real path.
    linked: list[_Folder] = []
    seen = set()
    while stack or linked:
        folder, prefix, identity, ancestors = stack.pop() if stack else linked.pop(0)
        if identity in seen:
            continue
        seen.add(identity)
        try:
            entries = sorted(os.scandir(folder), key=lambda entry: entry.name)
        except OSError as error:
            problems.append(_unreadable(prefix.rstrip("/") or ".", f"cannot list folder: {error.strerror}"))
            continue
        for entry in entries:
            path = prefix + entry.name
            if entry.name.startswith(".") or path in own or (ignored and ignored.match(path)):
                continue  # as config.listed says, for the one name that is new here
            try:
                # A file's type comes with the listing; only folders (whose identity tells a
                # loop) and symlinks (what do they lead to?) are stat'ed: 0.13 s of 50,000 notes.
                symlink = entry.is_symlink()
                if not symlink and entry.is_file(follow_symlinks=False):
                    files.append(path)
                    continue
                stat = entry.stat()  # follows symlinks
            except OSError:
                if config.is_note(path):
                    problems.append(_unreadable(path, "broken symlink or unreadable file"))
                continue
            if S_ISDIR(stat.st_mode):
                inner = (stat.st_dev, stat.st_ino)
                if inner in ancestors:
                    problems.append(_unreadable(path, "symlink loop: this folder contains itself"))
                else:
                    (linked if symlink else stack).append(
                        (entry.path, path + "/", inner, ancestors | {inner})
                    )
            elif S_ISREG(stat.st_mode):
                files.append(path)
    files.sort()
    return Scan(tuple(files), tuple(problems))


_Folder = tuple[str, str, tuple[int, int], frozenset[tuple[int, int]]]


def _unreadable(path: str, message: str) -> Diagnostic:
    return Diagnostic(path, 1, 1, "unreadable-note", "error", message)
