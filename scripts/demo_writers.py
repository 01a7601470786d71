"""Write one made-up report in the forms agencies publish: Word's text export, a web page, a .docx
filled from the official 2021 template, a PDF.

A :class:`DemoDoc` holds what every form prints: title, intro, the six sections (headings from the
spec) with the tables placed after the headings of sections 二, 三 and 四, the signature and date.
"""
from __future__ import annotations

import copy
import html
import io
import zipfile
from dataclasses import dataclass, field
from datetime import date
from pathlib import Path

from demo_layout import Grid, occupancy

from gikkit.schema import template

OFFICIAL_2021_DOCX = Path(__file__).with_name("official-2021-blank.docx")
TABLE_SECTIONS = {"s2_proactive_disclosure": "t2", "s3_applications": "t3", "s4_review_litigation": "t4"}


@dataclass
class DemoDoc:
    agency: str
    year: int
    template: str
    published: date
    intro: list[str]
    sections: dict[str, list[str]]  # section key -> paragraphs
    grids: dict[str, Grid]  # "t2"/"t3"/"t4" -> printed grid
    cells: dict[str, str] = field(default_factory=dict)  # ref -> text as printed

    @property
    def title(self) -> str:
        return f"{self.agency}{self.year}年政府信息公开工作年度报告"

    @property
    def date_zh(self) -> str:
        return f"{self.published.year}年{self.published.month}月{self.published.day}日"

    def parts(self):
        """("h", heading) / ("p", text) / ("table", grid) in printed order, after the title and intro."""
        for section in template(self.template).sections:
            yield "h", section["heading_zh"]
            for text in self.sections.get(section["key"], []):
                yield "p", text
            if section["key"] in TABLE_SECTIONS:
                yield "table", self.grids[TABLE_SECTIONS[section["key"]]]


# --- Word's text export: cells are tab-prefixed lines, rows end with a blank line --------------
def write_text(doc: DemoDoc, path: Path) -> None:
    lines = [doc.title, ""] + doc.intro
    for kind, item in doc.parts():
        if kind == "table":
            for row in occupancy(item):
                lines += ["\t" + (cell.text if starts else "") for cell, starts in row] + [""]
            lines.append("")
        else:
            lines.append(item)
    lines += ["", "", f"    {doc.agency}", doc.date_zh, ""]
    path.write_text("\n".join(lines), encoding="utf-8")


# --- A government web page ----------------------------------------------------------------------
_PAGE_HEAD = """<!DOCTYPE html>
<html><head><meta charset="utf-8"><title>{title}</title>
<script src="/js/jquery.min.js"></script><link rel="stylesheet" href="/css/site.css"></head>
<body><div class="header"><div class="logo">政府门户网站</div><ul class="nav"><li>首页</li><li>政务公开</li><li>政务服务</li><li>互动交流</li></ul></div>
<div class="crumb">当前位置：首页 &gt; 政务公开 &gt; 政府信息公开年报</div>
<div class="article"><h1 class="article-title">{title}</h1>
<div class="info">发布时间：{published} 来源：{agency} 浏览次数：<span id="hits">{hits}</span></div>
<div id="zoom" class="TRS_Editor">
"""
_PAGE_FOOT = """</div></div>
<div class="footer">主办单位：{agency}　网站标识码：0000000000</div>
<script src="/js/share.js"></script></body></html>
"""


def _html_table(grid: Grid) -> str:
    rows = []
    for row in grid:
        tds = []
        for c in row:
            span = (f' colspan="{c.colspan}"' if c.colspan > 1 else "") + (f' rowspan="{c.rowspan}"' if c.rowspan > 1 else "")
            tds.append(f'<td{span} valign="center"><p class="MsoNormal" align="center"><span>{html.escape(c.text)}</span></p></td>')
        rows.append("<tr>" + "".join(tds) + "</tr>")
    return '<table class="MsoNormalTable" border="1" cellspacing="0">' + "".join(rows) + "</table>\n"


