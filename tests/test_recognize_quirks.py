"""Layouts real reports print, on edited copies of the real 淮安 2024 page: each quirk read right, each said so.

The rule behind them all: every number in a report table ends in a cell, or in a finding that
says why not.
"""
from __future__ import annotations

import json
from pathlib import Path

import pytest
from bs4 import BeautifulSoup

import gikkit
from gikkit import schema
from gikkit.values import clean_text
from number_accounting import accounted_numbers, printed_numbers
from fixture_paths import FIXTURES

RENDERED = FIXTURES / "rendered"
HUAIAN = RENDERED / "huaian-city-2024.html"
EXPECTED = json.loads((RENDERED / "huaian-city-2024.expected.json").read_text("utf-8"))["cells"]
V21 = schema.template("v2021")
COLUMNS = [c["key"] for c in V21.t3_columns()]


def edited(tmp_path: Path, edit) -> Path:
    """A copy of the 淮安 page after ``edit(soup)`` changed it."""
    soup = BeautifulSoup(HUAIAN.read_text("utf-8"), "lxml")
    edit(soup)
    path = tmp_path / "edited.html"
    path.write_text(str(soup), "utf-8")
    return path


def row_with(soup, text: str):
    return next(tr for tr in soup.find_all("tr") if clean_text(text) in clean_text(tr.get_text()))


def relabel(soup, old: str, new: str) -> None:
    """Replace the label cell reading ``old`` (across its spans) with ``new``."""
    cell = next(td for td in soup.find_all("td") if clean_text(td.get_text()) == clean_text(old))
    cell.string = new


def new_row(soup, cells: list[str], colspans: list[int] | None = None):
    tr = soup.new_tag("tr")
    for i, text in enumerate(cells):
        td = soup.new_tag("td", colspan=str((colspans or [1] * len(cells))[i]))
        td.string = text
        tr.append(td)
    return tr


def read_checked(path: Path):
    report = gikkit.read(path)
    assert printed_numbers(path) == accounted_numbers(report), "a printed number is in neither a cell nor a finding"
    return report


def codes(report, severity=None) -> list[str]:
    return [f.code for f in report.findings if severity is None or f.severity == severity]


def test_unedited_page_accounts_for_every_number():
    report = read_checked(HUAIAN)
    assert report.cells == EXPECTED


def test_other_handling_printed_as_one_row(tmp_path):
    def edit(soup):
        first = row_with(soup, "1.申请人无正当理由逾期不补正")
        for tr in [first.find_next_sibling("tr"), first.find_next_sibling("tr").find_next_sibling("tr")]:
            tr.decompose()
        sums = [sum(EXPECTED[f"t3.{r}.{c}"] for r in ("other_no_correction", "other_fee_unpaid", "other_misc")) for c in COLUMNS]
        first.replace_with(new_row(soup, ["（六）其他处理", *map(str, sums)], [2] + [1] * 7))

    report = read_checked(edited(tmp_path, edit))
    assert report.template == "v2021"
    assert report.cells["t3.other_handling.natural_person"] == 67 + 6 + 108
    assert report.cells["t3.other_handling.total"] == 71 + 6 + 110
    subs = [r for r in V21.cells if r.split(".")[1] in ("other_no_correction", "other_fee_unpaid", "other_misc")]
    assert all(report.cells[r] is None and report.status(r) == "group_printed_as_one_row" for r in subs)
    assert "group_printed_as_one_row" in codes(report, "warning")
    assert codes(report, "error") == []  # the checks add the group up in place of its sub-rows
    assert {r: v for r, v in report.cells.items() if r in EXPECTED and r not in subs} == \
        {r: v for r, v in EXPECTED.items() if r not in subs}


def test_2021_report_with_the_2019_label(tmp_path):
    report = read_checked(edited(tmp_path, lambda soup: relabel(soup, "行政规范性文件", "规范性文件")))
    assert report.template == "v2021"
    assert report.cells == EXPECTED
    [note] = [f for f in report.findings if f.code == "label_other_template"]
    assert note.severity == "info" and note.found == "规范性文件" and note.expected == "行政规范性文件"


