"""Load a vault: find its files, read and parse every note, and hand back a :class:`Vault`."""

from __future__ import annotations

import os
from collections.abc import Callable
from pathlib import Path

from .config import Config, find_root, load_config
from .model import ParsedNote, Problem
from .parse import parse_note
from .scan import scan_vault
from .vault import Vault

#: Called as ``progress(done, total)`` while notes are parsed.
Progress = Callable[[int, int], None]


class VaultNotFound(Exception):
    """The vault folder is missing or is not a folder: a usage error."""


def load(
    path: str | os.PathLike[str] = ".", *, config: Config | None = None, progress: Progress | None = None
) -> Vault:
    """Load the vault at ``path`` (or the vault that contains it) and return a :class:`Vault`.

    The root is the nearest folder at or above ``path`` holding ``vault.toml`` or ``.obsidian/``,
    else ``path`` itself. A note that can't be read or parsed becomes a diagnostic; it never stops
    the rest of the vault from loading.
    """
    start = Path(path)
    if not start.exists():
        raise VaultNotFound(f"vault folder not found: {start}")
    root = find_root(start) if start.is_dir() else find_root(start.parent)
    config = config if config is not None else load_config(root)
    scan = scan_vault(root, config)
    note_paths = [entry.path for entry in scan.files if entry.path.lower().endswith(config.extensions)]
    parsed: dict[str, ParsedNote] = {}
    for done, note_path in enumerate(note_paths, 1):
        parsed[note_path] = read_note(root / note_path)
        if progress is not None:
            progress(done, len(note_paths))
    return Vault(root, config, [entry.path for entry in scan.files], parsed, scan.problems)


def read_note(file: Path) -> ParsedNote:
    try:
        data = file.read_bytes()
    except OSError as error:
        reason = error.strerror or type(error).__name__
        return ParsedNote(
            problems=(Problem("unreadable-note", 1, 1, f"cannot read: {reason}"),), readable=False
        )
    return parse_note(data)