def write_html(doc: DemoDoc, path: Path) -> None:
    esc = html.escape
    out = [_PAGE_HEAD.format(title=esc(doc.title), published=doc.published.isoformat(), agency=esc(doc.agency),
                             hits=100 + doc.year % 97 * 7)]
    out += [f'<p class="MsoNormal">{esc(t)}</p>\n' for t in doc.intro]
    for kind, item in doc.parts():
        if kind == "table":
            out.append(_html_table(item))
        elif kind == "h":
            out.append(f'<p class="MsoNormal"><b>{esc(item)}</b></p>\n')
        else:
            out.append(f'<p class="MsoNormal">{esc(item)}</p>\n')
    out.append(f'<p class="MsoNormal" align="right">{esc(doc.agency)}</p>\n<p class="MsoNormal" align="right">{doc.date_zh}</p>\n')
    out.append(_PAGE_FOOT.format(agency=esc(doc.agency)))
    path.write_text("".join(out), encoding="utf-8")


# --- The official 2021 Word template, filled in -------------------------------------------------
def _set_text(paragraph, text: str) -> None:
    for run in paragraph.runs[1:]:
        run._r.getparent().remove(run._r)
    if paragraph.runs:
        paragraph.runs[0].text = text
    else:
        paragraph.add_run(text)


def _fill_paragraphs(paragraph, texts: list[str]) -> None:
    """Put ``texts`` where ``paragraph`` is: the first in it, the rest as copies after it."""
    _set_text(paragraph, texts[0] if texts else "")
    anchor = paragraph._p
    for text in texts[1:]:
        new = copy.deepcopy(paragraph._p)
        anchor.addnext(new)
        anchor = new
        from docx.text.paragraph import Paragraph

        _set_text(Paragraph(new, paragraph._parent), text)


def _set_cell(cell, text: str) -> None:
    _set_text(cell.paragraphs[0], text)
    for extra in cell.paragraphs[1:]:
        extra._p.getparent().remove(extra._p)


def write_docx_2021(doc: DemoDoc, path: Path) -> None:
    """Fill the official blank 2021 template (copied beside this script) with the report."""
    import docx

    assert doc.template == "v2021", "the official Word template is the 2021 format"
    t = template("v2021")
    d = docx.Document(str(OFFICIAL_2021_DOCX))
    t2, t3, t4 = d.tables
    value_rows = [r for r in t2.rows if r.cells[0].text.strip() not in ("信息内容",) and not r.cells[0].text.startswith("第二十条")]
    spec_rows = [(k, row) for k, b in t.t2_blocks.items() for row in b["rows"]]
    assert len(value_rows) == len(spec_rows)
    # A row's .cells is rebuilt by python-docx on every access (slow): take it once per row.
    for tr, (block, row) in zip(value_rows, spec_rows):
        cells = tr.cells
        assert cells[0].text.strip() == row["label_zh"], (cells[0].text, row["label_zh"])
        for i, col in enumerate(t.block_columns(block)):
            _set_cell(cells[1 + i], doc.cells.get(f"t2.{block}.{row['key']}.{col['key']}", ""))
    data_rows = [r for r in t.t3_rows() if r["is_data"]]
    assert len(t3.rows) - 3 == len(data_rows)
    for tr, row in zip(t3.rows[3:], data_rows):
        cells = tr.cells
        for i, col in enumerate(t.t3_columns()):
            _set_cell(cells[3 + i], doc.cells.get(f"t3.{row['key']}.{col['key']}", ""))
    t4_cells = t4.rows[3].cells
    for i, ref in enumerate(t.t4_order()):
        _set_cell(t4_cells[i], doc.cells.get(ref, ""))

    paragraphs = d.paragraphs
    _set_text(paragraphs[0], doc.title)
    _fill_paragraphs(paragraphs[1], doc.intro)
    headings = {s["heading_zh"]: s["key"] for s in t.sections}
    for i, p in enumerate(paragraphs):
        key = headings.get(p.text.strip())
        if key and i + 1 < len(paragraphs) and paragraphs[i + 1].text.strip().startswith("（文字描述"):
            _fill_paragraphs(paragraphs[i + 1], doc.sections.get(key, []))
    _fill_paragraphs(paragraphs[-1], [doc.agency, doc.date_zh])
    d.core_properties.title = doc.title
    d.core_properties.author = doc.agency
    buffer = io.BytesIO()
    d.save(buffer)
    _write_zip_fixed_times(buffer, path)