def test_rows_a_province_adds_are_kept_in_findings(tmp_path):
    def edit(soup):
        row_with(soup, "规章").insert_after(new_row(soup, ["地方性法规", "2", "0", "5"]))
        row_with(soup, "（七）总计").insert_after(new_row(soup, ["其中：涉及疫情防控", "5", "1", "0", "0", "0", "0", "6"], [2] + [1] * 7))

    report = read_checked(edited(tmp_path, edit))
    assert report.cells == EXPECTED  # nothing displaced
    extra = [f for f in report.findings if f.code == "extra_row"]
    assert [f.found for f in extra] == [{"labels": ["地方性法规"], "values": ["2", "0", "5"]},
                                        {"labels": ["其中：涉及疫情防控"], "values": ["5", "1", "0", "0", "0", "0", "6"]}]
    assert all(f.severity == "warning" for f in extra)


@pytest.mark.parametrize("old, new, finding", [
    ("2.其他法律行政法规禁止公开", "2.其他法律行政止公开", "label_fuzzy_match"),  # a typo
    ("1.属于国家秘密", "1、属于国家秘密", None),                                   # 、 for .
    ("4.保护第三方合法权益", " 4. 保护 第三方 合法权益 ", None),                     # stray spaces
    ("5.属于三类内部事务信息", "５．属于三类内部事务信息", None),                      # full-width
    ("（二）部分公开（区分处理的，只计这一情形，不计其他情形）", "（二）部分公开", "label_fuzzy_match"),  # note left out
])
def test_label_variants(tmp_path, old, new, finding):
    report = read_checked(edited(tmp_path, lambda soup: relabel(soup, old, new)))
    assert report.cells == EXPECTED
    notes = [f for f in report.findings if f.code in ("label_fuzzy_match", "label_other_template")]
    if finding is None:
        assert notes == []
    else:
        assert [(f.code, f.severity, f.found) for f in notes] == [(finding, "info", new)]


def test_typo_in_table_four_header(tmp_path):
    report = read_checked(edited(tmp_path, lambda soup: relabel(soup, "行政复议", "行政法复议")))
    assert report.cells == EXPECTED
    [note] = [f for f in report.findings if f.code == "label_fuzzy_match"]
    assert (note.found, note.expected, note.severity) == ("行政法复议", "行政复议", "info")


def test_group_subtotal_printed_above_its_sub_rows(tmp_path):
    def edit(soup):
        first = row_with(soup, "1.属于国家秘密")
        first.insert_before(new_row(soup, ["（三）不予公开（小计）", "176", "2", "0", "0", "0", "0", "178"], [2] + [1] * 7))

    report = read_checked(edited(tmp_path, edit))
    assert report.cells == EXPECTED
    assert [f.found["values"][0] for f in report.findings if f.code == "subtotal_row"] == ["176"]


def test_a_row_printed_twice_keeps_the_exact_label(tmp_path):
    def edit(soup):
        row_with(soup, "2.重复申请").insert_after(new_row(soup, ["2.重复申请（含）", "9", "9", "9", "9", "9", "9", "54"], [2] + [1] * 7))

    report = read_checked(edited(tmp_path, edit))
    assert report.cells == EXPECTED
    [dup] = [f for f in report.findings if f.code == "duplicate_row"]
    assert dup.found["labels"] == ["2.重复申请（含）"]


def test_extra_values_in_a_row_are_reported(tmp_path):
    def edit(soup):
        tr = row_with(soup, "（七）总计")
        td = soup.new_tag("td")
        td.string = "99"
        tr.find_all("td")[1].insert_before(td)  # an eighth number before the seven

    report = read_checked(edited(tmp_path, edit))
    assert report.cells == EXPECTED
    assert [f.found["values"] for f in report.findings if f.code == "extra_values"] == [["99"]]


def test_table_two_without_its_block_titles(tmp_path):
    """Some reports drop the 第二十条第（N）项 title rows; each row's label says which block it is in."""
    def edit(soup):
        for tr in [tr for tr in soup.find_all("tr") if clean_text(tr.get_text()).startswith("第二十条")]:
            tr.decompose()

    report = read_checked(edited(tmp_path, edit))
    assert report.template == "v2021"
    assert report.cells == EXPECTED
