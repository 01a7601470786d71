"""An export's memory does not grow with the number of reports it publishes.

N and 4N distinct reports (scripts/make_corpus.py, text) are exported each in a process of its own;
the export process's peak resident memory (``ru_maxrss``: the process itself, not its kernels or
reading workers) must stay the same within a tolerance far below what holding the extra reports would
take (the export held 1.47 GB for 1,000 reports when it kept them all: over 1 MB a report). The
notebooks are small real ones (each page reads its report's name; compare and audit open the
export's store), so the test's time goes to the export's own work: reading, checking across years,
planning, the data files, the store, the index and the pages' conversion.
"""
from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import nbformat

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT / "scripts"))
import make_corpus  # noqa: E402

N = 40
EXTRA_PER_REPORT = 1_000_000 // 4  # bytes a report may leave behind at most: a quarter of what keeping it cost
EXPORT = """
import resource, sys
from gikkit.export import export_site
result = export_site([sys.argv[1]], sys.argv[2], notebooks=sys.argv[3], progress=False, jobs=2)
assert not result.failures, [(e.page, e.problem) for e in result.failures]
pages = sorted(result.built)
print(len(pages), sum(p.startswith("reports/") for p in pages), resource.getrusage(resource.RUSAGE_SELF).ru_maxrss)
"""


def small_notebooks(folder: Path) -> Path:
    folder.mkdir()
    params = {"report": 'report_path = ""\nlang = "zh"\nfindings_file = None',
              "compare": 'data_dir = "data"\nstore = ""\nlang = "zh"\nfindings_file = None',
              "audit": 'data_dir = "data"\nstore = ""\nlang = "zh"\nfindings_file = None'}
    body = {"report": "import pathlib\nprint(pathlib.Path(report_path).name)",
            "compare": "import gikkit\nprint(len(gikkit.open_store(store)))",
            "audit": "import gikkit\nfrom gikkit import store_notebooks\n"
                     "print(len(store_notebooks.findings(gikkit.open_store(store))))"}
    for kind, source in params.items():
        nb = nbformat.v4.new_notebook()
        nb.cells = [nbformat.v4.new_code_cell(source, metadata={"tags": ["parameters"]}),
                    nbformat.v4.new_code_cell(body[kind])]
        nbformat.write(nb, folder / f"{kind}.ipynb")
    return folder


def export_peak(n: int, tmp: Path, notebooks: Path) -> int:
    """Export ``n`` generated reports in a new process; its peak RSS in bytes."""
    reports = tmp / f"reports-{n}"
    make_corpus.make(n, reports, formats=("txt",))
    run = subprocess.run([sys.executable, "-c", EXPORT, str(reports), str(tmp / f"site-{n}"), str(notebooks)],
                         capture_output=True, text=True, timeout=600)
    assert run.returncode == 0, run.stderr[-3000:]
    pages, report_pages, peak_kb = map(int, run.stdout.split()[-3:])
    assert (pages, report_pages) == (n + 2, n)  # every report's page, compare and audit
    assert len(list((tmp / f"site-{n}" / "data" / "reports").glob("*.csv"))) == n
    return peak_kb * 1024


def test_export_memory_does_not_grow_with_the_reports(tmp_path):
    notebooks = small_notebooks(tmp_path / "notebooks")
    small = export_peak(N, tmp_path, notebooks)
    large = export_peak(4 * N, tmp_path, notebooks)
    grown = large - small
    assert grown < 3 * N * EXTRA_PER_REPORT, f"peak {small / 1e6:.0f} MB for {N} reports, {large / 1e6:.0f} MB for {4 * N}"
