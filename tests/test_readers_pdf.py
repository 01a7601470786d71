"""The PDF reader on the two real PDFs, on PDFs made here with reportlab, and on broken files."""
from __future__ import annotations

from pathlib import Path

import pytest
from reportlab.pdfbase import pdfmetrics
from reportlab.pdfbase.cidfonts import UnicodeCIDFont
from reportlab.pdfgen import canvas

import gikkit
from gikkit import metadata
from gikkit.document import Table
from gikkit.errors import UnreadableFileError
from gikkit.readers import read_document, reader_for
from gikkit.readers.pdf_tables import PdfTable, join_continued
from gikkit.values import clean_text
from fixture_paths import FIXTURES

REAL = FIXTURES / "real"
HUAIAN, HONGZE = REAL / "huaian-city-2024.pdf", REAL / "hongze-district-2024.pdf"


@pytest.fixture(scope="module")
def huaian():
    return read_document(HUAIAN)


@pytest.fixture(scope="module")
def hongze():
    return read_document(HONGZE)


def _t3(doc):
    return next(t for t in doc.tables if any("申请人情况" == c for c in t.rows[0] if c))


def test_page_break_inside_a_merged_cell_is_mended(huaian):
    t3 = _t3(huaian)
    [row] = [r for r in t3.rows if r[2] == "1.本机关不掌握相关政府信息"]
    assert clean_text(row[1]) == "(四)无法提供"  # "（四）无" on page 4, "法提供" on page 5
    [after] = [r for r in t3.rows if r[2] == "2.没有现成信息需要另行制作"]
    assert after[:2] == [None, None]
    assert len(t3.rows) == 28  # one table, though printed on two pages
    assert t3.page == 4


def test_vertical_and_wrapped_labels(huaian):
    t3 = _t3(huaian)
    vertical = next(r[0] for r in t3.rows if r[0] and r[0].startswith("三"))
    assert vertical.count("\n") >= 6 and clean_text(vertical) == "三、本年度办理结果"  # one character per line
    assert [clean_text(c) for c in t3.rows[2][4:8]] == ["商业企业", "科研机构", "社会公益组织", "法律服务机构"]  # broken mid-word


def test_a_table_running_on_over_two_pages_and_its_rows(hongze):
    t3 = _t3(hongze)
    assert [r[1] for r in t3.rows if r[1] and "其他处理" in r[1]] == ["（六）其他处理"]
    assert len(t3.rows) == 16 + 10  # 16 rows on page 3, 10 on page 4


def test_title_and_paragraphs_without_page_footers(huaian):
    assert clean_text(huaian.title) == "淮安市人民政府2024年政府信息公开工作年度报告"
    text = "\n".join(huaian.paragraphs)
    assert "- 1 -" not in text and "- 6 -" not in text
    # a paragraph cut by the break between pages 1 and 2 is one paragraph again
    assert any("“建设‘四最’一流营商环境高质量推进产业发展”" in p for p in huaian.paragraphs)
    assert "二、主动公开政府信息情况" in huaian.paragraphs


def test_prose_behind_invisible_boxes_stays_prose(hongze):
    """洪泽's PDF draws a white box behind every text line; those are not tables."""
    assert all(t.page >= 2 and len(t.rows[0]) >= 2 for t in hongze.tables)
    assert any(p.startswith("（三）政府信息管理情况。") for p in hongze.paragraphs)
    report = gikkit.read(HONGZE)
    assert "（五）政府信息公开监督保障情况" in report.sections["s1_overview"]
    assert report.sections["s6_other_matters"].startswith("2024 年，区政府严格落实")


def test_tables_and_prose_in_reading_order(huaian):
    order = ["T" if isinstance(b, Table) else b.text for b in huaian.blocks]
    i = order.index("三、收到和处理政府信息公开申请情况")
    assert order[i + 1] == "T" and order[i + 2] == "四、政府信息公开行政复议、行政诉讼情况"


def _cjk_pdf(path: Path, lines: list[tuple[int, str, str]]) -> Path:
    """A one-page PDF with CJK text: ``(size, align, text)`` per line, top to bottom."""
    pdfmetrics.registerFont(UnicodeCIDFont("STSong-Light"))
    c = canvas.Canvas(str(path), pagesize=(595, 842))
    y = 760
    for size, align, text in lines:
        c.setFont("STSong-Light", size)
        {"center": lambda: c.drawCentredString(297, y, text), "right": lambda: c.drawRightString(520, y, text),
         "indent": lambda: c.drawString(106, y, text), "left": lambda: c.drawString(74, y, text)}[align]()
        y -= size + 12
    c.setFont("STSong-Light", 12)
    c.drawCentredString(297, 40, "- 1 -")
    c.showPage()
    c.save()
    return path


