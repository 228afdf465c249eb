"""Writing a file atomically: a reader (a browser reloading an export, CI reading a baseline)
sees the old file or the new one, never half of it, and a failed write leaves the old one."""

from __future__ import annotations

import os
import secrets
from pathlib import Path


def write_atomically(path: Path, text: str) -> None:
    """Write ``text`` (UTF-8) to ``path`` through a temporary file in the same folder (os.replace
    is atomic only within one file system), flushed to disk before it takes the name."""
    temporary = path.with_name(f".{path.name}.{secrets.token_hex(4)}.tmp")
    # 0o666 less the umask, as open() would give the file: mkstemp's 0o600 would survive the rename.
    descriptor = os.open(temporary, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o666)
    try:
        with os.fdopen(descriptor, "w", encoding="utf-8", newline="") as file:
            file.write(text)
            file.flush()
            os.fsync(file.fileno())
        os.replace(temporary, path)
    except BaseException:
        temporary.unlink(missing_ok=True)
        raise
