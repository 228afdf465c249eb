"""A vault's files as `vault mv` plans from them: bytes, stamps and whether a path is taken."""

from __future__ import annotations

import os
from pathlib import Path

from .plan import Stamp


class DiskFiles:
    """Files under ``root`` by vault path."""

    def __init__(self, root: Path) -> None:
        self.root = root
        self._real_root = root.resolve()

    def read(self, path: str) -> bytes:
        return (self.root / path).read_bytes()

    def stamp(self, path: str) -> Stamp:
        status = os.stat(self.root / path)
        return status.st_size, status.st_mtime_ns

    def exists(self, path: str) -> bool:
        """Taken by anything, a hidden file or a dangling symlink too (the vault lists neither)."""
        return os.path.lexists(self.root / path)

    def writable(self, path: str) -> bool:
        """Whether writing ``path`` stays inside the vault: not a symlink, nor in a folder that is
        one leading out of it (a vault may link folders in; `vault fix` must not write there)."""
        full = self.root / path
        return not full.is_symlink() and full.parent.resolve().is_relative_to(self._real_root)
