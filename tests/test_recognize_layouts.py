"""Table layouts real reports print, made from the real 淮安 2024 page: 表四 stacked or one block
per row, a 小计 column in 表三, blank cells of every kind. Each reads to exactly the expected cells
and accounts for every printed number."""
from __future__ import annotations

import pytest
from bs4 import BeautifulSoup

from test_recognize_quirks import EXPECTED, codes, edited, read_checked

T4_COLUMNS = ["结果维持", "结果纠正", "其他结果", "尚未审结", "总计"]


def t4_values(row: str) -> list[int]:
    return [EXPECTED[f"t4.{row}.{c}"] for c in ("upheld", "corrected", "other_result", "pending", "total")]


def cells(values) -> str:
    return "".join(f"<td>{v}</td>" for v in values)


def replace_t4(soup, html: str) -> None:
    table = soup.find_all("table")[2]
    new = BeautifulSoup(html, "lxml").body
    for el in list(new.children):
        table.insert_before(el)
    table.decompose()


def t4_stacked(soup):
    replace_t4(soup, (
        f'<table border="1"><tr><td colspan="5">行政复议</td></tr><tr>{cells(T4_COLUMNS)}</tr>'
        f'<tr>{cells(t4_values("admin_review"))}</tr></table><p>　</p>'
        '<table border="1"><tr><td colspan="10">行政诉讼</td></tr>'
        '<tr><td colspan="5">未经复议直接起诉</td><td colspan="5">复议后起诉</td></tr>'
        f'<tr>{cells(T4_COLUMNS * 2)}</tr>'
        f'<tr>{cells(t4_values("litigation_direct") + t4_values("litigation_after_review"))}</tr></table>'))


def t4_one_block_per_row(soup):
    rows = [("行政复议", "admin_review"), ("行政诉讼 未经复议直接起诉", "litigation_direct"),
            ("行政诉讼 复议后起诉", "litigation_after_review")]
    replace_t4(soup, f'<table border="1"><tr><td>项目</td>{cells(T4_COLUMNS)}</tr>'
               + "".join(f"<tr><td>{label}</td>{cells(t4_values(key))}</tr>" for label, key in rows) + "</table>")


@pytest.mark.parametrize("edit", [t4_stacked, t4_one_block_per_row])
def test_table_four_in_other_shapes(tmp_path, edit):
    report = read_checked(edited(tmp_path, edit))
    assert report.cells == EXPECTED
    assert "stray_row" not in codes(report) and "extra_row" not in codes(report)


def with_subtotal_column(soup):
    """法人或其他组织 with a 小计 column after 其他, as some provinces print it."""
    rows = soup.find_all("table")[1].find_all("tr")
    group = next(td for td in rows[1].find_all("td") if "法人" in td.get_text())
    group["colspan"] = "6"
    label = soup.new_tag("td")
    label.string = "小计"
    rows[2].find_all("td")[-1].insert_after(label)
    for tr in rows[3:]:
        tds = tr.find_all("td")
        orgs = [td.get_text(strip=True) for td in tds[-6:-1]]
        if all(x.isdigit() for x in orgs):
            subtotal = soup.new_tag("td")
            subtotal.string = str(sum(map(int, orgs)))
            tds[-2].insert_after(subtotal)


def test_subtotal_column_in_table_three_is_mapped_by_its_header(tmp_path):
    report = read_checked(edited(tmp_path, with_subtotal_column))
    assert report.cells == EXPECTED
    extra = [f for f in report.findings if f.code == "extra_values"]
    assert extra and all(f.found["labels"] for f in extra)


@pytest.mark.parametrize("printed, status", [
    ("", "blank"), ("　", "blank"), ("&nbsp;", "blank"), ("<o:p></o:p>", "blank"),
    ("-", "placeholder"), ("—", "placeholder"), ("/", "placeholder"), ("无", "placeholder"), ("0", "ok"),
])
def test_blank_placeholder_and_zero_cells(tmp_path, printed, status):
    ref = "t3.granted.legal_service_org"

    def edit(soup):
        tr = next(tr for tr in soup.find_all("tr") if "（一）予以公开" in tr.get_text())
        td = tr.find_all("td")[-3]
        td.clear()
        td.append(BeautifulSoup(f"<p>{printed}</p>", "lxml").p)

    report = read_checked(edited(tmp_path, edit))
    assert report.cell_info[ref]["status"] == status
    assert report.cells[ref] == (0 if status == "ok" else None)
    if status != "ok":
        assert f"{status}_cell" in codes(report)
