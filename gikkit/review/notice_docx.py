"""Lay out a notice (:class:`gikkit.review.notices.Doc`) as a Word file with python-docx."""
from __future__ import annotations

from pathlib import Path

from docx import Document
from docx.oxml.ns import qn
from docx.shared import Pt

FONT_ZH = "宋体"  # the font Chinese government documents are set in; Word substitutes where absent


def _east_asian(run, name: str = FONT_ZH) -> None:
    run.font.name = name
    run._element.get_or_add_rPr().get_or_add_rFonts().set(qn("w:eastAsia"), name)


def write_docx(doc, path) -> Path:
    path = Path(path)
    word = Document()
    style = word.styles["Normal"]
    style.font.size = Pt(11)
    style.element.get_or_add_rPr().get_or_add_rFonts().set(qn("w:eastAsia"), FONT_ZH)
    for block in doc.blocks:
        kind = block[0]
        if kind == "title":
            _east_asian(word.add_heading(block[1], level=1).runs[0], "黑体")
        elif kind == "heading":
            _east_asian(word.add_heading(block[1], level=2).runs[0], "黑体")
        elif kind == "para":
            _east_asian(word.add_paragraph().add_run(block[1]))
        elif kind == "table":
            header, rows = block[1], block[2]
            table = word.add_table(rows=1, cols=len(header))
            table.style = "Table Grid"
            for cell, text in zip(table.rows[0].cells, header):
                run = cell.paragraphs[0].add_run(text)
                run.bold = True
                _east_asian(run)
            for row in rows:
                for cell, text in zip(table.add_row().cells, row):
                    _east_asian(cell.paragraphs[0].add_run(text))
    path.parent.mkdir(parents=True, exist_ok=True)
    word.save(path)
    return path
