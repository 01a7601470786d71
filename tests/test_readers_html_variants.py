"""How government sites mark up the same report: each variant is the real 淮安 2024 or 平潭 2019
page with its markup changed, and reads to exactly the expected cells with every number accounted."""
from __future__ import annotations

import copy
import json

import pytest
from bs4 import BeautifulSoup

import gikkit
from number_accounting import accounted_numbers, printed_numbers
from fixture_paths import FIXTURES

RENDERED = FIXTURES / "rendered"
FULL_WIDTH = str.maketrans("0123456789", "０１２３４５６７８９")


def numbers(soup, change):
    for span in soup.find_all("span"):
        if span.get_text().isdigit():
            span.string = change(span.get_text())


def th_cells(soup):
    for td in soup.find_all("td"):
        td.name = "th"


def thead_tbody(soup):
    for table in soup.find_all("table"):
        rows = table.find_all("tr")
        head, body = soup.new_tag("thead"), soup.new_tag("tbody")
        for tr in rows[:2]:
            head.append(tr.extract())
        for tr in rows[2:]:
            body.append(tr.extract())
        table.append(head)
        table.append(body)


def br_lines(soup):
    for td in soup.find_all("td"):
        paragraphs = td.find_all("p")
        for p in paragraphs[1:]:
            p.insert_before(soup.new_tag("br"))
        for p in paragraphs:
            p.unwrap()


def layout_table(soup):
    """The article inside a layout table beside a sidebar."""
    article = soup.find("h1").parent
    outer, tr, td, side = (soup.new_tag(t) for t in ("table", "tr", "td", "td"))
    side.string = "网站导航 首页 2024 年 12 月 1 2 3 4"
    article.wrap(td)
    td.wrap(tr)
    tr.wrap(outer)
    tr.append(side)


def font_and_divs(soup):
    for table in soup.find_all("table"):
        table.wrap(soup.new_tag("div", style="text-align:center")).wrap(soup.new_tag("div"))
    for span in soup.find_all("span"):
        span.name = "font"


def print_view_copy(soup):
    article = soup.find("h1").parent
    article.insert_after(copy.copy(article))


def one_table(soup):
    tables = soup.find_all("table")
    for table in tables[1:]:
        for tr in table.find_all("tr"):
            tables[0].append(tr.extract())
        table.decompose()


VARIANTS = {
    "th_cells": th_cells, "thead_tbody": thead_tbody, "br_lines": br_lines, "layout_table": layout_table,
    "font_and_divs": font_and_divs, "print_view_copy": print_view_copy, "one_table": one_table,
    "nbsp_padding": lambda s: numbers(s, lambda t: f"\u00a0{t}\u00a0 "),
    "full_width_digits": lambda s: numbers(s, lambda t: t.translate(FULL_WIDTH)),
    "unit_in_cells": lambda s: numbers(s, lambda t: f"{t}件"),
}


@pytest.mark.parametrize("variant", list(VARIANTS))
@pytest.mark.parametrize("name", ["huaian-city-2024", "pingtan-2019"])
def test_markup_variants(tmp_path, name, variant):
    soup = BeautifulSoup((RENDERED / f"{name}.html").read_text("utf-8"), "lxml")
    VARIANTS[variant](soup)
    path = tmp_path / f"{variant}.html"
    path.write_text(str(soup), "utf-8")
    report, want = gikkit.read(path), json.loads((RENDERED / f"{name}.expected.json").read_text("utf-8"))
    assert report.cells == want["cells"]
    assert (report.agency, report.year, report.template) == (want["agency"], want["year"], want["template"])
    assert printed_numbers(path) == accounted_numbers(report)


@pytest.mark.parametrize("meta", ["none", "wrong"])
def test_gbk_page_with_a_missing_or_wrong_charset(tmp_path, meta):
    soup = BeautifulSoup((RENDERED / "huaian-city-2024.html").read_text("utf-8"), "lxml")
    for tag in soup.find_all("meta"):
        if tag.get("charset"):
            if meta == "none":
                tag.decompose()
            else:
                tag["charset"] = "utf-8"
    path = tmp_path / "gbk.html"
    path.write_bytes(str(soup).encode("gbk"))
    want = json.loads((RENDERED / "huaian-city-2024.expected.json").read_text("utf-8"))
    report = gikkit.read(path)
    assert report.cells == want["cells"] and report.agency == want["agency"]
