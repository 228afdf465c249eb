"""A full check of a vault none of whose notes is parsed yet, done where the notes are parsed.

On a cold start the worker processes that parse the notes also resolve their links, so that this
process never rebuilds hundreds of thousands of parse results: it receives only what a check
needs. Three things need every note and are finished here, as far as they can be while the
batches arrive: anchors (the target's headings and block ids come from another worker), alias
hints in broken-link messages (every note's aliases) and the counts of who links to whom (each
note's linked files), which the findings about the vault as a whole are drawn from. The "did you
mean" of broken-link messages is left to the end, when the workers are idle and every broken
target is known: each worker then words a share, comparing the vault's names with all its targets
at once. The findings match what :meth:`Vault.diagnostics_of` finds, which the tests hold them to.
"""

from __future__ import annotations

import marshal
import os
from bisect import bisect_left
from collections import Counter, deque
from collections.abc import Callable, Iterator
from concurrent.futures import ProcessPoolExecutor
from contextlib import contextmanager
from functools import partial
from itertools import accumulate, islice, pairwise
from pathlib import Path
from typing import TYPE_CHECKING

from .config import Config
from .gcpause import paused_gc, quiet_gc
from .hygiene import Connections
from .linkfields import Linking, frontmatter_of_files
from .loader import PARALLEL_FROM, NoteStore, read_note, worker_context, worker_count
from .model import Diagnostic, Heading, ParsedNote, Suppression
from .names import heading_key, name_key
from .notefile import read_text
from .parse.codec import encode
from .parse.structure import frontmatter_list
from .resolve import PathIndex, alias_hint, broken_name, check_anchor, resolve_target, self_link
from .schemas import SchemaSet, load_schemas
from .violations import schema_findings

if TYPE_CHECKING:
    from .vault import Vault, _Finding

#: A link that a check must report or whose anchor must be checked here:
#: line, column, target, resolved path, (rule, message) pairs, heading, block.
_Open = tuple[int, int, str, str | None, tuple[tuple[str, str], ...], str | None, str | None]
#: What other notes' checks need of a note: its headings' texts and levels, block ids, aliases, and the
#: other files it links to, by their place in the sorted paths of the vault's index: numbers
#: rather than paths make the message a worker sends half as long.
_Exports = tuple[tuple[str, ...], tuple[int, ...], tuple[str, ...], list[str], tuple[int, ...]]
#: What links into a note need of it: its headings' texts and levels, and its block ids.
_Targets = tuple[tuple[str, ...], tuple[int, ...], tuple[str, ...]]
#: A note's schema findings: line, column, message, JSON pointer.
_SchemaFinding = tuple[int, int, str, str]
#: A worker's answer for one note: path, its encoding for the cache ("" without a cache), the
#: parser's problems (rule, line, column, message), its schema findings, its open links, its exports,
#: its suppressions (line, column, line covered, rules). Plain tuples: marshal takes no others.
_Checked = tuple[
    str,
    str,
    tuple[tuple[str, int, int, str], ...],
    list[_SchemaFinding],
    list[_Open],
    _Exports,
    tuple[tuple[int, int, int, tuple[str, ...]], ...],
]

# Each worker's, set by _start_worker.
_index: PathIndex | None = None
#: The place of each path among the index's (sorted) paths: how a worker names the files a
#: note links to.
_places: dict[str, int] = {}
_schemas: SchemaSet | None = None
#: Each worker's resolutions of link targets that don't depend on the linking note's folder,
#: kept from chunk to chunk (a vault links to the same notes from everywhere): the path, its
#: place, and the (rule, message) pairs of the resolution.
_resolved: dict[str, tuple[str | None, int, tuple[tuple[str, str], ...]]] = {}


def applies(vault: Vault) -> bool:
    """Whether the vault is best checked this way: many notes, none parsed, several cores."""
    store = vault.parsed
    return (
        isinstance(store, NoteStore)
        and store.nothing_loaded()
        and len(store) >= PARALLEL_FROM
        and worker_count() >= 2
    )


