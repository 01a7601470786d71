"""gikkit: read, check, explore and publish government information-disclosure annual reports.

    >>> import gikkit
    >>> report = gikkit.read("data/000_c2619695b87ce2e6.txt")
    >>> report.template, report.cells["t3.granted.natural_person"]
    ('v2019', 0)
    >>> frame = report.to_frame()   # tidy: one row per cell
"""
from __future__ import annotations

from pathlib import Path

from . import checks, metadata
from .dataset import Dataset, Failure, read_many
from .errors import GikkitError, NoReportTablesError, UnknownFormatError, UnreadableFileError
from .findings import Finding
from .readers import read_document
from .recognize import recognize
from .report import Report
from .sections import preamble_text, split_sections

__all__ = ["Dataset", "Failure", "Finding", "GikkitError", "NoReportTablesError", "Report", "UnknownFormatError",
           "UnreadableFileError", "read", "read_many"]
__version__ = "0.1.0"


def read(path: str | Path, *, run_checks: bool = True) -> Report:
    """Read one report file (HTML, DOCX, PDF or text) into a checked :class:`Report`.

    Raises a :class:`GikkitError` subclass naming the file when it cannot be read
    or holds no report tables.
    """
    doc = read_document(path)
    meta = metadata.extract(doc)
    found = recognize(doc, meta["year"])
    if not found.tables_found:
        raise NoReportTablesError(path, "no report tables (表二/表三/表四) found in the document")
    sections, seen = split_sections(doc.paragraphs, found.template)
    report = Report(
        source=str(path), format=doc.format, agency=meta["agency"], year=meta["year"],
        published=meta["published"], template=found.template.key, sections=sections,
        cells=found.cells, findings=list(found.findings), cell_info=found.cell_info,
        title=meta["title"], sections_seen=seen,
        preamble=preamble_text(doc.paragraphs, found.template),
    )
    if run_checks:
        report.findings.extend(checks.run(report))
    return report
