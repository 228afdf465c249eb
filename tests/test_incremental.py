"""Incremental checks: `vault.diagnostics` from the cache must always be what a full check finds.

Each test copies the repository's notes/ vault (48 notes), fills the cache with a first check,
changes the copy as a user would, and compares the next check (from the cache: the stored answer,
only the edited notes re-checked, or a full check, as incremental.py decides) with a check that
uses no cache at all. Each change must also have the effect a user expects, so that a change
the cache hid from both checks could not pass unnoticed.
"""

from __future__ import annotations

import itertools
import os
import shutil
from collections.abc import Callable
from dataclasses import dataclass, replace
from pathlib import Path

import pytest

import vaultgraph
import vaultgraph.loader
import vaultgraph.parse
from vaultgraph.model import Diagnostic, ParsedNote

NOTES = Path(__file__).parent.parent / "notes"

GPU = "concepts/gpu-cloud-lock-in.md"
SAM = "people/sam-whitfield.md"
INBOX = "inbox/quick-capture-2025-02-14.md"
#: What the bundled vault's schema asks of every note.
VALID_FRONTMATTER = "---\ntype: concept\ntags: [draft]\ndate_added: 2025-03-01\n---\n"
ROI = "concepts/roi-measurement-frameworks.md"
SURVEY = "attachments/enterprise-ai-survey-2024.pdf"
SURVEY_NOTE = "sources/reports/state-of-enterprise-ai-2024.md"  # the one note that embeds it

Diagnostics = tuple[Diagnostic, ...]


class Editor:
    """Edits to a vault, each giving the file a new, strictly later modification time.

    Writes in quick succession can leave a file's mtime unchanged (coarse clocks), and a cache
    keyed by (size, mtime) would rightly miss such a change; a fake clock rules that out.
    """

    def __init__(self, root: Path) -> None:
        self.root = root
        self._clock = itertools.count(4_000_000_000 * 10**9, 10**9)  # 2096 on, a second apart

    def stamp(self, path: str) -> None:
        t = next(self._clock)
        os.utime(self.root / path, ns=(t, t))

    def read(self, path: str) -> str:
        return (self.root / path).read_text(encoding="utf-8")

    def write(self, path: str, content: str | bytes) -> None:
        file = self.root / path
        file.parent.mkdir(parents=True, exist_ok=True)
        file.write_bytes(content.encode() if isinstance(content, str) else content)
        self.stamp(path)

    def replace(self, path: str, old: str, new: str) -> None:
        text = self.read(path)
        assert old in text, f"{old!r} is not in {path}"
        self.write(path, text.replace(old, new, 1))

    def append(self, path: str, text: str) -> None:
        self.write(path, self.read(path) + text)

    def rename(self, old: str, new: str) -> None:
        (self.root / old).rename(self.root / new)
        self.stamp(new)

    def delete(self, path: str) -> None:
        (self.root / path).unlink()


def copy_notes(target: Path) -> Editor:
    return Editor(Path(shutil.copytree(NOTES, target, ignore=shutil.ignore_patterns(".vault"))))


@pytest.fixture
def vault_copy(tmp_path: Path) -> Editor:
    return copy_notes(tmp_path / "notes")


def checked(root: Path) -> Diagnostics:
    """The diagnostics from the cache, asserted equal to those of a check without cache."""
    warm = vaultgraph.load(root).diagnostics
    cold = vaultgraph.load(root, use_cache=False).diagnostics
    assert list(warm) == list(cold)
    return warm


def added(before: Diagnostics, after: Diagnostics) -> list[Diagnostic]:
    return [d for d in after if d not in before]


def removed(before: Diagnostics, after: Diagnostics) -> list[Diagnostic]:
    return [d for d in before if d not in after]


def where(found: list[Diagnostic]) -> set[tuple[str, str, str | None]]:
    return {(d.path, d.rule, d.target) for d in found}


# --- the changes, in the order the sequence test applies them -------------------------------


@dataclass(frozen=True)
class Change:
    name: str
    apply: Callable[[Editor], None]
    #: Asserts the change's visible effect, given the diagnostics before and after it.
    expect: Callable[[Diagnostics, Diagnostics], None]
    #: Changes to apply first when this one is tested on its own.
    needs: tuple[str, ...] = ()


def _expect_new_broken_link(before: Diagnostics, after: Diagnostics) -> None:
    assert where(added(before, after)) == {(GPU, "broken-link", "sovereign-gpu-clouds")}
    assert removed(before, after) == []


