"""Prose of a PDF: text lines outside the tables, rebuilt into paragraphs.

A PDF holds lines, not paragraphs. Chinese documents indent a paragraph's first line by two
characters and end its last line short of the margin, so a line starts a new paragraph when it
is indented, when the line before it stopped short, or when its font size changes. Page
footers and headers ("- 1 -", "第 1 页 共 6 页") are dropped, and a paragraph cut by a page
break carries on across it. The lines in the largest type at the top of page 1 are the title.
"""
from __future__ import annotations

import re
from dataclasses import dataclass

from .radicals import fold_radicals

INDENT = 0.8  # in character widths (font size): a first-line indent is two characters
SHORT = 1.5  # a line ending this many characters short of the margin ends its paragraph
TITLE_SCALE = 1.15  # title type is at least this much larger than body type
# Points two words' tops may differ and still share a line: digits set in a Latin font sit lower
# than the Chinese around them, by about a fifth of the size ("淮安市人民政府2024年…" in 24 pt).
LINE_TOLERANCE = 6
EDGE_BAND = 0.09  # share of the page height at top and bottom where headers and footers sit
_HEADING_START = re.compile(r"^\s*(?:[一二三四五六七八九十]+、|[（(][一二三四五六七八九十]+[)）])")
_SENTENCE_END = ("。", "：", ":", "；", "！", "？")
_PAGE_NUMBER = re.compile(
    r"^(?:[-—–－]\s*\d+\s*[-—–－]|第\s*\d+\s*页(?:\s*[,，/、]?\s*共\s*\d+\s*页)?|\d+\s*/\s*\d+|\d{1,3}|[·•]\s*\d+\s*[·•])$")


@dataclass
class Line:
    page: int
    top: float
    bottom: float
    x0: float
    x1: float
    size: float
    text: str
    edge: bool = False  # in the band at the top or bottom of the page where running heads sit


def page_lines(page, page_no: int, table_boxes: list[tuple]) -> list[Line]:
    """Text lines of a page outside ``table_boxes``, without page numbers in the top or bottom band."""
    def outside(obj) -> bool:
        if not table_boxes or obj.get("object_type") != "char":
            return True
        cx, cy = (obj["x0"] + obj["x1"]) / 2, (obj["top"] + obj["bottom"]) / 2
        for x0, top, x1, bottom in table_boxes:  # a loop, not any(): called for every character of the page
            if x0 <= cx <= x1 and top <= cy <= bottom:
                return False
        return True

    lines = []
    for ln in page.filter(outside).extract_text_lines(return_chars=True, y_tolerance=LINE_TOLERANCE):
        text = fold_radicals(ln["text"]).strip()  # now, so headings ("⼀、") are known while paragraphs are built
        if not text:
            continue
        in_band = ln["top"] > page.height * (1 - EDGE_BAND) or ln["bottom"] < page.height * EDGE_BAND
        if in_band and _PAGE_NUMBER.match(text):
            continue
        sizes = sorted(round(c["size"], 1) for c in ln["chars"])
        lines.append(Line(page_no, ln["top"], ln["bottom"], ln["x0"], ln["x1"], sizes[len(sizes) // 2], text, in_band))
    return lines


def drop_running_heads(lines: list[Line]) -> list[Line]:
    """Lines without running headers and footers: edge lines repeated on several pages."""
    pages = len({ln.page for ln in lines})
    seen: dict[str, set[int]] = {}
    for ln in lines:
        if ln.edge:
            seen.setdefault(re.sub(r"\d+", "#", ln.text.replace(" ", "")), set()).add(ln.page)
    running = {text for text, on in seen.items() if len(on) >= max(2, pages // 2)}
    return [ln for ln in lines if not (ln.edge and re.sub(r"\d+", "#", ln.text.replace(" ", "")) in running)]


def body_size(lines: list[Line]) -> float:
    """The font size most text is set in."""
    counts: dict[float, int] = {}
    for ln in lines:
        counts[ln.size] = counts.get(ln.size, 0) + len(ln.text)
    return max(counts, key=counts.get) if counts else 0.0


def title_lines(lines: list[Line]) -> list[Line]:
    """The leading lines of page 1 set in type clearly larger than the body."""
    size = body_size(lines)
    out = []
    for ln in lines:
        if ln.page != 1 or ln.size < size * TITLE_SCALE:
            break
        out.append(ln)
    return out


def _join(a: str, b: str) -> str:
    # Lines of Chinese text join directly; a space only between two Latin letters or digits.
    if a and b and a[-1].isascii() and a[-1].isalnum() and b[0].isascii() and b[0].isalnum():
        return f"{a} {b}"
    return a + b


class ParagraphBuilder:
    """Feed lines in reading order; :meth:`take` returns the finished paragraphs so far."""

    def __init__(self, left: float, right: float) -> None:
        self.left, self.right = left, right
        self.done: list[str] = []
        self.current: str | None = None
        self.last: Line | None = None

    def add(self, ln: Line) -> None:
        size = ln.size or 10.0
        starts = (
            self.last is None
            or ln.x0 - self.left >= INDENT * size
            or self.right - self.last.x1 >= SHORT * size
            or abs(ln.size - self.last.size) > 0.15 * size
            # a section heading after a finished sentence, in text without first-line indents (a web page printed)
            or (_HEADING_START.match(ln.text) and (self.current or "").rstrip().endswith(_SENTENCE_END))
        )
        if starts:
            self.end()
            self.current = ln.text
        else:
            self.current = _join(self.current or "", ln.text)
        self.last = ln

    def end(self) -> None:
        """A table or the document's end: the paragraph being built is complete."""
        if self.current:
            self.done.append(self.current)
        self.current, self.last = None, None

    def take(self) -> list[str]:
        out, self.done = self.done, []
        return out
