"""The HTML reader: site chrome skipped, spans expanded into grids, blanks kept apart from merges."""
from __future__ import annotations

import json
from pathlib import Path

import pytest

import gikkit
from gikkit.document import Table
from gikkit.errors import NoReportTablesError
from gikkit.readers import read_document, reader_for
from fixture_paths import FIXTURES

HERE = Path(__file__).resolve().parent
SMALL = HERE / "data" / "readers" / "merged-cells.html"
RENDERED = FIXTURES / "rendered"
HUAIAN = RENDERED / "huaian-city-2024.html"
EXPECTED = json.loads((RENDERED / "huaian-city-2024.expected.json").read_text("utf-8"))


def test_rowspan_colspan_grid_with_none_where_covered_and_blank_cells():
    doc = read_document(SMALL)
    [table] = doc.tables
    assert table.rows == [
        ["项目", None, "申请人情况", None],
        [None, None, "商业\n企业", "其他"],           # <p>s in a cell become lines
        ["（三）不予\n公开", "1.属于国家秘密", "", ""],  # &nbsp; and <o:p></o:p> are real empty cells
        [None, "2.其他", "3", "４"],
        ["合计", None, None, "7"],                     # a data row spanning differently from the header
    ]


def test_chrome_is_skipped_and_prose_keeps_its_order():
    doc = read_document(SMALL)
    kinds = ["T" if isinstance(b, Table) else b.text for b in doc.blocks]
    assert kinds == ["示例区人民政府2023年政府信息公开工作年度报告", "发布时间：2024-01-20 10:30 来源：区政府办",
                     "一、总体情况", "第一段文字，跨两行的源代码。", "T", "表后的文字。"]
    text = "\n".join(doc.paragraphs)
    for chrome in ("首页", "机构概况", "主办单位", "var menu", "color:red"):
        assert chrome not in text


def test_title_and_published_date():
    doc = read_document(SMALL)
    assert doc.title == "示例区人民政府2023年政府信息公开工作年度报告"  # <h1> rather than the site-suffixed <title>
    assert doc.published == "2024-01-20"
    assert doc.format == "html"


def test_fixture_page_published_date_and_split_spans():
    doc = read_document(HUAIAN)
    assert doc.published == "2025-01-20"
    t2 = doc.tables[0]
    assert t2.rows[1] == ["信息内容", "本年制发件数", "本年废止件数", "现行有效件数"]  # "信息"+"内容" spans joined
    assert t2.rows[5] == ["信息内容", "本年处理决定数量", None, None]  # colspan=3 header
    report = gikkit.read(HUAIAN)
    assert report.published == "2025-01-20"
    assert report.sections["s6_other_matters"] == "本年度未收取信息处理费。"


def _gbk_copy(tmp_path, declared: str, encoding: str = "gbk") -> Path:
    text = HUAIAN.read_text("utf-8").replace('<meta charset="utf-8">', f'<meta http-equiv="Content-Type" content="text/html; charset={declared}">')
    path = tmp_path / f"page-{declared}.html"
    path.write_bytes(text.encode(encoding))
    return path


@pytest.mark.parametrize("declared", ["gb2312", "GBK", "gb18030"])
def test_gbk_page_decodes(tmp_path, declared):
    report = gikkit.read(_gbk_copy(tmp_path, declared))
    assert report.agency == EXPECTED["agency"]
    assert report.cells == EXPECTED["cells"]


def test_page_declaring_the_wrong_charset_still_decodes(tmp_path):
    report = gikkit.read(_gbk_copy(tmp_path, "utf-8"))  # says UTF-8, is GBK
    assert report.cells == EXPECTED["cells"]


def test_layout_tables_and_a_sidebar_calendar(tmp_path):
    """Old sites lay pages out with tables; a calendar of numbers sits in the sidebar."""
    page = HUAIAN.read_text("utf-8")
    calendar = "<table>" + "".join("<tr>" + "".join(f"<td>{7 * w + d + 1}</td>" for d in range(7)) + "</tr>" for w in range(4)) + "</table>"
    page = page.replace('<div class="article">', f'<table width="100%"><tr><td class="side">{calendar}</td><td><div class="article">')
    page = page.replace('<div class="footer">', '</td></tr></table><div class="footer">')
    path = tmp_path / "layout.html"
    path.write_text(page, "utf-8")
    report = gikkit.read(path)
    assert report.cells == EXPECTED["cells"]
    assert not any(f.code == "stray_row" for f in report.findings)


def test_html_is_sniffed_by_content(tmp_path):
    path = tmp_path / "report.docx"  # a web page saved under a Word name
    path.write_bytes(HUAIAN.read_bytes())
    assert reader_for(path).name == "html"
    assert gikkit.read(path).cells == EXPECTED["cells"]


def test_page_without_report_tables(tmp_path):
    path = tmp_path / "notice.html"
    path.write_text("<html><head><title>通知</title></head><body><div class='nav'><a href='/'>首页</a></div>"
                    "<p>关于开展政务公开工作的通知</p><table><tr><td>联系电话</td><td>12345</td></tr></table></body></html>", "utf-8")
    with pytest.raises(NoReportTablesError) as err:
        gikkit.read(path)
    assert str(path) in str(err.value) and "\n" not in str(err.value)


@pytest.mark.parametrize("declared, encoding", [("gb2312", "utf-8"), ("iso-8859-1", "gbk"), ("big-nonsense", "gbk")])
def test_page_declaring_a_charset_its_bytes_are_not_in(tmp_path, declared, encoding):
    report = gikkit.read(_gbk_copy(tmp_path, declared, encoding))
    assert report.agency == EXPECTED["agency"]
    assert report.cells == EXPECTED["cells"]
