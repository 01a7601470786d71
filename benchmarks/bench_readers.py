"""How fast gikkit reads: reports per second for each format on one core, then a folder of N files
(copies of the samples, mixed formats) read with ``read_many`` on all cores and on one core, against
the obvious alternative, a plain loop over ``gikkit.read``.

    python benchmarks/bench_readers.py                 # a folder of 500 files (about two minutes)
    python benchmarks/bench_readers.py --files 60 --seconds 0.5 --repeat 1   # a quick look
    python benchmarks/bench_readers.py --corpus 240    # 240 generated reports (scripts/make_corpus.py)
    python benchmarks/bench_readers.py --sample corpus/n100000/005 --per-format 200 --formats text,html

Samples: every report file in tests/fixtures/ and data/. A format no reader handles yet is reported
as such, and left out of the folder.

``--corpus N`` instead writes N distinct reports with ``scripts/make_corpus.py`` into a temporary
folder and reads each once, per format: reports per CPU-second on one core (``time.process_time``:
what the issue's targets count, little moved by other work on the machine) and per wall second, with
the load average. Then the HTML files of the corpus: ``pandas.read_html`` extracting their tables
on one core against ``gikkit.read_many`` reading them whole on all cores, as files per second.

``--sample DIR`` measures one-core reading speed the way the issue's targets are counted, on files
that already exist (such as a folder of ``scripts/make_corpus.py``'s pre-generated corpus): per
format, ``--per-format`` distinct files of DIR (the first, sorted by name), each read once in this
process after a warm-up on ``SAMPLE_WARM_UP`` other files of the same format (a worker's steady
state: per-process memos warm from other files, never from the files measured). It prints reports
per CPU-second (``time.process_time``) and per wall second, with the load average before and after.
"""
from __future__ import annotations

import argparse
import os
import platform
import resource
import shutil
import subprocess
import sys
import tempfile
import time
from collections import defaultdict
from pathlib import Path

import gikkit

ROOT = Path(__file__).resolve().parent.parent
SAMPLE_DIRS = [ROOT / "tests" / "fixtures", ROOT / "data"]
FORMATS = {".txt": "text", ".md": "markdown", ".html": "html", ".htm": "html", ".docx": "docx", ".pdf": "pdf"}
WARM_UP = 3  # files per format read before timing: imports, the spec, per-process caches
SAMPLE_WARM_UP = 20  # --sample: other files of the format read before timing (never the files timed)


def samples() -> dict[str, list[Path]]:
    """Sample report files by format (by extension: what a user would call the file)."""
    found = defaultdict(list)
    for folder in SAMPLE_DIRS:
        for path in sorted(folder.rglob("*")) if folder.is_dir() else []:
            if path.is_file() and path.suffix.lower() in FORMATS and path.name.lower() != "readme.md":  # notes, not reports
                found[FORMATS[path.suffix.lower()]].append(path)
    return dict(found)


def per_format(files: list[Path], seconds: float) -> tuple[tuple[float, float] | None, list[str], list[Path]]:
    """Reports per wall-clock and per CPU second reading ``files`` round-robin; problems; readable files."""
    readable, problems = [], []
    for path in files:  # one read each also warms imports and caches
        try:
            gikkit.read(path)
            readable.append(path)
        except gikkit.GikkitError as e:
            problems.append(f"{path.name}: {e.problem}")
    if not readable:
        return None, problems, readable
    count, start, cpu = 0, time.perf_counter(), time.process_time()
    while True:
        for path in readable:
            gikkit.read(path)
            count += 1
        elapsed = time.perf_counter() - start
        if elapsed >= seconds:
            return (count / elapsed, count / (time.process_time() - cpu)), problems, readable


def make_folder(readable: list[Path], n: int, into: Path) -> list[Path]:
    """``n`` copies of the readable samples, cycling through them (so the formats are mixed)."""
    copies = []
    for i in range(n):
        source = readable[i % len(readable)]
        target = into / f"{i:04d}-{source.name}"
        shutil.copyfile(source, target)
        copies.append(target)
    return copies


def cpu_seconds() -> float:
    """CPU time of this process and of its finished children (the worker processes)."""
    own, children = resource.getrusage(resource.RUSAGE_SELF), resource.getrusage(resource.RUSAGE_CHILDREN)
    return own.ru_utime + own.ru_stime + children.ru_utime + children.ru_stime


