"""Loading: parse results are the same however they are produced (in this process, in worker
processes, or read back from the cache), a note that vanishes mid-load is a diagnostic, and
looking up one note reads only what it needs."""

from __future__ import annotations

import concurrent.futures
import shutil
from concurrent.futures import ProcessPoolExecutor
from pathlib import Path

import pytest

import vaultgraph
import vaultgraph.loader
from vaultgraph.model import ParsedNote

NOTES = Path(__file__).parent.parent / "notes"
GPU = "concepts/gpu-cloud-lock-in.md"

#: Notes whose parse results carry what is hardest to send between processes or store: dates,
#: nested values, problems, odd encodings.
ODD_NOTES: dict[str, bytes] = {
    "odd/crlf.md": b"---\r\ntitle: CRLF\r\n---\r\n# Heading\r\n\r\n[[home]] ^crlf-block\r\n",
    "odd/bom.md": b"\xef\xbb\xbf# BOM\n\n[[home#Reading order]]\n",
    "odd/values.md": (
        "---\n"
        "created: 2025-01-17\n"
        "updated: 2025-01-17 10:30:00\n"
        "stamp: 2025-01-17T10:30:00+02:00\n"
        "1: a number as a key\n"
        "2025-02-01: a date as a key\n"
        "nested: {a: [1, 2.5, true, null, -0.0], b: {c: 'd'}}\n"
        "links: ['[[home]]', '[[nowhere]]']\n"
        "---\n"
        "# Überschrift ✓\n\n[[home|Startseite]] ![[returns-distribution.png]] #tag/ünïcode ^block-1\n"
    ).encode(),
    "odd/invalid-yaml.md": b"---\nkey: [unclosed\n---\n# Body\n",
    "odd/latin-1.md": b"# Caf\xe9\n",
    "odd/empty.md": b"",
}


def copy_notes(target: Path, extra: dict[str, bytes] | None = None) -> Path:
    root = Path(shutil.copytree(NOTES, target, ignore=shutil.ignore_patterns(".vault")))
    for path, data in (extra or {}).items():
        (root / path).parent.mkdir(parents=True, exist_ok=True)
        (root / path).write_bytes(data)
    return root


@pytest.fixture
def vault_root(tmp_path: Path) -> Path:
    return copy_notes(tmp_path / "notes")


class PoolSpy(ProcessPoolExecutor):
    """A ProcessPoolExecutor that records being started."""

    started = 0

    def __init__(self, *args: object, **kwargs: object) -> None:
        type(self).started += 1
        super().__init__(*args, **kwargs)  # type: ignore[arg-type]


def use_workers(monkeypatch: pytest.MonkeyPatch, parallel: bool) -> type[PoolSpy]:
    """Parse in worker processes (even on a one-core machine) or never; returns the spy."""
    spy = type("Spy", (PoolSpy,), {"started": 0})
    monkeypatch.setattr(
        concurrent.futures, "ProcessPoolExecutor", spy
    )  # the loader imports it when it parses
    monkeypatch.setattr(vaultgraph.loader, "PARALLEL_FROM", 1 if parallel else 10**9)
    monkeypatch.setattr(vaultgraph.loader.os, "cpu_count", lambda: 4)
    return spy


def parsed(root: Path, **options: object) -> dict[str, ParsedNote]:
    progress: list[tuple[int, int]] = []
    vault = vaultgraph.load(root, progress=lambda done, total: progress.append((done, total)), **options)
    notes = {path: note.parsed for path, note in vault.notes.items()}
    assert progress[-1] == (len(notes), len(notes))  # the progress bar ends full
    return notes


