"""`plan_move`, the planner of `vault mv`, on its own: each kind of move against expected files
written by hand under tests/fixtures/refactor/expected-*/ (byte for byte), styles kept, and the
moves it refuses."""

from __future__ import annotations

from pathlib import Path

import pytest

import vaultgraph
from vaultgraph.diskfiles import DiskFiles
from vaultgraph.moveplan import MovePlan, plan_move
from vaultgraph.plan import Plan, Refused

from .conftest import FIXTURES, snapshot

POWER_LAW = "concepts/Power Law.md"

#: case: (OLD, NEW, each moved file's new path, links rewritten, notes rewritten)
CASES = {
    "rename": (POWER_LAW, "concepts/Scaling Law.md", {POWER_LAW: "concepts/Scaling Law.md"}, 23, 7),
    "move": (POWER_LAW, "ideas", {POWER_LAW: "ideas/Power Law.md"}, 10, 5),
    "folder": (
        "concepts",
        "topics",
        {POWER_LAW: "topics/Power Law.md", "concepts/Sibling.md": "topics/Sibling.md"},
        8,
        3,
    ),
    "attachment": (
        "assets/diagram.png",
        "media/diagram.png",
        {"assets/diagram.png": "media/diagram.png"},
        3,
        2,
    ),
    # `concepts/Ada.md` shares its name with `people/Ada.md`: bare links to either become
    # path-qualified, the others stay bare.
    "clash": (POWER_LAW, "concepts/Ada.md", {POWER_LAW: "concepts/Ada.md"}, 26, 7),
    # Links still resolve after a rename in case only (names resolve case-insensitively), but
    # they are rewritten to read as the new name, as Obsidian does.
    "case": (POWER_LAW, "concepts/power law.md", {POWER_LAW: "concepts/power law.md"}, 21, 6),
}


def plan(root: Path, old: str, new: str) -> MovePlan:
    files = DiskFiles(root)
    vault = vaultgraph.load(root, use_cache=False)
    return plan_move(vault, old, new, files.read, stamp=files.stamp, exists=files.exists)


def apply_here(root: Path, plan: Plan) -> None:
    """What the journal does, minus the journal: enough to compare the result with the expected files."""
    for change in plan.changes:
        (root / change.path).unlink()
    for change in plan.changes:
        target = root / change.new_path
        target.parent.mkdir(parents=True, exist_ok=True)
        target.write_bytes(change.after if change.after is not None else change.before)


def expected_tree(case: str, moved: dict[str, str]) -> dict[str, bytes]:
    """The fixture vault after the move: each file at its new path, with the hand-written
    content of expected-CASE/ where there is one, else as it was."""
    expected_dir = FIXTURES / f"expected-{case}"
    tree = {}
    for path, data in snapshot(FIXTURES / "vault").items():
        new_path = moved.get(path, path)
        written = expected_dir / new_path
        tree[new_path] = written.read_bytes() if written.is_file() else data
    for path in snapshot(expected_dir):
        assert path in tree, f"expected-{case}/{path} is no file of the moved vault"
    return tree


@pytest.mark.parametrize("case", CASES)
def test_each_move_gives_the_expected_files_byte_for_byte(case: str, refactor_vault: Path) -> None:
    old, new, moved, links, notes = CASES[case]
    made = plan(refactor_vault, old, new)
    assert {c.path: c.new_path for c in made.changes if c.moved} == moved
    assert (made.links, made.notes) == (links, notes)
    apply_here(refactor_vault, made)
    assert snapshot(refactor_vault) == expected_tree(case, moved)


