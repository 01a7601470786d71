"""PDF reader: reports published as PDF with a text layer (pdfplumber).

Tables come from ruling lines (:mod:`.pdf_tables`), prose from the text outside them
(:mod:`.pdf_text`); both are put back in reading order, page after page. A PDF whose tables have
no ruling lines is read from its text lines, as plain text is (:mod:`.text_stream`). A table cut by a page
break is joined into one, with merged cells and rows the break cut mended. Pages of scanned
images (no text layer) and damaged or truncated files are refused with a clear error.
"""
from __future__ import annotations

from pathlib import Path

from ..document import Document, Paragraph, Table
from ..errors import MissingDependencyError, UnreadableFileError
from . import register
from .pdf_tables import PdfTable, join_continued, page_tables
from .pdf_text import Line, ParagraphBuilder, body_size, drop_running_heads, page_lines, title_lines
from .text_stream import blocks_from_plain

TAIL_BYTES = 2048


def _check_complete(path: Path) -> None:
    """A PDF ends with %%EOF; a download cut short does not."""
    try:
        with open(path, "rb") as f:
            f.seek(0, 2)
            size = f.tell()
            f.seek(max(0, size - TAIL_BYTES))
            tail = f.read()
            if b"%%EOF" in tail:
                return
            f.seek(0)
            if b"%%EOF" in f.read():  # data appended after the end marker is harmless
                return
    except OSError as e:
        raise UnreadableFileError(path, f"cannot open: {e.strerror or e}") from None
    raise UnreadableFileError(path, "a truncated PDF (no %%EOF end marker): the file was cut short")


def _runs_on(upper: PdfTable, lower: PdfTable, lines: list[Line]) -> bool:
    """True when ``lower`` (top of the next page) continues ``upper`` (foot of the page before)."""
    if lower.page != upper.page + 1 or lower.width != upper.width:
        return False
    after = any(ln.page == upper.page and ln.top >= upper.bbox[3] for ln in lines)
    before = any(ln.page == lower.page and ln.bottom <= lower.bbox[1] for ln in lines)
    return not after and not before


def _read_pages(pdf, path: Path) -> tuple[list[PdfTable], list[Line]]:
    tables: list[PdfTable] = []
    lines: list[Line] = []
    for n, page in enumerate(pdf.pages, start=1):
        found = page_tables(page, n)
        lines.extend(page_lines(page, n, [t.bbox for t in found]))
        tables.extend(found)
    if not lines and not tables:
        raise UnreadableFileError(path, "the PDF has no text layer (scanned pages?): run OCR on it first")
    return tables, drop_running_heads(lines)


def _join_across_pages(tables: list[PdfTable], lines: list[Line]) -> list[PdfTable]:
    kept: list[PdfTable] = []
    for table in tables:
        prev = kept[-1] if kept else None
        if prev is not None and _runs_on(prev, table, lines):
            join_continued(prev, table)
        else:
            kept.append(table)
    return kept


def _blocks(tables: list[PdfTable], lines: list[Line]) -> list[Paragraph | Table]:
    size = body_size(lines)
    body = [ln for ln in lines if abs(ln.size - size) <= 0.15 * size] or lines  # margins of body text, not titles
    builder = ParagraphBuilder(min(ln.x0 for ln in body) if body else 0, max(ln.x1 for ln in body) if body else 0)
    items = [(ln.page, ln.top, 1, ln) for ln in lines] + [(t.page, t.bbox[1], 0, t) for t in tables]
    blocks: list[Paragraph | Table] = []
    for _, _, _, item in sorted(items, key=lambda i: i[:3]):
        if isinstance(item, Line):
            builder.add(item)
            continue
        builder.end()
        blocks.extend(Paragraph(p) for p in builder.take())
        blocks.append(Table(item.rows, page=item.page))
    builder.end()
    blocks.extend(Paragraph(p) for p in builder.take())
    return blocks


def read_pdf(path: Path) -> Document:
    """Read a PDF file into a :class:`Document`."""
    try:
        import pdfplumber
    except ImportError:  # pragma: no cover - a declared dependency
        raise MissingDependencyError("pdfplumber", "reading PDF files") from None
    _check_complete(path)
    try:
        with pdfplumber.open(path) as pdf:
            tables, lines = _read_pages(pdf, path)
    except UnreadableFileError:
        raise
    except Exception as e:  # pdfminer raises many kinds on damaged files
        detail = " ".join(str(e).split())[:200]  # one line, whatever pdfminer says
        reason = "password-protected" if "password" in type(e).__name__.lower() else f"damaged ({type(e).__name__}: {detail})"
        raise UnreadableFileError(path, f"the PDF cannot be read: {reason}") from None
    title = "".join(ln.text for ln in title_lines(lines)) or None
    if not tables:  # tables laid out without ruling lines: rebuild their rows from the text
        blocks = blocks_from_plain([ln.text for ln in lines])
        if any(isinstance(b, Table) for b in blocks):
            doc = Document(source=str(path), format="pdf", blocks=blocks, title=title)
            doc.notes.append("no ruled tables: rows rebuilt from the text layer")
            return doc
    tables = _join_across_pages(tables, lines)
    return Document(source=str(path), format="pdf", blocks=_blocks(tables, lines), title=title)


class PdfReader:
    name = "pdf"
    extensions = (".pdf",)
    signature = "a PDF (no %PDF header)"

    def sniff(self, head: bytes) -> bool:
        return b"%PDF-" in head[:1024]

    def read(self, path: Path) -> Document:
        return read_pdf(path)


register(PdfReader())
