"""How `vault fix` shows what it fixes and what it leaves: JSON for scripts, one line per
broken link it can't fix for people (the fixes themselves show as a diff)."""

from __future__ import annotations

import json
from typing import Any

from ..fixes import Proposal
from ..fixplan import FixPlan

_REASONS = {
    "renamed": "git saw it renamed",
    "folder": "same name elsewhere",
    "close-match": "one close name",
    "case": "the file's own case",
}


def fixes_json(root: str, plan: FixPlan, applied: bool) -> str:
    fixes = [
        {
            **_place(fix.proposal),
            "fix": fix.target,
            "resolved": fix.proposal.new_path,
            "reason": fix.proposal.reason,
        }
        for fix in plan.fixes
    ]
    unfixed = [
        {**_place(left.proposal), "candidates": list(left.proposal.candidates), "why": left.why}
        for left in plan.unfixed
    ]
    return (
        json.dumps(
            {"vault": root, "applied": applied, "fixes": fixes, "unfixed": unfixed}, ensure_ascii=False
        )
        + "\n"
    )


def unfixed_lines(plan: FixPlan) -> str:
    """``path:line:column: ...`` for each broken link left as it is, saying why."""
    return "".join(
        f"{left.proposal.source}:{left.proposal.line}:{left.proposal.column}: "
        f"'{left.proposal.target}' not fixed: {left.why}\n"
        for left in plan.unfixed
    )


def fix_lines(plan: FixPlan) -> str:
    """``path:line:column: 'old' -> 'new' (why)`` for each fix."""
    return "".join(
        f"{fix.proposal.source}:{fix.proposal.line}:{fix.proposal.column}: '{fix.proposal.target}' -> "
        f"'{fix.target}' ({_REASONS.get(fix.proposal.reason or '', '')})\n"
        for fix in plan.fixes
    )


def _place(proposal: Proposal) -> dict[str, Any]:
    return {
        "source": proposal.source,
        "line": proposal.line,
        "column": proposal.column,
        "target": proposal.target,
    }
