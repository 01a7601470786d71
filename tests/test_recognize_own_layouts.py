"""Reports laid out their own way, made from the rendered 淮安 2024 page and Word file: the three
tables in an annex numbered 一、二、三 after six narrative parts, the 2019 label in a 2021 表二,
a note row in 表四. Each reads to exactly the expected cells, and the six sections stay the six."""
from __future__ import annotations

from pathlib import Path

import docx
import pytest

import gikkit
from gikkit import schema
from test_readers_text_stream import page_as_text
from test_recognize_quirks import EXPECTED, HUAIAN, RENDERED, codes, edited, read_checked, relabel

DOCX = RENDERED / "huaian-city-2024.docx"
SECTION_KEYS = [s["key"] for s in schema.template("v2021").sections]
ANNEX_HEADINGS = ["一、主动公开政府信息情况", "二、收到和处理政府信息公开申请情况", "三、政府信息公开行政复议、行政诉讼情况"]
SEE_ANNEX = ["主动公开情况详见附件一。", "收到和处理申请情况详见附件二。", "行政复议、行政诉讼情况详见附件三。"]
NOTE_ROWS = [["注：本年度行政复议案件中有2件涉及多个申请人，按1件统计。"], ["备注", "行政诉讼案件含上年结转3件"], ["备注：", "无"]]


def tables_in_annex_html(soup) -> None:
    """Each table replaced by a line pointing to the annex; the annex after section 六."""
    zoom = soup.find(id="zoom")
    tables = soup.find_all("table")
    for table, text in zip(tables, SEE_ANNEX):
        pointer = soup.new_tag("p")
        pointer.string = text
        table.replace_with(pointer)
    for text, table in [("附件：", None), *zip(ANNEX_HEADINGS, tables)]:
        heading = soup.new_tag("p")
        heading.string = text
        zoom.append(heading)
        if table is not None:
            zoom.append(table)


def tables_in_annex_docx(path: Path, relabel_to: str | None = None) -> Path:
    document = docx.Document(DOCX)
    tables = [t._tbl for t in document.tables]
    for tbl, text in zip(tables, SEE_ANNEX):
        pointer = document.add_paragraph(text)._p
        tbl.addprevious(pointer)
        tbl.getparent().remove(tbl)
    document.add_paragraph("附件：")
    for heading, tbl in zip(ANNEX_HEADINGS, tables):
        document.add_paragraph(heading)._p.addnext(tbl)
        document.add_paragraph("")  # Word keeps a paragraph between two tables
    if relabel_to:
        cell = next(c for t in document.tables for r in t.rows for c in r.cells if c.text.strip() == "行政规范性文件")
        cell.text = relabel_to
    document.save(path)
    return path


def assert_six_sections(report, original) -> None:
    assert report.sections_seen == SECTION_KEYS
    assert not {"sections_out_of_order", "missing_section"} & set(codes(report))
    for heading in ANNEX_HEADINGS + ["附件："]:
        assert heading not in report.sections[SECTION_KEYS[-1]]
    assert report.sections[SECTION_KEYS[-1]] == original.sections[SECTION_KEYS[-1]]  # 六 ends before the annex


def test_tables_in_an_annex_of_a_web_page(tmp_path):
    report = read_checked(edited(tmp_path, tables_in_annex_html))
    assert report.template == "v2021" and report.cells == EXPECTED
    assert_six_sections(report, gikkit.read(HUAIAN))
    assert report.sections[SECTION_KEYS[1]] == SEE_ANNEX[0]


def test_tables_in_an_annex_of_a_word_file(tmp_path):
    report = read_checked(tables_in_annex_docx(tmp_path / "annex.docx"))
    assert report.template == "v2021" and report.cells == EXPECTED
    assert_six_sections(report, gikkit.read(DOCX))