def check_in_workers(vault: Vault) -> list[Diagnostic]:
    """The findings of every note (scan problems aside) as ``vault.diagnostics_of`` gives them,
    and those about the vault as a whole (``vault.vault_diagnostics``)."""
    store = vault.parsed
    assert isinstance(store, NoteStore)
    problems: list[_Finding] = []
    links = _LinkFindings()
    suppressions: dict[str, tuple[Suppression, ...]] = {}
    owners: dict[str, str] = {}
    linked_places: list[int] = []  # of every note: counted once at the end, in C
    outbound: Counter[str] = Counter()
    with paused_gc(), _workers(vault) as pool:
        # All that can be done as the batches arrive is done then, while the workers go on: after
        # the last one, only what needs every note is left (alias hints, anchors into late notes).
        for batch in _checked_in_workers(pool, vault, store):
            store.save_encoded([(path, text) for path, text, *_ in batch if text])
            for path, _, note_problems, schema_problems, _, note_exports, suppressed in batch:
                if note_problems or schema_problems:  # few have any: no generators for the rest
                    problems.extend(
                        (path, line, column, rule, message, None, None)
                        for rule, line, column, message in note_problems
                    )
                    problems.extend(
                        (path, line, column, "schema", message, None, pointer)
                        for line, column, message, pointer in schema_problems
                    )
                texts, levels, block_ids, aliases, linked = note_exports
                links.arrived(path, (texts, levels, block_ids))
                for alias in aliases:  # as Vault.alias_owners: the first note in path order wins
                    key = name_key(alias)
                    if owners.get(key, path) >= path:
                        owners[key] = path
                if linked:
                    linked_places.extend(linked)
                    outbound[path] = len(linked)
                if suppressed:
                    suppressions[path] = tuple(Suppression(*fields) for fields in suppressed)
            for path, _, _, _, open_links, *_ in batch:
                links.add(path, open_links)
        # The workers, idle now, word the broken-link messages while this process goes on.
        worded = _word_in_workers(pool, links.unworded())
        paths = vault.index.paths
        # Known now: nobody needs to read every note again for them.
        vault.alias_owners = owners
        inbound = Counter(linked_places)
        vault.connections = Connections(Counter({paths[i]: count for i, count in inbound.items()}), outbound)
        vault.suppressions = suppressions
        found = vault.with_severity(problems) + vault.vault_diagnostics()
        links.check_late_anchors()
        found += vault.with_severity(links.finish(worded(), owners))
        # Freed while the collector still sleeps: its first pass would walk them all (40 ms).
        del links
        return found


class _LinkFindings:
    """The findings of the links the workers leave open, found as their notes arrive. A link's
    anchor is checked once the note it leads to has arrived; broken-link messages get their
    "did you mean" and alias hints at the end, when every name and alias is known."""

    def __init__(self) -> None:
        self._found: list[_Finding] = []
        self._arrived: dict[str, _Targets] = {}
        self._anchors: dict[str, _Anchors] = {}
        self._waiting: list[tuple[str, str, _Open]] = []  # source, the note it links to, link
        #: Where in _found each broken link target stands, by (target, the linking note's path
        #: if the target is relative to it, else ""): what its message depends on.
        self._broken: dict[tuple[str, str], list[int]] = {}

    def arrived(self, path: str, anchors: _Targets) -> None:
        self._arrived[path] = anchors

    def add(self, source: str, open_links: list[_Open]) -> None:
        for link in open_links:
            line, column, target, resolved, messages, heading, block = link
            for rule, message in messages:
                if rule == "broken-link":
                    key = (target, source if target.startswith(".") else "")
                    self._broken.setdefault(key, []).append(len(self._found))
                self._found.append((source, line, column, rule, message, target, None))
            if resolved is not None and (heading is not None or block is not None):
                arrived = self._arrived.get(resolved)
                if arrived is None:
                    self._waiting.append((source, resolved, link))
                elif not _plainly_there(arrived, heading, block):
                    self._check_anchor(source, link)

    def unworded(self) -> list[tuple[str, str]]:
        """The (target, source) of each broken-link message to word in full."""
        return list(self._broken)

    def check_late_anchors(self) -> None:
        """Check the anchors into notes that arrived after the links to them: once all have."""
        for source, resolved, link in self._waiting:
            arrived = self._arrived.get(resolved)  # None: not a note, and an attachment has no anchors
            if arrived is not None and not _plainly_there(arrived, link[5], link[6]):
                self._check_anchor(source, link)
        self._waiting.clear()

    def finish(self, worded: list[str], alias_owners: dict[str, str]) -> list[_Finding]:
        """Every finding, with ``worded``, the messages of :meth:`unworded` in full."""
        found = self._found
        for ((target, _), places), message in zip(self._broken.items(), worded, strict=True):
            message += alias_hint(target, alias_owners)
            for i in places:
                source, line, column, rule, _, _, _ = found[i]
                found[i] = source, line, column, rule, message, target, None
        return found

    def _check_anchor(self, source: str, link: _Open) -> None:
        line, column, target, resolved, _, heading, block = link
        assert resolved is not None
        anchors = self._anchors.get(resolved)
        if anchors is None:
            anchors = self._anchors[resolved] = _Anchors(*self._arrived[resolved])
        problem = anchors.problem(resolved, heading, block)
        if problem is not None:
            self._found.append((source, line, column, "broken-anchor", problem, target, None))


