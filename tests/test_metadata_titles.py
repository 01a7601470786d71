"""Titles and front matter as people capture them: the year first, spaces inside, Markdown and
field-name prefixes, the date in brackets on a line of its own, the agency printed differently.

Each variant is a copy of the seed report (高青县田镇街道办事处, 2020, published 2021-01-20) or of
the rendered 淮安 2024 page and Word file, with its title or closing lines rewritten; the agency
never keeps a stray 年, # or *, nor the capture's prefix.
"""
from __future__ import annotations

import json
from pathlib import Path

import docx
import pytest
from bs4 import BeautifulSoup

import gikkit
from gikkit.metadata import extract
from gikkit.readers.text import TextReader
from fixture_paths import FIXTURES, SEED, SEED_EXPECTED

META = json.loads(SEED_EXPECTED.read_text("utf-8"))
AGENCY, YEAR, PUBLISHED = META["agency"], META["year"], META["published"]
SEED_LINES = SEED.read_text("utf-8").split("\n")
RENDERED = FIXTURES / "rendered"
HUAIAN = json.loads((RENDERED / "huaian-city-2024.expected.json").read_text("utf-8"))


def seed_copy(tmp_path: Path, title: str, *, under_title: list[str] = (), signature: list[str] | None = None) -> Path:
    """The seed with ``title`` for its first line, ``under_title`` after it and, when given,
    ``signature`` for its closing lines (the signing name and date)."""
    lines = [title, *under_title, *SEED_LINES[1:]]
    if signature is not None:
        while not lines[-1].strip():
            lines.pop()
        assert lines[-1] == "2021年1月20日" and lines[-2].strip() == AGENCY
        lines = lines[:-2] + signature
    path = tmp_path / "seed.txt"
    path.write_text("\n".join(lines) + "\n", "utf-8")
    return path


def meta(report) -> tuple:
    return report.agency, report.year, report.published


def seed_meta(path: Path) -> tuple:
    """Agency, year and published date of a seed copy, read as the Word text export it is.

    A .txt opening with "# " is sniffed as Markdown, whose reader expects Markdown tables, not the
    seed's tab-separated cells; so the text reader reads it here, and gikkit.read the others too.
    """
    found = extract(TextReader().read(path))
    found = found["agency"], found["year"], found["published"]
    if not path.read_text("utf-8").startswith("#"):
        report = gikkit.read(path)
        assert meta(report) == found and report.template == "v2019"
    return found


SEED_TITLE = f"{AGENCY}{YEAR}年政府信息公开工作年度报告"


@pytest.mark.parametrize("title", [
    f"{YEAR}年{AGENCY}政府信息公开工作年度报告",                       # the year first
    f"{YEAR}年度{AGENCY}政府信息公开工作年度报告",
    f"{YEAR} 年 {AGENCY} 政府信息公开工作年度报告",
    f"（{YEAR}年）{AGENCY}政府信息公开工作年度报告",
    f"{AGENCY}{YEAR} 年政府信息公开工作年度报告",                       # spaces inside
    f"{AGENCY} {YEAR} 年度 政府信息公开 工作年度报告",
    f"# {SEED_TITLE}",                                                    # Markdown
    f"## {SEED_TITLE}",
    f"### {YEAR}年{AGENCY}政府信息公开工作年度报告",
    f"**{SEED_TITLE}**",
    f"# **{SEED_TITLE}**",
    f"标题:{SEED_TITLE}",                                                 # a capture's field name
    f"标题：{SEED_TITLE}",
    f"**标题：** {SEED_TITLE}",
    f"标题： {YEAR}年{AGENCY}政府信息公开工作年度报告",
])
def test_seed_title_variants(tmp_path, title):
    assert seed_meta(seed_copy(tmp_path, title)) == (AGENCY, YEAR, PUBLISHED)


