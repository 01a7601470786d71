"""Build an N-report corpus store quickly, for benchmarks of what reads a store (not of reading files).

    python scripts/make_corpus.py 400 --out /tmp/store/c400 --formats txt,html
    python scripts/grow_store.py /tmp/store/c400 100000 --out /tmp/store/s100k

What it is: the reports of a small generated corpus are read once (``gikkit.read_many``, checks
included), then written N/len(corpus) times over through :class:`gikkit.store.StoreWriter`, the
writer ``gikkit parse DIR --store`` uses, so the store has exactly the layout, row groups and
partitions of a parsed one. Copy k renames each report's agency (``<agency>·k``) and its source
(``copy00k/<source>``), so the store holds N distinct reports with distinct agencies, sources in path
order as a parse of a folder tree writes them; the figures repeat from copy to copy (values and
findings are those of the small corpus). What it does not measure: reading the files. For a store
read from N real files, run ``gikkit parse corpus/nN --store S``.
"""
from __future__ import annotations

import argparse
import dataclasses
import sys
import time
from pathlib import Path

import gikkit
from gikkit.store import StoreWriter


def renamed(report, copy: int):
    """``report`` as copy ``copy``: its own agency name and source; cells and findings shared (read-only here)."""
    return dataclasses.replace(report, agency=None if report.agency is None else f"{report.agency}·{copy}",
                               source=f"copy{copy:04d}/{report.source}")


def grow(corpus: Path, n: int, out: Path) -> dict:
    data = gikkit.read_many([corpus], progress=False)
    reports = sorted(data.reports, key=lambda r: r.source)
    if not reports:
        raise SystemExit(f"no reports read from {corpus}")
    with StoreWriter(out) as writer:
        for i in range(n):
            writer.add(renamed(reports[i % len(reports)], i // len(reports)))
    return writer.counts


def main(argv=None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("corpus", type=Path, help="a folder of reports (scripts/make_corpus.py)")
    parser.add_argument("n", type=int, help="how many reports the store holds")
    parser.add_argument("--out", type=Path, required=True, help="the store folder (replaced if it is a store)")
    args = parser.parse_args(argv)
    start = time.perf_counter()
    counts = grow(args.corpus, args.n, args.out)
    print(f"wrote {counts['reports']} reports ({counts['cells']} cells) to {args.out} "
          f"in {time.perf_counter() - start:.0f} s", file=sys.stderr)
    return 0


if __name__ == "__main__":
    sys.exit(main())
