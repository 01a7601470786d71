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
from ..values import looks_numeric
from . import register
from .encoding import decode, sniff_text

_TITLE_ROW = re.compile(r"^第二十条\s*第[（(][一二三四五六七八九十]+[）)]项$")


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


def _split_plain_row(line: str) -> list[str] | None:
    """A plain-text line as table cells, or ``None`` when it reads as prose."""
    s = line.strip()
    if _TITLE_ROW.match(s):
        return [s]
    words = s.split()
    if len(words) < 2:
        return None
    n_values = 0
    for w in reversed(words):
        if not looks_numeric(w):
            break
        n_values += 1
    label = words[: len(words) - n_values]
    if n_values and label and len("".join(label)) <= 80:
        return ["".join(label)] + words[len(words) - n_values:]
    if words[0] == "信息内容" or (len(words) >= 3 and all(len(w) <= 12 for w in words)):
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
