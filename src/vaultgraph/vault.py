"""The loaded vault: its notes, their resolved links, its diagnostics and its graph."""

from __future__ import annotations

import posixpath
from collections.abc import Iterable, Iterator, Mapping
from dataclasses import dataclass, replace
from functools import cached_property, partial
from operator import attrgetter
from pathlib import Path
from typing import TYPE_CHECKING, Any, NamedTuple

from . import notefile
from .config import Config
from .errors import NoteNotFound
from .gcpause import paused_gc
from .linkfields import Linking
from .model import RULES, Diagnostic, Heading, Link, LinkStatus, ParsedNote, Suppression
from .names import name_key
from .parse.links import split_anchor
from .parse.structure import frontmatter_list
from .resolve import PathIndex, Resolution, check_anchor, note_name, resolve_target, self_link
from .schemas import KnownValid, SchemaSet, load_schemas
from .violations import note_findings

if TYPE_CHECKING:
    import networkx as nx

    from .cache import Cache
    from .hygiene import Connections, Tally


@dataclass(frozen=True, slots=True)
class Note:
    path: str
    parsed: ParsedNote

    @property
    def name(self) -> str:
        return note_name(self.path)

    @property
    def title(self) -> str:
        title = self.parsed.frontmatter.get("title")
        return title if isinstance(title, str) and title.strip() else self.name

    @property
    def folder(self) -> str:
        return posixpath.dirname(self.path)

    @property
    def frontmatter(self) -> dict[str, Any]:
        return self.parsed.frontmatter

    @property
    def links(self) -> tuple[Link, ...]:
        return self.parsed.links

    @property
    def headings(self) -> tuple[Heading, ...]:
        return self.parsed.headings

    @property
    def tags(self) -> tuple[str, ...]:
        return self.parsed.tags

    @property
    def aliases(self) -> tuple[str, ...]:
        return tuple(frontmatter_list(self.parsed.frontmatter, "aliases", "alias"))


class ResolvedLink(NamedTuple):  # a NamedTuple for speed, as Link (see model.py)
    """A link occurrence in ``source`` with where it leads."""

    source: str
    link: Link
    status: LinkStatus
    resolved: str | None
    messages: tuple[tuple[str, str], ...] = ()  # (rule, message) for each problem found


#: What resolving a link found: status, resolved path, and (rule, message) pairs.
_Outcome = tuple[LinkStatus, str | None, tuple[tuple[str, str], ...]]
_BY_POSITION = attrgetter("path", "line", "column", "rule")
#: A finding before its severity is known: path, line, column, rule, message, target, field.
_Finding = tuple[str, int, int, str, str, str | None, str | None]


class _Aliases(Mapping[str, str]):
    """A vault's alias owners, worked out only when a broken link's message asks: they need
    every note's frontmatter, and resolving one note's links should read no other note."""

    def __init__(self, vault: Vault) -> None:
        self._vault = vault

    def __getitem__(self, key: str) -> str:
        return self._vault.alias_owners[key]

    def __iter__(self) -> Iterator[str]:
        return iter(self._vault.alias_owners)

    def __len__(self) -> int:
        return len(self._vault.alias_owners)