def _plainly_there(anchors: _Targets, heading: str | None, block: str | None) -> bool:
    """Whether a link's anchor names a heading (one, no `#` inside) or block id of the note with
    ``anchors`` just as it is written: most do, and need no :class:`_Anchors`."""
    texts, _, block_ids = anchors
    if block is not None:
        return block in block_ids
    return heading is not None and "#" not in heading and heading in texts


class _Anchors:
    """The headings and block ids of one note, for checking the anchors of links into it that
    are not plainly there (see :func:`_plainly_there`): differing in case or punctuation, nested
    (`A#B`) or missing, which :func:`check_anchor` says why.
    """

    def __init__(self, texts: tuple[str, ...], levels: tuple[int, ...], block_ids: tuple[str, ...]) -> None:
        self._headings = tuple(zip(levels, texts, strict=True))
        self._block_ids = block_ids
        self._texts = set(texts)
        self._heading_keys: set[str] | None = None  # made for the first anchor not written as is
        self._blocks = {block.casefold() for block in block_ids}
        self._note: ParsedNote | None = None

    def problem(self, path: str, heading: str | None, block: str | None) -> str | None:
        if block is not None:
            if block.casefold() in self._blocks:
                return None
        elif heading is None or ("#" not in heading and heading in self._texts):
            return None
        elif "#" not in heading:
            if self._heading_keys is None:
                self._heading_keys = {heading_key(text) for text in self._texts}
            if heading_key(heading) in self._heading_keys:
                return None
        if self._note is None:
            headings = tuple(Heading(level, text, 0) for level, text in self._headings)
            self._note = ParsedNote(headings=headings, block_ids=self._block_ids)
        return check_anchor(self._note, path, heading, block)


@contextmanager
def _workers(vault: Vault) -> Iterator[ProcessPoolExecutor]:
    """The worker processes of a check of ``vault``."""
    # Forked workers inherit the index; spawned ones get a copy. Each worker reads the schemas
    # again (they are few and small) rather than receive validators, which need not pickle.
    # Reading them here first makes a broken schema a configuration error before any worker starts.
    schema_config = (vault.root, vault.config) if vault.schemas is not None else None
    initargs = (vault.index, schema_config)
    with ProcessPoolExecutor(
        worker_count(), worker_context(), initializer=_start_worker, initargs=initargs
    ) as pool:
        yield pool