def _expect_broken_link_fixed(before: Diagnostics, after: Diagnostics) -> None:
    assert added(before, after) == []
    assert where(removed(before, after)) == {(GPU, "broken-link", "sovereign-gpu-clouds")}


def _expect_anchors_broken(before: Diagnostics, after: Diagnostics) -> None:
    new = added(before, after)
    assert where(new) == {
        ("companies/stackline-ai.md", "broken-anchor", "gpu-cloud-lock-in"),
        ("vault-conventions.md", "broken-anchor", "gpu-cloud-lock-in"),
    }
    assert {d.message for d in new} == {f"no heading 'Mitigations' in '{GPU}'"}
    assert removed(before, after) == []


def _expect_missing_block(before: Diagnostics, after: Diagnostics) -> None:
    new = added(before, after)
    assert where(new) == {(SAM, "broken-anchor", "gpu-cloud-lock-in")}
    assert new[0].message.startswith(f"no block '^exit-cost' in '{GPU}'")
    assert removed(before, after) == []


def _expect_block_found(before: Diagnostics, after: Diagnostics) -> None:
    assert added(before, after) == []
    assert where(removed(before, after)) == {(SAM, "broken-anchor", "gpu-cloud-lock-in")}


def _expect_link_to_unwritten_note(before: Diagnostics, after: Diagnostics) -> None:
    assert where(added(before, after)) == {(INBOX, "broken-link", "agent-permissions")}
    assert removed(before, after) == []


def _expect_link_to_new_note_resolves(before: Diagnostics, after: Diagnostics) -> None:
    assert added(before, after) == []
    assert where(removed(before, after)) == {(INBOX, "broken-link", "agent-permissions")}


def _expect_links_to_renamed_note_break(before: Diagnostics, after: Diagnostics) -> None:
    assert where(added(before, after)) == {
        (path, "broken-link", "net-revenue-retention")
        for path in (
            "companies/stackline-ai.md",
            "concepts/power-law-returns.md",
            "insights/production-deployments-as-moat.md",
            "maps/ai-roi-moc.md",
            "maps/venture-investing-moc.md",
        )
    }
    assert removed(before, after) == []


def _expect_links_to_deleted_note_break(before: Diagnostics, after: Diagnostics) -> None:
    new = added(before, after)
    assert where(new) == {
        (path, "broken-link", "priya-raman")
        for path in (
            "companies/northwind-logistics.md",
            "concepts/ai-center-of-excellence.md",
            "insights/executive-sponsorship-predicts-scale.md",
            "sources/interviews/interview-priya-raman-2025.md",
        )
    }
    assert len(new) == 5  # northwind-logistics links it from its frontmatter and its body
    assert removed(before, after) == []


def _expect_link_to_future_alias(before: Diagnostics, after: Diagnostics) -> None:
    new = added(before, after)
    assert where(new) == {(SAM, "broken-link", "ROI playbook")}
    assert "alias" not in new[0].message
    assert removed(before, after) == []


def _expect_alias_hint(before: Diagnostics, after: Diagnostics) -> None:
    (old,) = removed(before, after)
    (new,) = added(before, after)
    assert (new.path, new.line, new.column, new.rule) == (old.path, old.line, old.column, old.rule)
    assert new.message.endswith(
        f"; it is an alias of '{ROI}': link it as [[roi-measurement-frameworks|ROI playbook]]"
    )


def _expect_ambiguity(before: Diagnostics, after: Diagnostics) -> None:
    new = added(before, after)
    ambiguous = [d for d in new if d.rule == "ambiguous-link"]
    assert {d.path for d in ambiguous} >= {"companies/cobalt-ventures.md", "maps/venture-investing-moc.md"}
    assert all(
        "'concepts/power-law-returns.md', 'inbox/power-law-returns.md'" in d.message for d in ambiguous
    )
    # The shorter path wins, so anchors into the real note now point at the draft.
    assert {d.rule for d in new} == {"ambiguous-link", "broken-anchor", "duplicate-name"}
    # Both notes are named in a finding: the one that was there before is not the one edited.
    duplicates = {d.path for d in new if d.rule == "duplicate-name"}
    assert duplicates == {"concepts/power-law-returns.md", "inbox/power-law-returns.md"}
    assert removed(before, after) == []


def _expect_survey_unused(before: Diagnostics, after: Diagnostics) -> None:
    # A finding about a file that did not change, from an edit of another one.
    assert where(added(before, after)) == {(SURVEY, "unused-attachment", None)}
    assert removed(before, after) == []


