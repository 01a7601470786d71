"""The manifest of an exported site: which inputs made each page, so unchanged pages are skipped.

``manifest.json`` in the output folder maps each page (its path in the site) to the fingerprint
of its inputs (report bytes, notebook, gikkit version, templates, options) and to what the index
shows about it. A page is rebuilt when its fingerprint differs or its file is gone.
"""
from __future__ import annotations

import json
from dataclasses import asdict, dataclass
from pathlib import Path

from .files import write_atomic

MANIFEST_NAME = "manifest.json"
FORMAT = 2


@dataclass
class PageEntry:
    """One page of the site, as the index lists it."""

    page: str                  # path inside the site, e.g. "reports/000_c26.html"
    kind: str                  # "report", "compare" or "audit"
    key: str = ""              # fingerprint of the inputs; "" when the page could not be made
    source: str = ""           # the report file, relative to what was exported (report pages)
    agency: str | None = None
    year: int | None = None
    template: str | None = None
    findings: int | None = None
    problem: str | None = None  # why the page could not be made
    severities: dict | None = None  # findings by severity: {"error": n, "warning": n, "info": n}
    coverage: float | None = None   # share of the template's cells that were read (0..1)
    cells: list | None = None       # [cells read, cells of the template]
    data: list | None = None        # the report's data files (CSV, XLSX), paths in the site

    @property
    def ok(self) -> bool:
        return self.problem is None


def describe(entry: PageEntry, report) -> PageEntry:
    """Set what the index shows of ``report`` (agency, year, template, findings, coverage) on ``entry``."""
    entry.agency, entry.year, entry.template = report.agency, report.year, report.template
    entry.findings, entry.severities = len(report.findings), report.findings_by_severity()
    entry.coverage, entry.cells = round(report.coverage, 4), list(report.coverage_counts)
    return entry


class Manifest:
    """Entries of the last run, read from and written to the output folder."""

    def __init__(self, out: Path):
        self.path = Path(out) / MANIFEST_NAME
        self.previous: dict[str, PageEntry] = {}
        try:
            data = json.loads(self.path.read_text("utf-8"))
            if data.get("format") == FORMAT:
                self.previous = {e["page"]: PageEntry(**e) for e in data.get("pages", [])}
        except (OSError, ValueError, TypeError, KeyError):
            pass  # no manifest or an unreadable one: every page is built again

    def unchanged(self, page: str, key: str, out: Path) -> PageEntry | None:
        """The previous entry of ``page`` if it was built from the same inputs and is still there."""
        entry = self.previous.get(page)
        if entry and entry.ok and entry.key == key and (Path(out) / page).is_file():
            return entry
        return None

    def save(self, entries: list[PageEntry]) -> None:
        data = {"format": FORMAT, "pages": [asdict(e) for e in entries]}
        write_atomic(self.path, json.dumps(data, ensure_ascii=False, indent=1) + "\n")

    def remove_stale(self, out: Path, entries: list[PageEntry]) -> None:
        """Delete pages (and their data files) this tool made before that no longer stand for a current, good input."""
        keep = {e.page for e in entries if e.ok}
        kept_data = {p for e in entries for p in (e.data or [])}
        for page, entry in self.previous.items():
            if page not in keep and not Path(page).is_absolute() and ".." not in Path(page).parts:
                (Path(out) / page).unlink(missing_ok=True)
                for path in entry.data or []:  # its CSV and XLSX go with it
                    if path not in kept_data and ".." not in Path(path).parts:
                        (Path(out) / path).unlink(missing_ok=True)