def _checked_in_workers(
    pool: ProcessPoolExecutor, vault: Vault, store: NoteStore
) -> Iterator[list[_Checked]]:
    """Batches of checked notes, as the workers finish them; only a few in flight at once."""
    paths = list(store)
    workers = worker_count()
    # Sixteen chunks a worker or more, of at most 400 notes: when one worker has finished, the
    # other has at most one chunk left (~50 ms), while this process has nothing to do.
    size = min(max(50, len(paths) // (workers * 16)), 400)
    encoded = store.caching
    jobs = iter([(str(vault.root), paths[i : i + size], encoded) for i in range(0, len(paths), size)])
    done = 0
    # Eight chunks a worker in flight: enough that workers keep busy while this process takes
    # in finished ones, few enough that those (marshal bytes, ~1 KB a note) can't pile up.
    pending = deque(pool.submit(_check_chunk, job) for job in islice(jobs, workers * 8))
    while pending:
        # S302: the bytes come from this process's own workers, never from a file.
        batch: list[_Checked] = marshal.loads(pending.popleft().result())  # noqa: S302
        pending.extend(pool.submit(_check_chunk, job) for job in islice(jobs, 1))
        done += len(batch)
        store.report_progress(done)
        yield batch


def _word_in_workers(pool: ProcessPoolExecutor, broken: list[tuple[str, str]]) -> Callable[[], list[str]]:
    """Have the workers word the messages of the ``broken`` (target, source) in full, "did you
    mean" included, each a share; returned is what gives them, waiting for the workers if need be."""
    shares = _shares([len(broken_name(target)) for target, _ in broken], worker_count())
    futures = [(share, pool.submit(_word_chunk, [broken[i] for i in share])) for share in shares]

    def worded() -> list[str]:
        messages = [""] * len(broken)
        for share, future in futures:
            for i, message in zip(share, marshal.loads(future.result()), strict=True):  # noqa: S302 - the workers' own bytes
                messages[i] = message
        return messages

    return worded


def _shares(lengths: list[int], workers: int) -> list[list[int]]:
    """The places in ``lengths`` (of names to suggest for) in at most ``workers`` shares of
    about equal work, each of names of neighbouring lengths: a name is compared only with names
    at most one longer or shorter, so each worker looks at a part of the vault's names. The work
    grows with the square of a name's length: n characters make n + 1 keys, each looked up among
    names about as long, and difflib's ranking is quadratic too (equal counts left the longer
    names' worker 40% behind)."""
    order = sorted(range(len(lengths)), key=lengths.__getitem__)
    ends = list(accumulate(lengths[i] ** 2 for i in order))
    if not ends:
        return []
    cuts = [0, *(bisect_left(ends, ends[-1] * k / workers) for k in range(1, workers)), len(order)]
    return [order[start:end] for start, end in pairwise(cuts) if end > start]


def _start_worker(index: PathIndex, schema_config: tuple[Path, Config] | None) -> None:
    global _index, _schemas
    _index = index
    _index.without_suggestions()  # _word_chunk words broken-link messages in full, at the end
    _places.clear()
    _places.update((path, place) for place, path in enumerate(index.paths))
    _resolved.clear()  # a forked worker inherits those of an earlier check in this process
    _schemas = None
    if schema_config is not None:
        root, config = schema_config
        _schemas = load_schemas(root, config, linking=Linking(lambda: index, frontmatter_of_files(root)))
    quiet_gc()


def _check_chunk(job: tuple[str, list[str], bool]) -> bytes:
    """The chunk's notes checked, as marshal bytes of a list of :data:`_Checked`: plain tuples,
    strings and numbers, which marshal writes three times faster than pickle."""
    root, paths, encoded = job
    assert _index is not None
    shared = _resolved
    results: list[_Checked] = []
    for path in paths:
        file = os.path.join(root, path)
        note = read_note(file)
        schema_problems = (
            [] if _schemas is None else schema_findings(_schemas, path, note, partial(read_text, file))
        )
        open_links: list[_Open] = []
        linked: set[int] = set()
        for link in note.links:
            known = shared.get(link.target)
            if known is None:
                resolution = resolve_target(_index, link.target, path)
                place = -1 if resolution.path is None else _places[resolution.path]
                known = resolution.path, place, resolution.problems()
                folder_free = (
                    link.target and not link.target.startswith(".") and resolution.status != "ambiguous"
                )
                if folder_free:
                    shared[link.target] = known
            resolved, place, messages = known
            if resolved == path:
                messages += self_link(link, path, path)
            elif resolved is not None:
                linked.add(place)
            anchored = link.heading is not None or link.block is not None
            if messages or (anchored and resolved is not None):
                open_links.append(
                    (link.line, link.column, link.target, resolved, messages, link.heading, link.block)
                )
        note_exports = (
            tuple(heading.text for heading in note.headings),
            tuple(heading.level for heading in note.headings),
            note.block_ids,
            frontmatter_list(note.frontmatter, "aliases", "alias"),
            tuple(linked),  # itself left out: a link to itself connects a note to nothing
        )
        problems = tuple((p.rule, p.line, p.column, p.message) for p in note.problems)
        suppressed = tuple((s.line, s.column, s.covers, s.rules) for s in note.suppressions)
        encoding = encode(note) if encoded else ""
        results.append((path, encoding, problems, schema_problems, open_links, note_exports, suppressed))
    return marshal.dumps(results)


def _word_chunk(broken: list[tuple[str, str]]) -> bytes:
    """The messages of the ``broken`` link targets (target, the linking note) in full, as
    marshal bytes: a list of strings."""
    assert _index is not None
    _index.with_suggestions(target for target, _ in broken)
    return marshal.dumps([resolve_target(_index, target, source).message or "" for target, source in broken])
