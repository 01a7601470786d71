"""``gikkit check``: run every check on report files; print findings per report and a summary.

Reports stream through (:mod:`gikkit.checks.streaming`): each is checked as it is read and set aside
on disk, so memory stays flat as the folder grows; the listing comes out once the last file is read
(a report's across-year findings can come from any later file), as it always did.

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


def summary_row(r) -> dict:
    """A report's line of the summary: findings by severity, and cells without a printed number."""
    c = r.findings_by_severity()
    statuses = Counter(r.status(ref) for ref in r.cells)
    return {"report": r.source, "agency": r.agency, "year": r.year, "template": r.template,
            "errors": c["error"], "warnings": c["warning"], "info": c["info"],
            "blank": statuses["blank"], "placeholder": statuses["placeholder"], "derived": statuses["derived"]}


def summary_table(reports) -> pandas.DataFrame:
    """One row per report (:func:`summary_row`)."""
    import pandas as pd

    frame = pd.DataFrame([summary_row(r) for r in reports])
    frame["year"] = frame["year"].astype("Int64")
    return frame


def run(args) -> int:
    from ..checks import load_mapping, select

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
    try:
        levels = load_mapping(args.levels) if args.levels is not None else None
    except (OSError, ValueError) as e:  # a mapping file that cannot be read
        print(f"gikkit check: --levels {args.levels}: {e}", file=sys.stderr)
        return 2
    from ..errors import GikkitError
    from ..review.decisions import load

    try:
        decisions = load(args.reviews) if args.reviews else {}
    except GikkitError as e:  # a reviews file that cannot be read
        print(f"gikkit check: {e}", file=sys.stderr)
        return 2
    return _check(args, levels, decisions if (args.reviews or args.open_only) else None)


def _check(args, levels, decisions) -> int:
    """Read, check and write as the reports stream by (:func:`gikkit.checks.streaming.check_stream`).

    Memory: one report at a time, the across checks' small records, and a summary line per report.
    """
    from ..checks import findings_frame
    from ..checks.streaming import check_stream
    from ..review.decisions import review
    from ..review.status import print_stale
    from .check_output import FindingsFiles

    failures: list = []
    report_out = sys.stderr if "-" in (args.csv, args.json) else sys.stdout
    files = FindingsFiles(args.csv, args.json)
    rows, errors, seen_keys, read = [], 0, set(), set()
    for report in check_stream(_reports(args, failures), only=args.only, derive_totals=args.derive_totals,
                               levels=levels):
        statuses = None
        if decisions is not None:
            frame, statuses = _reviewed(report, decisions, args.open_only, review, seen_keys)
            read.add((report.agency or "", "" if report.year is None else str(report.year)))
        else:
            frame = findings_frame([report])
        print_report(report, report_out, statuses)
        rows.append(summary_row(report))
        files.add(frame)
        errors += int((frame["severity"] == "error").sum()) if len(frame) else 0
    if rows:
        import pandas as pd

        table = pd.DataFrame(rows)
        table["year"] = table["year"].astype("Int64")
        with pd.option_context("display.max_rows", None, "display.max_columns", None, "display.width", 200):
            print("\nSummary:", file=report_out)
            print(table.to_string(index=False), file=report_out)
    stale = [] if decisions is None else \
        [d for d in decisions.values() if d.key not in seen_keys and (d.agency, d.year) in read]
    print_stale(sorted(stale, key=lambda d: (d.agency, d.year, d.code, d.key)), report_out)  # as review() sorts
    files.finish(review([], {}).frame.iloc[0:0] if decisions is not None else findings_frame([]))
    if failures:
        print(f"\ngikkit: {len(failures)} file(s) could not be read:", file=sys.stderr)
        for failure in failures:
            print(f"  {failure.path}: {failure.problem}", file=sys.stderr)
    print(f"\n{len(rows)} report(s) checked, {errors} error finding(s), "
          f"{len(failures)} unreadable file(s)", file=report_out)
    return 1 if errors or failures else 0


def _reports(args, failures: list):
    """The reports under ``args.paths`` in order, as they are read; failures go to ``failures``."""
    import os

    from tqdm import tqdm

    from ..dataset import Failure
    from ..distributed import scheduler_address
    from ..stream import ReadStream, in_order

    progress = sys.stderr.isatty() and not os.environ.get("CI")  # as read_many: a bar only for a person watching
    with tqdm(desc="reading", unit="file", file=sys.stderr, disable=not progress) as bar:
        stream = ReadStream(args.paths, jobs=args.jobs, run_checks=False, timeout=read_timeout(args),
                            scheduler=scheduler_address(None), tick=bar.update)
        bar.reset(total=stream.total)
        for _, outcome in in_order(stream):
            if isinstance(outcome, Failure):
                failures.append(outcome)
            else:
                yield outcome


def _reviewed(report, decisions, open_only: bool, review, seen_keys: set):
    """One report's findings frame with review columns, and each finding's status (as ``review.status.for_check``).

    Its findings' keys go to ``seen_keys``, so that decisions matching no finding can be listed as stale.
    """
    frame = review([report], decisions).frame
    seen_keys.update(frame["key"])
    statuses, kept = {}, []
    for f, status, is_open in zip(report.findings, frame["status"], frame["open"]):
        statuses[id(f)] = status
        if is_open or not open_only:
            kept.append(f)
    report.findings = kept
    if open_only:
        frame = frame[frame["open"]].reset_index(drop=True)
    return frame, statuses

