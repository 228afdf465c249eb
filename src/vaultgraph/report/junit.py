"""JUnit XML, which CI systems without a format of their own read (GitLab, Jenkins, Azure, ...).

One test suite; one test case per note checked, named by its path; a ``<failure>`` per finding at
or above --fail-on, naming file, line and column. Findings below it (warnings, by default) leave
the test case passing and are listed in its ``<system-out>``: the test results then agree with
the exit code.
"""

from __future__ import annotations

import re
import xml.etree.ElementTree as ET
from collections import defaultdict

from ..checker import CheckReport, failing_severities
from ..model import Diagnostic
from .base import Reporter, display_path

# Characters XML 1.0 can't hold, even escaped; a message quoting a strange file name may have them.
_NOT_XML = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\ufffe\uffff]")


def _xml(text: str) -> str:
    return _NOT_XML.sub("\ufffd", text)


class JunitReporter(Reporter):
    def render(self, report: CheckReport) -> str:
        failing = failing_severities(self.fail_on)
        by_path: dict[str, list[Diagnostic]] = defaultdict(list)
        for d in report.diagnostics:
            by_path[d.path].append(d)
        paths = sorted({*report.checked, *by_path})
        failed = sum(any(d.severity in failing for d in by_path[path]) for path in paths)
        attributes = {"name": "vault check", "tests": str(len(paths)), "failures": str(failed), "errors": "0"}
        suites = ET.Element("testsuites", attributes)
        suite = ET.SubElement(suites, "testsuite", {**attributes, "skipped": "0"})
        for path in paths:
            shown = _xml(display_path(report, path))
            case = ET.SubElement(suite, "testcase", name=shown, classname=shown)
            passing = []
            for d in by_path[path]:
                line = _xml(f"{shown}:{d.line}:{d.column}: {d.severity} {d.rule} {d.message}")
                if d.severity in failing:
                    failure = ET.SubElement(case, "failure", message=_xml(d.message), type=d.rule)
                    failure.text = line
                else:
                    passing.append(line)
            if passing:
                ET.SubElement(case, "system-out").text = "\n".join(passing)
        ET.indent(suites)
        return ET.tostring(suites, encoding="unicode", xml_declaration=True) + "\n"
