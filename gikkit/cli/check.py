"""``gikkit check``: run every check on report files; print findings per report and a summary.

Exits 1 when any finding is an error (with ``--open-only``: an error not dismissed in the
``--reviews`` file) or any file could not be read (so scripts can stop on it), 2 on a usage problem, else 0.
"""
from __future__ import annotations

import json
import sys
from collections import Counter
from typing import TYPE_CHECKING

from .options import add_jobs, add_timeout, no_files, read_timeout

if TYPE_CHECKING:
    import pandas

SHOW_PER_CODE = 5  # a report with 200 blank cells shows five and a count, the files hold them all


def add_parser(sub):
    p = sub.add_parser("check", help="check report files and list what is wrong with their figures",
                       description="Run every check (identities, blanks, structure, text against tables, across "
                                   "years; across levels with --levels) and print the findings per report.")
    p.add_argument("paths", nargs="*", metavar="PATH", help="report files or folders (read recursively)")
    p.add_argument("--csv", metavar="OUT", help="write every finding to a CSV file ('-' for standard output)")
    p.add_argument("--json", metavar="OUT", help="write every finding to a JSON file ('-' for standard output)")
    p.add_argument("--derive-totals", action="store_true",
                   help="fill blank totals whose parts are all printed; the cells are marked 'derived'")
    p.add_argument("--only", metavar="CODE,...", help="run only these checks (rule codes or kinds; see --rules)")
    p.add_argument("--levels", metavar="MAPPING",
                   help="CSV (parent,child) or JSON ({parent: [children]}) naming each unit's sub-units")
    p.add_argument("--reviews", metavar="FILE", help="a reviews file (reviews.csv): show each finding's status "
                                                    "(new, confirmed, dismissed, reopened) and list stale decisions")
    p.add_argument("--open-only", action="store_true",
                   help="leave out dismissed findings; exit 1 only for errors still open")
    p.add_argument("--rules", action="store_true", help="list every check with its code, kind and explanation")
    add_jobs(p)
    add_timeout(p)
    return p


def print_rules(out=sys.stdout) -> None:
    from ..checks import RULES

    for r in RULES:
        print(f"{r.code:28} {r.severity:8} {r.kind:14} {r.explain}", file=out)


def _value(x) -> str:
    return "" if x is None else (json.dumps(x, ensure_ascii=False) if isinstance(x, (dict, list)) else str(x))


def print_report(report, out=sys.stdout, statuses=None) -> None:
    counts = report.findings_by_severity()
    print(f"\n{report.source}  {report.agency or '?'} {report.year or '?'} ({report.template}): "
          f"{counts['error']} error, {counts['warning']} warning, {counts['info']} info", file=out)
    by_code = Counter(f.code for f in report.findings)
    shown: Counter = Counter()
    for f in sorted(report.findings, key=lambda f: ("error", "warning", "info").index(f.severity)):
        shown[f.code] += 1
        if shown[f.code] > SHOW_PER_CODE:
            continue
        detail = f" (expected {_value(f.expected)}, found {_value(f.found)})" if f.expected is not None else ""
        status = f" [{statuses[id(f)]}]" if statuses else ""
        print(f"  {f.severity:7} {f.code}{status}: {f.message_zh} / {f.message_en}{detail}", file=out)
        if shown[f.code] == SHOW_PER_CODE and by_code[f.code] > SHOW_PER_CODE:
            print(f"  {'':7} ... {by_code[f.code] - SHOW_PER_CODE} more {f.code}", file=out)


def summary_table(reports) -> pandas.DataFrame:
    """One row per report: findings by severity, and cells without a printed number."""
    import pandas as pd

    rows = []
    for r in reports:
        c = r.findings_by_severity()
        statuses = Counter(r.status(ref) for ref in r.cells)
        rows.append({"report": r.source, "agency": r.agency, "year": r.year, "template": r.template,
                     "errors": c["error"], "warnings": c["warning"], "info": c["info"],
                     "blank": statuses["blank"], "placeholder": statuses["placeholder"],
                     "derived": statuses["derived"]})
    frame = pd.DataFrame(rows)
    frame["year"] = frame["year"].astype("Int64")
    return frame


def _write(frame, where: str, kind: str) -> None:
    stream = sys.stdout if where == "-" else open(where, "w", encoding="utf-8", newline="")
    try:
        if kind == "csv":
            frame.to_csv(stream, index=False)
        else:
            records = frame.astype(object).where(frame.notna(), None).to_dict(orient="records")
            json.dump(records, stream, ensure_ascii=False, indent=1, default=str)
            stream.write("\n")
    finally:
        if stream is not sys.stdout:
            stream.close()


def run(args) -> int:
    from ..checks import check, select
    from ..dataset import read_many

    if args.rules:
        print_rules()
        return 0
    if not args.paths:
        print("gikkit check: name at least one report file or folder (or --rules)", file=sys.stderr)
        return 2
    try:
        select(args.only)
    except ValueError as e:
        print(f"gikkit check: {e}", file=sys.stderr)
        return 2
    if no_files(args.paths):
        return 1
    data = read_many(args.paths, jobs=args.jobs, run_checks=False, timeout=read_timeout(args))
    try:
        frame = check(data, only=args.only, derive_totals=args.derive_totals, levels=args.levels)
    except (OSError, ValueError) as e:  # a mapping file that cannot be read
        print(f"gikkit check: --levels {args.levels}: {e}", file=sys.stderr)
        return 2
    from ..errors import GikkitError
    from ..review.status import for_check, print_stale

    statuses, stale = None, []
    if args.reviews or args.open_only:
        try:
            frame, statuses, stale = for_check(data.reports, args.reviews, open_only=args.open_only)
        except GikkitError as e:  # a reviews file that cannot be read
            print(f"gikkit check: {e}", file=sys.stderr)
            return 2
    report_out = sys.stderr if "-" in (args.csv, args.json) else sys.stdout
    for report in data.reports:
        print_report(report, report_out, statuses)
    if data.reports:
        import pandas as pd

        with pd.option_context("display.max_rows", None, "display.max_columns", None, "display.width", 200):
            print("\nSummary:", file=report_out)
            print(summary_table(data.reports).to_string(index=False), file=report_out)
    print_stale(stale, report_out)
    for where, kind in ((args.csv, "csv"), (args.json, "json")):
        if where:
            _write(frame, where, kind)
    errors = int((frame["severity"] == "error").sum()) if len(frame) else 0
    if data.failures:
        print(f"\ngikkit: {len(data.failures)} file(s) could not be read:", file=sys.stderr)
        for failure in data.failures:
            print(f"  {failure.path}: {failure.problem}", file=sys.stderr)
    print(f"\n{len(data.reports)} report(s) checked, {errors} error finding(s), "
          f"{len(data.failures)} unreadable file(s)", file=report_out)
    return 1 if errors or data.failures else 0
