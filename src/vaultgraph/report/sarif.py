"""SARIF 2.1.0, the format code-scanning services (GitHub code scanning among them) import."""

from __future__ import annotations

import json
from typing import Any

from .. import __version__
from ..checker import CheckReport
from ..model import RULES
from .base import Reporter, display_path

_SCHEMA = "https://json.schemastore.org/sarif-2.1.0.json"


class SarifReporter(Reporter):
    def render(self, report: CheckReport) -> str:
        rule_ids = list(RULES)
        results: list[dict[str, Any]] = []
        for d in report.diagnostics:
            results.append(
                {
                    "ruleId": d.rule,
                    "ruleIndex": rule_ids.index(d.rule) if d.rule in rule_ids else -1,
                    "level": d.severity,
                    "message": {"text": d.message},
                    "locations": [
                        {
                            "physicalLocation": {
                                "artifactLocation": {"uri": display_path(report, d.path)},
                                "region": {"startLine": d.line, "startColumn": d.column},
                            }
                        }
                    ],
                }
            )
        rules = [
            {
                "id": rule.id,
                "shortDescription": {"text": rule.description},
                "defaultConfiguration": {"level": rule.severity},
            }
            for rule in RULES.values()
        ]
        document = {
            "$schema": _SCHEMA,
            "version": "2.1.0",
            "runs": [
                {
                    "tool": {
                        "driver": {
                            "name": "vaultgraph",
                            "version": __version__,
                            "informationUri": "https://pypi.org/project/vaultgraph/",
                            "rules": rules,
                        }
                    },
                    "results": results,
                }
            ],
        }
        return json.dumps(document, indent=2, ensure_ascii=False) + "\n"