def _expect_survey_used(before: Diagnostics, after: Diagnostics) -> None:
    assert where(removed(before, after)) == {(SURVEY, "unused-attachment", None)}
    assert added(before, after) == []


def _expect_broken_links_are_warnings(before: Diagnostics, after: Diagnostics) -> None:
    assert any(d.rule == "broken-link" and d.severity == "error" for d in before)
    expected = [replace(d, severity="warning") if d.rule == "broken-link" else d for d in before]
    assert list(after) == expected


def _expect_schema_finding_in_gpu(before: Diagnostics, after: Diagnostics) -> None:
    assert [(d.path, d.rule, d.field) for d in added(before, after)] == [(GPU, "schema", "/novelty_score")]
    assert removed(before, after) == []


def _expect_high_scores_reported(before: Diagnostics, after: Diagnostics) -> None:
    new = added(before, after)
    assert len(new) > 5
    assert {(d.rule, d.field) for d in new} == {("schema", "/novelty_score")}
    assert all("is greater than the maximum 0.5" in d.message for d in new)


def _expect_nothing_new(before: Diagnostics, after: Diagnostics) -> None:
    assert after == before


def _expect_invalid_frontmatter(before: Diagnostics, after: Diagnostics) -> None:
    new = added(before, after)
    assert where(new) == {("companies/ledgerleaf.md", "invalid-frontmatter", None)}
    assert new[0].message.startswith("invalid YAML")
    assert removed(before, after) == []


def _expect_unreadable(before: Diagnostics, after: Diagnostics) -> None:
    new = added(before, after)
    unreadable = [d for d in new if d.rule == "unreadable-note"]
    assert [(d.path, d.line) for d in unreadable] == [("concepts/change-management-ai.md", 24)]
    assert "not valid UTF-8" in unreadable[0].message
    # Its headings are gone with its text: anchors into it break.
    assert {(d.path, d.message) for d in new if d.rule == "broken-anchor"} >= {
        (
            "insights/middle-management-resistance.md",
            "no heading 'Stakeholder map' in 'concepts/change-management-ai.md'",
        ),
        (
            "sources/interviews/interview-priya-raman-2025.md",
            "no heading 'Playbook' in 'concepts/change-management-ai.md'",
        ),
    }
    assert {d.rule for d in new} == {"unreadable-note", "broken-anchor"}


def _make_not_utf8(vault: Editor) -> None:
    path = "concepts/change-management-ai.md"
    data = (vault.root / path).read_bytes()
    heading = b"# Change management for AI\n"
    assert heading in data
    vault.write(path, data.replace(heading, heading + b"Caf\xe9 notes.\n", 1))


