"""Stable finding fingerprints: the same finding gets the same id on every run.

A finding is named by what it is about, never by where it happened to be printed or in what
order it came out: the agency and year of its report (the report's content, so renaming the
file changes nothing), its rule code, the cells it names and, for a ``cannot_check``, the check
it could not decide. That is its *key*. Its *fingerprint* adds the figures: the printed value of
each named cell and the finding's expected/found. A decision recorded against a fingerprint
therefore holds while the figures stay as they were, and the key finds the same finding again
when they change (so it can come back as open; see :mod:`gikkit.review.decisions`).
"""
from __future__ import annotations

import hashlib
import json
import re
from pathlib import Path

DIGEST_CHARS = 16  # 64 bits: no collision among the findings of any plausible review
_AT_YEAR = re.compile(r"@(\d{4})$")


def _digest(parts) -> str:
    text = json.dumps(parts, ensure_ascii=False, sort_keys=True, default=str)
    return hashlib.sha256(text.encode("utf-8")).hexdigest()[:DIGEST_CHARS]


def report_identity(report) -> list:
    """What names a report: agency and year as printed in it; the file name only when both are unknown."""
    agency = re.sub(r"\s+", "", report.agency or "")
    if agency or report.year is not None:
        return [agency, report.year]
    return ["", None, Path(report.source).name]  # nothing else to go by


def key_parts(report, finding) -> list:
    parts = report_identity(report) + [finding.code, sorted(finding.refs)]
    if finding.extra.get("check"):
        parts.append(finding.extra["check"])
    if not finding.refs:  # a finding about text rather than cells: its words are what it is about
        parts.append(finding.message_zh)
    return parts


def figure_parts(report, finding) -> list:
    """The printed figures a finding rests on: each named cell's value and raw text, expected, found."""
    cells = []
    for ref in sorted(finding.refs):
        if _AT_YEAR.search(ref):  # another year's cell: its value is in expected/found
            cells.append([ref])
            continue
        info = report.cell_info.get(ref) or {}
        cells.append([ref, report.cells.get(ref), info.get("raw"), info.get("status")])
    return [cells, finding.expected, finding.found]


def report_keys(report) -> list[tuple[str, str]]:
    """``(key, fingerprint)`` of each of ``report.findings``, in order.

    Two findings with the same key in one report (rare: the same rule on the same cells twice)
    are told apart by their rank among those twins, which keeps the keys unique.
    """
    out, seen = [], {}
    for f in report.findings:
        parts = key_parts(report, f)
        base = _digest(parts)
        seen[base] = seen.get(base, 0) + 1
        if seen[base] > 1:
            parts = parts + [f"#{seen[base]}"]
        key = _digest(parts)
        out.append((key, _digest([key, figure_parts(report, f)])))
    return out


def finding_key(report, finding) -> str:
    return report_keys(report)[_index(report, finding)][0]


def fingerprint(report, finding) -> str:
    return report_keys(report)[_index(report, finding)][1]


def _index(report, finding) -> int:
    for i, f in enumerate(report.findings):
        if f is finding:
            return i
    raise ValueError("the finding is not one of the report's findings")


def fingerprint_frame(reports):
    """The findings frame (:func:`gikkit.checks.findings_frame`) with ``key`` and ``fingerprint`` columns."""
    from ..checks import as_reports, findings_frame
    from .signals import CODES as SIGNAL_CODES

    reports = as_reports(reports)
    frame = findings_frame(reports)
    pairs = [pair for r in reports for pair in report_keys(r)]
    frame.loc[frame["code"].isin(SIGNAL_CODES), "kind"] = "benchmark"  # not in checks.RULES: not "reading"
    frame.insert(0, "key", [k for k, _ in pairs])
    frame.insert(1, "fingerprint", [f for _, f in pairs])
    return frame
