"""Reading a whole corpus: a generated folder read cold (empty cache) and warm (unchanged folder, cache
filled), the tidy table streamed to Parquet; then the same through a local Dask cluster. Time,
files per second and peak memory (the reading process, and the largest worker process).

    python scripts/make_corpus.py 10000 --out corpus/n10000       # the folder (not committed)
    python benchmarks/bench_scale.py corpus/n10000                 # cold, warm, Dask cold
    python benchmarks/bench_scale.py corpus/n2000 --no-dask --how library
    python benchmarks/bench_scale.py --files 500                  # generates 500 reports first (make bench)
    GIKKIT_CODE_VERSION=v1 python benchmarks/bench_scale.py corpus/n10000 --cache /tmp/c --no-dask   # keep the cache
    GIKKIT_CODE_VERSION=v1 python benchmarks/bench_scale.py corpus/n10000 --cache /tmp/c --warm-only --repeat 3

Each run is a fresh process (``--how cli``: ``gikkit parse FOLDER --parquet OUT --cache DIR``; ``library``:
:class:`gikkit.stream.ReadStream` into a :class:`gikkit.table_stream.TableStreamWriter`), so its
peak resident memory is its own. The load average is printed before and after: the machine these
run on is shared, and every figure depends on what else it is doing.
"""
from __future__ import annotations

import argparse
import json
import os
import platform
import subprocess
import sys
import tempfile
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
TESTS = ROOT / "tests"

ONE_RUN = r"""
import json, resource, sys, time
how, folder, out, cache, scheduler, store = sys.argv[1:7]
start = time.perf_counter()
if how == "cli":
    from gikkit.cli import main
    argv = ["parse", folder, "--parquet", out, "--cache", cache] + (["--scheduler", scheduler] if scheduler else [])
    argv += ["--store", store] if store else []
    status = main(argv)
else:
    from gikkit.stream import ReadStream
    from gikkit.table_stream import TableStreamWriter
    failures = 0
    with TableStreamWriter(out) as writer:
        for _, outcome in ReadStream([folder], cache=cache, scheduler=scheduler or None):
            if hasattr(outcome, "cells"):
                writer.add(outcome)
            else:
                failures += 1
    status = 1 if failures else 0
elapsed = time.perf_counter() - start
own, children = resource.getrusage(resource.RUSAGE_SELF), resource.getrusage(resource.RUSAGE_CHILDREN)
print(json.dumps({"seconds": elapsed, "status": status, "rss_mb": own.ru_maxrss / 1024,
                  "worker_rss_mb": children.ru_maxrss / 1024, "parent_cpu_seconds": own.ru_utime + own.ru_stime,
                  "cpu_seconds": own.ru_utime + own.ru_stime + children.ru_utime + children.ru_stime}))
"""


def load() -> str:
    return ", ".join(f"{x:.2f}" for x in os.getloadavg())


def one_run(how: str, folder: Path, out: Path, cache: Path, scheduler: str = "", store: str = "") -> dict:
    from gikkit.cache import code_version

    # The code version is fixed for the whole benchmark: in a tree being edited, the warm run would
    # otherwise find every cached report made by other code, and read everything again.
    env = {**os.environ, "CI": "1", "GIKKIT_CODE_VERSION": code_version()}
    done = subprocess.run([sys.executable, "-c", ONE_RUN, how, str(folder), str(out), str(cache), scheduler, store],
                          capture_output=True, text=True, env=env)
    if done.returncode != 0 and not done.stdout.strip():
        raise RuntimeError(done.stderr[-3000:])
    return json.loads(done.stdout.strip().splitlines()[-1])


def _same_table(a: Path, b: Path) -> bool:
    import pyarrow.parquet as pq

    first, second = pq.read_table(a), pq.read_table(b)
    return first.schema.equals(second.schema, check_metadata=True) and first.equals(second)


