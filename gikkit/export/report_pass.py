"""The one pass of an export over its reports, in memory that does not grow with the batch.

Files are read as a stream (:func:`gikkit.stream.iter_read`, put back in file order) and checked as
one batch, across years too (:func:`gikkit.checks.streaming.check_stream`: the same findings as
:func:`gikkit.checks.check`). Each report, as it comes, gets its index entry and data files, its page
to make (with a findings file of its own), its rows in the site's data files (:class:`.data_files.SiteData`),
in the export's corpus store (which compare.ipynb and audit.ipynb query instead of reading every
report again) and in that store's finding keys (:mod:`gikkit.store_notebooks`), and is then let go.
What stays is small: the entries, the pages to make, a fingerprint of each report's findings.
"""
from __future__ import annotations

import shutil
from collections.abc import Iterator
from dataclasses import replace
from pathlib import Path

from .. import shared_findings
from ..dataset import Failure
from .data_files import SiteData, write_report_data
from .files import digest
from .manifest import PageEntry, describe
from .names import without_local_paths


def checked_outcomes(files: list[Path], *, jobs: int | None, read_timeout: float | None) -> Iterator[tuple[Path, object]]:
    """``(file, Report or Failure)`` for each of ``files``, in their order, reports checked as one batch.

    Read as :func:`gikkit.read_many` reads for the export (worker processes, per-file limits, a Dask
    scheduler named by env ``GIKKIT_SCHEDULER``, no cache), but never all held at once.
    """
    from ..checks.streaming import check_stream
    from ..distributed import scheduler_address
    from ..stream import in_order, iter_read

    options = {"timeout": read_timeout} if read_timeout is not None else {}
    stream = iter_read(files, jobs=jobs, run_checks=False, scheduler=scheduler_address(None), **options)
    failures: dict[int, Failure] = {}
    positions: list[int] = []  # where each report came, in the order check_stream gives them back

    def reports():
        for k, outcome in in_order(stream):
            if isinstance(outcome, Failure):
                failures[k] = outcome
            else:
                positions.append(k)
                yield outcome

    done = 0
    for i, report in enumerate(check_stream(reports())):
        for k in range(done, positions[i]):
            yield files[k], failures.pop(k)
        yield files[positions[i]], report
        done = positions[i] + 1
    for k in sorted(failures):
        yield files[k], failures[k]


class ReportPass:
    """What an export keeps and writes of its reports, fed one at a time (:meth:`add`), file order."""

    def __init__(self, out: Path, *, slugs: dict, names: dict, file_keys: dict, kind_key: str, manifest, result,
                 lang: str, stage: Path, paths, make_job):
        from ..store import StoreWriter
        from ..store_notebooks import FINDING_KEYS, FindingKeysWriter

        self.out, self.slugs, self.names, self.file_keys = out, slugs, names, file_keys
        self.kind_key, self.manifest, self.result, self.lang, self.paths = kind_key, manifest, result, lang, paths
        self.make_job = make_job  # (entry, report, file, own findings file) -> the Job of its page
        self.findings_dir = stage / "findings"
        self.store_path = stage / "store"
        self.entries: list[PageEntry] = []
        self.jobs: list = []
        self.findings_keys: list[str] = []  # each report's findings, fingerprinted: an input of compare/audit
        self.site_data = SiteData(out, names)
        self.store = StoreWriter(self.store_path)
        self.keys = FindingKeysWriter(stage / FINDING_KEYS)

    def add(self, f: Path, outcome) -> None:
        """Plan ``f``'s page and write what it adds to the site and the store."""
        page, name = f"reports/{self.slugs[f]}.html", self.names[str(f)]
        if isinstance(outcome, Failure):
            problem = without_local_paths(outcome.problem, self.paths, self.names) or "could not be read"
            self.entries.append(PageEntry(page, "report", "", name, problem=problem))
            self.store.add(Failure(str(f), problem))
            return
        report, out = outcome, self.out
        own_findings = shared_findings.to_json([report])
        key = digest(self.kind_key, self.file_keys[f] or "", own_findings)
        previous = self.manifest.unchanged(page, key, out) if self.file_keys[f] else None
        same_name = previous is not None and previous.source == name
        entry = replace(previous, source=name) if previous else PageEntry(page, "report", key, name)
        describe(entry, report)
        kept = same_name and previous.data and all((out / p).is_file() for p in previous.data[:2])
        # an unchanged page's data files are kept as they are (same file, same findings, same name in them)
        entry.data = previous.data[:2] if kept else write_report_data(out, report, self.slugs[f], self.names)
        self.entries.append(entry)
        self.site_data.add(report, entry.data[0])
        self.store.add(report)
        self.keys.add(report)
        self.findings_keys.append(f"{shared_findings.key(report.source)}:{digest(own_findings)}")
        if previous:
            self.result.skipped.append(page)
            return
        self.findings_dir.mkdir(exist_ok=True)
        own = self.findings_dir / f"{self.slugs[f]}.json"
        own.write_text(own_findings, "utf-8")  # what shared_findings.save would write: made once, above
        self.jobs.append(self.make_job(entry, report, f, str(own)))

    def finish(self) -> Path:
        """Close the store (its finding keys beside it) and return its folder. The site's data files are put
        in place by ``site_data.finish()`` once the pages are made (an interrupted export leaves them as they were)."""
        self.store.close()
        shutil.move(self.keys.close(), self.store_path / self.keys.path.name)
        return self.store_path

    def abandon(self) -> None:
        """Leave the site's data files as they were; throw the partial store away."""
        self.site_data.discard()
        self.store.abandon()
