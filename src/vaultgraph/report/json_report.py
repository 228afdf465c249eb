"""The JSON document of the CLI spec: vault, notes, diagnostics, counts."""

from __future__ import annotations

import json
from typing import Any

from ..checker import CheckReport
from ..model import Diagnostic
from .base import Reporter
from .stats import baseline_dict, finding_stats


def diagnostic_dict(diagnostic: Diagnostic) -> dict[str, Any]:
    fields: dict[str, Any] = {
        "path": diagnostic.path,
        "line": diagnostic.line,
        "column": diagnostic.column,
        "rule": diagnostic.rule,
        "severity": diagnostic.severity,
        "message": diagnostic.message,
    }
    if diagnostic.target is not None:
        fields["target"] = diagnostic.target
    if diagnostic.field is not None:
        fields["field"] = diagnostic.field
    return fields


class JsonReporter(Reporter):
    def render(self, report: CheckReport) -> str:
        document: dict[str, Any] = {
            "vault": str(report.root),
            "notes": report.notes,
            "diagnostics": [diagnostic_dict(d) for d in report.diagnostics],
            "counts": report.counts(),
        }
        if report.baseline is not None:
            document["baseline"] = baseline_dict(report)
        if self.stats:
            document["stats"] = finding_stats(report).as_dict()
        return json.dumps(document, indent=2, ensure_ascii=False) + "\n"
