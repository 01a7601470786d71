"""``gikkit.read``: one file to a checked Report, or a GikkitError saying why not — nothing else.

Readers raise GikkitErrors for what they recognize (a broken archive, an encrypted PDF, a limit
passed). Whatever else a library raises on hostile bytes becomes a GikkitError naming the file and
the exception's type here, the last resort that keeps the promise: every outcome is a Report or a
GikkitError.

Two modes. ``read(path)`` reads in this process: fast (no fork), bounded in size, nesting, cells and
pages by :mod:`gikkit.limits`. ``read(path, timeout=..., memory=...)`` reads in a forked child with a
wall-clock limit and an address-space limit as well (:mod:`gikkit.sandbox`); the command line and
:func:`gikkit.read_many` read that way, and so should any caller handed files it does not trust.
"""
from __future__ import annotations

from pathlib import Path

from . import checks, metadata
from .errors import GikkitError, LimitExceededError, NoReportTablesError, UnreadableFileError
from .readers import read_document
from .recognize import recognize
from .report import Report
from .sections import preamble_text, split_sections


def read(path: str | Path, *, run_checks: bool = True, timeout: float | None = None,
         memory: int | None = None) -> Report:
    """Read one report file (HTML, DOCX, PDF or text) into a checked :class:`Report`.

    Raises a :class:`GikkitError` subclass naming the file when it cannot be read or holds no
    report tables; no other exception escapes. With ``timeout`` (seconds) or ``memory`` (bytes
    the read may add), the read runs in a child process that is stopped at either limit
    (:class:`~gikkit.errors.LimitExceededError`).
    """
    if timeout is not None or memory is not None:
        from .sandbox import run_bounded

        return run_bounded(read_guarded, (path, run_checks), path=path, timeout=timeout, memory=memory)
    try:
        return read_guarded(path, run_checks)
    except MemoryError:  # in a worker of read_many, its memory limit; elsewhere the machine's memory
        from .sandbox import memory_budget, out_of_memory

        raise LimitExceededError(path, out_of_memory(memory_budget())) from None


def read_guarded(path: str | Path, run_checks: bool = True) -> Report:
    """:func:`read` in this process, every exception but MemoryError turned into a GikkitError."""
    try:
        return _read(path, run_checks)
    except (GikkitError, MemoryError):
        raise
    except RecursionError:
        raise LimitExceededError(path, "nested too deeply to read (structures inside structures past Python's "
                                       "recursion limit)") from None
    except Exception as e:  # the last resort: a reader or library failing on bytes nobody foresaw
        detail = " ".join(str(e).split())[:200]
        raise UnreadableFileError(path, f"cannot be read: unexpected {type(e).__name__}"
                                        f"{': ' + detail if detail else ''} (a damaged file, or a gikkit bug)") from None


def _read(path: str | Path, run_checks: bool) -> Report:
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