def show(label: str, files: int, run: dict) -> None:
    print(f"  {label:<34} {run['seconds']:8.1f} s  {files / run['seconds']:8.1f} files/s  "
          f"peak {run['rss_mb']:6.0f} MB (largest worker {run['worker_rss_mb']:.0f} MB)  "
          f"CPU {run['cpu_seconds']:.1f} s (this process {run['parent_cpu_seconds']:.1f} s)  exit {run['status']}  "
          f"load {load()}")


def main(argv=None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("folder", type=Path, nargs="?",
                        help="a folder of reports (scripts/make_corpus.py makes one); default: --files generated now")
    parser.add_argument("--files", type=int, default=500, help="reports to generate when no folder is given (500)")
    parser.add_argument("--how", choices=("cli", "library"), default="cli")
    parser.add_argument("--no-dask", action="store_true", help="skip the run through a local Dask cluster")
    parser.add_argument("--no-local", action="store_true", help="skip the cold and warm runs on the local pool")
    parser.add_argument("--store", type=Path, help="after the warm run, one more warm run that also writes the "
                        "corpus store here (for benchmarks/bench_store_explorer.py)")
    parser.add_argument("--workers", type=int, default=os.cpu_count() or 1, help="Dask workers (default: cores)")
    parser.add_argument("--cache", type=Path, help="the cache folder to use and keep (default: a temporary one); "
                        "set GIKKIT_CODE_VERSION to reuse it from one run of this script to the next")
    parser.add_argument("--warm-only", action="store_true", help="no cold run: the cache (--cache) is filled already")
    parser.add_argument("--repeat", type=int, default=1, help="warm runs, one after the other (1)")
    args = parser.parse_args(argv)
    if args.folder is None:  # `make bench`: a corpus made for the run, in a temporary folder
        sys.path.insert(0, str(ROOT / "scripts"))
        from make_corpus import make

        generated = tempfile.TemporaryDirectory(prefix="gikkit-corpus-")
        args.folder = Path(generated.name)
        make(args.files, args.folder, jobs=os.cpu_count() or 1)
    files = sum(1 for p in args.folder.rglob("*") if p.is_file() and not p.name.startswith("."))
    import gikkit

    print(f"gikkit {gikkit.__version__}, Python {platform.python_version()}, {os.cpu_count()} cores; "
          f"{files} files in {args.folder}")
    print(f"load average before: {load()}")
    with tempfile.TemporaryDirectory(prefix="gikkit-scale-") as tmp:
        tmp = Path(tmp)
        cache = args.cache or tmp / "cache"
        if not args.no_local:
            if not args.warm_only:
                cold = one_run(args.how, args.folder, tmp / "cold.parquet", cache)
                show("cold (empty cache), local pool", files, cold)
            for _ in range(max(1, args.repeat)):
                warm = one_run(args.how, args.folder, tmp / "warm.parquet", cache)
                show("warm (same folder, cache filled)", files, warm)
            if not args.warm_only:
                print(f"  warm vs cold: {cold['seconds'] / warm['seconds']:.1f}x faster (CPU: "
                      f"{cold['cpu_seconds'] / warm['cpu_seconds']:.1f}x)")
                if _same_table(tmp / "cold.parquet", tmp / "warm.parquet"):
                    print("  the warm table is the cold one (same schema, rows, order and values)")
                else:
                    print("  THE WARM TABLE DIFFERS FROM THE COLD ONE")
            if args.store:
                stored = one_run(args.how, args.folder, tmp / "stored.parquet", cache, store=str(args.store))
                show(f"warm, writing the store {args.store}", files, stored)
        if not args.no_dask:
            sys.path.insert(0, str(TESTS))
            from cluster import LocalCluster

            (tmp / "cluster").mkdir()
            cluster = LocalCluster(tmp / "cluster", workers=args.workers)
            try:
                dask = one_run(args.how, args.folder, tmp / "dask.parquet", tmp / "cache-dask", cluster.address)
                show(f"cold, local Dask cluster ({args.workers} workers)", files, dask)
            finally:
                cluster.stop()
    print(f"load average after: {load()}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
