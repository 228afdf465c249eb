"""Walk a vault folder: which files it holds, as the spec says (hidden and ignored ones skipped)."""

from __future__ import annotations

import os
from dataclasses import dataclass
from pathlib import Path

from .config import CONFIG_NAME, Config, glob_matcher
from .model import Diagnostic


@dataclass(frozen=True, slots=True)
class FileEntry:
    path: str  # POSIX, relative to the root
    size: int
    mtime_ns: int


@dataclass(frozen=True, slots=True)
class Scan:
    files: tuple[FileEntry, ...]
    problems: tuple[Diagnostic, ...]


def scan_vault(root: Path, config: Config) -> Scan:
    """Every file under ``root``, following each symlinked folder once and reporting loops."""
    ignored = glob_matcher(config.ignore)
    files: list[FileEntry] = []
    problems: list[Diagnostic] = []
    root_stat = root.stat()
    # Each stack entry carries the (device, inode) of the folders above it, to tell a symlink
    # loop (a folder inside itself) from a second link to a folder seen elsewhere.
    stack: list[tuple[str, str, frozenset[tuple[int, int]]]] = [
        (str(root), "", frozenset({(root_stat.st_dev, root_stat.st_ino)}))
    ]
    seen_folders = {(root_stat.st_dev, root_stat.st_ino)}
    while stack:
        folder, prefix, ancestors = stack.pop()
        try:
            entries = sorted(os.scandir(folder), key=lambda entry: entry.name)
        except OSError as error:
            problems.append(_unreadable(prefix.rstrip("/") or ".", f"cannot list folder: {error.strerror}"))
            continue
        for entry in entries:
            if entry.name.startswith("."):
                continue
            path = prefix + entry.name
            if path == CONFIG_NAME:
                continue
            if ignored is not None and ignored.match(path):
                continue
            try:
                stat = entry.stat()  # follows symlinks
            except OSError:
                if path.lower().endswith(config.extensions):
                    problems.append(_unreadable(path, "broken symlink or unreadable file"))
                continue
            if entry.is_dir():
                identity = (stat.st_dev, stat.st_ino)
                if identity in ancestors:
                    problems.append(_unreadable(path, "symlink loop: this folder contains itself"))
                elif identity not in seen_folders:
                    seen_folders.add(identity)
                    stack.append((entry.path, path + "/", ancestors | {identity}))
            elif entry.is_file():
                files.append(FileEntry(path, stat.st_size, stat.st_mtime_ns))
    files.sort(key=lambda entry: entry.path)
    return Scan(tuple(files), tuple(problems))


def _unreadable(path: str, message: str) -> Diagnostic:
    return Diagnostic(path, 1, 1, "unreadable-note", "error", message)
