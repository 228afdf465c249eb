"""Load a vault: find its files, get every note's parse result, and hand back a :class:`Vault`.

Parse results come from the cache while a note's size and modification time are unchanged, and
from parsing otherwise: in worker processes when there are many notes to parse (a cold start),
in this process when there are few (the usual edit).
"""

from __future__ import annotations

import os
import sys
from collections import deque
from collections.abc import Callable, ItemsView, Iterator, Mapping, ValuesView
from itertools import islice
from pathlib import Path
from typing import TYPE_CHECKING

from . import notefile
from .config import Config, find_root, load_config
from .errors import VaultNotFound
from .gcpause import paused_gc, quiet_gc
from .model import ParsedNote
from .parse.codec import decode, encode
from .parse.note import parse_note
from .scan import scan_vault
from .vault import Vault

if TYPE_CHECKING:
    import multiprocessing.context

    from .cache import Cache, Stamp

# multiprocessing and sqlite3 are imported where they are used: `vault validate FILES`, run by
# pre-commit on every commit, needs neither.

#: Called as ``progress(done, total)`` while notes are parsed.
Progress = Callable[[int, int], None]

#: Below this many notes to parse, starting worker processes costs more than it saves.
PARALLEL_FROM = 400
_BATCH = 200


def load(
    path: str | os.PathLike[str] = ".",
    *,
    config: Config | None = None,
    progress: Progress | None = None,
    use_cache: bool = True,
) -> Vault:
    """Load the vault at ``path`` (or the vault that contains it) and return a :class:`Vault`.

    The root is the nearest folder at or above ``path`` holding ``vault.toml`` or ``.obsidian/``,
    else ``path`` itself. A note that can't be read or parsed becomes a diagnostic; it never stops
    the rest of the vault from loading. Notes are read when first needed, so asking only for
    cached results (``vault.diagnostics`` of an unchanged vault) reads no note at all.
    """
    start = Path(path)
    if not start.exists():
        raise VaultNotFound(f"vault folder not found: {start}")
    root = find_root(start) if start.is_dir() else find_root(start.parent)
    config = config if config is not None else load_config(root)
    scan = scan_vault(root, config)
    from .cache import Cache, cache_path

    cache = Cache(cache_path(root)) if use_cache else None
    notes = NoteStore(root, [path for path in scan.files if config.is_note(path)], cache, progress)
    return Vault(root, config, scan.files, notes, scan.problems, cache=cache)


class NoteStore(Mapping[str, ParsedNote]):
    """The parse result of every note, produced on first use: from the cache or by parsing.

    Looking up one note reads only that note; iterating over values loads them all at once,
    which is when parsing runs in parallel and the cache is brought up to date.
    """

    def __init__(self, root: Path, paths: list[str], cache: Cache | None, progress: Progress | None) -> None:
        self.root = root
        self._paths = dict.fromkeys(paths)
        #: (size, mtime_ns) of each note, taken before any is read: what tells the cache's
        #: results fresh. Without a cache none is needed, which spares a check a stat per note.
        self.stamps: dict[str, Stamp] = _stamps(root, paths) if cache is not None else {}
        self._cache = cache
        self._progress = progress
        self._loaded: dict[str, ParsedNote] = {}
        self._complete = False
        self._stamps_in_cache: dict[str, Stamp] | None = None

    def __len__(self) -> int:
        return len(self._paths)

    def __iter__(self) -> Iterator[str]:
        return iter(self._paths)

    def __contains__(self, path: object) -> bool:
        return path in self._paths

    def __getitem__(self, path: str) -> ParsedNote:
        if path not in self._loaded:
            if path not in self._paths:
                raise KeyError(path)
            cached = self._cache.parsed([path]) if self._cache and self._fresh_in_cache(path) else {}
            self._loaded[path] = cached.get(path) or read_note(self.root / path)
        return self._loaded[path]

    def _fresh_in_cache(self, path: str) -> bool:
        return self._cache is not None and self._cache_stamps().get(path) == self.stamps[path]

    def _cache_stamps(self) -> dict[str, Stamp]:
        if self._stamps_in_cache is None:
            self._stamps_in_cache = self._cache.stamps() if self._cache is not None else {}
        return self._stamps_in_cache

    @property
    def caching(self) -> bool:
        return self._cache is not None

    def nothing_loaded(self) -> bool:
        """Whether no note is read yet, nor any fresh in the cache: a cold start."""
        cached = self._cache_stamps()
        return not self._loaded and not any(cached.get(path) == stamp for path, stamp in self.stamps.items())

    def report_progress(self, done: int) -> None:
        if self._progress is not None:
            self._progress(done, len(self._paths))

    def save_encoded(self, rows: list[tuple[str, str]]) -> None:
        """Save parse results encoded elsewhere (by the workers of a parallel check)."""
        if self._cache is not None and rows:
            self._cache.store((path, self.stamps[path], text) for path, text in rows)
            self._cache_stamps().update((path, self.stamps[path]) for path, _ in rows)

    def remember(self, paths: list[str]) -> None:
        """Save the parse results of ``paths`` (already loaded) in the cache."""
        if self._cache is not None:
            self._cache.store((path, self.stamps[path], encode(self._loaded[path])) for path in paths)

    def load_all(self) -> dict[str, ParsedNote]:
        if self._complete:
            return self._loaded
        with paused_gc():
            self._load_all()
        return self._loaded

    def _load_all(self) -> None:
        cached_stamps = self._cache_stamps()
        # Notes already read one by one (not from the cache) are saved with the rest.
        read_alone = [path for path in self._loaded if cached_stamps.get(path) != self.stamps.get(path)]
        fresh = [
            p for p, stamp in self.stamps.items() if p not in self._loaded and cached_stamps.get(p) == stamp
        ]
        if self._cache is not None and fresh:
            self._loaded.update(self._cache.parsed(fresh))
        missing = [path for path in self._paths if path not in self._loaded]
        for batch in parse_files(self.root, missing, self._progress, encoded=self._cache is not None):
            for path, note, _ in batch:
                self._loaded[path] = note
            if self._cache is not None:  # batch by batch: the encodings of a big vault take memory
                self._cache.store((path, self.stamps[path], text) for path, _, text in batch)
        if self._cache is not None:
            self.remember(read_alone)
            self._cache.store((), forget=[path for path in cached_stamps if path not in self._paths])
        self._complete = True

    def values(self) -> ValuesView[ParsedNote]:
        return self.load_all().values()

    def items(self) -> ItemsView[str, ParsedNote]:
        return self.load_all().items()


