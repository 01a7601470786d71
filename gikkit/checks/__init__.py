"""Checks on report figures, declared as data in :mod:`gikkit.checks.rules`.

``run(report)`` returns the findings for one report.
"""
from .engine import CHECKERS, run
from .rules import RULES, RULES_BY_CODE, Rule

__all__ = ["CHECKERS", "FINDING_COLUMNS", "RULES", "RULES_BY_CODE", "Rule", "findings_frame", "run"]

FINDING_COLUMNS = ["source", "agency", "year", "template", "code", "severity", "refs", "expected",
                   "found", "message_zh", "message_en", "rule"]


def findings_frame(reports) -> "pandas.DataFrame":  # noqa: F821
    """Every finding of ``reports`` (an iterable of Report), one row each."""
    import pandas as pd

    rows = []
    for r in reports:
        for f in r.findings:
            rows.append({"source": r.source, "agency": r.agency, "year": r.year, "template": r.template,
                         "code": f.code, "severity": f.severity, "refs": ", ".join(f.refs),
                         "expected": f.expected, "found": f.found, "message_zh": f.message_zh,
                         "message_en": f.message_en, "rule": f.rule})
    return pd.DataFrame(rows, columns=FINDING_COLUMNS)
