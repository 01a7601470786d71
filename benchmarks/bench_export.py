"""Export N reports two ways in one run and compare time per report and size.

    python benchmarks/bench_export.py                 # N=100 (the loop alone takes ~13 minutes)
    python benchmarks/bench_export.py -n 20 --loop-reports 5
    python benchmarks/bench_export.py -n 10000 --loop-reports 10 --corpus   # the 10,000-report site

The obvious way: per report, ``papermill`` then ``jupyter nbconvert --to html --no-input``
(plotly's ``notebook`` renderer, so the charts are in the page), and the same for compare and
audit. gikkit's way: ``gikkit export`` (warm kernels, our template, shared plotly.js).

The inputs are copies of the text reports in data/ with varied figures: every integer table
cell of copy i is multiplied by a factor of its own, which keeps the template's identities; with
``--corpus``, N distinct reports written by scripts/make_corpus.py in text and HTML only (so that
reading, measured by bench_scale.py, is not what is measured here). Each way is timed in wall and
CPU seconds (the processes' own and their children's: kernels, papermill, nbconvert); the
load average is printed before and after, and the peak memory of the export's process tree
(summed over the process, its kernels and reading workers, sampled every 0.2 s) and of the export
process alone (which streams the reports: flat in N, so ``-n 10000`` fits in memory).
"""
from __future__ import annotations

import argparse
import os
import resource
import re
import subprocess
import sys
import tempfile
import threading
import time
from pathlib import Path

import psutil

ROOT = Path(__file__).resolve().parent.parent
BIN = Path(sys.executable).parent
NOTEBOOKS = ROOT / "notebooks"
INT_CELL = re.compile(r"^(\t\s*)(\d+)(\s*)$", re.M)


def make_reports(n: int, folder: Path) -> list[Path]:
    """``n`` text reports in ``folder``, copies of data/*.txt with scaled figures."""
    sources = sorted((ROOT / "data").glob("*.txt"))
    if not sources:
        sys.exit("bench_export: no .txt reports in data/")
    folder.mkdir(parents=True)
    paths = []
    for i in range(n):
        source = sources[i % len(sources)]
        factor = 1 + i // len(sources)
        text = source.read_bytes().decode("utf-8")
        varied = INT_CELL.sub(lambda m: f"{m[1]}{int(m[2]) * factor}{m[3]}", text)
        path = folder / f"{i:03d}-{source.stem}.txt"
        path.write_bytes(varied.encode("utf-8"))
        paths.append(path)
    return paths


def corpus_reports(n: int, folder: Path) -> list[Path]:
    """``n`` distinct generated reports (text and HTML) in ``folder``, by scripts/make_corpus.py."""
    subprocess.run([sys.executable, ROOT / "scripts" / "make_corpus.py", str(n), "--out", folder,
                    "--formats", "txt,html"], check=True, stdout=subprocess.DEVNULL)
    return sorted(p for p in folder.rglob("*") if p.suffix in (".txt", ".html"))


def children_cpu() -> float:
    usage = resource.getrusage(resource.RUSAGE_CHILDREN)
    return usage.ru_utime + usage.ru_stime


def run(cmd: list, env: dict | None = None) -> None:
    subprocess.run(cmd, check=True, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL, env=env)