def test_parallel_parsing_gives_the_same_results_as_serial(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    root = copy_notes(tmp_path / "notes", ODD_NOTES)
    spy = use_workers(monkeypatch, parallel=False)
    serial = parsed(root, use_cache=False)
    assert spy.started == 0

    spy = use_workers(monkeypatch, parallel=True)
    in_workers = parsed(root, use_cache=False)
    assert spy.started == 1

    assert len(serial) == 48 + len(ODD_NOTES)
    assert serial["odd/values.md"].frontmatter["created"].year == 2025  # a date, not a string
    for path, note in serial.items():
        assert in_workers[path] == note, path
    assert list(in_workers) == list(serial)


@pytest.mark.parametrize("parallel", [False, True], ids=["serial", "parallel"])
def test_parse_results_read_back_from_the_cache_equal_fresh_ones(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, parallel: bool
) -> None:
    root = copy_notes(tmp_path / "notes", ODD_NOTES)
    fresh = vaultgraph.load(root, use_cache=False)
    use_workers(monkeypatch, parallel)
    filled = vaultgraph.load(root)  # parses, and stores every result
    assert filled.notes == fresh.notes
    assert filled.diagnostics == fresh.diagnostics

    def refuse(file: Path) -> None:
        raise AssertionError(f"read {file}")

    monkeypatch.setattr(vaultgraph.loader, "read_note", refuse)
    from_cache = vaultgraph.load(root)
    assert from_cache.notes == fresh.notes
    assert from_cache.diagnostics == fresh.diagnostics


@pytest.mark.parametrize("use_cache", [False, True], ids=["no cache", "cache"])
@pytest.mark.parametrize("parallel", [False, True], ids=["serial", "parallel"])
def test_a_note_deleted_between_scan_and_parse_is_an_unreadable_note(
    vault_root: Path, monkeypatch: pytest.MonkeyPatch, parallel: bool, use_cache: bool
) -> None:
    use_workers(monkeypatch, parallel)
    vault = vaultgraph.load(vault_root, use_cache=use_cache)
    (vault_root / GPU).unlink()

    assert len(vault.notes) == 48
    assert vault.notes[GPU].parsed.readable is False
    found = [d for d in vault.diagnostics if d.path == GPU]
    assert [(d.rule, d.severity) for d in found] == [("unreadable-note", "error")]
    assert found[0].message.startswith("cannot read")
    # Links to it were resolved against the scan, where it still existed; anchors into it break.
    assert {(d.path, d.rule) for d in vault.diagnostics} == {
        (GPU, "unreadable-note"),
        ("companies/stackline-ai.md", "broken-anchor"),
        ("vault-conventions.md", "broken-anchor"),
    }

    # The next load no longer sees it; from the cache or not, links to it are now broken.
    after = vaultgraph.load(vault_root, use_cache=use_cache).diagnostics
    assert after == vaultgraph.load(vault_root, use_cache=False).diagnostics
    assert {(d.rule, d.target) for d in after} == {("broken-link", "gpu-cloud-lock-in")}


class ReadCounter:
    def __init__(self, monkeypatch: pytest.MonkeyPatch, root: Path) -> None:
        self.paths: list[str] = []
        real = vaultgraph.loader.read_note

        def read_note(file: Path) -> ParsedNote:
            self.paths.append(file.relative_to(root).as_posix())
            return real(file)

        monkeypatch.setattr(vaultgraph.loader, "read_note", read_note)


@pytest.mark.parametrize("query", ["gpu-cloud-lock-in", "concepts/gpu-cloud-lock-in", GPU, "./" + GPU])
def test_finding_a_note_reads_only_that_note(
    vault_root: Path, monkeypatch: pytest.MonkeyPatch, query: str
) -> None:
    vault = vaultgraph.load(vault_root, use_cache=False)
    reads = ReadCounter(monkeypatch, vault_root)
    note = vault.find_note(query)
    assert note.path == GPU
    assert "Mitigations" in [heading.text for heading in note.headings]
    assert reads.paths == [GPU]


def test_the_links_of_one_note_read_only_it_and_the_notes_its_anchors_point_into(
    vault_root: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    # What `vault links NOTE --no-cache` does.
    expected = [link for link in vaultgraph.load(vault_root, use_cache=False).links if link.source == GPU]
    assert {link.resolved for link in expected} == {
        "concepts/model-serving-architectures.md",  # [[model-serving-architectures#Routing]]
        "maps/Market Map 2025.md",
        "maps/ai-deployment-moc.md",
    }
    vault = vaultgraph.load(vault_root, use_cache=False)
    reads = ReadCounter(monkeypatch, vault_root)
    assert list(vault.links_of([GPU])) == expected
    assert sorted(reads.paths) == [GPU, "concepts/model-serving-architectures.md"]
