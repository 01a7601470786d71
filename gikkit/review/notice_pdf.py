"""Lay out a notice (:class:`gikkit.review.notices.Doc`) as a PDF with reportlab, offline.

The Chinese font is the machine's own, embedded as a subset (:mod:`gikkit.review.pdf_font`).
"""
from __future__ import annotations

from pathlib import Path

from .pdf_font import register_cjk_font


def write_pdf(doc, path, font_text: str | None = None) -> Path:
    """Write ``doc`` to ``path``. ``font_text``: every character the font must hold (default: the doc's)."""
    from reportlab.lib import colors
    from reportlab.lib.pagesizes import A4
    from reportlab.lib.styles import ParagraphStyle
    from reportlab.lib.units import mm
    from reportlab.platypus import Paragraph, SimpleDocTemplate, Spacer, Table, TableStyle
    from xml.sax.saxutils import escape

    font = register_cjk_font(font_text or doc.text())
    # wordWrap="CJK": Chinese lines break between any two characters, not only at spaces
    base = ParagraphStyle("base", fontName=font, fontSize=10.5, leading=16, wordWrap="CJK")
    styles = {"title": ParagraphStyle("title", parent=base, fontSize=16, leading=24, spaceAfter=8, alignment=1),
              "heading": ParagraphStyle("heading", parent=base, fontSize=12, leading=18, spaceBefore=8, spaceAfter=2),
              "para": base}
    cell = ParagraphStyle("cell", parent=base, fontSize=9.5, leading=13)
    story = []
    for block in doc.blocks:
        if block[0] == "table":
            header, rows = block[1], block[2]
            data = [[Paragraph(escape(str(c)), cell) for c in row] for row in [header, *rows]]
            # each column as wide as its longest text wants, within bounds (so "2020–2023" stays on one line)
            weights = [min(max(max(len(str(r[i])) for r in [header, *rows]), 3), 24) for i in range(len(header))]
            unit = (A4[0] - 40 * mm) / sum(weights)
            table = Table(data, colWidths=[w * unit for w in weights], repeatRows=1)
            table.setStyle(TableStyle([("GRID", (0, 0), (-1, -1), 0.5, colors.grey),
                                       ("BACKGROUND", (0, 0), (-1, 0), colors.whitesmoke),
                                       ("VALIGN", (0, 0), (-1, -1), "TOP")]))
            story += [table, Spacer(1, 4)]
        else:
            story.append(Paragraph(escape(block[1]), styles[block[0]]))
    path = Path(path)
    path.parent.mkdir(parents=True, exist_ok=True)
    SimpleDocTemplate(str(path), pagesize=A4, leftMargin=20 * mm, rightMargin=20 * mm, topMargin=18 * mm,
                      bottomMargin=18 * mm, title=doc.name, author="gikkit").build(story)
    return path
