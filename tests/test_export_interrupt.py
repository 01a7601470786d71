"""Ctrl-C in the middle of an export: whole pages only, no temporary files, no kernel left running."""
from __future__ import annotations

import shutil
import signal
import subprocess
import sys
import time
from pathlib import Path

import nbformat

ROOT = Path(__file__).resolve().parent.parent
REPORT = ROOT / "data" / "jiangbei-district-2022.txt"


def alive(pid: str) -> bool:
    try:
        return Path(f"/proc/{pid}/stat").read_text().split()[2] != "Z"
    except OSError:
        return False


def wait_for(predicate, seconds: float = 120) -> bool:
    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline:
        if predicate():
            return True
        time.sleep(0.1)
    return False


def test_interrupted_export_leaves_whole_pages_and_no_kernels(tmp_path):
    # the real report notebook, plus a cell that holds on one report so the interruption lands mid-run
    notebooks = tmp_path / "notebooks"
    notebooks.mkdir()
    nb = nbformat.read(ROOT / "notebooks" / "report.ipynb", as_version=4)
    running = tmp_path / "slow-cell-running"
    nb.cells.append(nbformat.v4.new_code_cell(
        f'import pathlib, time\nif "slow" in str(report_path):\n    pathlib.Path({str(running)!r}).touch()\n'
        '    time.sleep(300)'))
    nbformat.write(nb, notebooks / "report.ipynb")
    inputs = tmp_path / "in"
    inputs.mkdir()
    shutil.copyfile(REPORT, inputs / "a-fast.txt")
    shutil.copyfile(REPORT, inputs / "b-slow.txt")
    out = tmp_path / "site"

    export = subprocess.Popen([sys.executable, "-m", "gikkit.cli", "export", str(inputs), "--out", str(out),
                               "--notebooks", str(notebooks), "--kernels", "1"],
                              stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True,
                              # Ctrl-C as in a terminal: a suite started as a background job by a script
                              # (`make test &`) has SIGINT ignored, its children inherit that and rightly keep it
                              preexec_fn=lambda: signal.signal(signal.SIGINT, signal.SIG_DFL))
    try:
        assert wait_for(lambda: (out / "reports" / "a-fast.html").exists()), "the first page never came"
        # Ctrl-C while the slow page's long cell runs
        assert wait_for(running.exists), "the slow cell never started"
        time.sleep(1)
        kernels = subprocess.run(["pgrep", "-P", str(export.pid)], capture_output=True, text=True).stdout.split()
        export.send_signal(signal.SIGINT)
        _, stderr = export.communicate(timeout=180)  # generous: a loaded machine stops kernels slowly
    finally:
        if export.poll() is None:
            export.kill()
    assert export.returncode == 130 and "interrupted" in stderr
    assert kernels and wait_for(lambda: not any(alive(pid) for pid in kernels), 30), "a kernel outlived the export"
    pages = sorted(p.relative_to(out).as_posix() for p in out.rglob("*") if p.is_file())
    # no half page, no temporary file; each report's cells as data are written before its page
    data = [p for p in pages if p.startswith("data/reports/")]
    assert [p for p in pages if p not in data] == ["manifest.json", "reports/a-fast.html"]
    assert sorted(data) == [f"data/reports/{n}.{ext}" for n in ("a-fast", "b-slow") for ext in ("csv", "xlsx")]
    assert all((out / p).read_bytes().startswith(b"\xef\xbb\xbf") for p in data if p.endswith(".csv"))
    assert (out / "reports" / "a-fast.html").read_text("utf-8").rstrip().endswith("</html>")
    # what was done counts: the next run would skip the finished page
    assert '"reports/a-fast.html"' in (out / "manifest.json").read_text("utf-8")
