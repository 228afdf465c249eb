"""SARIF 2.1.0, the format code-scanning services (GitHub code scanning among them) import."""

from __future__ import annotations

import json
import os
from pathlib import Path
from typing import Any
from urllib.parse import quote_from_bytes

from .. import __version__
from ..checker import CheckReport
from ..model import RULES
from .base import Reporter, display_path
from .stats import baseline_dict

_SCHEMA = "https://json.schemastore.org/sarif-2.1.0.json"


def artifact_uri(report: CheckReport, path: str) -> str:
    """The note's ``artifactLocation.uri``: SARIF wants a URI reference (RFC 3986), so the path CI
    formats show is percent-encoded (a space, ``%``, ``#``, ``:``, non-ASCII letters, and the raw
    bytes of a name that is not UTF-8); a note outside the current folder gets a ``file:`` URI."""
    shown = Path(display_path(report, path))
    if shown.is_absolute():
        return shown.as_uri()
    return quote_from_bytes(os.fsencode(shown.as_posix()), safe="/")


class SarifReporter(Reporter):
    def render(self, report: CheckReport) -> str:
        rule_index = {rule_id: index for index, rule_id in enumerate(RULES)}
        results: list[dict[str, Any]] = []
        for d in report.diagnostics:
            result: dict[str, Any] = {"ruleId": d.rule}
            if d.rule in rule_index:  # absent, not -1: -1 says "no rule descriptor"
                result["ruleIndex"] = rule_index[d.rule]
            result["level"] = d.severity
            if report.baseline is not None:  # the baselined ones are left out, so all are new
                result["baselineState"] = "new"
            result["message"] = {"text": d.message}
            result["locations"] = [
                {
                    "physicalLocation": {
                        "artifactLocation": {"uri": artifact_uri(report, d.path)},
                        "region": {"startLine": d.line, "startColumn": d.column},
                    }
                }
            ]
            results.append(result)
        rules = [
            {
                "id": rule.id,
                "shortDescription": {"text": rule.description},
                # A rule that is off by default is not enabled, at the level it has when turned on.
                "defaultConfiguration": {"level": rule.severity, "enabled": rule.on},
            }
            for rule in RULES.values()
        ]
        run: dict[str, Any] = {
            "tool": {
                "driver": {
                    "name": "vaultgraph",
                    "version": __version__,
                    "informationUri": "https://pypi.org/project/vaultgraph/",
                    "rules": rules,
                }
            },
            # Columns count characters (code points), not SARIF's default UTF-16 code units:
            # they differ after an emoji or any other character outside the BMP.
            "columnKind": "unicodeCodePoints",
            "results": results,
        }
        if report.baseline is not None:
            run["properties"] = {"baseline": baseline_dict(report)}
        document = {"$schema": _SCHEMA, "version": "2.1.0", "runs": [run]}
        return json.dumps(document, indent=2, ensure_ascii=False) + "\n"
