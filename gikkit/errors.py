"""Errors gikkit raises. Each names the file and what was wrong with it."""
from __future__ import annotations


class GikkitError(Exception):
    """Base class for every error gikkit raises on purpose."""

    def __init__(self, path, problem: str):
        self.path = str(path) if path is not None else None
        self.problem = problem
        super().__init__(f"{self.path}: {problem}" if self.path else problem)


class UnreadableFileError(GikkitError):
    """The file could not be opened or decoded (missing, broken, truncated, wrong encoding)."""


class UnknownFormatError(GikkitError):
    """The file is of no kind gikkit reads (not HTML, DOCX, PDF or text)."""


class NoReportTablesError(GikkitError):
    """The file was read, but holds no recognizable report tables."""


class MissingDependencyError(GikkitError):
    """An optional package is needed; the message carries the exact install line."""

    def __init__(self, package: str, purpose: str):
        super().__init__(None, f"{purpose} needs {package}: pip install {package}")