@pytest.mark.parametrize("case", CASES)
def test_after_the_move_every_link_resolves_as_before(case: str, refactor_vault: Path) -> None:
    old, new, moved, _, _ = CASES[case]
    before = {
        (moved.get(item.source, item.source), item.link.line, item.link.target): item.resolved
        for item in vaultgraph.load(refactor_vault, use_cache=False).links
    }
    apply_here(refactor_vault, plan(refactor_vault, old, new))
    after = vaultgraph.load(refactor_vault, use_cache=False)
    # Only what the fixture has on purpose: a missing anchor, and (the clash case) two notes named Ada.
    assert [d for d in after.diagnostics if d.rule not in ("broken-anchor", "duplicate-name")] == []
    resolved = sorted({moved.get(path, path) for path in before.values() if path is not None})
    assert sorted({item.resolved for item in after.links if item.resolved is not None}) == resolved


def test_the_plan_records_each_file_as_it_was(refactor_vault: Path) -> None:
    made = plan(refactor_vault, POWER_LAW, "concepts/Scaling Law.md")
    for change in made.changes:
        stat = (refactor_vault / change.path).stat()
        assert change.before == (refactor_vault / change.path).read_bytes()
        assert change.stamp == (stat.st_size, stat.st_mtime_ns)
    moved = next(c for c in made.changes if c.moved)
    assert moved.after is None  # its own links still lead where they did
    assert snapshot(refactor_vault) == snapshot(FIXTURES / "vault")  # planning writes nothing


def write_vault(root: Path, files: dict[str, str]) -> Path:
    (root / "vault.toml").write_text("")
    for name, text in files.items():
        (root / name).parent.mkdir(parents=True, exist_ok=True)
        (root / name).write_bytes(text.encode())
    return root


def test_markdown_destinations_keep_their_encoding(tmp_path: Path) -> None:
    root = write_vault(
        tmp_path,
        {
            "b.md": "# B\n",
            "Ünï.md": "# U\n",
            "a.md": "[raw](b.md) [angled](<b.md>) [enc](%62.md) [[b]] [u](%C3%9Cn%C3%AF.md) [u2](<Ünï.md>)\n",
        },
    )
    apply_here(root, plan(root, "b.md", "new folder/Café (b).md"))
    apply_here(root, plan(root, "Ünï.md", "Émile.md"))
    assert (root / "a.md").read_text() == (
        "[raw](Café%20%28b%29.md) [angled](<Café (b).md>) [enc](Café%20%28b%29.md) [[Café (b)]]"
        " [u](%C3%89mile.md) [u2](<Émile.md>)\n"
    )


def test_a_bare_link_to_another_note_turns_qualified_only_where_the_move_makes_it_ambiguous(
    tmp_path: Path,
) -> None:
    root = write_vault(
        tmp_path,
        {
            "people/Ada.md": "# Ada\n",
            "people/friend.md": "[[Ada]]\n",  # its own folder's Ada still wins, but ambiguously
            "x/Lovelace.md": "# L\n",
            "home.md": "[[Ada]] [[Lovelace]] [[x/Lovelace|full]]\n",
        },
    )
    apply_here(root, plan(root, "x/Lovelace.md", "x/Ada.md"))
    assert (root / "home.md").read_text() == "[[people/Ada]] [[x/Ada]] [[x/Ada|full]]\n"
    assert (root / "people/friend.md").read_text() == "[[people/Ada]]\n"


def test_links_inside_a_moved_note_follow_it(tmp_path: Path) -> None:
    root = write_vault(
        tmp_path,
        {
            "a/note.md": "[[../b/other]] [o](../b/other.md) [[other]] [[#Self]] [s](#Self)\n\n# Self\n",
            "b/other.md": "# O\n",
        },
    )
    apply_here(root, plan(root, "a/note.md", "a/deeper/down/note.md"))
    assert (root / "a/deeper/down/note.md").read_text() == (
        "[[../../../b/other]] [o](../../../b/other.md) [[other]] [[#Self]] [s](#Self)\n\n# Self\n"
    )


