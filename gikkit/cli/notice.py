"""``gikkit notice``: a 问题清单 per agency (DOCX and PDF) and a roll-up for the supervising office."""
from __future__ import annotations

import sys
from pathlib import Path

from .options import add_jobs, add_timeout, no_files, read_timeout

REVIEWS_NAME = "reviews.csv"  # looked for beside the data when --reviews is not given


def add_parser(sub):
    p = sub.add_parser("notice", help="write a notice of open findings per agency, and a roll-up of every unit",
                       description="Check the reports in DIR and write OUT/notices/<agency>-问题清单.docx/.pdf (each "
                                   "open finding: the problem, the figures as printed, what to correct) and "
                                   "OUT/rollup-汇总.docx/.pdf/.csv (every unit, its open errors, missing reports).")
    p.add_argument("paths", nargs="+", metavar="DIR", help="report files or folders (read recursively)")
    p.add_argument("--out", required=True, help="output folder")
    p.add_argument("--reviews", metavar="FILE",
                   help=f"the reviews file (default: {REVIEWS_NAME} in DIR, if there is one); dismissed findings "
                        "are left out")
    p.add_argument("--expected", metavar="CSV", help="the units expected to report: a column agency (optional "
                                                     "level, year); the roll-up lists those that did not")
    p.add_argument("--year", type=int, action="append", metavar="YEAR",
                   help="review only these report years (repeatable; default: every year read)")
    p.add_argument("--formats", default="docx,pdf", help="docx, pdf or both (default: docx,pdf)")
    add_jobs(p)
    add_timeout(p)
    return p


def default_reviews(paths) -> str | None:
    for p in map(Path, paths):
        if p.is_dir() and (p / REVIEWS_NAME).is_file():
            return str(p / REVIEWS_NAME)
    return None


def run(args) -> int:
    from ..checks import check
    from ..dataset import read_many
    from ..errors import GikkitError
    from ..review.notices import write_notices

    formats = tuple(f.strip() for f in args.formats.split(",") if f.strip())
    if no_files(args.paths):
        return 1
    reviews = args.reviews or default_reviews(args.paths)
    data = read_many(args.paths, jobs=args.jobs, run_checks=False, timeout=read_timeout(args))
    check(data)
    try:
        written = write_notices(data, args.out, decisions=reviews, expected=args.expected, years=args.year,
                                formats=formats)
    except (GikkitError, ValueError) as e:
        print(f"gikkit notice: {e}", file=sys.stderr)
        return 2
    for failure in data.failures:
        print(f"  {failure.path}: {failure.problem}", file=sys.stderr)
    notices = sum(1 for p in written if p.parent.name == "notices")
    print(f"gikkit: {len(data.reports)} report(s), {notices} notice file(s) in {Path(args.out) / 'notices'}, "
          f"roll-up {Path(args.out) / 'rollup-汇总.csv'}" + (f" (decisions from {reviews})" if reviews else ""),
          file=sys.stderr)
    return 1 if data.failures else 0
