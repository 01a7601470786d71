"""Cells with words beside the figure, and figures too long to be figures, on copies of the real 淮安 2024 page.

"22（其中修订16件）" reads as 22 with its remark kept; anything else that is not one figure stays
unreadable (an error); a cell of hundreds of digits is unreadable too, never inf.
"""
from __future__ import annotations

import math

import pytest

from gikkit.values import OK, UNREADABLE, looks_numeric, parse_value
from test_recognize_quirks import EXPECTED, codes, edited, read_checked, row_with

RULES_REF = "t2.art20_1.normative_documents.issued_this_year"


def set_cells(soup, label: str, texts: dict[int, str]) -> None:
    """Rewrite the value cells (0-based, after the label) of the row labelled ``label``."""
    tds = row_with(soup, label).find_all("td")
    for i, text in texts.items():
        tds[len(tds) - 3 + i].string = text


@pytest.mark.parametrize("text, value, words", [
    ("22（其中修订16件）", 22, "其中修订16件"),
    ("55（含自然失效29件）", 55, "含自然失效29件"),
    ("3(另有2件转办)", 3, "另有2件转办"),
    (" 8 （其中修订6件） ", 8, "其中修订6件"),
])
def test_leading_figure_with_a_remark(text, value, words):
    p = parse_value(text)
    assert (p.value, p.status, p.words) == (value, OK, words)
    assert words in p.note and looks_numeric(text)


@pytest.mark.parametrize("text", ["（其中修订16件）22", "22其中16", "22(16)", "22（其中）（另）", "约22", "22（其中16件"])
def test_anything_else_stays_unreadable(text):
    p = parse_value(text)
    assert (p.value, p.status) == (None, UNREADABLE)
    assert p.words == ""


def test_words_in_cells_of_a_real_report(tmp_path):
    def edit(soup):
        set_cells(soup, "行政规范性文件", {0: "8（其中修订6件）", 1: "26(含自然失效3件)"})
        tds = row_with(soup, "一、本年新收政府信息公开申请数量").find_all("td")
        tds[1].string = "3001（另有2件转办）"

    report = read_checked(edited(tmp_path, edit))
    assert report.cells == EXPECTED  # the figures, never the numbers inside the brackets
    assert report.cell_info[RULES_REF]["note"] == "其中修订6件"
    assert report.cell_info["t2.art20_1.normative_documents.repealed_this_year"]["note"] == "含自然失效3件"
    assert report.cell_info["t3.new_received.natural_person"]["note"] == "另有2件转办"
    words = [f for f in report.findings if f.code == "cell_with_words"]
    assert [(f.refs, f.severity, f.expected) for f in words] == [
        ([RULES_REF], "info", 8), (["t2.art20_1.normative_documents.repealed_this_year"], "info", 26),
        (["t3.new_received.natural_person"], "info", 3001)]
    assert "8（其中修订6件）" in words[0].message_zh and "read as 8" in words[0].message_en
    assert "unreadable_cell" not in codes(report)


@pytest.mark.parametrize("text", ["8（6）", "8其中6"])
def test_a_figure_with_other_text_is_an_unreadable_cell_not_a_label(tmp_path, text):
    report = read_checked(edited(tmp_path, lambda soup: set_cells(soup, "行政规范性文件", {0: text})))
    assert report.cells == {**EXPECTED, RULES_REF: None}  # the row's other values stay in place
    assert report.cell_info[RULES_REF]["status"] == UNREADABLE
    [f] = [f for f in report.findings if f.code == "unreadable_cell"]
    assert (f.severity, f.refs, f.found) == ("error", [RULES_REF], text)
    assert "cell_with_words" not in codes(report)


@pytest.mark.parametrize("digits", [16, 309, 5000])
def test_absurdly_long_figures_are_unreadable_not_inf(digits):
    for kind in ("integer", "decimal"):
        p = parse_value("9" * digits, kind=kind)
        assert (p.value, p.status) == (None, UNREADABLE)
        assert "too many digits" in p.note
    assert parse_value("9" * 15).value == 999999999999999  # the longest figure still read exactly


def test_long_figures_in_a_real_report(tmp_path):
    long = "9" * 309

    def edit(soup):
        set_cells(soup, "行政规范性文件", {0: long})
        row_with(soup, "行政事业性收费").find_all("td")[-1].string = "1" + "0" * 400 + "万元"

    report = read_checked(edited(tmp_path, edit))
    fees = "t2.art20_8.administrative_fees.fee_amount"
    assert report.cells == {**EXPECTED, RULES_REF: None, fees: None}
    for ref in (RULES_REF, fees):
        assert report.cell_info[ref]["status"] == UNREADABLE and "too many digits" in report.cell_info[ref]["note"]
    assert sorted(f.refs[0] for f in report.findings if f.code == "unreadable_cell") == sorted([RULES_REF, fees])
    assert not any(isinstance(v, float) and not math.isfinite(v) for v in report.cells.values())
