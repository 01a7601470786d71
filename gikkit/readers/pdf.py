"""PDF reader: reports published as PDF with a text layer (pdfplumber).

Tables come from ruling lines (:mod:`.pdf_tables`), prose from the text outside them
(:mod:`.pdf_text`); both are put back in reading order, page after page. A PDF whose tables have
no ruling lines is read from its text lines, as plain text is (:mod:`.text_stream`). A table cut by a page
break is joined into one, with merged cells and rows the break cut mended. Pages of scanned
images (no text layer) are read by OCR (:mod:`.scan`) into the same tables and lines; damaged or
truncated files are refused with a clear error.
"""
from __future__ import annotations

from pathlib import Path

from ..document import Document, Paragraph, Table
from ..errors import GikkitError, MissingDependencyError, UnreadableFileError
from ..limits import refuse
from . import register
from .pdf_limits import check_pdf
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
    from .pdf_chars import fast_chars  # imports pdfplumber: only when a PDF is read
    from .pdf_device import FontCache
    from .pdf_interp import read_layout

    tables: list[PdfTable] = []
    lines: list[Line] = []
    scanned: list[int] = []
    fonts = FontCache()  # each font's metrics, looked up once for the whole document
    check_pdf(pdf.doc, path)  # before pdfminer builds the pages: a reference loop would hang it
    if not pdf.pages:
        raise UnreadableFileError(path, "the PDF has no pages")
    for n, page in enumerate(pdf.pages, start=1):
        fast_chars(page)  # before the page's objects are parsed (below)
        read_layout(page, fonts)  # the page's content streams (.pdf_tokens) into pdfplumber's objects (.pdf_device)
        if not page.chars and page.images:  # a scanned page (an image, no text layer): OCR reads it below
            scanned.append(n)
            continue
        found = page_tables(page, n)
        lines.extend(page_lines(page, n, [t.bbox for t in found]))
        tables.extend(found)
        page.close()  # drop the page's parsed objects: memory stays that of one page, not of all
    if scanned:  # each page read the way it needs: text layer or OCR (.scan), then in page order
        from .scan import read_scanned_pages

        ocr_tables, ocr_lines = read_scanned_pages(path, scanned)
        tables = sorted(tables + ocr_tables, key=lambda t: (t.page, t.bbox[1]))
        lines = sorted(lines + ocr_lines, key=lambda ln: (ln.page, ln.top))
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


def _close(pdf) -> None:
    """Close without building the pages: pdfplumber's own close() builds them, which is what hangs on a loop."""
    if hasattr(pdf, "_pages"):
        pdf.close()
    elif not getattr(pdf, "stream_is_external", True):
        pdf.stream.close()


def _cause(e: BaseException) -> BaseException:
    """The exception pdfminer raised, out of pdfplumber's PdfminerException wrapper."""
    for _ in range(8):
        inner = next((a for a in e.args if isinstance(a, BaseException)), None) or e.__cause__
        if inner is None:
            return e
        e = inner
    return e


def _reason(e: BaseException) -> str:
    name = type(e).__name__
    if "Password" in name:
        return "it is encrypted (password-protected): save or print it without a password first"
    if "Encrypt" in name:
        return f"it is encrypted in a way gikkit cannot open ({' '.join(str(e).split())[:120]}): save it without encryption first"
    detail = " ".join(str(e).split())[:200]  # one line, whatever pdfminer says
    return f"damaged ({name}{': ' + detail if detail else ''})"


def read_pdf(path: Path) -> Document:
    """Read a PDF file into a :class:`Document`."""
    try:
        import pdfplumber
    except ModuleNotFoundError:  # pragma: no cover - a declared dependency (not a MemoryError mid-import)
        raise MissingDependencyError("pdfplumber", "reading PDF files") from None
    _check_complete(path)
    try:
        pdf = pdfplumber.open(path)
        try:
            tables, lines = _read_pages(pdf, path)
        finally:
            _close(pdf)
    except GikkitError:  # already names the file and the problem (OCR's missing package, too)
        raise
    except Exception as e:  # pdfminer raises many kinds on damaged files; pdfplumber wraps some
        cause = _cause(e)
        if isinstance(cause, MemoryError):
            raise cause from None
        if isinstance(cause, RecursionError):
            raise refuse(path, "the PDF's objects nest too deeply to read: damaged or built to break readers") from None
        raise UnreadableFileError(path, f"the PDF cannot be read: {_reason(cause)}") from None
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