def test_spacing_and_a_leading_slash_are_kept(tmp_path: Path) -> None:
    root = write_vault(tmp_path, {"a/b.md": "# B\n", "c.md": "[[ a/b | x ]] [[/a/b]] [t](/a/b.md)\n"})
    apply_here(root, plan(root, "a/b.md", "d/b.md"))
    assert (root / "c.md").read_text() == "[[ d/b | x ]] [[/d/b]] [t](/d/b.md)\n"


def test_a_root_note_that_shares_its_name_is_linked_from_the_root(tmp_path: Path) -> None:
    root = write_vault(tmp_path, {"x/Ada.md": "# A\n", "other.md": "# O\n", "sub/c.md": "[[other]]\n"})
    apply_here(root, plan(root, "other.md", "Ada.md"))
    assert (root / "sub/c.md").read_text() == "[[/Ada]]\n"


def test_bom_crlf_frontmatter_and_mixed_line_endings_are_kept(tmp_path: Path) -> None:
    root = write_vault(tmp_path, {"a.md": "# A\n"})
    text = '\ufeff---\r\nup: "[[a]]"  # parent\r\nlist: ["[[a|A]]", x]\r\n---\r[[a]] \t\n\n[x](a.md)\r\n'
    (root / "c.md").write_bytes(text.encode())
    apply_here(root, plan(root, "a.md", "b b.md"))
    assert (root / "c.md").read_bytes() == (
        '\ufeff---\r\nup: "[[b b]]"  # parent\r\nlist: ["[[b b|A]]", x]\r\n---\r'
        "[[b b]] \t\n\n[x](b%20b.md)\r\n"
    ).encode()


def test_a_note_renamed_without_md_keeps_it(tmp_path: Path) -> None:
    root = write_vault(tmp_path, {"a.md": "# A\n", "b.md": "[[a]]\n"})
    made = plan(root, "a.md", "renamed")
    assert [(c.path, c.new_path) for c in made.changes if c.moved] == [("a.md", "renamed.md")]


def test_a_note_changed_under_the_planner_is_refused(tmp_path: Path) -> None:
    root = write_vault(tmp_path, {"a.md": "# A\n", "b.md": "[[a]]\n"})
    vault = vaultgraph.load(root, use_cache=False)
    files = DiskFiles(root)
    assert vault.links  # notes are read when first needed: read them before the edit
    (root / "b.md").write_text("now [[a]] elsewhere\n")
    with pytest.raises(Refused, match="changed"):
        plan_move(vault, "a.md", "c.md", files.read, stamp=files.stamp)


@pytest.mark.parametrize(
    ("old", "new", "message"),
    [
        (POWER_LAW, "concepts/Sibling.md", "already exists"),
        (POWER_LAW, "concepts/sibling.md", "already exists"),  # names compare case-insensitively
        ("concepts/Nothing.md", "x.md", "no file or folder"),
        (POWER_LAW, "../outside.md", "outside the vault"),
        (POWER_LAW, POWER_LAW, "already there"),
        ("concepts", "concepts/sub", "into itself"),
        ("concepts", "concepts/", "into itself"),
        ("concepts", "ideas/../people/..", "already there"),
        ("", "x", "the vault itself"),
        ("concepts", "index.md/inside", "'index.md' is a file"),
    ],
)
def test_refusals(refactor_vault: Path, old: str, new: str, message: str) -> None:
    with pytest.raises(Refused, match=message):
        plan(refactor_vault, old, new)


def test_a_hidden_file_at_new_is_refused(refactor_vault: Path) -> None:
    (refactor_vault / ".hidden.md").write_text("")
    with pytest.raises(Refused, match="already exists"):
        plan(refactor_vault, POWER_LAW, ".hidden.md")


def test_a_folder_onto_an_existing_folder_is_refused(refactor_vault: Path) -> None:
    (refactor_vault / "ideas" / "concepts").mkdir()
    (refactor_vault / "ideas" / "concepts" / "x.md").write_text("")
    with pytest.raises(Refused, match="already exists"):
        plan(refactor_vault, "concepts", "ideas")
