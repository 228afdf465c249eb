"""Which notes a FROM clause selects."""

from __future__ import annotations

from .pages import Pages
from .syntax import BothSources, FolderSource, LinkedFrom, LinksTo, NotSource, Source, TagSource


def select(source: Source | None, pages: Pages) -> set[str]:
    """The paths of the notes ``source`` selects (every note without a FROM)."""
    if source is None:
        return set(pages.paths)
    if isinstance(source, TagSource):
        return {path for path in pages.paths if _has_tag(pages, path, source.tag)}
    if isinstance(source, FolderSource):
        return {path for path in pages.paths if _in_folder(path, source.folder)}
    if isinstance(source, LinksTo | LinkedFrom):
        target = pages.resolve(source.target)
        if target is None:  # a note that doesn't exist links nowhere, and nothing links to it
            return set()
        links = pages.incoming if isinstance(source, LinksTo) else pages.outgoing
        return set(links[target])
    if isinstance(source, NotSource):
        return set(pages.paths) - select(source.operand, pages)
    left, right = select(source.left, pages), select(source.right, pages)
    return left & right if isinstance(source, BothSources) else left | right


def _has_tag(pages: Pages, path: str, tag: str) -> bool:
    """The note has the tag or one nested under it (#ai selects #ai/agents), ignoring case."""
    wanted = tag.casefold()
    return any(
        (found := own.casefold()) == wanted or found.startswith(wanted + "/")
        for own in pages.vault.notes[path].tags
    )


def _in_folder(path: str, folder: str) -> bool:
    """The note is in the folder or one below it; a note's own path (with or without ``.md``)
    selects that note, as in Dataview."""
    folder = folder.strip("/")
    return not folder or path.startswith(folder + "/") or path in (folder, folder + ".md")