CHANGES = [
    Change(
        "add a broken link",
        lambda v: v.append(GPU, "\nCompare [[sovereign-gpu-clouds]].\n"),
        _expect_new_broken_link,
    ),
    Change(
        "fix the broken link",
        lambda v: v.replace(GPU, "[[sovereign-gpu-clouds]]", "[[total-cost-of-ownership]]"),
        _expect_broken_link_fixed,
        needs=("add a broken link",),
    ),
    Change(
        "rename a heading other notes link to",
        lambda v: v.replace(GPU, "## Mitigations\n", "## Ways out\n"),
        _expect_anchors_broken,
    ),
    Change(
        "link to a block id not written yet",
        lambda v: v.append(SAM, "\nHis test of lock-in: [[gpu-cloud-lock-in#^exit-cost]].\n"),
        _expect_missing_block,
    ),
    Change(
        "add a block id",
        lambda v: v.append(GPU, "\nLeaving a cloud costs more than arriving. ^exit-cost\n"),
        _expect_block_found,
        needs=("link to a block id not written yet",),
    ),
    Change(
        "link to a note not written yet",
        lambda v: v.append(INBOX, "\nSee [[agent-permissions]].\n"),
        _expect_link_to_unwritten_note,
    ),
    Change(
        "add the note a broken link targets",
        lambda v: v.write(
            "concepts/agent-permissions.md",
            VALID_FRONTMATTER + "# Agent permissions\n\nWhat an agent may do.\n",
        ),
        _expect_link_to_new_note_resolves,
        needs=("link to a note not written yet",),
    ),
    Change(
        "rename a note",
        lambda v: v.rename("concepts/net-revenue-retention.md", "concepts/nrr.md"),
        _expect_links_to_renamed_note_break,
    ),
    Change(
        "delete a note",
        lambda v: v.delete("people/priya-raman.md"),
        _expect_links_to_deleted_note_break,
    ),
    Change(
        "link to a name that is not an alias yet",
        lambda v: v.append(SAM, "\nHe reads [[ROI playbook]] first.\n"),
        _expect_link_to_future_alias,
    ),
    Change(
        "add an alias",
        lambda v: v.replace(ROI, "  - ROI frameworks\n", "  - ROI frameworks\n  - ROI playbook\n"),
        _expect_alias_hint,
        needs=("link to a name that is not an alias yet",),
    ),
    Change(
        "add a second note with an existing name",
        lambda v: v.write("inbox/power-law-returns.md", VALID_FRONTMATTER + "# Power laws, a draft\n"),
        _expect_ambiguity,
    ),
    Change(
        "stop embedding the survey, which nothing else links to",
        lambda v: v.replace(SURVEY_NOTE, "![[enterprise-ai-survey-2024.pdf#page=3]]", "(survey, page 3)"),
        _expect_survey_unused,
    ),
    Change(
        "embed the survey again",
        lambda v: v.replace(SURVEY_NOTE, "(survey, page 3)", "![[enterprise-ai-survey-2024.pdf#page=3]]"),
        _expect_survey_used,
        needs=("stop embedding the survey, which nothing else links to",),
    ),
    Change(
        "make broken links warnings in vault.toml",
        lambda v: v.append("vault.toml", '\n[rules]\nbroken-link = "warning"\n'),
        _expect_broken_links_are_warnings,
        needs=("add a broken link",),
    ),
    Change("touch a note without changing it", lambda v: v.stamp(GPU), _expect_nothing_new),
    Change(
        "replace a note's frontmatter with invalid YAML",
        lambda v: v.replace("companies/ledgerleaf.md", "---\n", "---\nsummary: [unclosed\n"),
        _expect_invalid_frontmatter,
    ),
    Change("make a note non-UTF-8", _make_not_utf8, _expect_unreadable),
    Change(
        "give a note a novelty score the schema forbids",
        lambda v: v.replace(GPU, "novelty_score: ", "novelty_score: 1"),
        _expect_schema_finding_in_gpu,
    ),
    Change(
        "tighten the schema file",
        lambda v: v.replace("schemas/note.yaml", "minimum: 0, maximum: 1", "minimum: 0, maximum: 0.5"),
        _expect_high_scores_reported,
    ),
]
BY_NAME = {change.name: change for change in CHANGES}


def apply_and_check(vault: Editor, change: Change, before: Diagnostics) -> Diagnostics:
    change.apply(vault)
    after = checked(vault.root)
    change.expect(before, after)
    return after


@pytest.mark.parametrize("change", CHANGES, ids=lambda change: change.name)
def test_each_change_gives_the_diagnostics_of_a_check_without_cache(
    vault_copy: Editor, change: Change
) -> None:
    diagnostics = vaultgraph.load(vault_copy.root).diagnostics  # fills the cache
    for needed in change.needs:
        diagnostics = apply_and_check(vault_copy, BY_NAME[needed], diagnostics)
    apply_and_check(vault_copy, change, diagnostics)


def test_all_changes_one_after_another(vault_copy: Editor) -> None:
    diagnostics = vaultgraph.load(vault_copy.root).diagnostics
    assert diagnostics == ()  # the repository's vault is clean: every finding below is a change's
    for change in CHANGES:
        diagnostics = apply_and_check(vault_copy, change, diagnostics)
    assert checked(vault_copy.root) == diagnostics  # and, unchanged since, the stored answer


# --- what the cache saves --------------------------------------------------------------------


class Reads:
    """Counts the notes read from disk (vaultgraph.loader.read_note)."""

    def __init__(self, monkeypatch: pytest.MonkeyPatch, *, refuse: bool = False) -> None:
        self.paths: list[str] = []
        real = vaultgraph.loader.read_note

        def read_note(file: Path) -> ParsedNote:
            self.paths.append(file.name)
            if refuse:
                raise AssertionError(f"read {file}")
            return real(file)

        def parse(*args: object) -> None:
            raise AssertionError("parsed a note")

        monkeypatch.setattr(vaultgraph.loader, "read_note", read_note)
        if refuse:
            monkeypatch.setattr(vaultgraph.loader, "parse_note", parse)
            monkeypatch.setattr(vaultgraph.parse, "parse_note", parse)
            monkeypatch.setattr(vaultgraph.parse, "parse_text", parse)


