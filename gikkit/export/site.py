"""Export a batch of reports as a small static site that opens offline from a double-click.

    out/index.html            the first reports (agency, year, template, coverage, findings, level), every failure
    out/index/                every report's row as script chunks and plain lists (:mod:`.index_data`)
    out/reports/<slug>.html   report.ipynb run for one report
    out/compare.html          compare.ipynb run over the store of all reports (when there are two or more)
    out/audit.html            audit.ipynb run over the store of all reports (when there are two or more)
    out/teach.html            teach.ipynb, the lesson (when data/'s reports are exported); solutions with ``teacher``
    out/data/                 the numbers as CSV and XLSX (:mod:`.data_files`)
    out/assets/plotly.min.js  plotly.js, written once and shared by every page
    out/manifest.json         the inputs of each page, so an unchanged page is not made again

Every report is read and checked once here, as a stream (across years too), and let go as soon as
its index entry, its data files and its page to make are written (:mod:`.report_pass`): the export's
memory does not grow with the number of reports. Each report page's notebook gets its report's
findings (:mod:`gikkit.shared_findings`); compare and audit query a corpus store of the checked
reports, written in the export's stage folder (:mod:`gikkit.store`, :mod:`gikkit.store_notebooks`),
instead of reading every report again: all pages count the same findings for a report.
Reports are named by their file relative to what was exported, never by a local absolute path.
"""
from __future__ import annotations

import asyncio
import concurrent.futures
import os
import sys
import tempfile
from dataclasses import dataclass, field
from pathlib import Path

import nbformat

from .. import __version__
from ..dataset import expand_paths
from .convert import PageConverter, template_files
from .files import assign_slugs, digest, file_digest, write_atomic
from .index import SUMMARY_TITLES, write_index
from .names import about_markdown, shown_names
from .manifest import Manifest, PageEntry
from .report_pass import ReportPass, checked_outcomes
from .runner import Kernel, run_queue
from ..teach import lesson_fits

KINDS = ("report", "compare", "audit", "teach")
ASSET = "assets/plotly.min.js"
MAX_KERNELS = 8  # by default one kernel per core, up to this many (each holds ~200 MB)


def default_notebooks_dir() -> Path:
    """The notebooks beside the package (``<repository>/notebooks``), else those shipped inside it."""
    from .. import __file__ as package_init

    package = Path(package_init).resolve().parent
    beside, inside = package.parent / "notebooks", package / "notebooks"
    return beside if beside.is_dir() or not inside.is_dir() else inside


@dataclass
class Job:
    """One page to make: which notebook, with which parameters."""

    entry: PageEntry
    parameters: dict
    title: str
    downloads: list = field(default_factory=list)  # (label, path in the site) of the page's data files


@dataclass
class ExportResult:
    """What an export wrote: every page's entry, and which were made or skipped as unchanged."""

    out: Path
    entries: list[PageEntry]
    built: list[str] = field(default_factory=list)
    skipped: list[str] = field(default_factory=list)

    @property
    def index(self) -> Path:
        return self.out / "index.html"

    @property
    def failures(self) -> list[PageEntry]:
        return [e for e in self.entries if not e.ok]


def _plotly_js() -> str:
    from plotly.offline import get_plotlyjs

    return get_plotlyjs()


def _kind_keys(notebooks: dict[str, Path], single_file: bool, lang: str) -> dict[str, str]:
    """Fingerprint of what every page of a kind depends on besides its reports."""
    import plotly

    shared = [__version__, plotly.__version__, f"single_file={single_file}", f"lang={lang}"]
    shared += [p.read_bytes() for p in template_files()]
    return {kind: digest(*shared, kind, file_digest(path) or "missing") for kind, path in notebooks.items()}


def _report_title(report, lang: str = "zh") -> str:
    who = report.agency or Path(report.source).name
    if not report.year:
        return who
    return f"{who} {report.year}年 政府信息公开工作年度报告" if lang != "en" else f"{who}: annual report {report.year}"


def _run_async(coro):
    """Run ``coro`` to the end, also when called from a running event loop (inside Jupyter)."""
    try:
        asyncio.get_running_loop()
    except RuntimeError:
        return asyncio.run(coro)
    with concurrent.futures.ThreadPoolExecutor(1) as pool:
        return pool.submit(asyncio.run, coro).result()


