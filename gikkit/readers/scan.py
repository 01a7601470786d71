"""Scanned PDF pages (images, no text layer) read by OCR into the PDF reader's own tables and lines.

A page is rasterized (pypdfium2), straightened, and its ruled tables found from the rules in the
image (:mod:`.scan_grid`); the OCR engine (:mod:`.ocr`) finds where the text is, then reads each
piece once: a table cell of one line from its own crop (which reads the single digits a
page-wide pass misses), a cell of several lines line by line, the text outside the tables box by
box. Text outside the tables becomes :class:`~.pdf_text.Line` objects in PDF points. From there
the PDF reader treats the page like any other, so one recognizer places the numbers of text and
scanned PDFs alike.

Each figure keeps where it was read (page, box in points, confidence) in an :class:`OcrText`,
which the recognizer carries to the cell's ``cell_info``. Pages are read on all cores (one
engine per thread) and the result is cached by the file's content (:mod:`.scan_cache`).
"""
from __future__ import annotations

import os
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path

import numpy as np

from . import ocr, scan_cache, scan_grid
from .pdf_tables import PdfTable
from .pdf_text import EDGE_BAND, _PAGE_NUMBER, Line

DPI = 150  # enough for 10 pt print (characters ~20 px tall) and twice as fast as 200
INSET = 0.035  # inches kept clear of a cell's rules when its crop is read
CELL_INK = 215  # grey below which a cell's pixel is ink: blur and JPEG leave small print light grey
MIN_INK = 16  # ink pixels a cell needs before it is read from its crop (a speck of dust is a few)
MIN_TEXT_HEIGHT = 0.08  # inches: a detected box lower than this is dust, not text (10 pt print is ~0.17)
WORDS_CONFIDENCE = 0.8  # words read only from a cell's crop are kept above this confidence
TEXT_SIZE = 0.8  # a detected box is this much taller than the type size


class OcrText(str):
    """Cell text read by OCR, carrying ``source`` (page, box, confidence) to the cell it fills."""

    source: dict

    def __new__(cls, text: str, source: dict):
        obj = super().__new__(cls, text)
        obj.source = source
        return obj

    def translate(self, table):  # radicals are folded with str.translate: keep the source through it
        return OcrText(str.translate(self, table), self.source)

    def __reduce__(self):
        return OcrText, (str(self), self.source)


def _line_groups(boxes: list[ocr.TextBox]) -> list[list[ocr.TextBox]]:
    """Boxes grouped into lines (boxes overlapping by half their height), top to bottom, left to right."""
    lines: list[list[ocr.TextBox]] = []
    for box in sorted(boxes, key=lambda b: b.top):
        for line in lines:
            top, bottom = min(b.top for b in line), max(b.bottom for b in line)
            overlap = min(bottom, box.bottom) - max(top, box.top)
            if overlap > 0.5 * min(bottom - top, box.bottom - box.top):
                line.append(box)
                break
        else:
            lines.append([box])
    return [sorted(line, key=lambda b: b.x0) for line in lines]


def _join(texts: list[str]) -> str:
    out = ""
    for t in texts:
        spaced = out and out[-1].isascii() and out[-1].isalnum() and t[:1].isascii() and t[:1].isalnum()
        out = f"{out} {t}" if spaced else out + t
    return out


def _ink_crop(gray: np.ndarray, cell, dpi: float):
    """The inked part of a cell (its rules kept out), padded, and its box; (None, None) when the cell
    holds no more than speckle."""
    inset = max(2, int(INSET * dpi))
    x0, top, x1, bottom = (int(round(v)) for v in cell)
    inner = gray[top + inset:bottom - inset, x0 + inset:x1 - inset]
    ink = inner < CELL_INK
    if inner.size == 0 or ink.sum() < MIN_INK:
        return None, None
    ys, xs = np.nonzero(ink)
    t, b = max(0, ys.min() - inset), min(inner.shape[0], ys.max() + 1 + inset)
    left, right = max(0, xs.min() - inset), min(inner.shape[1], xs.max() + 1 + inset)
    box = (x0 + inset + left, top + inset + t, x0 + inset + right, top + inset + b)
    return inner[t:b, left:right], box