def _write_zip_fixed_times(buffer: io.BytesIO, path: Path) -> None:
    """Re-zip with a fixed timestamp on every entry, so the same report gives the same bytes."""
    with zipfile.ZipFile(buffer) as src, zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED) as dst:
        for item in src.infolist():
            dst.writestr(zipfile.ZipInfo(item.filename, date_time=(2000, 1, 1, 0, 0, 0)), src.read(item.filename),
                         compress_type=zipfile.ZIP_DEFLATED)


# --- PDF, as a word processor would print it ----------------------------------------------------
def write_pdf(doc: DemoDoc, path: Path) -> None:
    from reportlab.lib.pagesizes import A4
    from reportlab.lib.styles import ParagraphStyle
    from reportlab.pdfbase import pdfmetrics
    from reportlab.pdfbase.cidfonts import UnicodeCIDFont
    from reportlab.platypus import Paragraph, SimpleDocTemplate, Spacer, Table, TableStyle

    pdfmetrics.registerFont(UnicodeCIDFont("STSong-Light"))
    body = ParagraphStyle("body", fontName="STSong-Light", fontSize=10.5, leading=16, firstLineIndent=21)
    head = ParagraphStyle("head", parent=body, firstLineIndent=0, spaceBefore=6)
    title = ParagraphStyle("title", parent=body, fontSize=15, leading=22, alignment=1, firstLineIndent=0)
    right = ParagraphStyle("right", parent=body, alignment=2)
    cell = ParagraphStyle("cell", fontName="STSong-Light", fontSize=7, leading=9)
    esc = html.escape

    def table(grid: Grid):
        width = max(sum(c.colspan for c in row) for row in grid)
        data = [["" for _ in range(width)] for _ in grid]
        styles = [("GRID", (0, 0), (-1, -1), 0.5, "black"), ("VALIGN", (0, 0), (-1, -1), "MIDDLE"),
                  ("FONT", (0, 0), (-1, -1), "STSong-Light", 7)]
        for i, row in enumerate(occupancy(grid)):
            col = 0
            for c, starts in row:
                if starts:
                    data[i][col] = Paragraph(esc(c.text), cell) if len(c.text) > 6 else c.text
                    if c.colspan > 1 or c.rowspan > 1:
                        styles.append(("SPAN", (col, i), (col + c.colspan - 1, i + c.rowspan - 1)))
                col += c.colspan
        usable = A4[0] - 80
        if width == 10:  # 表三: three label columns, seven numbers
            widths = [50, 60, 120] + [(usable - 230) / 7] * 7
        elif width == 4:
            widths = [150] + [(usable - 150) / 3] * 3
        else:
            widths = [usable / width] * width
        return Table(data, colWidths=widths, style=TableStyle(styles), repeatRows=0)

    story = [Paragraph(esc(doc.title), title), Spacer(1, 8)]
    story += [Paragraph(esc(t), body) for t in doc.intro]
    for kind, item in doc.parts():
        if kind == "table":
            story += [Spacer(1, 4), table(item), Spacer(1, 6)]
        else:
            story.append(Paragraph(esc(item), head if kind == "h" else body))
    story += [Spacer(1, 12), Paragraph(esc(doc.agency), right), Paragraph(doc.date_zh, right)]
    pdf = SimpleDocTemplate(str(path), pagesize=A4, leftMargin=40, rightMargin=40, topMargin=50, bottomMargin=50,
                            title=doc.title, author=doc.agency, invariant=1)
    pdf.build(story)


WRITERS = {"txt": write_text, "html": write_html, "docx": write_docx_2021, "pdf": write_pdf}