def run_measured(cmd: list) -> tuple[float, float, int, int]:
    """Run ``cmd``: wall seconds, CPU seconds (it and its children), peak summed RSS of its process tree,
    peak RSS of the process alone (the export's own work, without its kernels and reading workers)."""
    cpu, start = children_cpu(), time.perf_counter()
    process = subprocess.Popen(cmd, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    peak = own = 0

    def sample():
        nonlocal peak, own
        root = psutil.Process(process.pid)
        while process.poll() is None:
            try:
                tree = [root, *root.children(recursive=True)]
                rss = 0
                for p in tree:
                    try:
                        rss += p.memory_info().rss
                    except psutil.Error:
                        pass
                peak = max(peak, rss)
                own = max(own, root.memory_info().rss)
            except psutil.Error:
                pass
            time.sleep(0.2)

    sampler = threading.Thread(target=sample, daemon=True)
    sampler.start()
    if process.wait() != 0:
        sys.exit(f"bench_export: {cmd[:2]} failed with {process.returncode}")
    sampler.join()
    return time.perf_counter() - start, children_cpu() - cpu, peak, own


def loop_export(reports: list[Path], data_dir: Path, out: Path) -> tuple[list[Path], float, float, float]:
    """The obvious way, one report at a time: the pages written, seconds on reports, on compare + audit,
    CPU seconds on reports."""
    out.mkdir(parents=True)
    env = {**os.environ, "PLOTLY_RENDERER": "notebook", "GIKKIT_EXPORT": "1"}
    jobs = [("report", "report_path", str(r), r.stem) for r in reports]
    jobs += [("compare", "data_dir", str(data_dir), "compare"), ("audit", "data_dir", str(data_dir), "audit")]
    pages, seconds = [], {"report": 0.0, "compare": 0.0, "audit": 0.0}
    cpu = 0.0
    for notebook, name, value, stem in jobs:
        start, cpu_start = time.perf_counter(), children_cpu()
        executed = out / f"{stem}.ipynb"
        run([BIN / "papermill", NOTEBOOKS / f"{notebook}.ipynb", executed, "-p", name, value,
             "--cwd", NOTEBOOKS, "--execution-timeout", "300"], env)
        run([BIN / "jupyter", "nbconvert", "--to", "html", "--no-input", executed], env)
        executed.unlink()
        pages.append(out / f"{stem}.html")
        seconds[notebook] += time.perf_counter() - start
        cpu += (children_cpu() - cpu_start) if notebook == "report" else 0.0
    return pages, seconds["report"], seconds["compare"] + seconds["audit"], cpu


def charts_in(page: Path) -> int:
    text = page.read_text("utf-8")
    return text.count('class="gikkit-figure"') or len(re.findall(r"Plotly\.newPlot\(\s*\"", text))


def fmt_load(load) -> str:
    return ", ".join(f"{x:.2f}" for x in load)


def size(paths) -> int:
    return sum(p.stat().st_size for p in paths)


def main(argv=None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("-n", type=int, default=100, help="reports to export (default 100)")
    parser.add_argument("--loop-reports", type=int, default=None,
                        help="time the loop on only this many of them (default: all N)")
    parser.add_argument("--corpus", action="store_true",
                        help="generate N distinct reports (txt, html) with scripts/make_corpus.py instead of copies of data/")
    args = parser.parse_args(argv)

    with tempfile.TemporaryDirectory(prefix="bench-export-") as tmp:
        tmp = Path(tmp)
        reports = corpus_reports(args.n, tmp / "reports") if args.corpus else make_reports(args.n, tmp / "reports")
        # the loop's sample: spread over the whole batch (every k-th report), not its first files
        step = max(1, len(reports) // (args.loop_reports or len(reports)))
        loop_reports = reports[::step][: args.loop_reports or len(reports)]
        loop_dir = tmp / "loop-input"
        loop_dir.mkdir()
        for r in loop_reports:
            (loop_dir / r.name).symlink_to(r)

        load_before = os.getloadavg()
        ours_time, ours_cpu, ours_peak, ours_own = run_measured([BIN / "gikkit", "export", tmp / "reports", "--out", tmp / "site"])
        site_pages = sorted((tmp / "site").rglob("*.html"))
        ours_size = size(site_pages) + size([tmp / "site" / "assets" / "plotly.min.js"])
        load_between = os.getloadavg()

        loop_pages, loop_time, loop_summaries, loop_cpu = loop_export(loop_reports, loop_dir, tmp / "loop")
        load_after = os.getloadavg()

        # ours: the whole run (reading, kernel start, compare, audit, index included) over N; the loop: its report runs only
        ours_per, ours_cpu_per = ours_time / len(reports), ours_cpu / len(reports)
        loop_per, loop_cpu_per = loop_time / len(loop_reports), loop_cpu / len(loop_reports)
        ours_report_pages = [p for p in site_pages if p.parent.name == "reports"]
        ours_page = size(ours_report_pages) / len(ours_report_pages)
        loop_page = size(loop_pages[:-2]) / len(loop_reports)
        by_name = {p.name: p for p in ours_report_pages}
        pairs = [(page, by_name.get(page.name) or tmp / "site" / page.name) for page in loop_pages]
        pairs = [(page, ours) for page, ours in pairs if ours.is_file()]
        differ = [page.name for page, ours in pairs if charts_in(page) != charts_in(ours)]
        kind = "generated by make_corpus.py (txt, html)" if args.corpus else "copies of data/*.txt"
        print(f"reports: {len(reports)} {kind}, all exported by gikkit, {len(loop_reports)} by the loop "
              f"(+ compare and audit each)")
        print(f"load average (1, 5, 15 min): before {fmt_load(load_before)}, after gikkit {fmt_load(load_between)}, "
              f"after the loop {fmt_load(load_after)}; {os.cpu_count()} cores")
        print(f"loop (papermill + nbconvert): {loop_per:6.2f} s/report wall, {loop_cpu_per:6.2f} s/report CPU, "
              f"{loop_page / 1e6:7.3f} MB/report page, {size(loop_pages) / 1e6:8.1f} MB for its {len(loop_pages)} pages; "
              f"compare + audit {loop_summaries:.1f} s more")
        print(f"gikkit export:                {ours_per:6.3f} s/report wall, {ours_cpu_per:6.3f} s/report CPU, "
              f"{ours_page / 1e6:7.3f} MB/report page, {ours_size / 1e6:8.1f} MB for the site (incl. plotly.min.js once); "
              f"{ours_time:.1f} s wall, {ours_cpu:.1f} s CPU in all, compare + audit, index and kernel start included; "
              f"peak memory {ours_peak / 1e6:.0f} MB (export process and its kernels, summed), "
              f"{ours_own / 1e6:.0f} MB the export process alone")
        print(f"time ratio (loop / gikkit): {loop_per / ours_per:5.1f}x faster per report (wall), "
              f"{loop_cpu_per / ours_cpu_per:5.1f}x (CPU)")
        print(f"size ratio (gikkit / loop): {ours_page / loop_page:6.1%} of the loop's page size")
        print(f"charts: {sum(charts_in(p) for p, _ in pairs)} on the loop's {len(pairs)} pages, "
              f"{sum(charts_in(o) for _, o in pairs)} on the same pages from gikkit"
              + (f"; different on {differ}" if differ else " (same count on every page)"))
    return 0


if __name__ == "__main__":
    sys.exit(main())