def _staged_data_dir(paths, files: list[Path], slugs: dict[Path, str], stage: Path) -> Path:
    """One folder holding every input, for the notebooks that take ``data_dir``."""
    if len(paths) == 1 and Path(paths[0]).is_dir():
        return Path(paths[0]).resolve()
    stage.mkdir(parents=True, exist_ok=True)
    for f in files:
        (stage / (slugs[f] + f.suffix)).symlink_to(f.resolve())
    return stage


def export_site(paths, out, *, single_file: bool = False, lang: str = "zh", notebooks: str | Path | None = None,
                timeout: int = 120, kernels: int | None = None, progress: bool | None = None,
                read_timeout: float | None = None, pdf: bool = False, jobs: int | None = None,
                teacher: bool = False) -> ExportResult:
    """Run the notebooks over the reports under ``paths`` and write the site to ``out``.

    A report that fails (unreadable file, a notebook cell raising or timing out) is listed in
    the index with its reason; the rest go on. ``lang`` ("zh" or "en") is passed to the
    notebooks; ``timeout`` is per notebook cell, in seconds (``read_timeout``: per file read); ``kernels`` run side by side
    (default: one per core, at most ``MAX_KERNELS``). ``pdf`` also prints each report page to
    out/pdf/<slug>.pdf with headless Chromium (:mod:`.pdf`). ``jobs``: reading processes; ``teacher``: solutions.
    """
    out = Path(out)
    notebooks = Path(notebooks) if notebooks else default_notebooks_dir()
    nb_paths = {kind: notebooks / f"{kind}.ipynb" for kind in KINDS}
    kind_keys = _kind_keys(nb_paths, single_file, lang)
    kind_keys["teach"] = digest(kind_keys["teach"], f"teacher={teacher}")
    manifest = Manifest(out)
    files = expand_paths(paths)
    slugs = assign_slugs(files)
    names = shown_names(paths, files)
    file_keys = {f: file_digest(f) for f in files}
    result = ExportResult(out, [])

    # One pass over the reports, as a stream (memory flat in their number): each is read, checked with
    # all the others (across years), planned, written to the site's data files and the store, and let go.
    def make_job(entry, report, f, own_findings):
        downloads = [("CSV", "../" + entry.data[0]), ("XLSX", "../" + entry.data[1])]
        return Job(entry, {"report_path": str(f.resolve()), "lang": lang, "findings_file": own_findings},
                   _report_title(report, lang), downloads)

    with tempfile.TemporaryDirectory(prefix="gikkit-export-") as stage:
        reports = ReportPass(out, slugs=slugs, names=names, file_keys=file_keys, kind_key=kind_keys["report"],
                             manifest=manifest, result=result, lang=lang, stage=Path(stage), paths=paths,
                             make_job=make_job)
        try:
            for f, outcome in checked_outcomes(files, jobs=jobs, read_timeout=read_timeout):
                reports.add(f, outcome)
            store = reports.finish()
        except BaseException:
            reports.abandon()
            raise
        entries, page_jobs, site_data = reports.entries, reports.jobs, reports.site_data
        # compare and audit say nothing about one report alone; the lesson needs its own reports
        kinds = [k for k in ("compare", "audit") if sum(e.ok for e in entries) >= 2]
        kinds += ["teach"] if nb_paths["teach"].is_file() and lesson_fits([e for e in entries if e.ok]) else []
        inputs = sorted(f"{slugs[f]}:{file_keys[f]}" for f in files) + sorted(reports.findings_keys)
        del reports
        summaries, summary_jobs = _plan_summary_pages(kinds, inputs, kind_keys, manifest, result, lang, teacher)
        kernels = kernels or min(os.cpu_count() or 1, MAX_KERNELS)
        cwd = notebooks if notebooks.is_dir() else Path.cwd()
        if summary_jobs:
            # compare and audit query the store; audit finds reviews.csv in data_dir; the lesson reads its reports
            data_dir = str(_staged_data_dir(paths, files, slugs, Path(stage) / "reports"))
            for job in summary_jobs:
                job.parameters.update(data_dir=data_dir)
                if job.entry.kind in ("compare", "audit"):
                    job.parameters.update(store=str(store))
        try:
            _make_pages(page_jobs + summary_jobs, out, nb_paths, result, single_file=single_file, lang=lang,
                        timeout=timeout, kernels=kernels, cwd=cwd, progress=progress)
        except BaseException as error:
            site_data.discard()  # the site's data files stay as they were
            if isinstance(error, KeyboardInterrupt):  # keep what is done: the next run skips the pages made so far
                done = set(result.built) | set(result.skipped)
                manifest.save([e for e in summaries + entries if e.ok and e.page in done])
            raise
        site_data = site_data.finish()  # every report's cells and findings, as CSV and XLSX

    result.entries = summaries + entries
    if not single_file:
        plotly_js = _plotly_js().encode("utf-8")
        asset = out / ASSET
        if not asset.is_file() or asset.read_bytes() != plotly_js:
            write_atomic(asset, plotly_js)
    if pdf:
        from .pdf import pdf_path, print_pdfs

        print_pdfs(out, result.entries, lang=lang, rebuilt=set(result.built))
        for entry in result.entries:
            if entry.kind == "report" and entry.ok:
                entry.data = [*(entry.data or []), pdf_path(entry)]
    manifest.remove_stale(out, result.entries)
    write_index(out, result.entries, version=__version__, lang=lang, downloads=site_data,
                about=about_markdown(paths))
    manifest.save([e for e in result.entries if e.ok])
    return result


