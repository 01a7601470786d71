"""The widget explorer on a corpus store, in a real Jupyter kernel: one update's time and the kernel's peak memory.

    python scripts/grow_store.py /tmp/store/c400 100000 --out /tmp/store/s100k   # or gikkit parse DIR --store S
    python benchmarks/bench_store_explorer.py /tmp/store/s100k [--repeat 30]
    python benchmarks/bench_store_explorer.py --reports 10000   # no store given: one grown in a temporary folder

A kernel is started with jupyter_client (as JupyterLab would start one; no frontend), and runs what
a notebook cell does: ``gikkit.open_store(STORE)``, ``widgets.Explorer(store)`` displayed, then
``--repeat`` updates, each a new agency, year, table and measure (``Explorer.set``: the report's
chart, the agency's trend, the year's ranking, redrawn in the FigureWidgets, whose changes go out
as comm messages). Each update is timed inside the kernel (wall and CPU) and from this client (the
execute request until the kernel is idle again). The kernel's peak resident set is ``VmHWM`` in
``/proc/<pid>/status``. Targets (issue 11): an update under 200 ms, the kernel under 2 GB.
"""
from __future__ import annotations

import argparse
import json
import os
import statistics
import sys
import tempfile
import time
from pathlib import Path

from jupyter_client import KernelManager

ROOT = Path(__file__).resolve().parent.parent

SETUP = """
import json, random, time, gikkit
from IPython.display import display
from gikkit import widgets
_t, _c = time.perf_counter(), time.process_time()
store = gikkit.open_store({store!r})
explorer = widgets.Explorer(store)
display(explorer.widget)
_rng = random.Random(7)
_agencies = explorer.index.agencies
_tables = (("t3", "t3.withheld.total"), ("t4", "t4.admin_review.total"),
           ("t2", "t2.art20_6.administrative_penalty.decisions_count"), ("t3", "t3.new_received.total"))
print(json.dumps({{"reports": len(explorer.index.reports), "agencies": len(_agencies),
                  "wall": time.perf_counter() - _t, "cpu": time.process_time() - _c}}))
"""
UPDATE = """
_a = _rng.choice(_agencies)
_table, _measure = _tables[{i} % len(_tables)]
_t, _c = time.perf_counter(), time.process_time()
explorer.set(agency=_a, year=_rng.choice(explorer.index.years(_a)), table=_table, measure=_measure)
print(json.dumps({{"wall": time.perf_counter() - _t, "cpu": time.process_time() - _c}}))
"""


def run(client, code: str, timeout: float = 600) -> dict:
    """Execute ``code`` in the kernel; the JSON it printed last. Raises on an error in the kernel."""
    msg_id = client.execute(code)
    printed = []
    while True:
        msg = client.get_iopub_msg(timeout=timeout)
        if msg["parent_header"].get("msg_id") != msg_id:
            continue
        kind, content = msg["msg_type"], msg["content"]
        if kind == "stream" and content["name"] == "stdout":
            printed.append(content["text"])
        elif kind == "error":
            raise RuntimeError("\n".join(content["traceback"]))
        elif kind == "status" and content["execution_state"] == "idle":
            break
    lines = [line for line in "".join(printed).splitlines() if line.startswith("{")]
    return json.loads(lines[-1]) if lines else {}


def peak_rss(pid: int) -> int:
    """The process's peak resident set, bytes (VmHWM)."""
    for line in Path(f"/proc/{pid}/status").read_text().splitlines():
        if line.startswith("VmHWM:"):
            return int(line.split()[1]) * 1024
    raise RuntimeError(f"no VmHWM for process {pid}")


def ms(seconds: list[float]) -> str:
    return f"median {statistics.median(seconds) * 1000:.0f} ms, max {max(seconds) * 1000:.0f} ms"


def measure(store: Path, repeat: int) -> dict:
    load_before = os.getloadavg()
    km = KernelManager(kernel_name="python3")
    km.start_kernel()
    client = km.client()
    client.start_channels()
    try:
        client.wait_for_ready(timeout=120)
        pid = km.provisioner.process.pid
        start = time.perf_counter()
        setup = run(client, SETUP.format(store=str(store.resolve())))
        setup["round_trip"] = time.perf_counter() - start
        updates, trips = [], []
        for i in range(repeat):
            start = time.perf_counter()
            updates.append(run(client, UPDATE.format(i=i)))
            trips.append(time.perf_counter() - start)
        peak = peak_rss(pid)
    finally:
        client.stop_channels()
        km.shutdown_kernel(now=True)
    return {"setup": setup, "wall": [u["wall"] for u in updates], "cpu": [u["cpu"] for u in updates],
            "round_trip": trips, "peak": peak, "load": (load_before, os.getloadavg())}


def main(argv=None) -> dict:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("store", type=Path, nargs="?",
                        help="a corpus store (gikkit parse DIR --store S, scripts/grow_store.py); default: grow one")
    parser.add_argument("--reports", type=int, default=10_000, help="reports of the store grown when none is given")
    parser.add_argument("--repeat", type=int, default=30, help="updates timed (default 30)")
    args = parser.parse_args(argv)
    if args.store is None:
        with tempfile.TemporaryDirectory() as tmp:
            return report(measure(grow(Path(tmp), args.reports), args.repeat), args.repeat)
    return report(measure(args.store, args.repeat), args.repeat)


def grow(tmp: Path, reports: int) -> Path:
    """A store of ``reports`` grown from 400 generated reports (scripts/grow_store.py)."""
    sys.path.insert(0, str(ROOT / "scripts"))
    import grow_store
    import make_corpus

    make_corpus.make(min(400, reports), tmp / "corpus", formats=("txt", "html"))
    grow_store.grow(tmp / "corpus", reports, tmp / "store")
    return tmp / "store"


def report(got: dict, repeat: int) -> dict:
    s, (before, after) = got["setup"], got["load"]
    print(f"store: {s['reports']:,} reports, {s['agencies']:,} agencies")
    print(f"open the store and build the explorer: {s['wall']:.2f} s ({s['cpu']:.2f} CPU-s)")
    print(f"one update, {repeat} of them, in the kernel: {ms(got['wall'])}; CPU {ms(got['cpu'])}")
    print(f"one update, from the client (execute until idle): {ms(got['round_trip'])}")
    print(f"kernel peak memory (VmHWM): {got['peak'] / 2**20:.0f} MB")
    print(f"load average before -> after: {before[0]:.1f} -> {after[0]:.1f}")
    return got


if __name__ == "__main__":
    main()
