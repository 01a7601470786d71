"""Text reader: text exported from Word (tab-prefixed cells) and plain text.

Word's text export (the seed's form, also what Apache Tika writes) puts every table cell on a line
that starts with a tab and separates rows with a blank line. A line without a tab that follows a
cell line directly is that cell wrapping onto a second line ("商业" / "企业").

Plain text (copied from a PDF or a web page) has no cell marks: a line whose trailing words are
numbers is read as a table row, split on whitespace.
"""
from __future__ import annotations

import re
from pathlib import Path

from ..document import Document, Paragraph, Table
from ..errors import UnreadableFileError
from ..labels import starts_with_outline_number
from ..values import looks_numeric
from . import register
from .encoding import decode, sniff_text

_TITLE_ROW = re.compile(r"^第二十条\s*第[（(][一二三四五六七八九十]+[）)]项$")
_HEADING = re.compile(r"^[一二三四五六七八九十]+\s*[、.．]")  # a section heading, or a label that has its numbers
MAX_LABEL = 80  # characters: longer text before numbers is prose that happens to end in a number
MAX_HEADER_WORD = 45


def _blocks_from_tab_cells(lines: list[str]) -> list[Paragraph | Table]:
    blocks: list[Paragraph | Table] = []
    rows: list[list[str]] = []
    row: list[str] | None = None
    prev_was_cell = False

    def end_table():
        nonlocal rows, row
        if row:
            rows.append(row)
        if rows:
            blocks.append(Table(rows))
        rows, row = [], None

    for line in lines:
        if line.startswith("\t"):
            if row is None:
                row = []
            row.append(line[1:].strip())
            prev_was_cell = True
        elif not line.strip():
            if row is not None:
                rows.append(row)
                row = None
            prev_was_cell = False
        elif line.startswith("[image:"):
            continue  # a picture placeholder, not text
        elif prev_was_cell and row:
            row[-1] += "\n" + line.strip()  # a cell wrapped onto the next line
        else:
            end_table()
            blocks.append(Paragraph(line.strip()))
            prev_was_cell = False
    end_table()
    return blocks


def _label_cells(words: list[str]) -> list[str]:
    """Label words as cells: a word opening with an outline number starts a new label
    ("三、本年度办理结果 （一）予以公开" is two labels); other words continue the label before."""
    cells: list[str] = []
    for w in words:
        if cells and not starts_with_outline_number(w):
            cells[-1] += w
        else:
            cells.append(w)
    return cells


def _header_like(line: str, words: list[str]) -> bool:
    """Column headers ("行政复议 行政诉讼"): short words, no numbers, no sentence, not a section heading."""
    return (len(words) >= 2 and "。" not in line and not _HEADING.match(line)
            and all(len(w) <= MAX_HEADER_WORD and not looks_numeric(w) for w in words))


def _split_plain_row(line: str) -> list[str] | None:
    """A plain-text line as table cells, or ``None`` when it reads as prose."""
    s = line.strip()
    if _TITLE_ROW.match(s):
        return [s]
    words = s.split()
    if not words:
        return None
    n_values = 0
    for w in reversed(words):
        if not looks_numeric(w):
            break
        n_values += 1
    label = words[: len(words) - n_values]
    if n_values and (len(words) > 1 or not label) and len("".join(label)) <= MAX_LABEL and "。" not in "".join(label):
        return _label_cells(label) + words[len(words) - n_values:]
    if _header_like(s, words):
        return words  # a header row such as "信息内容 本年制发件数 本年废止件数 现行有效件数"
    return None


def _blocks_from_plain(lines: list[str]) -> list[Paragraph | Table]:
    blocks: list[Paragraph | Table] = []
    rows: list[list[str]] = []
    for line in lines:
        if not line.strip():
            continue
        cells = _split_plain_row(line)
        if cells is not None:
            rows.append(cells)
            continue
        if rows:
            blocks.append(Table(rows))
            rows = []
        blocks.append(Paragraph(line.strip()))
    if rows:
        blocks.append(Table(rows))
    return blocks


class TextReader:
    name = "text"
    extensions = (".txt", ".text", ".csv")
    signature = None

    def sniff(self, head: bytes) -> bool:
        return sniff_text(head)

    def read(self, path: Path) -> Document:
        try:
            data = path.read_bytes()
        except OSError as e:
            raise UnreadableFileError(path, f"cannot open: {e.strerror or e}") from None
        text, encoding = decode(data, path)
        text = text.replace("\r\n", "\n").replace("\r", "\n")
        lines = text.split("\n")
        tabbed = sum(1 for ln in lines if ln.startswith("\t"))
        if tabbed >= 10:
            fmt, blocks = "word-text", _blocks_from_tab_cells(lines)
        else:
            fmt, blocks = "text", _blocks_from_plain(lines)
        doc = Document(source=str(path), format=fmt, blocks=blocks)
        if encoding not in ("utf-8", "utf-8-sig"):
            doc.notes.append(f"decoded as {encoding}")
        return doc


register(TextReader())