@pytest.mark.parametrize("strip", [True, False])
def test_tables_in_an_annex_of_a_page_saved_as_text(tmp_path, strip):
    """The same page saved as text: no cell marks, the annex headings on lines among the numbers."""
    report = read_checked(page_as_text(edited(tmp_path, tables_in_annex_html), tmp_path / "annex.txt", strip=strip))
    assert report.cells == EXPECTED
    assert report.sections_seen == SECTION_KEYS
    assert not {"sections_out_of_order", "missing_section"} & set(codes(report))


def test_annex_of_a_2021_report_with_the_2019_label(tmp_path):
    def edit(soup):
        tables_in_annex_html(soup)
        relabel(soup, "行政规范性文件", "规范性文件")

    for report in (read_checked(edited(tmp_path, edit)),
                   read_checked(tables_in_annex_docx(tmp_path / "annex.docx", "规范性文件"))):
        assert report.template == "v2021" and report.cells == EXPECTED
        [note] = [f for f in report.findings if f.code == "label_other_template"]
        assert (note.severity, note.found, note.expected) == ("info", "规范性文件", "行政规范性文件")


def test_annex_headings_are_not_section_headings():
    from gikkit.sections import heading_section, is_annex_heading
    v21 = schema.template("v2021")
    assert [heading_section(h, v21) for h in ANNEX_HEADINGS] == [None, None, None]
    assert [heading_section(s["heading_zh"], v21)["key"] for s in v21.sections] == SECTION_KEYS
    assert is_annex_heading("附件：") and is_annex_heading("附件1") and not is_annex_heading("附件中的表格见下")


def t4_with_note_html(note: list[str], after_header: bool):
    def edit(soup):
        rows = soup.find_all("table")[2].find_all("tr")
        tr = soup.new_tag("tr")
        for i, text in enumerate(note):
            td = soup.new_tag("td", colspan=str(15 - (len(note) - 1) if i == len(note) - 1 else 1))
            td.string = text
            tr.append(td)
        (rows[2] if after_header else rows[3]).insert_after(tr)
    return edit


@pytest.mark.parametrize("after_header", [True, False], ids=["under-header", "after-values"])
@pytest.mark.parametrize("note", NOTE_ROWS, ids=["zhu", "beizhu", "beizhu-placeholder"])
def test_note_row_in_table_four_of_a_web_page(tmp_path, note, after_header):
    report = read_checked(edited(tmp_path, t4_with_note_html(note, after_header)))
    assert report.cells == EXPECTED
    assert not {"stray_row", "short_row", "extra_values"} & set(codes(report))


@pytest.mark.parametrize("after_header", [True, False], ids=["under-header", "after-values"])
@pytest.mark.parametrize("note", NOTE_ROWS, ids=["zhu", "beizhu", "beizhu-placeholder"])
def test_note_row_in_table_four_of_a_word_file(tmp_path, note, after_header):
    document = docx.Document(DOCX)
    table = document.tables[2]
    row = table.add_row()  # a copy of the last row's shape, moved where the note goes
    anchor = table.rows[2 if after_header else 3]._tr
    anchor.addnext(row._tr)
    cells = row.cells
    merged = cells[len(note) - 1].merge(cells[-1])
    for cell, text in zip([*cells[:len(note) - 1], merged], note):
        cell.text = text
    path = tmp_path / "note.docx"
    document.save(path)
    report = read_checked(path)
    assert report.cells == EXPECTED
    assert not {"stray_row", "short_row", "extra_values"} & set(codes(report))


def test_a_figure_in_a_note_row_is_kept_in_a_finding(tmp_path):
    """A note row holding a bare figure is not a note the reader can skip: the figure goes in a finding."""
    report = read_checked(edited(tmp_path, t4_with_note_html(["备注", "3"], after_header=False)))
    assert report.cells == EXPECTED
    [stray] = [f for f in report.findings if f.code == "stray_row"]
    assert stray.found == {"labels": ["备注"], "values": ["3"]}
