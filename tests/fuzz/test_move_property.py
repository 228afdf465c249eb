"""`vault mv` on random vaults: after any move it agrees to make, every link that led somewhere
leads to the same file (at its new path), every note's other bytes are as they were, and links
that were broken stay broken. Names are drawn from a few letters so that clashes are common."""

from __future__ import annotations

import posixpath
import tempfile
from pathlib import Path

from hypothesis import event, given
from hypothesis import strategies as st

import vaultgraph
from vaultgraph import journal
from vaultgraph.diskfiles import DiskFiles
from vaultgraph.moveplan import plan_move
from vaultgraph.plan import Refused

FOLDERS = ["", "a/", "b/", "a/c/"]
names = st.sampled_from(["x", "y", "z", "X y", "ü"])
note_paths = st.builds(lambda folder, name: f"{folder}{name}.md", st.sampled_from(FOLDERS), names)


def link_to(path: str, source: str, style: int) -> str:
    """A link from ``source`` to ``path`` in one of the styles people write."""
    stem = path[:-3]
    relative = posixpath.relpath(path, posixpath.dirname(source) or ".").replace(" ", "%20")
    return [
        f"[[{posixpath.basename(stem)}]]",
        f"[[{stem}|shown]]",
        f"[[{posixpath.basename(stem)}#H]]",
        f"[t]({relative})",
        f"![[{stem}]]",
        "`[[{stem}]]` in code",
        f"[[/{stem}]]",
    ][style]


@st.composite
def vaults(draw: st.DrawFn) -> dict[str, str]:
    paths = draw(st.lists(note_paths, min_size=2, max_size=7, unique_by=str.lower))
    notes = {}
    for source in paths:
        targets = draw(st.lists(st.tuples(st.sampled_from(paths), st.integers(0, 6)), max_size=5))
        body = " and ".join(link_to(path, source, style) for path, style in targets)
        notes[source] = f"---\nup: '[[{posixpath.basename(paths[0])[:-3]}]]'\n---\n# H\n{body}\n[[gone]]\n"
    return notes


@given(vaults(), st.data())
def test_a_move_keeps_every_link_leading_where_it_led(notes: dict[str, str], data: st.DataObject) -> None:
    with tempfile.TemporaryDirectory() as scratch:
        root = Path(scratch)
        (root / "vault.toml").write_text("")
        for path, text in notes.items():
            (root / path).parent.mkdir(parents=True, exist_ok=True)
            (root / path).write_text(text)
        before = vaultgraph.load(root, use_cache=False)
        old = data.draw(st.sampled_from([*notes, "a", "b"]))
        new = data.draw(st.sampled_from(["d/", "a/c/", "b/w.md", "moved", "W.md", "a/new/"]))
        files = DiskFiles(root)
        try:
            plan = plan_move(before, old, new, files.read, stamp=files.stamp, exists=files.exists)
        except Refused:
            event("refused")
            return  # refusing is allowed; a move it makes must be right
        event(f"moved, {plan.links} links rewritten" if plan.links < 3 else "moved, 3+ links rewritten")
        moves = {change.path: change.new_path for change in plan.changes}
        journal.apply(root, plan)
        after = vaultgraph.load(root, use_cache=False)

        def leads(vault: vaultgraph.Vault, rename: dict[str, str]) -> dict[str, list[str | None]]:
            out: dict[str, list[str | None]] = {}
            for item in vault.links:
                resolved = rename.get(item.resolved, item.resolved) if item.status == "ok" else item.status
                out.setdefault(rename.get(item.source, item.source), []).append(resolved)
            return out

        expected = leads(before, moves)
        found = leads(after, {})
        for source, targets in expected.items():
            for was, now in zip(targets, found[source], strict=True):
                if was not in ("broken-anchor", "ambiguous"):  # an ambiguous link may be qualified
                    assert now == was, (source, notes, old, new)
