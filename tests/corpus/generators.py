"""Corpus cases written at test time: inputs too big to commit (a 20 MB note), and what git can't
hold or a checkout would change (symlinks, permissions, NFD names, names that differ by case).

Each generator adds its files to a case's vault folder; tests/corpus/README.md describes each.
"""

from __future__ import annotations

import os
import unicodedata
from collections.abc import Callable
from pathlib import Path
from typing import IO, Any

import pytest

from vaultgraph import notefile

Generator = Callable[[Path, pytest.MonkeyPatch], None]

#: A paragraph of about 1 KB, like a long note's: one link, one code span, one tag.
_PARAGRAPH = (
    "Plain prose that goes on for a while about nothing in particular, " * 14
    + "with a [[target]] link, `code [[missing]]`, and a #tag.\n\n"
)


def huge_note(root: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """20 MB of paragraphs that link to target, then a broken link on the last line."""
    count = 20 * 1024 * 1024 // len(_PARAGRAPH) + 1
    (root / "huge.md").write_text(_PARAGRAPH * count + "[[missing]]\n")


def many_lines(root: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """100,000 lines; a broken link on the last."""
    (root / "long.md").write_text("line [[target]]\n" * 99_999 + "[[missing]]\n")


def long_line(root: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """One line of 1 MB, and a broken link at its end (column 1,048,577)."""
    (root / "wide.md").write_text("x" * 1024 * 1024 + "[[missing]]\n")


def deep_yaml(root: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """Frontmatter nested 5,000 flow lists deep."""
    (root / "deep.md").write_text("---\na: " + "[" * 5000 + "]" * 5000 + "\n---\n[[target]]\n")


def deep_folders(root: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """A note 200 folders down, linked by name and by its full path."""
    folder = root.joinpath(*["d"] * 200)
    folder.mkdir(parents=True)
    (folder / "deep.md").write_text("[[target]]\n")
    (root / "top.md").write_text(f"[[deep]] [[{'d/' * 200}deep]]\n")


def nfd_name(root: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """A file named in NFD (as macOS writes names), linked in NFC and in NFD."""
    (root / unicodedata.normalize("NFD", "Café.md")).write_text("# Café\n")
    (root / "odd.md").write_text("[[Café]] [[Cafe\u0301]] [[CAFÉ]]\n")


def case_only_names(root: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """`Note.md` and `note.md` side by side (only on a case-sensitive file system)."""
    (root / "Note.md").write_text("# Upper\n")
    (root / "note.md").write_text("# Lower\n")
    if len(list(root.glob("[Nn]ote.md"))) < 2:
        pytest.skip("the file system folds case: it can't hold both names")
    (root / "odd.md").write_text("[[note]]\n")


def symlink_loop(root: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """A folder holding a symlink to its parent."""
    (root / "folder").mkdir()
    (root / "folder" / "inner.md").write_text("[[target]]\n")
    os.symlink("..", root / "folder" / "loop")


def symlink_out_of_vault(root: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """A symlinked folder outside the vault: followed (once), as Obsidian does."""
    outside = root.parent / "outside"
    outside.mkdir()
    (outside / "shared.md").write_text("[[target]]\n")
    os.symlink(outside, root / "linked")
    (root / "odd.md").write_text("[[shared]]\n")


def dangling_symlink(root: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """A note that is a symlink to a file that does not exist."""
    os.symlink(root.parent / "gone.md", root / "dangling.md")


def unreadable_file(root: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """A note without read permission. Root reads any file, so as root (CI) the read is made to
    fail the way it fails for a user instead."""
    secret = root / "secret.md"
    secret.write_text("[[target]]\n")
    if os.geteuid() != 0:
        secret.chmod(0)
        return

    def refusing_open(file: str | os.PathLike[str], *args: Any, **kwargs: Any) -> IO[Any]:
        if os.path.basename(file) == "secret.md":
            raise PermissionError(13, "Permission denied")
        return open(file, *args, **kwargs)

    monkeypatch.setattr(notefile, "open", refusing_open, raising=False)  # how notes are read


GENERATORS: dict[str, Generator] = {
    "huge-note-20mb": huge_note,
    "many-lines-100k": many_lines,
    "long-line-1mb": long_line,
    "yaml-deep-nesting": deep_yaml,
    "deep-folders": deep_folders,
    "nfd-name": nfd_name,
    "case-only-names": case_only_names,
    "symlink-loop": symlink_loop,
    "symlink-out-of-vault": symlink_out_of_vault,
    "dangling-symlink": dangling_symlink,
    "unreadable-file": unreadable_file,
}