def timed(label: str, fn) -> float:
    start, cpu = time.perf_counter(), cpu_seconds()
    fn()
    elapsed, cpu = time.perf_counter() - start, cpu_seconds() - cpu
    print(f"  {label:<46} {elapsed:7.2f} s wall, {cpu:7.2f} s CPU")
    return elapsed


def load() -> str:
    return ", ".join(f"{x:.2f}" for x in os.getloadavg()) if hasattr(os, "getloadavg") else "unknown"


def spin(n: int) -> int:
    total = 0
    for i in range(n):
        total += i * i
    return total


def parallel_ceiling(cores: int, n: int = 5_000_000) -> float:
    """How much faster ``cores`` processes finish pure CPU work than one, on this machine right now.

    No parallel reading can beat this; on a shared machine it is well below ``cores``.
    """
    from concurrent.futures import ProcessPoolExecutor

    start = time.perf_counter()
    for _ in range(cores):
        spin(n)
    one = time.perf_counter() - start
    with ProcessPoolExecutor(cores) as pool:
        start = time.perf_counter()
        list(pool.map(spin, [n] * cores))
        many = time.perf_counter() - start
    return one / many


def check(data) -> None:
    assert not data.failures, data.failures[:3]


def plain_loop(folder: Path) -> None:
    """What one writes without gikkit.read_many: read each file, skip the ones that fail."""
    for path in sorted(p for p in folder.rglob("*") if p.is_file()):
        try:
            gikkit.read(path)
        except gikkit.GikkitError:
            pass


def by_format(folder: Path) -> dict[str, list[Path]]:
    found = defaultdict(list)
    for path in sorted(folder.rglob("*")):
        if path.is_file() and path.suffix.lower() in FORMATS:
            found[FORMATS[path.suffix.lower()]].append(path)
    return dict(found)


def read_once(files: list[Path]) -> tuple[float, float, int]:
    """(wall seconds, CPU seconds of this process, files read) reading each file once, after a warm-up."""
    for path in files[:WARM_UP]:
        gikkit.read(path)
    start, cpu = time.perf_counter(), time.process_time()
    for path in files:
        gikkit.read(path)
    return time.perf_counter() - start, time.process_time() - cpu, len(files)


def pandas_tables(files: list[Path]) -> tuple[float, float]:
    """(wall, CPU seconds) for ``pandas.read_html`` to extract the tables of every file, on one core."""
    import pandas

    pandas.read_html(files[0], flavor="lxml")  # warm-up: imports
    start, cpu = time.perf_counter(), time.process_time()
    for path in files:
        pandas.read_html(path, flavor="lxml")
    return time.perf_counter() - start, time.process_time() - cpu


def corpus(n: int) -> int:
    """Per-format speed on ``n`` generated reports; then HTML on all cores against pandas on one."""
    cores = os.cpu_count() or 1
    with tempfile.TemporaryDirectory(prefix="gikkit-corpus-") as tmp:
        made = time.perf_counter()
        subprocess.run([sys.executable, str(ROOT / "scripts" / "make_corpus.py"), str(n), "--out", tmp,
                        "--jobs", str(cores)], check=True, stdout=subprocess.DEVNULL)
        print(f"{n} reports generated by scripts/make_corpus.py in {time.perf_counter() - made:.1f} s")
        files = by_format(Path(tmp))
        print("\nOne core, each file read once (gikkit.read: reader, metadata, recognizer, sections, checks)")
        for fmt, paths in files.items():
            wall, cpu, count = read_once(paths)
            print(f"  {fmt:<5} {count / cpu:7.1f} reports per CPU-second, {count / wall:7.1f} per wall second "
                  f"({count} files; load {load()})")
        html = files.get("html", [])
        if not html:
            return 0
        print(f"\n{len(html)} HTML files: pandas.read_html (tables only) on one core against "
              f"gikkit.read_many (whole reports) on all {cores} cores")
        p_wall, p_cpu = pandas_tables(html)
        start = time.perf_counter()
        check(gikkit.read_many(html, progress=False))
        g_wall = time.perf_counter() - start
        print(f"  pandas.read_html, one core: {len(html) / p_wall:7.1f} files/s ({len(html) / p_cpu:.1f} per CPU-second)")
        print(f"  gikkit.read_many, {cores} cores: {len(html) / g_wall:7.1f} files/s")
        print(f"  ratio gikkit / pandas: {p_wall / g_wall:.2f} (the issue asks for at least 1; load {load()})")
    return 0


