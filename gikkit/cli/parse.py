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
                    "still go through. Results are written as they come, so a folder of any size "
                    "reads in flat memory (--xlsx excepted: a workbook is built whole). Reports "
                    "read before from unchanged files come from a cache. A progress bar shows when "
                    "stderr is a terminal.")
    p.add_argument("paths", nargs="+", metavar="PATH", help="report files or folders (read recursively)")
    p.add_argument("--json", action="store_true", help="print one JSON object per report, one per line")
    for fmt, metavar, what in FRAME_OPTIONS:
        p.add_argument(f"--{fmt}", metavar=metavar, help=f"write the tidy table of all reports as {what}")
    p.add_argument("--store", metavar="DIR", help="write a corpus store there: cells, reports and findings as "
                                                  "Parquet by year, for DuckDB (gikkit.store_view.StoreDataset)")
    add_jobs(p)
    add_timeout(p)
    cache = p.add_mutually_exclusive_group()
    cache.add_argument("--cache", metavar="DIR", help="keep parsed reports in DIR (default: $XDG_CACHE_HOME/gikkit, "
                                                      "else ~/.cache/gikkit); unchanged files are not read again")
    cache.add_argument("--no-cache", action="store_true", help="read every file, and keep nothing")
    p.add_argument("--scheduler", metavar="ADDRESS",
                   help="read on a Dask cluster: its scheduler's address, e.g. tcp://10.0.0.5:8786 (default: env "
                        "GIKKIT_SCHEDULER; else worker processes on this machine). The files must be reachable "
                        "under the same paths on the cluster's workers")
    return p


def summary(report) -> str:
    counts = report.findings_by_severity()
    read, total = report.coverage_counts
    return (f"{report.source}: {report.agency or '?'} {report.year or '?'} ({report.template}, {report.format}); "
            f"coverage {report.coverage:.0%} ({read}/{total} cells read); findings: {counts['error']} error, "
            f"{counts['warning']} warning, {counts['info']} info")


def run(args) -> int:
    from ..distributed import scheduler_address
    from ..errors import GikkitError
    from ..stream import ReadStream, in_order

    if no_files(args.paths):
        return 1
    cache = False if args.no_cache else (args.cache or True)
    try:
        stream = ReadStream(args.paths, jobs=args.jobs, timeout=read_timeout(args),  # one file too: bounded
                            cache=cache, scheduler=scheduler_address(args.scheduler))
        with Outputs(args) as outputs, progress_bar(stream.total) as bar:
            stream.tick = bar.update
            stream.packed = not outputs.wants_reports  # tables and stores take reports packed: no unpacking
            for _, outcome in in_order(stream):
                outputs.add(outcome)
    except GikkitError as e:  # no cluster at the address given
        print(f"gikkit: {e}", file=sys.stderr)
        return 2
    return outputs.finish()


def progress_bar(total: int):
    import os

    from tqdm import tqdm

    shown = sys.stderr.isatty() and not os.environ.get("CI")  # for a person watching: not in pipes, logs or CI
    return tqdm(total=total, desc="reading", unit="file", file=sys.stderr, disable=not shown)


class Outputs:
    """Where parsed reports go as they come: stdout (summaries or JSON lines), tables, a store; failures listed."""

    def __init__(self, args):
        from ..cache import PackedReport
        from ..report import Report
        from ..store import StoreWriter
        from ..table_stream import TableStreamWriter
        from ..writer_thread import WriterThread

        self.reports_as = (Report, PackedReport)
        self.json = args.json
        self.tables = [(fmt, getattr(args, fmt)) for fmt, _, _ in FRAME_OPTIONS if getattr(args, fmt)]
        self.printing = not self.tables and not args.store
        # Printing and workbooks need each Report; the table and store writers also take them packed.
        self.wants_reports = self.json or self.printing or any(fmt == "xlsx" for fmt, _ in self.tables)
        self.writers, self.status, self.failures, self.reports = {}, 0, [], 0
        self.whole: list = []  # reports for an xlsx workbook, which cannot be written a batch at a time
        for fmt, path in self.tables:
            if fmt != "xlsx":
                self._open(path, lambda path=path, fmt=fmt: WriterThread(TableStreamWriter(path, fmt), build_rows=True))
        if args.store:
            self._open(args.store, lambda: WriterThread(StoreWriter(args.store)))

    def _open(self, path, make) -> None:
        try:
            self.writers[str(path)] = make()
        except (OSError, ValueError) as e:
            self._cannot_write(path, e)

    def _cannot_write(self, path, error) -> None:
        print(f"gikkit: cannot write {path}: {error}", file=sys.stderr)
        self.status = 2

    def add(self, outcome) -> None:
        if not isinstance(outcome, self.reports_as):
            self.failures.append(outcome)
            for writer in self.writers.values():
                if hasattr(writer, "counts"):  # a store lists failures too
                    writer.add(outcome)
            return
        self.reports += 1
        if self.json:
            print(json.dumps(outcome.to_dict(), ensure_ascii=False))
        elif self.printing:
            print(summary(outcome))
        for path, writer in list(self.writers.items()):
            try:
                writer.add(outcome)
            except (OSError, ValueError) as e:
                writer.abandon()
                del self.writers[path]
                self._cannot_write(path, e)
        if any(fmt == "xlsx" for fmt, _ in self.tables):
            self.whole.append(outcome)

    def __enter__(self):
        return self

    def __exit__(self, kind, value, tb) -> None:
        if kind is not None:  # interrupted: nothing half-written is left under an output's name
            for writer in self.writers.values():
                writer.abandon()
            self.writers = {}

    def finish(self) -> int:
        from ..dataset import Dataset, write_frame

        for path, writer in self.writers.items():
            try:
                writer.close()
            except (OSError, ValueError) as e:
                self._cannot_write(path, e)
            else:
                rows = writer.rows if hasattr(writer, "rows") else writer.counts["cells"]
                print(f"gikkit: wrote {rows} rows ({self.reports} reports) to {path}", file=sys.stderr)
        for fmt, path in self.tables:
            if fmt == "xlsx":
                frame = Dataset(self.whole).to_frame()
                try:
                    write_frame(frame, path, fmt)
                except (OSError, ValueError) as e:
                    self._cannot_write(path, e)
                else:
                    print(f"gikkit: wrote {len(frame)} rows ({self.reports} reports) to {path}", file=sys.stderr)
        if self.failures:
            total = len(self.failures) + self.reports
            print(f"gikkit: {len(self.failures)} of {total} file(s) could not be read:", file=sys.stderr)
            for failure in self.failures:
                print(f"gikkit: {failure.path}: {failure.problem}", file=sys.stderr)
            self.status = self.status or 1
        return self.status
