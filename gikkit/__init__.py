"""gikkit: read, check, explore and publish government information-disclosure annual reports.

    >>> import gikkit
    >>> report = gikkit.read("data/000_c2619695b87ce2e6.txt")
    >>> report.template, report.cells["t3.granted.natural_person"]
    ('v2019', 0)
    >>> frame = report.to_frame()   # tidy: one row per cell
"""
from __future__ import annotations

from . import checks  # noqa: F401  (gikkit.checks.check(...) without a second import)
from .dataset import Dataset, Failure, open_store, read_many
from .errors import GikkitError, LimitExceededError, NoReportTablesError, UnknownFormatError, UnreadableFileError
from .findings import Finding
from .reading import read
from .report import Report

__all__ = ["Dataset", "Failure", "Finding", "GikkitError", "LimitExceededError", "NoReportTablesError", "Report",
           "UnknownFormatError", "UnreadableFileError", "open_store", "read", "read_many"]
__version__ = "0.1.0"
