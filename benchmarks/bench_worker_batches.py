"""The local worker pool's round trips: files/s and CPU (the reading process's own, and its workers')
reading a generated folder with no cache, so every file goes to a worker and its report comes back.

    python scripts/make_corpus.py 2000 --out /tmp/batch/c2000 --formats txt,html --jobs 1
    python benchmarks/bench_worker_batches.py /tmp/batch/c2000 [--jobs 2] [--batch N]
    python benchmarks/bench_worker_batches.py          # `make bench`: 500 text/HTML reports generated first

The parent's CPU is what sending files out and reports back costs (pickling, pipes, waking up per
message) plus unpacking each report; the workers' CPU is the reading itself. Each run is a fresh
process; the load average is printed with it (the machine is shared).
"""
from __future__ import annotations

import argparse
import json
import os
import subprocess
import sys
import tempfile
from pathlib import Path

ONE_RUN = r"""
import json, os, resource, sys, time
folder, jobs, batch = sys.argv[1], int(sys.argv[2]), sys.argv[3]
from gikkit.stream import ReadStream
options = {"jobs": jobs, "cache": False}
if batch:
    options["batch"] = int(batch)
start, cpu0 = time.perf_counter(), time.process_time()
reports = failures = 0
for _, outcome in ReadStream([folder], **options):
    if hasattr(outcome, "cells"):
        reports += 1
    else:
        failures += 1
elapsed, parent = time.perf_counter() - start, time.process_time() - cpu0
children = resource.getrusage(resource.RUSAGE_CHILDREN)
print(json.dumps({"files": reports + failures, "failures": failures, "seconds": round(elapsed, 2),
                  "files_per_s": round((reports + failures) / elapsed, 1), "parent_cpu_s": round(parent, 2),
                  "workers_cpu_s": round(children.ru_utime + children.ru_stime, 2)}))
"""


def main(argv=None) -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("folder", nargs="?", help="a folder of reports; default: 500 generated now (text and HTML)")
    ap.add_argument("--jobs", type=int, default=2)
    ap.add_argument("--batch", type=int, help="files per worker message (default: the pool's choice)")
    args = ap.parse_args(argv)
    if args.folder is None:
        sys.path.insert(0, str(Path(__file__).resolve().parent.parent / "scripts"))
        from make_corpus import make

        generated = tempfile.TemporaryDirectory(prefix="gikkit-batches-")
        args.folder = generated.name
        make(500, Path(generated.name), jobs=os.cpu_count() or 1, formats=("txt", "html"))
    before = os.getloadavg()
    out = subprocess.run([sys.executable, "-c", ONE_RUN, args.folder, str(args.jobs), str(args.batch or "")],
                         capture_output=True, text=True, check=True)
    result = json.loads(out.stdout.strip().splitlines()[-1])
    result["load_before"] = [round(x, 2) for x in before]
    result["load_after"] = [round(x, 2) for x in os.getloadavg()]
    print(json.dumps(result))


if __name__ == "__main__":
    main()
