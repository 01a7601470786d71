"""Export N reports two ways in one run and compare time per report and size.

    python benchmarks/bench_export.py                 # N=100 (the loop alone takes ~13 minutes)
    python benchmarks/bench_export.py -n 20 --loop-reports 5

The obvious way: per report, ``papermill`` then ``jupyter nbconvert --to html --no-input``
(plotly's ``notebook`` renderer, so the charts are in the page), and the same for compare and
audit. gikkit's way: ``gikkit export`` (warm kernels, our template, shared plotly.js).

The inputs are copies of the text reports in data/ with varied figures: every integer table
cell of copy i is multiplied by a factor of its own, which keeps the template's identities.
"""
from __future__ import annotations

import argparse
import os
import re
import subprocess
import sys
import tempfile
import time
from pathlib import Path

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


def run(cmd: list, env: dict | None = None) -> None:
    subprocess.run(cmd, check=True, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL, env=env)


def loop_export(reports: list[Path], data_dir: Path, out: Path) -> tuple[list[Path], float, float]:
    """The obvious way, one report at a time: the pages written, seconds on reports, on compare + audit."""
    out.mkdir(parents=True)
    env = {**os.environ, "PLOTLY_RENDERER": "notebook", "GIKKIT_EXPORT": "1"}
    jobs = [("report", "report_path", str(r), r.stem) for r in reports]
    jobs += [("compare", "data_dir", str(data_dir), "compare"), ("audit", "data_dir", str(data_dir), "audit")]
    pages, seconds = [], {"report": 0.0, "compare": 0.0, "audit": 0.0}
    for notebook, name, value, stem in jobs:
        start = time.perf_counter()
        executed = out / f"{stem}.ipynb"
        run([BIN / "papermill", NOTEBOOKS / f"{notebook}.ipynb", executed, "-p", name, value,
             "--cwd", NOTEBOOKS, "--execution-timeout", "300"], env)
        run([BIN / "jupyter", "nbconvert", "--to", "html", "--no-input", executed], env)
        executed.unlink()
        pages.append(out / f"{stem}.html")
        seconds[notebook] += time.perf_counter() - start
    return pages, seconds["report"], seconds["compare"] + seconds["audit"]


def charts_in(page: Path) -> int:
    text = page.read_text("utf-8")
    return text.count('class="gikkit-figure"') or len(re.findall(r"Plotly\.newPlot\(\s*\"", text))


def size(paths) -> int:
    return sum(p.stat().st_size for p in paths)


def main(argv=None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("-n", type=int, default=100, help="reports to export (default 100)")
    parser.add_argument("--loop-reports", type=int, default=None,
                        help="time the loop on only this many of them (default: all N)")
    args = parser.parse_args(argv)

    with tempfile.TemporaryDirectory(prefix="bench-export-") as tmp:
        tmp = Path(tmp)
        reports = make_reports(args.n, tmp / "reports")
        loop_reports = reports[: args.loop_reports or args.n]
        loop_dir = tmp / "loop-input"
        loop_dir.mkdir()
        for r in loop_reports:
            (loop_dir / r.name).symlink_to(r)

        start = time.perf_counter()
        run([BIN / "gikkit", "export", tmp / "reports", "--out", tmp / "site"])
        ours_time = time.perf_counter() - start
        site_pages = sorted((tmp / "site").rglob("*.html"))
        ours_size = size(site_pages) + size([tmp / "site" / "assets" / "plotly.min.js"])

        loop_pages, loop_time, loop_summaries = loop_export(loop_reports, loop_dir, tmp / "loop")

        # ours: the whole run (kernel start, compare and audit included) over N; the loop: its report runs only
        ours_per = ours_time / len(reports)
        loop_per = loop_time / len(loop_reports)
        ours_page = size(p for p in site_pages if p.parent.name == "reports") / len(reports)
        loop_page = size(loop_pages[:-2]) / len(loop_reports)
        pairs = [(page, tmp / "site" / ("reports" if page.stem not in ("compare", "audit") else "") / page.name)
                 for page in loop_pages]
        differ = [page.name for page, ours in pairs if charts_in(page) != charts_in(ours)]
        print(f"reports: {len(reports)} exported by gikkit, {len(loop_reports)} by the loop (+ compare and audit each)")
        print(f"loop (papermill + nbconvert): {loop_per:6.2f} s/report, {loop_page / 1e6:7.3f} MB/report page, "
              f"{size(loop_pages) / 1e6:8.1f} MB for its {len(loop_pages)} pages; "
              f"compare + audit {loop_summaries:.1f} s more")
        print(f"gikkit export:                {ours_per:6.2f} s/report, {ours_page / 1e6:7.3f} MB/report page, "
              f"{ours_size / 1e6:8.1f} MB for the site (incl. plotly.min.js once); {ours_time:.1f} s in all, "
              f"compare + audit and kernel start included")
        print(f"time ratio (loop / gikkit): {loop_per / ours_per:5.1f}x faster per report")
        print(f"size ratio (gikkit / loop): {ours_page / loop_page:6.1%} of the loop's page size")
        print(f"charts: {sum(charts_in(p) for p, _ in pairs)} on the loop's {len(pairs)} pages, "
              f"{sum(charts_in(o) for _, o in pairs)} on the same pages from gikkit"
              + (f"; different on {differ}" if differ else " (same count on every page)"))
    return 0


if __name__ == "__main__":
    sys.exit(main())
