"""Seconds per scanned page: OCR on one core, on all cores, and the cached re-read.

    python benchmarks/bench_ocr.py            # the two real PDF fixtures, scanned at 150 dpi (11 pages)
    python benchmarks/bench_ocr.py --dpi 200

The scans are made as the tests make them (tests/scan_builder.py: grey, turned, speckled,
blurred, JPEG). Each run reads with ``gikkit.read`` into an OCR cache of its own, so the first
two reads OCR every page and the third reads what the cache kept. CPU load from other programs
inflates the wall-clock figures; the CPU seconds per page are printed beside them.
"""
from __future__ import annotations

import argparse
import os
import resource
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT / "tests"))

from scan_builder import make_scan  # noqa: E402

REAL = ROOT / "tests" / "fixtures" / "real"


def cpu_seconds() -> float:
    usage = resource.getrusage(resource.RUSAGE_SELF)
    return usage.ru_utime + usage.ru_stime


def timed_reads(scans: list[Path], jobs: int, cache: Path) -> tuple[float, float]:
    """(wall seconds, CPU seconds) to read every scan with ``jobs`` OCR threads into ``cache``."""
    import gikkit

    os.environ["GIKKIT_OCR_JOBS"] = str(jobs)
    os.environ["XDG_CACHE_HOME"] = str(cache)
    wall, cpu = time.perf_counter(), cpu_seconds()
    for path in scans:
        gikkit.read(path, run_checks=False)
    return time.perf_counter() - wall, cpu_seconds() - cpu


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--dpi", type=int, default=150)
    args = parser.parse_args()
    import pypdfium2

    from gikkit.readers import ocr

    with tempfile.TemporaryDirectory() as tmp:
        tmp = Path(tmp)
        scans = [make_scan(pdf, tmp / pdf.name, dpi=args.dpi) for pdf in sorted(REAL.glob("*.pdf"))]
        pages = sum(len(pypdfium2.PdfDocument(str(p))) for p in scans)
        ocr.engine()  # load the models outside the timings (once per thread; ~0.1 s)
        cores = os.cpu_count() or 1
        rows = [("one core", *timed_reads(scans, 1, tmp / "cache-1")),
                (f"all cores ({cores})", *timed_reads(scans, cores, tmp / "cache-all")),
                ("cached re-read", *timed_reads(scans, cores, tmp / "cache-all"))]
    print(f"{pages} scanned pages at {args.dpi} dpi ({', '.join(p.stem for p in sorted(REAL.glob('*.pdf')))})")
    print(f"{'':22} {'s/page (wall)':>14} {'CPU s/page':>11}")
    for what, wall, cpu in rows:
        print(f"{what:22} {wall / pages:14.3f} {cpu / pages:11.3f}")


if __name__ == "__main__":
    main()
