"""Agency, year and publication date from the title and closing lines real reports print.

Each variant is a copy of the real 淮安 2024 page with its title or closing lines rewritten.
"""
from __future__ import annotations

from pathlib import Path

import pytest
from bs4 import BeautifulSoup

import gikkit
from gikkit.document import Document, Paragraph
from gikkit.metadata import extract
from fixture_paths import FIXTURES

RENDERED = FIXTURES / "rendered"
HUAIAN = RENDERED / "huaian-city-2024.html"


def retitled(tmp_path: Path, title: str, closing: list[str] = ()) -> Path:
    soup = BeautifulSoup(HUAIAN.read_text("utf-8"), "lxml")
    soup.find("h1").string = title
    soup.title.string = title
    last = soup.find_all("p")[-1]
    for line in closing:
        p = soup.new_tag("p")
        p.string = line
        last.insert_after(p)
        last = p
    path = tmp_path / "page.html"
    path.write_text(str(soup), "utf-8")
    return path


@pytest.mark.parametrize("title, agency", [
    ("淮安市人民政府2024年度政府信息公开工作年度报告", "淮安市人民政府"),
    ("淮安市交通运输局2024年度政府信息公开工作年度报告", "淮安市交通运输局"),
    ("淮安市人民政府2024年政府信息公开年度报告", "淮安市人民政府"),
    ("淮安市人民政府办公室关于2024年政府信息公开工作年度报告", "淮安市人民政府办公室"),
    ("关于淮安市人民政府2024年政府信息公开工作年度报告", "淮安市人民政府"),
    ("淮安市人民政府〔2024〕政府信息公开工作年度报告", "淮安市人民政府"),
    ("淮安市人民政府政府信息公开工作年度报告（2024年度）", "淮安市人民政府"),
    ("淮安市人民政府政府信息公开工作年度报告", "淮安市人民政府"),  # the year only in the statistics period
    ("淮安市人民政府二〇二四年政府信息公开工作年度报告", "淮安市人民政府"),
    ("淮安市人民政府二○二四年度政府信息公开工作年度报告", "淮安市人民政府"),
])
def test_title_variants(tmp_path, title, agency):
    report = gikkit.read(retitled(tmp_path, title))
    assert (report.agency, report.year, report.template) == (agency, 2024, "v2021")


@pytest.mark.parametrize("closing, published", [
    (["淮安市人民政府办公室", "2025年1月18日"], "2025-01-18"),
    (["淮安市人民政府办公室", "二〇二五年一月十八日"], "2025-01-18"),
    (["淮安市人民政府办公室", "2025年1月18日", "网站地图 | 联系我们", "主办：淮安市人民政府办公室 苏ICP备05006号"], "2025-01-18"),
])
def test_signing_date_at_the_end(tmp_path, closing, published):
    assert gikkit.read(retitled(tmp_path, "淮安市人民政府2024年政府信息公开工作年度报告", closing)).published == published


def test_title_split_over_lines_and_published_line():
    doc = Document("x", "text", [Paragraph("发布日期：2022-01-28"), Paragraph("某某县自然资源局"),
                                 Paragraph("2021年政府信息公开工作年度报告"), Paragraph("正文。")])
    meta = extract(doc)
    assert (meta["agency"], meta["year"], meta["published"]) == ("某某县自然资源局", 2021, "2022-01-28")


def test_a_menu_line_before_the_title_is_not_part_of_the_agency():
    """A page printed to PDF keeps its breadcrumb line just above the title."""
    doc = Document("x", "pdf", [Paragraph("当前位置：首页 > 政务公开 > 政府信息公开年报"),
                                Paragraph("淮安市人民政府2024年政府信息公开工作年度报告"), Paragraph("2025年1月20日")])
    assert extract(doc)["agency"] == "淮安市人民政府"


@pytest.mark.parametrize("lines, agency, year", [
    # text copied out of a PDF whose title sets the year's digits lower: they come out on a line of their own
    (["当前位置：首页 > 政务公开", "淮安市人民政府 年政府信息公开工作年度报告", "2024", "发布时间：2025-01-20"], "淮安市人民政府", 2024),
    # ... and a long title wrapped over two lines
    (["平潭综合实验区管委会（区政府信息公开工作领导小组", "办公室汇总） 年政府信息公开工作年度报告", "2019"],
     "平潭综合实验区管委会（区政府信息公开工作领导小组办公室汇总）", 2019),
    # a browser's running header: the print date and time before the page's title
    (["11/26/26, 3:45 PM 淮安市人民政府2024年政府信息公开工作年度报告", "正文"], "淮安市人民政府", 2024),
])
def test_titles_in_text_copied_out_of_printed_pdfs(lines, agency, year):
    meta = extract(Document("x", "text", [Paragraph(p) for p in lines]))
    assert (meta["agency"], meta["year"]) == (agency, year)


def test_title_below_a_long_menu_in_text_copied_out_of_a_pdf():
    menu = ["政府门户网站", "首页", "政务公开", "政务服务", "互动交流", "当前位置：首页 > 政务公开 > 政府信息公开年报"]
    title = ["平潭综合实验区管委会（区政府信息公开工作领导小组", "办公室汇总） 年政府信息公开工作年度报告", "2019"]
    meta = extract(Document("x", "text", [Paragraph(p) for p in menu + title + ["发布时间：2020-01-20"]]))
    assert (meta["agency"], meta["year"]) == ("平潭综合实验区管委会（区政府信息公开工作领导小组办公室汇总）", 2019)
