"""`vault check --stats` and the GitHub step summary: findings counted by rule and by file, and
what a baseline left out."""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass
from typing import Any

from ..checker import CheckReport
from ..plural import plural

#: How many files `--stats` lists, most findings first.
TOP_FILES = 10


def summary(report: CheckReport) -> str:
    """The one line every check ends with: ``2 errors, 1 warning in 48 notes``."""
    counts = report.counts()
    errors, warnings = plural(counts["error"], "error"), plural(counts["warning"], "warning")
    return f"{errors}, {warnings} in {plural(report.notes, 'note')}"


def baseline_summary(report: CheckReport) -> str | None:
    """What the baseline left out and what is fixed, in a sentence; None without a baseline."""
    outcome = report.baseline
    if outcome is None:
        return None
    known = plural(outcome.unchanged, "known finding")
    said = f"baseline {outcome.file}: {known} left out, {outcome.fixed} fixed"
    if outcome.written is not None:
        return f"{said}; it now records {plural(outcome.written, 'finding')}"
    if outcome.fixed:
        return f"{said} (--write-baseline drops them from it)"
    return said


def baseline_dict(report: CheckReport) -> dict[str, Any]:
    """The baseline's counts as JSON and SARIF carry them."""
    outcome = report.baseline
    assert outcome is not None
    found = {"file": outcome.file, "new": len(report.diagnostics), "unchanged": outcome.unchanged}
    found["fixed"] = outcome.fixed
    if outcome.written is not None:
        found["written"] = outcome.written
    return found


@dataclass(frozen=True, slots=True)
class FindingStats:
    #: (rule, findings), most first.
    by_rule: tuple[tuple[str, int], ...]
    #: (vault path, findings) of the files with the most, most first.
    top_files: tuple[tuple[str, int], ...]

    def as_dict(self) -> dict[str, Any]:
        return {
            "rules": dict(self.by_rule),
            "top_files": [{"path": path, "findings": count} for path, count in self.top_files],
        }


def finding_stats(report: CheckReport, top: int = TOP_FILES) -> FindingStats:
    rules = Counter(d.rule for d in report.diagnostics)
    files = Counter(d.path for d in report.diagnostics)
    # Most first; ties by name, so the output is the same on every run.
    by_rule = sorted(rules.items(), key=lambda item: (-item[1], item[0]))
    by_file = sorted(files.items(), key=lambda item: (-item[1], item[0]))[:top]
    return FindingStats(tuple(by_rule), tuple(by_file))


def stats_text(report: CheckReport) -> str:
    """`--stats` for a terminal: two aligned lists, or a line saying there is nothing to count."""
    stats = finding_stats(report)
    if not stats.by_rule:
        return "no findings to count\n"
    lines = ["findings by rule:", *_aligned(stats.by_rule), f"top files ({len(stats.top_files)}):"]
    lines += _aligned(stats.top_files)
    return "\n".join(lines) + "\n"


def _aligned(rows: tuple[tuple[str, int], ...]) -> list[str]:
    width = max(len(name) for name, _ in rows)
    digits = max(len(str(count)) for _, count in rows)
    return [f"  {name:<{width}}  {count:>{digits}}" for name, count in rows]


def stats_markdown(report: CheckReport, title: str) -> str:
    """The GitHub step summary: the summary line, the baseline's counts, and the two lists as tables."""
    stats = finding_stats(report)
    lines = [f"### {title}", "", summary(report)]
    said = baseline_summary(report)
    if said is not None:
        lines += ["", said]
    if stats.by_rule:
        lines += ["", "| rule | findings |", "| --- | ---: |"]
        lines += [f"| `{rule}` | {count} |" for rule, count in stats.by_rule]
        lines += ["", "| file | findings |", "| --- | ---: |"]
        lines += [f"| `{_code(path)}` | {count} |" for path, count in stats.top_files]
    return "\n".join(lines) + "\n\n"


def _code(text: str) -> str:
    """``text`` safe inside a markdown table cell's code span."""
    return text.replace("`", "'").replace("|", "\\|")
