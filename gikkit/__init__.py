"""gikkit: read, check, explore and publish government information-disclosure annual reports.

    >>> import gikkit
    >>> report = gikkit.read("data/000_c2619695b87ce2e6.txt")
    >>> report.template, report.cells["t3.granted.natural_person"]
    ('v2019', 0)
    >>> frame = report.to_frame()   # tidy: one row per cell
"""
from __future__ import annotations

from . import checks, metadata
from .dataset import Dataset, Failure, read_many
from .errors import GikkitError, LimitExceededError, NoReportTablesError, UnknownFormatError, UnreadableFileError
from .findings import Finding
from .readers import read_document
from .reading import read
from .recognize import recognize
from .report import Report
from .sections import preamble_text, split_sections

__all__ = ["Dataset", "Failure", "Finding", "GikkitError", "LimitExceededError", "NoReportTablesError", "Report",
           "UnknownFormatError", "UnreadableFileError", "read", "read_many"]
__version__ = "0.1.0"
