"""Text reader: text exported from Word (tab-prefixed cells) and plain text.

Word's text export (the seed's form, also what Apache Tika writes) puts every table cell on a line
that starts with a tab and separates rows with a blank line. A line without a tab that follows a
cell line directly is that cell wrapping onto a second line ("商业" / "企业").

Plain text (copied from a PDF or a web page) has no cell marks: ``text_stream`` rebuilds its rows.
"""
from __future__ import annotations

from pathlib import Path

from ..document import Document, Paragraph, Table
from . import register
from .encoding import read_text_lines, sniff_text
from .radicals import has_radicals
from .touching import resolve_touching
from .text_stream import blocks_from_plain

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
        if line[:1] == "\t":
            if row is None:
                row = []
            row.append(line.strip())  # as line[1:].strip(): the tab is whitespace too
            prev_was_cell = True
        elif not line or line.isspace():  # as "not line.strip()", without building the stripped line
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


class TextReader:
    name = "text"
    extensions = (".txt", ".text", ".csv")
    signature = None

    def sniff(self, head: bytes) -> bool:
        return sniff_text(head)

    def read(self, path: Path) -> Document:
        text, encoding = read_text_lines(path)
        lines = text.split("\n")
        tabbed = text.count("\n\t") + text.startswith("\t")  # lines that start with a tab, counted in C
        if tabbed >= 10:
            fmt, blocks = "word-text", _blocks_from_tab_cells(lines)
        else:
            fmt, blocks = "text", blocks_from_plain(lines)
        # every cell and paragraph is a piece of the text (cut, never rewritten): none holds a radical if it does not
        doc = Document(source=str(path), format=fmt, blocks=blocks, radical_free=not has_radicals(text))
        if fmt == "text":
            doc.findings.extend(resolve_touching(blocks))  # numbers whose cells ran together
        if encoding not in ("utf-8", "utf-8-sig"):
            doc.notes.append(f"decoded as {encoding}")
        return doc


register(TextReader())
