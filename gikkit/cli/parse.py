"""``gikkit parse``: read report files and print what was found, or write it as a table."""
from __future__ import annotations

import json
import sys

from .options import add_jobs, add_timeout, no_files, read_timeout

FRAME_OPTIONS = (("csv", "OUT.csv", "CSV, UTF-8 with BOM (opens in Excel)"),
                 ("parquet", "OUT.parquet", "Parquet"),
                 ("xlsx", "OUT.xlsx", "an Excel workbook"))


def add_parser(sub):
    p = sub.add_parser(
        "parse", help="read report files (HTML, DOCX, PDF, text) and print or save their data",
        description="Read report files and folders (recursively). Prints a summary per report, or one "
                    "JSON object per line with --json; --csv/--parquet/--xlsx write the tidy table "
                    "(one row per cell) of all reports. Files that cannot be read are listed at the "
                    "end and make the exit status 1 (2 if an output cannot be written); the others "
                    "still go through. A progress bar shows when stderr is a terminal.")
    p.add_argument("paths", nargs="+", metavar="PATH", help="report files or folders (read recursively)")
    p.add_argument("--json", action="store_true", help="print one JSON object per report, one per line")
    for fmt, metavar, what in FRAME_OPTIONS:
        p.add_argument(f"--{fmt}", metavar=metavar, help=f"write the tidy table of all reports as {what}")
    add_jobs(p)
    add_timeout(p)
    return p


def summary(report) -> str:
    counts = report.findings_by_severity()
    read, total = report.coverage_counts
    return (f"{report.source}: {report.agency or '?'} {report.year or '?'} ({report.template}, {report.format}); "
            f"coverage {report.coverage:.0%} ({read}/{total} cells read); findings: {counts['error']} error, "
            f"{counts['warning']} warning, {counts['info']} info")


def run(args) -> int:
    from ..dataset import read_many, write_frame

    if no_files(args.paths):
        return 1
    data = read_many(args.paths, jobs=args.jobs, timeout=read_timeout(args))  # one file too: bounded
    outputs = [(fmt, getattr(args, fmt)) for fmt, _, _ in FRAME_OPTIONS if getattr(args, fmt)]
    for report in data.reports:
        if args.json:
            print(json.dumps(report.to_dict(), ensure_ascii=False))
        elif not outputs:
            print(summary(report))
    status = 0
    if outputs:
        frame = data.to_frame()
        for fmt, path in outputs:
            try:
                write_frame(frame, path, fmt)
            except (OSError, ValueError) as e:
                print(f"gikkit: cannot write {path}: {e}", file=sys.stderr)
                status = 2
            else:
                print(f"gikkit: wrote {len(frame)} rows ({len(data.reports)} reports) to {path}", file=sys.stderr)
    if data.failures:
        total = len(data.failures) + len(data.reports)
        print(f"gikkit: {len(data.failures)} of {total} file(s) could not be read:", file=sys.stderr)
        for failure in data.failures:
            print(f"gikkit: {failure.path}: {failure.problem}", file=sys.stderr)
        status = status or 1
    return status
