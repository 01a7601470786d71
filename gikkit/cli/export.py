"""``gikkit export``: run the notebooks over reports and write a static site that opens offline."""
from __future__ import annotations

import sys

from .options import add_jobs, add_timeout, no_files, read_timeout

CELL_SECONDS = 120  # a notebook cell's time limit when --timeout is not given


def add_parser(sub):
    p = sub.add_parser(
        "export", help="publish reports as a static HTML site (one page per report, compare, audit, index)",
        description="Run report.ipynb for each report and compare.ipynb / audit.ipynb over all of them, "
                    "and write a site that opens offline: index.html, reports/<name>.html, compare.html, "
                    "audit.html, teach.html (the lesson, when data/'s reports are exported), assets/plotly.min.js. "
                    "Pages whose inputs have not changed are skipped.")
    p.add_argument("paths", nargs="+", metavar="PATH", help="report files or folders (read recursively)")
    p.add_argument("--out", default="exports", help="output folder (default: exports)")
    p.add_argument("--single-file", action="store_true",
                   help="inline plotly.js in every page, so a page can be sent alone")
    p.add_argument("--lang", choices=("zh", "en"), default="zh",
                   help="language of the charts and tables (default: zh)")
    p.add_argument("--notebooks", metavar="DIR", help="folder holding report.ipynb, compare.ipynb, audit.ipynb "
                                                      "(default: the notebooks beside the package)")
    add_jobs(p)
    add_timeout(p, also=f" or a notebook cell to run (cells: default {CELL_SECONDS})")
    p.add_argument("--kernels", type=int, default=None,
                   help="kernels run side by side (default: one per core, at most 8)")
    p.add_argument("--pdf", action="store_true",
                   help="also print each report page to pdf/<name>.pdf with headless Chromium "
                        "(agency and year in the header, page numbers in the footer)")
    p.add_argument("--teacher", action="store_true",
                   help="add the worked solutions to the lesson page (teach.html): a copy for teachers")
    return p


def run(args) -> int:
    from ..export import export_site

    if no_files(args.paths):
        return 1
    result = export_site(args.paths, args.out, single_file=args.single_file, lang=args.lang,
                         notebooks=args.notebooks, timeout=max(1, round(args.timeout or CELL_SECONDS)), kernels=args.kernels,
                         read_timeout=read_timeout(args), pdf=args.pdf, jobs=args.jobs,
                         teacher=args.teacher)
    made, skipped = len(result.built), len(result.skipped)
    print(f"gikkit: wrote {made} page(s), {skipped} unchanged; open {result.index}", file=sys.stderr)
    if result.failures:
        print(f"gikkit: {len(result.failures)} page(s) could not be exported:", file=sys.stderr)
        for entry in result.failures:
            print(f"  {entry.source or entry.page}: {entry.problem}", file=sys.stderr)
        return 1
    return 0