def sample(folder: Path, per_format: int, formats: set[str] | None) -> int:
    """Per format: ``per_format`` distinct files of ``folder`` read once each, after a warm-up on others."""
    found = by_format(folder)
    if not found:
        print(f"no report files in {folder}")
        return 1
    print(f"\nOne core, {folder}: each file read once after a warm-up on {SAMPLE_WARM_UP} other files of its format")
    for fmt, paths in found.items():
        if formats is not None and fmt not in formats:
            continue
        timed_files = paths[:per_format]
        warm = paths[per_format:per_format + SAMPLE_WARM_UP]
        if not warm:  # a small folder: warm on its last files (at most SAMPLE_WARM_UP), time the others
            split = max(1, len(paths) - SAMPLE_WARM_UP)
            timed_files, warm = paths[:split], paths[split:]
        for path in warm:
            gikkit.read(path)
        before = load()
        start, cpu = time.perf_counter(), time.process_time()
        for path in timed_files:
            gikkit.read(path)
        wall, cpu = time.perf_counter() - start, time.process_time() - cpu
        print(f"  {fmt:<8} {len(timed_files) / cpu:7.1f} reports per CPU-second, {len(timed_files) / wall:7.1f} per wall "
              f"second ({len(timed_files)} files, {len(warm)} warm-up; load before {before}, after {load()})")
    return 0


def main(argv=None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--files", type=int, default=500, help="files in the folder benchmark (default 500)")
    parser.add_argument("--seconds", type=float, default=3.0, help="time spent per format on one core (default 3)")
    parser.add_argument("--repeat", type=int, default=2, help="runs of each folder variant; the best counts (default 2)")
    parser.add_argument("--corpus", type=int, metavar="N",
                        help="generate N reports (scripts/make_corpus.py) and measure per format on them instead")
    parser.add_argument("--sample", type=Path, metavar="DIR",
                        help="measure one-core speed per format on distinct files of DIR (read once each, after a warm-up)")
    parser.add_argument("--per-format", type=int, default=200, metavar="N",
                        help="--sample: files timed per format (default 200)")
    parser.add_argument("--formats", help="--sample: only these formats, e.g. text,html (names as printed)")
    args = parser.parse_args(argv)
    cores = os.cpu_count() or 1
    print(f"gikkit {gikkit.__version__}, Python {platform.python_version()}, {platform.machine()}, {cores} cores")
    print(f"load average before: {load()} (other work on the machine slows every figure below)")
    if args.corpus:
        return corpus(args.corpus)
    if args.sample:
        formats = {f.strip() for f in args.formats.split(",")} if args.formats else None
        return sample(args.sample, args.per_format, formats)

    print("\nOne core, by format (reports per second, each file read whole: reader, recognizer, checks)")
    readable: list[Path] = []
    for fmt, files in samples().items():
        rate, problems, ok = per_format(files, args.seconds)
        readable += ok
        shown = f"{rate[0]:8.1f} reports/s ({rate[1]:.1f} per CPU-second)" if rate else "  cannot read yet"
        print(f"  {fmt:<5} {shown}   ({len(ok)} of {len(files)} sample files)")
        for problem in problems:
            print(f"        not read: {problem}")
    if not readable:
        print("no readable samples; nothing more to measure")
        return 1

    print(f"\nA folder of {args.files} files (mixed formats); best of {args.repeat} interleaved runs")
    runs = {"plain loop over gikkit.read": lambda folder: plain_loop(folder),
            "gikkit.read_many(jobs=1)": lambda folder: check(gikkit.read_many([folder], jobs=1, progress=False)),
            f"gikkit.read_many() on all {cores} cores": lambda folder: check(gikkit.read_many([folder], progress=False))}
    best = dict.fromkeys(runs, float("inf"))
    with tempfile.TemporaryDirectory(prefix="gikkit-bench-") as tmp:
        folder = Path(tmp)
        make_folder(readable, args.files, folder)
        for attempt in range(args.repeat):  # interleaved, so a burst of other work hits every variant alike
            for label, run in runs.items():
                best[label] = min(best[label], timed(f"{label} (run {attempt + 1})", lambda: run(folder)))
    loop, one, every = best.values()
    print(f"\n  reports per second: plain loop {args.files / loop:.1f}, read_many on one core {args.files / one:.1f}, "
          f"on all cores {args.files / every:.1f}")
    print(f"  all cores vs plain loop: {loop / every:.2f}x faster; all cores vs one core: {one / every:.2f}x")
    print(f"  for scale, pure CPU work on {cores} processes vs one, measured just after: "
          f"{parallel_ceiling(cores):.2f}x (the most any parallel reading could gain here now)")
    print(f"load average after: {load()}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