def _union(boxes: list[ocr.TextBox], pad: float) -> tuple[float, float, float, float]:
    return (min(b.x0 for b in boxes) - pad, min(b.top for b in boxes) - pad,
            max(b.x1 for b in boxes) + pad, max(b.bottom for b in boxes) + pad)


class _Page:
    """One page being read: its straightened image, where its text is, and the scale to PDF points.

    Detection finds the text; each piece is then recognized once, batched: a table cell of one
    line from its own crop (a figure's digits alone, which the page-wide pass can miss), a cell of
    several lines line by line, and the text outside the tables box by box.
    """

    def __init__(self, gray: np.ndarray, page_no: int, dpi: float):
        self.gray = scan_grid.straighten(gray)
        self.page_no, self.dpi, self.pt = page_no, dpi, 72.0 / dpi
        self.boxes = [b for b in ocr.find_boxes(self.gray) if b.bottom - b.top >= MIN_TEXT_HEIGHT * dpi]
        self.grids = scan_grid.find_tables(self.gray, dpi)
        self.crops: list[np.ndarray] = []

    def source(self, box, confidence: float) -> dict:
        return {"read_by": "ocr", "page": self.page_no, "box": [round(float(v) * self.pt, 1) for v in box],
                "confidence": round(confidence, 4)}

    def _ask(self, box) -> int:
        """Queue the image inside ``box`` for recognition; its index in the batch."""
        h, w = self.gray.shape
        x0, top, x1, bottom = (int(round(v)) for v in box)
        self.crops.append(self.gray[max(0, top):min(h, bottom), max(0, x0):min(w, x1)])
        return len(self.crops) - 1

    def _plan_cell(self, cell, taken: set[int]):
        inside = [i for i, b in enumerate(self.boxes) if i not in taken
                  and cell[0] <= b.center[0] < cell[2] and cell[1] <= b.center[1] < cell[3]]
        taken.update(inside)
        lines = _line_groups([self.boxes[i] for i in inside])
        if len(lines) > 1:
            return "lines", [self._ask(_union(ln, 2)) for ln in lines]
        if inside:  # the detector's box, margins and all, reads better than a tight crop ("0" is not "。")
            box = _union(lines[0], 2)
            return "one", (self._ask(box), box, True)
        crop, box = _ink_crop(self.gray, cell, self.dpi)  # ink the detector passed over: a lone digit, often
        if crop is None:
            return "empty", None
        self.crops.append(crop)
        return "one", (len(self.crops) - 1, box, False)

    def _cell_text(self, plan, reads) -> str | None:
        kind, what = plan
        if kind == "empty":
            return ""
        if kind == "lines":
            words = [reads[k][0].strip() for k in what]
            return "\n".join(w for w in words if any(ch.isalnum() for ch in w))  # a dot alone is dust
        k, box, detected = what
        text, conf = reads[k]
        number = ocr.as_number_text(text)
        if number is not None:
            return OcrText(number, self.source(box, conf))
        if detected or (conf >= WORDS_CONFIDENCE and any(ch.isalpha() for ch in text)):
            return text.strip()  # words; dust alone (nothing detected there) reads as a dot or nothing
        return ""

    def _line(self, group: list[ocr.TextBox], text: str) -> Line | None:
        height = self.gray.shape[0]
        top, bottom = min(b.top for b in group), max(b.bottom for b in group)
        in_band = top > height * (1 - EDGE_BAND) or bottom < height * EDGE_BAND
        if not text or (in_band and _PAGE_NUMBER.match(text.replace(" ", ""))):
            return None
        size = (bottom - top) * self.pt * TEXT_SIZE
        return Line(self.page_no, top * self.pt, bottom * self.pt, group[0].x0 * self.pt,
                    group[-1].x1 * self.pt, round(size), text, in_band)

    def read(self) -> tuple[list[PdfTable], list[Line]]:
        taken: set[int] = set()
        plans = [[[None if cell is None else self._plan_cell(cell, taken) for cell in cells] for cells in grid.rows]
                 for grid in self.grids]
        prose = [(group, [self._ask(_union([b], 2)) for b in group])
                 for group in _line_groups([b for i, b in enumerate(self.boxes) if i not in taken])]
        reads = ocr.read_crops(self.crops)
        tables = []
        for grid, plan in zip(self.grids, plans):
            rows = [[None if p is None else self._cell_text(p, reads) for p in row] for row in plan]
            rows = [row for row in rows if any(row)]
            table = PdfTable(self.page_no, tuple(float(v) * self.pt for v in grid.bbox), rows)
            if table.rows and table.width >= 2:
                tables.append(table)
        lines = [self._line(group, _join([reads[k][0].strip() for k in ks]).strip()) for group, ks in prose]
        return tables, [ln for ln in lines if ln is not None]


