"""Limits no real report comes near, so that a hostile or broken file ends in an error, not an exhausted machine.

A government annual report is a few pages: three statistics tables of some 30 rows by 20 columns,
a document.xml of a few hundred KB, PDF content streams of a few hundred KB per page. The limits
below sit orders of magnitude above that; each is refused with a message naming it
(:class:`~gikkit.errors.LimitExceededError`). They bound the work of every reader whatever the bytes;
the time and memory limits (:mod:`gikkit.sandbox`) catch whatever a library does that these cannot see.
"""
from __future__ import annotations

from .errors import LimitExceededError

MB = 1 << 20

# Files
FILE_BYTES = 512 * MB  # any file (scanned PDFs run to tens of MB)
HTML_BYTES = 32 * MB  # a web page (real ones: < 1 MB)

# Archives and markup
DOCX_MEMBER_BYTES = 32 * MB  # one .docx member (word/document.xml) once inflated; real ones: < 2 MB
NESTING_DEPTH = 48  # tables in tables, content controls in content controls, HTML elements in elements
HTML_DEPTH = 256  # elements nested in a web page (real pages: < 40; libxml2's cap for XML)

# Tables
SPAN_AREA = 2_000  # rowspan x colspan of one cell (real: a label cell spans < 30 x 10)
TABLE_CELLS = 100_000  # positions in one table grid (real: < 1,000)
DOCUMENT_CELLS = 500_000  # positions in all the tables of one document

# PDF
PDF_PAGES = 500  # real reports: 3-40 pages
PDF_PAGE_CONTENT_BYTES = 8 * MB  # content one page draws, form XObjects counted each time drawn; real: < 100 KB
PDF_CONTENT_BYTES = 64 * MB  # all pages together
# Lines and curves one page draws: pdfplumber's table finder spends ~0.4 ms on each (50,000: ~20 s).
# A page with a ruled table draws 1-2 thousand; a vector chart a few thousand.
PDF_PAGE_PATHS = 50_000
PDF_PATHS = 250_000  # all pages together
XOBJECT_DEPTH = 12  # form XObjects drawn inside form XObjects (real: 1-3)
XOBJECT_DRAWS = 20_000  # form XObjects drawn on one page, nested draws counted (real: < 100)

# The process a bounded read runs in (see gikkit.sandbox)
READ_SECONDS = 300.0  # wall-clock seconds one file may take
READ_MEMORY = 2048 * MB  # address space a read may add to its process


def refuse(path, problem: str) -> LimitExceededError:
    """The error for a file past a limit: ``raise refuse(path, "...")``."""
    return LimitExceededError(path, problem)


def megabytes(n: int) -> str:
    return f"{n / MB:.0f} MB"