def read_note(file: str | os.PathLike[str], parse: Callable[[bytes], ParsedNote] = parse_note) -> ParsedNote:
    return notefile.read_note(file, parse)


def parse_files(
    root: Path, paths: list[str], progress: Progress | None = None, *, encoded: bool = True
) -> Iterator[list[tuple[str, ParsedNote, str]]]:
    """Parse ``paths``, in batches of ``(path, parse result, its encoding)`` ("" when not
    ``encoded``)."""
    workers = worker_count()
    done = 0
    if len(paths) < PARALLEL_FROM or workers < 2:
        for start in range(0, len(paths), _BATCH):
            batch = [
                (path, note := read_note(root / path), encode(note) if encoded else "")
                for path in paths[start : start + _BATCH]
            ]
            done += len(batch)
            if progress is not None:
                progress(done, len(paths))
            yield batch
        return
    # Chunks several times smaller than a worker's share keep both cores busy to the end and
    # the progress bar moving; workers send back JSON, which is cheaper to move than objects.
    # Only a few chunks are in flight at once, so finished ones can't pile up in memory while
    # this process turns earlier ones into objects.
    size = max(50, len(paths) // (workers * 8))
    jobs = iter([(str(root), paths[i : i + size]) for i in range(0, len(paths), size)])
    from concurrent.futures import ProcessPoolExecutor

    with ProcessPoolExecutor(workers, worker_context(), initializer=quiet_gc) as pool:
        pending = deque(pool.submit(_parse_chunk, job) for job in islice(jobs, workers * 2))
        while pending:
            chunk = pending.popleft().result()
            pending.extend(pool.submit(_parse_chunk, job) for job in islice(jobs, 1))
            done += len(chunk)
            if progress is not None:
                progress(done, len(paths))
            yield [(path, decode(text), text) for path, text in chunk]


def _parse_chunk(job: tuple[str, list[str]]) -> list[tuple[str, str]]:
    root, paths = job
    return [(path, encode(read_note(os.path.join(root, path)))) for path in paths]


def worker_count() -> int:
    """How many processes parse notes at once: one a core, up to eight."""
    return min(os.cpu_count() or 1, 8)


def worker_context() -> multiprocessing.context.BaseContext:
    import multiprocessing

    # fork starts workers in milliseconds, with everything already imported; elsewhere, spawn.
    if sys.platform == "linux":
        return multiprocessing.get_context("fork")
    return multiprocessing.get_context("spawn")


def _stamps(root: Path, paths: list[str]) -> dict[str, Stamp]:
    """(size, mtime_ns) of each file; (-1, -1), which no cache entry has, for one that is gone:
    reading it says why."""
    stamps = {}
    base = str(root)
    for path in paths:
        try:
            status = os.stat(os.path.join(base, path))
        except OSError:
            stamps[path] = (-1, -1)
        else:
            stamps[path] = (status.st_size, status.st_mtime_ns)
    return stamps
