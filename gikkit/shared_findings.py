"""One set of findings for a whole export, computed once and read by every page.

A report's findings depend on the other reports too (the checks across years and levels), so a
page that reads one report cannot work them out alone. ``gikkit export`` checks every report once
(:func:`gikkit.checks.streaming.check_stream`), saves each report's findings with :func:`save` in a
file of its own, and the report's page puts them on its report with :func:`apply`; compare and audit
read the same findings from the export's corpus store. The index, the report pages, compare and
audit then count the same findings for a report.
"""
from __future__ import annotations

import json
from pathlib import Path

from .findings import Finding

_FIELDS = ("code", "severity", "refs", "expected", "found", "message_zh", "message_en", "rule", "source", "extra")


def key(source) -> str:
    """How a report is named in the file: its resolved path (a staged symlink names its target)."""
    return str(Path(source).resolve())


def _plain(value):
    """A value JSON can hold as it is (numbers, text, lists); anything else as its text."""
    if value is None or isinstance(value, (bool, int, float, str)):
        return value
    if isinstance(value, (list, tuple)):
        return [_plain(v) for v in value]
    if isinstance(value, dict):
        return {str(k): _plain(v) for k, v in value.items()}
    return str(value)


def to_json(reports) -> str:
    """Every report's findings, keyed by :func:`key` of its source."""
    data = {key(r.source): [{f: _plain(getattr(finding, f)) for f in _FIELDS} for finding in r.findings]
            for r in reports}
    return json.dumps(data, ensure_ascii=False, sort_keys=True)


def save(path: str | Path, reports) -> Path:
    """Write the findings of ``reports`` to ``path`` (JSON) and return it."""
    path = Path(path)
    path.write_text(to_json(reports), "utf-8")
    return path


def apply(path: str | Path | None, reports) -> list:
    """Give each report the findings saved for it at ``path``; with no ``path`` leave them as they are.

    ``reports`` is a Report, a Dataset or a list of them; returns the reports. A report the file does
    not name keeps its own findings.
    """
    from .checks import as_reports

    reports = as_reports(reports)
    if not path:
        return reports
    saved = json.loads(Path(path).read_text("utf-8"))
    for r in reports:
        found = saved.get(key(r.source))
        if found is not None:
            r.findings = [Finding(**{f: d.get(f) if f != "extra" else (d.get(f) or {}) for f in _FIELDS})
                          for d in found]
    return reports
