"""Short summaries of a Report and a Dataset, for ``repr()`` and for notebooks (``_repr_html_``).

The default dataclass repr printed every cell and finding (27,000 characters for one report,
877,000 for data/): here a report is one line and a dataset a few, and a notebook shows a small table.
"""
from __future__ import annotations

import html
from collections import Counter

SHOW_FAILURES = 5  # a dataset's repr names this many unreadable files, then a count


def _counts(report) -> str:
    c = report.findings_by_severity()
    return f"{c['error']} error, {c['warning']} warning, {c['info']} info"


def report_text(report) -> str:
    read, total = report.coverage_counts
    return (f"<Report {report.source!r}: {report.agency or '?'} {report.year or '?'}, {report.template}, "
            f"{report.format}; coverage {report.coverage:.0%} ({read}/{total}); findings: {_counts(report)}>")


def _table(rows: list[tuple[str, str]], caption: str) -> str:
    body = "".join(f'<tr><th scope="row" style="text-align:left;padding:2px 10px 2px 0">{html.escape(k)}</th>'
                   f'<td style="text-align:left;padding:2px 0">{html.escape(v)}</td></tr>' for k, v in rows)
    return (f'<table class="gikkit-summary"><caption style="text-align:left;font-weight:bold">'
            f"{html.escape(caption)}</caption>{body}</table>")


def report_html(report) -> str:
    read, total = report.coverage_counts
    return _table([("agency", report.agency or "?"), ("year", str(report.year or "?")),
                   ("template", report.template), ("format", report.format), ("file", report.source),
                   ("coverage", f"{report.coverage:.1%} ({read}/{total} cells)"), ("findings", _counts(report))],
                  "gikkit Report")


def _dataset_counts(dataset) -> tuple[str, str, str]:
    reports = dataset.reports
    severities: Counter = Counter()
    for r in reports:
        severities.update(r.findings_by_severity())
    agencies = len({r.agency for r in reports if r.agency})
    years = sorted({r.year for r in reports if r.year})
    span = f"{years[0]}-{years[-1]}" if len(years) > 1 else (str(years[0]) if years else "?")
    findings = f"{severities['error']} error, {severities['warning']} warning, {severities['info']} info"
    return f"{agencies} agencies", span, findings


def dataset_text(dataset) -> str:
    agencies, span, findings = _dataset_counts(dataset)
    lines = [f"<Dataset: {len(dataset.reports)} reports ({agencies}, {span}), {len(dataset.failures)} failures; "
             f"findings: {findings}>"]
    lines += [f"  failed: {f.path}: {f.problem}" for f in dataset.failures[:SHOW_FAILURES]]
    if len(dataset.failures) > SHOW_FAILURES:
        lines.append(f"  ... {len(dataset.failures) - SHOW_FAILURES} more failures")
    return "\n".join(lines)


def dataset_html(dataset) -> str:
    agencies, span, findings = _dataset_counts(dataset)
    rows = [("reports", f"{len(dataset.reports)} ({agencies}, {span})"), ("failures", str(len(dataset.failures))),
            ("findings", findings)]
    rows += [("failed", f"{f.path}: {f.problem}") for f in dataset.failures[:SHOW_FAILURES]]
    if len(dataset.failures) > SHOW_FAILURES:
        rows.append(("failed", f"... {len(dataset.failures) - SHOW_FAILURES} more"))
    return _table(rows, "gikkit Dataset")
