"""Errors gikkit raises. Each names the file and what was wrong with it."""
from __future__ import annotations


class GikkitError(Exception):
    """Base class for every error gikkit raises on purpose."""

    def __init__(self, path, problem: str):
        self.path = str(path) if path is not None else None
        self.problem = problem
        super().__init__(f"{self.path}: {problem}" if self.path else problem)

    def __reduce__(self):
        # Errors cross process boundaries (a bounded read runs in a child): rebuild from path and problem,
        # since the default pickling would call __init__ with the message alone.
        return _rebuild, (type(self), self.path, self.problem)


def _rebuild(cls, path, problem):
    error = cls.__new__(cls)
    GikkitError.__init__(error, path, problem)
    return error


class UnreadableFileError(GikkitError):
    """The file could not be opened or decoded (missing, broken, truncated, wrong encoding)."""


class UnknownFormatError(GikkitError):
    """The file is of no kind gikkit reads (not HTML, DOCX, PDF or text)."""


class NoReportTablesError(GikkitError):
    """The file was read, but holds no recognizable report tables."""


class LimitExceededError(UnreadableFileError):
    """The file goes past a limit no real report comes near (size, nesting, cells, pages, time, memory).

    Reading stops there rather than exhaust the machine; the message names the limit.
    """


class MissingDependencyError(GikkitError):
    """An optional package is needed; the message carries the exact install line."""

    def __init__(self, package: str, purpose: str):
        super().__init__(None, f"{purpose} needs {package}: pip install {package}")