def test_printed_date_and_paragraph_joining(tmp_path):
    path = _cjk_pdf(tmp_path / "dated.pdf", [
        (22, "center", "示例县人民政府2023年政府信息公开工作年度报告"),
        (16, "indent", "本报告依据条例编制，所列数据统计期限自2023年1月1日至2023年"),
        (16, "left", "12月31日止。"),
        (16, "indent", "一、总体情况"),
        (16, "right", "示例县人民政府办公室"),
        (16, "right", "2024年1月18日"),
    ])
    doc = read_document(path)
    assert doc.title == "示例县人民政府2023年政府信息公开工作年度报告"
    assert doc.paragraphs[1] == "本报告依据条例编制，所列数据统计期限自2023年1月1日至2023年12月31日止。"
    assert "- 1 -" not in doc.paragraphs
    assert metadata.extract(doc) == {"agency": "示例县人民政府", "year": 2023, "published": "2024-01-18",
                                     "title": "示例县人民政府2023年政府信息公开工作年度报告"}


def test_pdf_is_sniffed_by_content(tmp_path):
    path = tmp_path / "report.txt"
    path.write_bytes(HONGZE.read_bytes())
    assert reader_for(path).name == "pdf"


def test_truncated_pdf(tmp_path):
    data = HUAIAN.read_bytes()
    path = tmp_path / "cut.pdf"
    path.write_bytes(data[: len(data) // 2])
    with pytest.raises(UnreadableFileError) as err:
        gikkit.read(path)
    assert str(path) in str(err.value) and "truncated" in err.value.problem


def test_damaged_pdf(tmp_path):
    data = HUAIAN.read_bytes()
    path = tmp_path / "damaged.pdf"
    path.write_bytes(data[: len(data) // 3] + b"\n%%EOF\n")  # ends properly, but its middle is gone
    with pytest.raises(UnreadableFileError) as err:
        gikkit.read(path)
    assert str(path) in str(err.value) and "\n" not in str(err.value)


def test_pdf_without_a_text_layer(tmp_path):
    path = tmp_path / "scan.pdf"
    c = canvas.Canvas(str(path))
    c.rect(100, 100, 300, 400, fill=1)  # stands in for a scanned image
    c.showPage()
    c.save()
    with pytest.raises(UnreadableFileError) as err:
        gikkit.read(path)
    assert "text layer" in err.value.problem


def _table(page, rows):
    return PdfTable(page, (70, 80, 520, 800), [list(r) for r in rows])


def test_join_mends_a_merged_label_cut_by_the_page_break():
    upper = _table(4, [["三、\n本\n年", "（一）予以公开", None, "3", "0"],
                       [None, "（四）无", "1.本机关不掌握相关政府信息", "7", "0"]])
    lower = _table(5, [["度", "法提供", "2.没有现成信息需要另行制作", "1", "0"], [None, None, "3.补正后申请内容仍不明确", "0", "0"]])
    join_continued(upper, lower)
    assert upper.rows == [["三、\n本\n年\n度", "（一）予以公开", None, "3", "0"],
                          [None, "（四）无\n法提供", "1.本机关不掌握相关政府信息", "7", "0"],
                          [None, None, "2.没有现成信息需要另行制作", "1", "0"],
                          [None, None, "3.补正后申请内容仍不明确", "0", "0"]]


def test_join_mends_a_row_cut_by_the_page_break():
    upper = _table(3, [[None, "（五）不予处理", "5.要求行政机关确认或重新出", "1", "0"]])
    lower = _table(4, [[None, None, "具已获取信息", "", ""], [None, "（六）其他处理", None, "2", "0"]])
    join_continued(upper, lower)
    assert upper.rows == [[None, "（五）不予处理", "5.要求行政机关确认或重新出\n具已获取信息", "1", "0"],
                          [None, "（六）其他处理", None, "2", "0"]]


def test_join_keeps_a_repeated_header_row():
    upper = _table(3, [["行政许可", "5"]])
    lower = _table(4, [["信息内容", "本年处理决定数量"], ["行政处罚", "3"]])
    join_continued(upper, lower)
    assert upper.rows == [["行政许可", "5"], ["信息内容", "本年处理决定数量"], ["行政处罚", "3"]]


def test_running_heads_are_dropped(tmp_path):
    """A title repeated at the top of every page is a running head, not prose."""
    pdfmetrics.registerFont(UnicodeCIDFont("STSong-Light"))
    path = tmp_path / "heads.pdf"
    c = canvas.Canvas(str(path), pagesize=(595, 842))
    for page, text in enumerate(["一、总体情况", "二、主动公开政府信息情况", "五、存在的主要问题及改进情况"], start=1):
        c.setFont("STSong-Light", 10)
        c.drawCentredString(297, 815, "示例县2023年政府信息公开工作年度报告")
        c.setFont("STSong-Light", 16)
        c.drawString(106, 700, text)
        c.setFont("STSong-Light", 10)
        c.drawCentredString(297, 30, f"第 {page} 页 共 3 页")
        c.showPage()
    c.save()
    assert read_document(path).paragraphs == ["一、总体情况", "二、主动公开政府信息情况", "五、存在的主要问题及改进情况"]