@pytest.mark.parametrize("last_check", ["full", "incremental"])
def test_an_unchanged_vault_is_checked_without_reading_a_note(
    vault_copy: Editor, monkeypatch: pytest.MonkeyPatch, last_check: str
) -> None:
    vault_copy.append(GPU, "\nCompare [[sovereign-gpu-clouds]].\n")
    vaultgraph.load(vault_copy.root).diagnostics  # noqa: B018 - fills the cache
    if last_check == "incremental":
        vault_copy.append(SAM, "\nAnd [[sovereign-gpu-clouds]] too.\n")
        vaultgraph.load(vault_copy.root).diagnostics  # noqa: B018
    expected = vaultgraph.load(vault_copy.root, use_cache=False).diagnostics
    assert len(expected) == (2 if last_check == "incremental" else 1)

    Reads(monkeypatch, refuse=True)
    assert vaultgraph.load(vault_copy.root).diagnostics == expected


SCRATCH = "inbox/scratch.md"  # no headings, block ids or aliases: nothing others can see


@pytest.mark.parametrize(
    ("path", "edit", "expected_rule"),
    [
        (GPU, lambda v: v.append(GPU, "\nCompare [[sovereign-gpu-clouds]].\n"), "broken-link"),
        (GPU, lambda v: v.stamp(GPU), None),
        (
            "companies/ledgerleaf.md",
            lambda v: v.replace("companies/ledgerleaf.md", "---\n", "---\nsummary: [unclosed\n"),
            "invalid-frontmatter",
        ),
        (SCRATCH, lambda v: v.write(SCRATCH, b"Links to [[home]], caf\xe9.\n"), "unreadable-note"),
        (GPU, lambda v: v.replace(GPU, "type: ", "type: gpu-"), "schema"),
    ],
    ids=["body edit", "touch", "invalid YAML", "non-UTF-8", "frontmatter against the schema"],
)
def test_an_edit_other_notes_cannot_see_rechecks_only_the_edited_note(
    vault_copy: Editor,
    monkeypatch: pytest.MonkeyPatch,
    path: str,
    edit: Callable[[Editor], None],
    expected_rule: str | None,
) -> None:
    vault_copy.write(SCRATCH, VALID_FRONTMATTER + "Links to [[home]].\n")
    vaultgraph.load(vault_copy.root).diagnostics  # noqa: B018 - fills the cache
    edit(vault_copy)
    reads = Reads(monkeypatch)
    diagnostics = vaultgraph.load(vault_copy.root).diagnostics
    assert reads.paths == [Path(path).name]
    assert [(d.path, d.rule) for d in diagnostics] == ([(path, expected_rule)] if expected_rule else [])
    monkeypatch.undo()
    assert diagnostics == vaultgraph.load(vault_copy.root, use_cache=False).diagnostics


def test_a_heading_edit_seen_first_by_another_command_still_reaches_the_check(vault_copy: Editor) -> None:
    # `vault links` after the edit brings the parse cache up to date, but not the stored check:
    # the next check must not take the edited note's new parse result for the one it checked.
    vaultgraph.load(vault_copy.root).diagnostics  # noqa: B018
    vault_copy.replace(GPU, "## Mitigations\n", "## Ways out\n")
    assert len(vaultgraph.load(vault_copy.root).links) > 0
    diagnostics = checked(vault_copy.root)
    assert {d.path for d in diagnostics} == {"companies/stackline-ai.md", "vault-conventions.md"}


@pytest.mark.parametrize(
    "edit",
    [
        None,
        lambda v: v.append(GPU, "\nCompare [[sovereign-gpu-clouds]].\n"),
        lambda v: v.replace(GPU, "## Mitigations\n", "## Ways out\n"),
    ],
    ids=["first check", "after a body edit", "after a heading rename"],
)
def test_after_a_check_every_note_is_in_the_cache(
    vault_copy: Editor, monkeypatch: pytest.MonkeyPatch, edit: Callable[[Editor], None] | None
) -> None:
    # A check leaves every note's parse result cached, so that `vault links` or `vault graph`
    # on the unchanged vault next reads no note, and the next edit can be checked incrementally.
    vaultgraph.load(vault_copy.root).diagnostics  # noqa: B018
    if edit is not None:
        edit(vault_copy)
        vaultgraph.load(vault_copy.root).diagnostics  # noqa: B018
    expected = vaultgraph.load(vault_copy.root, use_cache=False).notes
    Reads(monkeypatch, refuse=True)
    assert vaultgraph.load(vault_copy.root).notes == expected
