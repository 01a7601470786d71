"""Every check over one report or many: per report, across years, across levels; findings as a table.

``check(data)`` replaces each report's findings with a fresh set: what the reader noticed
(kept as it was), then the checks chosen by ``only``. It is safe to call again with other options.
"""
from __future__ import annotations

from typing import TYPE_CHECKING

from .across_levels import check_levels
from .across_years import check_years
from .base import select, wanted
from .derive import derive_totals as _derive
from .engine import CHECK_CODES, run
from .rules import RULES, RULES_BY_CODE

if TYPE_CHECKING:
    import pandas

CROSS_CODES = frozenset(r.code for r in RULES if r.kind in ("across_years", "across_levels"))
FINDING_COLUMNS = ["source", "agency", "year", "template", "code", "severity", "refs", "expected",
                   "found", "message_zh", "message_en", "rule", "kind"]
STATUS_COLUMNS = ["source", "agency", "year", "table", "status", "count", "refs"]


def as_reports(data) -> list:
    """A list of reports from a Report, a Dataset or an iterable of Reports."""
    if hasattr(data, "cells") and hasattr(data, "findings"):
        return [data]
    if hasattr(data, "reports"):
        return list(data.reports)
    return list(data)


def from_reader(finding) -> bool:
    """Whether a finding was noticed while reading (kept as is by :func:`check`)."""
    return finding.code not in CHECK_CODES | CROSS_CODES | {"cannot_check"}


def check(data, *, only=None, derive_totals: bool = False, levels=None):
    """Run the checks on ``data`` (a Report, a Dataset or a list of Reports); return the findings frame.

    ``only``: rule codes or kinds to run ("t3_balance,text", or a list); default all.
    ``derive_totals``: fill blank totals whose parts are printed (cells marked "derived"; off by default).
    ``levels``: a mapping parent agency -> child agencies (dict, or a .json/.csv path) for the
    across-levels check. Each report's ``findings`` is replaced by the result.
    """
    selected = select(only)
    reports = as_reports(data)
    fresh = {id(r): check_one(r, selected, only=only, derive_totals=derive_totals) for r in reports}
    cross = check_years(reports) + (check_levels(reports, levels) if levels is not None else [])
    for report, f in cross:
        if wanted(f, selected):
            fresh[id(report)].append(f)
    for r in reports:
        r.findings = fresh[id(r)]
    return findings_frame(reports)


def check_one(report, selected: frozenset[str] | None, *, only=None, derive_totals: bool = False) -> list:
    """One report's fresh findings but those across reports: what the reader noticed, then ``only``'s checks.

    ``selected`` is ``select(only)``. The report's ``findings`` are left as they were; totals are
    derived in it first when asked (:func:`check` and :mod:`gikkit.checks.streaming` share this).
    """
    if derive_totals:
        _derive(report)
    if not report.reader_findings:  # remembered, so that a run with only= does not lose them
        report.reader_findings = [f for f in report.findings if from_reader(f)]
    for f in report.reader_findings:
        if not f.rule and f.code in RULES_BY_CODE:
            f.rule = RULES_BY_CODE[f.code].explain
    return [f for f in report.reader_findings if wanted(f, selected)] + run(report, only=only)


def findings_frame(reports) -> pandas.DataFrame:
    """Every finding of ``reports`` (a Report, a Dataset or Reports), one row each."""
    import pandas as pd

    rows = []
    for r in as_reports(reports):
        for f in r.findings:
            rule = RULES_BY_CODE.get(f.code)
            rows.append({"source": r.source, "agency": r.agency, "year": r.year, "template": r.template,
                         "code": f.code, "severity": f.severity, "refs": ", ".join(f.refs),
                         "expected": f.expected, "found": f.found, "message_zh": f.message_zh,
                         "message_en": f.message_en, "rule": f.rule or (rule.explain if rule else ""),
                         "kind": rule.kind if rule else "reading"})
    frame = pd.DataFrame(rows, columns=FINDING_COLUMNS)
    frame["year"] = frame["year"].astype("Int64")
    for column in ("expected", "found"):  # mixed values: keep 9 as 9, not 9.0 beside a None
        frame[column] = pd.Series([row[column] for row in rows], dtype=object)
    return frame


def cell_status_frame(reports) -> pandas.DataFrame:
    """Blanks, placeholders and other cells without a printed number: how many, and where, per report and table."""
    import pandas as pd

    rows = []
    for r in as_reports(reports):
        groups: dict[tuple[str, str], list[str]] = {}
        for ref in r.cells:
            status = r.status(ref)
            if status != "ok":
                groups.setdefault((ref.split(".")[0], status), []).append(ref)
        for (table, status), refs in sorted(groups.items()):
            rows.append({"source": r.source, "agency": r.agency, "year": r.year, "table": table,
                         "status": status, "count": len(refs), "refs": ", ".join(refs)})
    return pd.DataFrame(rows, columns=STATUS_COLUMNS)