def _plan_summary_pages(kinds: list[str], inputs: list[str], kind_keys: dict[str, str], manifest: Manifest,
                        result: ExportResult, lang: str, teacher: bool) -> tuple[list[PageEntry], list[Job]]:
    """The compare, audit and teach pages: made again when any report or their notebook changed."""
    entries, jobs = [], []
    for kind in kinds:
        title = SUMMARY_TITLES[kind]
        entry = PageEntry(f"{kind}.html", kind, digest(kind_keys[kind], *inputs))
        previous = manifest.unchanged(entry.page, entry.key, result.out)
        entries.append(previous or entry)
        if previous:
            result.skipped.append(entry.page)
        else:
            parameters = {"data_dir": None, "lang": lang} | ({"teacher": teacher} if kind == "teach" else {})
            jobs.append(Job(entry, parameters, title[lang != "zh"]))
    return entries, jobs


def _make_pages(jobs: list[Job], out: Path, nb_paths: dict[str, Path], result: ExportResult, *,
                single_file: bool, lang: str, timeout: int, kernels: int, cwd: Path, progress: bool | None) -> None:
    """Execute and convert every job on warm kernels, writing each page as soon as it is ready."""
    from tqdm import tqdm

    if not jobs:
        return
    notebooks = {}
    for kind, path in nb_paths.items():
        try:
            notebooks[kind] = nbformat.read(path, as_version=4)
        except Exception as e:  # missing, not JSON, not a notebook: every page of this kind says so
            reason = e.strerror if isinstance(e, OSError) and e.strerror else f"{type(e).__name__}: {e}"
            for job in (j for j in jobs if j.entry.kind == kind):
                job.entry.key, job.entry.problem = "", f"notebook {path.name} could not be read: {reason}"
    jobs = [j for j in jobs if j.entry.ok]
    converter = PageConverter(plotly_js=_plotly_js() if single_file else None, lang=lang)
    bar = tqdm(total=len(jobs), desc="exporting", unit="page", file=sys.stderr,
               disable=not (sys.stderr.isatty() if progress is None else progress))

    async def execute(kernel: Kernel, job: Job):
        return await kernel.run(notebooks[job.entry.kind], job.parameters, name=job.entry.source or job.entry.page)

    def on_result(job: Job, executed) -> None:
        entry = job.entry
        try:
            if isinstance(executed, Exception):
                raise executed
            depth = entry.page.count("/")
            html = converter.convert(executed, title=job.title, index_href="../" * depth + "index.html",
                                     plotly_src="../" * depth + ASSET, downloads=job.downloads)
            write_atomic(out / entry.page, html)
            result.built.append(entry.page)
        except Exception as e:  # one page failing must not stop the batch: it is listed in the index
            entry.key, entry.problem = "", getattr(e, "problem", None) or f"{type(e).__name__}: {e}"
        bar.update(1)

    try:
        _run_async(run_queue(jobs, execute, kernels=kernels, cwd=cwd, timeout=timeout, on_result=on_result))
    finally:
        bar.close()