class Vault:
    """A vault as loaded by :func:`vaultgraph.load`.

    ``notes`` maps each note's vault path to its :class:`Note`; ``files`` lists every file,
    attachments included. Notes, links, diagnostics and the graph are computed on first use.
    """

    def __init__(
        self,
        root: Path,
        config: Config,
        files: Iterable[str],
        parsed: Mapping[str, ParsedNote],
        scan_problems: Iterable[Diagnostic] = (),
        cache: Cache | None = None,
    ) -> None:
        self.root = root
        self.config = config
        self.files = tuple(sorted(files))
        self.parsed = parsed
        self.scan_problems = tuple(scan_problems)
        self.cache = cache

    def __repr__(self) -> str:
        return f"<Vault {str(self.root)!r}: {len(self.parsed)} notes, {len(self.files)} files>"

    @cached_property
    def notes(self) -> dict[str, Note]:
        return {path: Note(path, parsed) for path, parsed in sorted(self.parsed.items())}

    @cached_property
    def index(self) -> PathIndex:
        return PathIndex(self.files, self.config.extensions)

    @cached_property
    def schemas(self) -> SchemaSet | None:
        """The vault's frontmatter schemas (None without any); a broken one raises ConfigError."""
        return load_schemas(
            self.root, self.config, self.cache, Linking(lambda: self.index, self._frontmatter)
        )

    def _frontmatter(self, path: str) -> dict[str, Any] | None:
        note = self.parsed.get(path)
        return note.frontmatter if note is not None else None

    @cached_property
    def alias_owners(self) -> dict[str, str]:
        """The note that has each alias (by name key): a hint in broken-link messages."""
        owners: dict[str, str] = {}
        for note in self.notes.values():
            for alias in note.aliases:
                owners.setdefault(name_key(alias), note.path)
        return owners

    @cached_property
    def suppressions(self) -> dict[str, tuple[Suppression, ...]]:
        """The ``vault-ignore`` comments of each note that has any. A check that reads no note
        (all from the cache) or reads them in worker processes sets this as it goes."""
        return {path: note.suppressions for path, note in self.parsed.items() if note.suppressions}

    def resolve(self, target: str, source: str | None = None) -> Resolution:
        """Resolve ``target`` as written in a link (``Note``, ``folder/Note#Heading``, ``#^id``)
        from the note at ``source`` (default: the vault root), anchors included."""
        path, heading, block = split_anchor(target)
        resolution, anchor_problem = self._follow(path, heading, block, source or "")
        if anchor_problem is None:
            return resolution
        return replace(resolution, status="broken-anchor", message=anchor_problem)

    def _follow(
        self, target: str, heading: str | None, block: str | None, source: str
    ) -> tuple[Resolution, str | None]:
        """Where a link leads, and why its anchor is missing (None when it is fine)."""
        resolution = resolve_target(self.index, target, source, _Aliases(self))
        if resolution.path is None or (heading is None and block is None):
            return resolution, None
        note = self.parsed.get(resolution.path)
        if note is None:  # an attachment: `#page=3` and the like are not anchors
            return resolution, None
        return resolution, check_anchor(note, resolution.path, heading, block)

    @cached_property
    def links(self) -> tuple[ResolvedLink, ...]:
        """Every link occurrence in the vault, in path then position order, resolved."""
        notes = self.notes
        with paused_gc():
            return tuple(self.links_of(notes))

    def links_of(self, paths: Iterable[str]) -> Iterator[ResolvedLink]:
        """The resolved links of the notes at ``paths``, one at a time (a check of a big vault
        never holds them all)."""
        # Vaults repeat the same links many times: resolve each distinct one once. Most outcomes
        # depend on the link's text alone; relative, self and ambiguous links also on the
        # linking note's folder (or path).
        anywhere: dict[tuple[str, str | None, str | None], _Outcome] = {}
        per_folder: dict[tuple[str, str, str | None, str | None], _Outcome] = {}
        for path in paths:
            folder = posixpath.dirname(path)
            for link in self.parsed[path].links:
                key = (link.target, link.heading, link.block)
                outcome = anywhere.get(key)
                if outcome is None:
                    local_key = (folder if link.target else path, *key)
                    outcome = per_folder.get(local_key)
                    if outcome is None:
                        outcome = self._outcome(link, path)
                        ambiguous = any(rule == "ambiguous-link" for rule, _ in outcome[2])
                        if ambiguous or not link.target or link.target.startswith("."):
                            per_folder[local_key] = outcome
                        else:
                            anywhere[key] = outcome
                if outcome[1] == path:  # the one problem that depends on which note links
                    status, resolved, messages = outcome
                    outcome = status, resolved, messages + self_link(link, resolved, path)
                yield ResolvedLink(path, link, *outcome)

    def _outcome(self, link: Link, source: str) -> _Outcome:
        resolution, anchor_problem = self._follow(link.target, link.heading, link.block, source)
        messages = resolution.problems()
        if anchor_problem is not None:
            messages += (("broken-anchor", anchor_problem),)
        status: LinkStatus = "broken-anchor" if anchor_problem else resolution.status
        return status, resolution.path, messages

    @cached_property
    def diagnostics(self) -> tuple[Diagnostic, ...]:
        """Every finding, with the severities of the config, rules set to "off" left out."""
        if self.cache is not None:
            from .incremental import cached_diagnostics

            notes = cached_diagnostics(self, self.cache)
        else:
            notes = self.full_check()
        found = [*self.scan_diagnostics(), *notes]
        found.sort(key=_BY_POSITION)
        return tuple(found)

    def full_check(self) -> list[Diagnostic]:
        """The findings of every note, and of the vault's files as a whole: in the worker
        processes that parse the notes when none is parsed yet and there are many, else here.
        Either way the links are counted into :attr:`connections` as they are resolved."""
        from . import parallel_check
        from .hygiene import Tally

        if parallel_check.applies(self):
            return parallel_check.check_in_workers(self)
        tally = Tally()
        found = self.diagnostics_of(self.notes, tally)
        self.connections = tally.connections()
        return found + self.vault_diagnostics()

    def diagnostics_of(self, paths: Iterable[str], tally: Tally | None = None) -> list[Diagnostic]:
        """The findings in the notes at ``paths`` (their links resolved against the whole vault),
        counting the links into ``tally`` if given."""
        paths = list(paths)
        links = self.links_of(paths)
        with paused_gc():
            return self.with_severity(self._note_findings(paths, _counted(links, tally) if tally else links))

    def vault_diagnostics(self) -> list[Diagnostic]:
        """The findings about the vault's files as a whole (see :mod:`.hygiene`)."""
        from .hygiene import vault_findings

        schema_files = self.schemas.documents if self.schemas is not None else ()
        return self.with_severity(vault_findings(self.index, self.connections, schema_files))

    @cached_property
    def connections(self) -> Connections:
        """Which files link to which; a full check counts them as it goes and sets this."""
        from .hygiene import Tally

        tally = Tally()
        for item in self.links:
            if item.resolved is not None:
                tally.add(item.source, (item.resolved,))
        return tally.connections()

    def with_severity(self, findings: Iterable[_Finding]) -> list[Diagnostic]:
        severity = {rule: self.config.severity(rule) for rule in RULES}
        return [
            Diagnostic(path, line, column, rule, level, message, target, field)
            for path, line, column, rule, message, target, field in findings
            if (level := severity[rule]) is not None
        ]

    def scan_diagnostics(self) -> list[Diagnostic]:
        """What the scan found (symlink loops, unreadable files), with this vault's severities."""
        return self.with_severity(
            (d.path, d.line, d.column, d.rule, d.message, d.target, d.field) for d in self.scan_problems
        )

    def frontmatter_diagnostics(self, paths: Iterable[str]) -> list[Diagnostic]:
        """What `vault validate` reports of the notes at ``paths``: unreadable notes, invalid
        frontmatter and schema violations. Reads those notes only; frontmatter the cache has
        seen pass the same schemas is not validated again."""
        schemas = self.schemas
        known = KnownValid(schemas, self.cache) if schemas is not None and self.cache is not None else None
        with paused_gc():
            found = self.with_severity(self._frontmatter_findings(paths, known))
        if known is not None:
            known.save()
        return found

    def _note_findings(self, paths: Iterable[str], links: Iterable[ResolvedLink]) -> Iterator[_Finding]:
        yield from self._frontmatter_findings(paths)
        for item in links:
            for rule, message in item.messages:
                yield item.source, item.link.line, item.link.column, rule, message, item.link.target, None

    def _frontmatter_findings(
        self, paths: Iterable[str], known: KnownValid | None = None
    ) -> Iterator[_Finding]:
        schemas = self.schemas
        for path in paths:
            read = partial(self.read_text, path)
            for line, column, rule, message, field in note_findings(
                schemas, path, self.parsed[path], read, known
            ):
                yield path, line, column, rule, message, None, field

    @cached_property
    def graph(self) -> nx.MultiDiGraph:
        from .graph import build_graph  # networkx is imported only when a graph is asked for

        return build_graph(self)

    def find_note(self, query: str) -> Note:
        """The note a command-line NOTE argument means, resolved like a wikilink target."""
        cleaned = query.strip()
        if cleaned.startswith("./"):
            cleaned = cleaned[2:]
        resolution = resolve_target(self.index, cleaned, "")
        if resolution.path is not None and resolution.path in self.parsed:
            return Note(resolution.path, self.parsed[resolution.path])
        name = cleaned.rsplit("/", 1)[-1]
        raise NoteNotFound(
            query, self.index.suggest(posixpath.splitext(name)[0] if name.endswith(".md") else name)
        )

    def read_text(self, path: str) -> str | None:
        """A note's text as the parser saw it, or None when it can't be read now."""
        return notefile.read_text(self.root / path)


def _counted(links: Iterable[ResolvedLink], tally: Tally) -> Iterator[ResolvedLink]:
    """``links``, each counted into ``tally`` on its way through."""
    for item in links:
        if item.resolved is not None:
            tally.add(item.source, (item.resolved,))
        yield item
