"""What `vault fix` changes: every broken link with one confident candidate gets a target that
leads there, written in the link's own style (bare stays bare where the name is unique, a path
keeps its depth, a relative markdown link stays relative); the other broken links are left as
they are and listed.

Pure: the vault, its broken links' proposals and the files' bytes (through ``read``) in, a
:class:`FixPlan` out.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Mapping
from dataclasses import dataclass

from .checker import within
from .fixes import BrokenLink, Proposal, propose
from .linkedit import LinkEdit, file_changes, new_target, numbered
from .plan import Plan, Refused, Stamp
from .vault import ResolvedLink, Vault


@dataclass(frozen=True, slots=True)
class Fix:
    """A confident proposal and the target text the link gets."""

    proposal: Proposal
    target: str


@dataclass(frozen=True, slots=True)
class Unfixed:
    """A broken link left as it is, and why."""

    proposal: Proposal
    why: str


@dataclass(frozen=True, slots=True)
class FixPlan(Plan):
    """A :class:`Plan` that also lists the fixes it makes and the broken links it leaves: those
    with several candidates (never guessed), none, or in a file it must not write."""

    fixes: tuple[Fix, ...] = ()
    unfixed: tuple[Unfixed, ...] = ()


def plan_fixes(
    vault: Vault,
    read: Callable[[str], bytes],
    *,
    stamp: Callable[[str], Stamp],
    writable: Callable[[str], bool] = lambda _: True,
    paths: Iterable[str] | None = None,
    renamed: Mapping[str, str] | None = None,
) -> FixPlan:
    """Fix the broken links of the notes at or under the vault paths ``paths`` (every note when
    None), except in files not ``writable``. ``renamed`` maps old paths to new ones for files
    git saw renamed (:func:`vaultgraph.gitstate.renamed_paths`)."""
    prefixes = None if paths is None else list(paths)
    # Links that resolve only when case is ignored are findings only where the vault asks for
    # them (the rule is off by default: Obsidian doesn't mind); then they are fixed too.
    case_matters = vault.config.severity("case-mismatch") is not None
    found = sorted(
        (
            (position, item)
            for position, item in numbered(vault.links)
            if item.link.target
            and within(item.source, prefixes)
            and (item.status == "broken" or (case_matters and _case_mismatch(item)))
        ),
        key=lambda numbered_link: (
            numbered_link[1].source,
            numbered_link[1].link.line,
            numbered_link[1].link.column,
        ),
    )
    broken = [item for _, item in found if item.status == "broken"]
    proposed = iter(
        propose(
            vault.index,
            [BrokenLink(item.source, item.link.line, item.link.column, item.link.target) for item in broken],
            renamed,
        )
    )
    proposals = [next(proposed) if item.status == "broken" else _case_proposal(item) for _, item in found]
    edits: dict[str, list[LinkEdit]] = {}
    fixes: list[Fix] = []
    unfixed: list[Unfixed] = []
    for (position, item), proposal in zip(found, proposals, strict=True):
        try:
            target = _fixed_target(proposal, item.link.target, vault, writable)
        except Refused as refused:
            unfixed.append(Unfixed(proposal, str(refused)))
            continue
        fixes.append(Fix(proposal, target))
        edits.setdefault(item.source, []).append(LinkEdit(position, item.link, target))
    return FixPlan(file_changes(vault, edits, read, stamp), tuple(fixes), tuple(unfixed))


def _case_mismatch(item: ResolvedLink) -> bool:
    return any(rule == "case-mismatch" for rule, _ in item.messages)


def _case_proposal(item: ResolvedLink) -> Proposal:
    """The file a link names in the wrong case: the one it resolves to."""
    assert item.resolved is not None
    link = item.link
    return Proposal(item.source, link.line, link.column, link.target, "case", item.resolved, (item.resolved,))


def _fixed_target(proposal: Proposal, target: str, vault: Vault, writable: Callable[[str], bool]) -> str:
    """The link text that leads to the proposal's one candidate; :class:`Refused`, saying why,
    when there is none to write."""
    if len(proposal.candidates) > 1:
        raise Refused(f"{len(proposal.candidates)} candidates, {', '.join(proposal.candidates)}")
    if proposal.new_path is None:
        raise Refused("no candidate")
    if not writable(proposal.source):
        raise Refused("the note is a symlink, or in a folder linked in from outside the vault")
    try:
        return new_target(target, False, proposal.new_path, proposal.source, vault.index)
    except Refused:
        raise Refused(f"no link text from here leads to {proposal.new_path} alone") from None