@pytest.mark.parametrize("date_line", ["(2021年1月20日)", "（2021年1月20日）", "（ 2021年1月20日 ）", "（二〇二一年一月二十日）"])
def test_date_in_brackets_under_the_title_is_the_published_date(tmp_path, date_line):
    """No signing date at the end: the bracketed date under the title is the publication date."""
    path = seed_copy(tmp_path, SEED_TITLE, under_title=[date_line], signature=[f"    {AGENCY}"])
    assert seed_meta(path) == (AGENCY, YEAR, PUBLISHED)


def test_bracketed_date_under_a_year_first_markdown_title(tmp_path):
    path = seed_copy(tmp_path, f"# {YEAR}年{AGENCY}政府信息公开工作年度报告", under_title=["", "（2021年1月20日）"], signature=[])
    assert seed_meta(path) == (AGENCY, YEAR, PUBLISHED)


def test_agency_printed_differently_in_the_text(tmp_path):
    """The title names the agency in full, the signature in short: the title's name is the agency."""
    path = seed_copy(tmp_path, f"{YEAR}年{AGENCY}政府信息公开工作年度报告", signature=["田镇街道党政办", "2021年1月20日"])
    assert seed_meta(path) == (AGENCY, YEAR, PUBLISHED)


def test_title_without_the_agency_takes_the_signed_name(tmp_path):
    assert seed_meta(seed_copy(tmp_path, f"## {YEAR}年政府信息公开工作年度报告")) == (AGENCY, YEAR, PUBLISHED)
    assert seed_meta(seed_copy(tmp_path, f"标题：{YEAR}年政府信息公开工作年度报告")) == (AGENCY, YEAR, PUBLISHED)


def test_the_agency_never_keeps_a_stray_mark(tmp_path):
    for i, title in enumerate([f"{YEAR}年{AGENCY}政府信息公开工作年度报告", f"# {YEAR}年度{AGENCY}政府信息公开工作年度报告",
                               f"**{AGENCY}**{YEAR}年政府信息公开工作年度报告", f"标题：**{AGENCY}{YEAR}年政府信息公开工作年度报告**"]):
        folder = tmp_path / str(i)
        folder.mkdir()
        agency = seed_meta(seed_copy(folder, title))[0]
        assert agency == AGENCY and not set(agency) & set("年#*:：") and not agency.startswith("标题")


RENDERED_TITLES = [
    "# 2024年淮安市人民政府政府信息公开工作年度报告",
    "标题：淮安市人民政府 2024 年政府信息公开工作年度报告",
    "**淮安市人民政府2024年度政府信息公开工作年度报告**",
]


@pytest.mark.parametrize("title", RENDERED_TITLES)
def test_rendered_page_title_variants(tmp_path, title):
    soup = BeautifulSoup((RENDERED / "huaian-city-2024.html").read_text("utf-8"), "lxml")
    soup.find("h1").string = title
    soup.title.string = title
    date_line = soup.new_tag("p")
    date_line.string = "（2025年1月18日）"  # first in the article, under the title; the page's own date says 01-20
    soup.find(id="zoom").insert(0, date_line)
    path = tmp_path / "page.html"
    path.write_text(str(soup), "utf-8")
    report = gikkit.read(path)
    assert meta(report) == (HUAIAN["agency"], HUAIAN["year"], "2025-01-18")
    assert report.cells == HUAIAN["cells"]


@pytest.mark.parametrize("title", RENDERED_TITLES)
def test_rendered_word_file_title_variants(tmp_path, title):
    document = docx.Document(RENDERED / "huaian-city-2024.docx")
    first = document.paragraphs[0]
    first.text = title
    first.insert_paragraph_before("")  # a blank line above the title, as pasted captures have
    document.paragraphs[2].text = "（2025年1月18日）"  # the line under the title: its date in brackets
    path = tmp_path / "report.docx"
    document.save(path)
    report = gikkit.read(path)
    assert meta(report) == (HUAIAN["agency"], HUAIAN["year"], "2025-01-18")
    assert report.cells == HUAIAN["cells"]
