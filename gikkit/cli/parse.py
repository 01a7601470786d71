"""``gikkit parse``: read report files and print what was found."""
from __future__ import annotations

import json
import sys



def add_parser(sub):
    p = sub.add_parser("parse", help="read report files (HTML, DOCX, PDF, text) and print their data",
                       description="Read report files and print one summary, or one JSON object per line with --json.")
    p.add_argument("paths", nargs="+", metavar="PATH", help="report files or folders (read recursively)")
    p.add_argument("--json", action="store_true", help="print one JSON object per report, one per line")
    return p


def summary(report) -> str:
    counts = report.findings_by_severity()
    filled = sum(v is not None for v in report.cells.values())
    return (f"{report.source}: {report.agency or '?'} {report.year or '?'} ({report.template}, {report.format}); "
            f"{filled}/{len(report.cells)} cells; findings: {counts['error']} error, "
            f"{counts['warning']} warning, {counts['info']} info")


def run(args) -> int:
    from ..dataset import read_many

    data = read_many(args.paths)
    for failure in data.failures:
        print(f"gikkit: {failure.path}: {failure.problem}", file=sys.stderr)
    for report in data.reports:
        if args.json:
            print(json.dumps(report.to_dict(), ensure_ascii=False))
        else:
            print(summary(report))
    if data.failures:
        print(f"gikkit: {len(data.failures)} file(s) could not be read:", file=sys.stderr)
        for failure in data.failures:
            print(f"  {failure.path}: {failure.problem}", file=sys.stderr)
        return 1
    return 0