def read_page(gray: np.ndarray, page_no: int, dpi: float = DPI) -> tuple[list[PdfTable], list[Line]]:
    """OCR one page image (2-D uint8 grey) into tables and lines, in PDF points."""
    return _Page(gray, page_no, dpi).read()


def _rendered(doc, n: int, dpi: float) -> np.ndarray:
    img = doc[n - 1].render(scale=dpi / 72, grayscale=True).to_numpy()
    return np.ascontiguousarray(img if img.ndim == 2 else img[:, :, 0])


def render(path: Path, pages: list[int], dpi: float = DPI) -> dict[int, np.ndarray]:
    """The 1-based ``pages`` of ``path`` as grey images."""
    import pypdfium2

    doc = pypdfium2.PdfDocument(str(path))
    try:
        return {n: _rendered(doc, n, dpi) for n in pages}
    finally:
        doc.close()


def ocr_jobs() -> int:
    """Threads to read pages on: every core, unless GIKKIT_OCR_JOBS says otherwise."""
    return max(1, int(os.environ.get("GIKKIT_OCR_JOBS") or os.cpu_count() or 1))


_pools: dict[tuple[int, int], ThreadPoolExecutor] = {}


def _pool(jobs: int) -> ThreadPoolExecutor:
    """This process's OCR threads, kept from file to file so that each thread loads the models once."""
    key = (os.getpid(), jobs)  # a forked worker makes its own: threads do not survive a fork
    if key not in _pools:
        _pools[key] = ThreadPoolExecutor(max_workers=jobs, thread_name_prefix="gikkit-ocr")
    return _pools[key]


def read_scanned_pages(path: Path, pages: list[int], jobs: int | None = None) -> tuple[list[PdfTable], list[Line]]:
    """Tables and lines of the scanned ``pages`` of ``path``: from the cache, or by OCR on ``jobs`` threads."""
    import pypdfium2

    key = scan_cache.key(path, DPI, ocr.OCR_VERSION)
    cached = scan_cache.load(key)
    todo = [n for n in pages if cached is None or str(n) not in cached]
    found = dict(cached or {})
    if todo:
        jobs = jobs or ocr_jobs()
        doc = pypdfium2.PdfDocument(str(path))  # pdfium is not thread-safe: pages are rendered here, in turn
        try:
            for i in range(0, len(todo), jobs):  # a few at a time: memory for ``jobs`` page images, however long the file
                chunk = todo[i:i + jobs]
                images = [_rendered(doc, n, DPI) for n in chunk]
                for n, result in zip(chunk, _pool(jobs).map(read_page, images, chunk)):
                    found[str(n)] = scan_cache.dump_page(*result)
        finally:
            doc.close()
        scan_cache.store(key, found)
    tables: list[PdfTable] = []
    lines: list[Line] = []
    for n in pages:
        t, ln = scan_cache.load_page(found[str(n)], OcrText)
        tables.extend(t)
        lines.extend(ln)
    return tables, lines
