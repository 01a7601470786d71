"""The text reader: Word's text export (tab cells) and plain text (cells split on spaces)."""
from __future__ import annotations

import json
from pathlib import Path

import gikkit
from gikkit.readers import read_document
from fixture_paths import FIXTURES

HERE = Path(__file__).resolve().parent
PLAIN = HERE / "data" / "readers" / "huaian-2024-plain.txt"
EXPECTED = json.loads((FIXTURES / "rendered/huaian-city-2024.expected.json").read_text("utf-8"))


def test_word_text_export_cells(seed_path):
    doc = read_document(seed_path)
    assert doc.format == "word-text"
    header = next(r for t in doc.tables for r in t.rows if "科研机构" in r)
    assert "商业\n企业" in header  # a cell wrapped onto a second line stays one cell


def test_plain_text_report(tmp_path):
    report = gikkit.read(PLAIN)
    assert report.format == "text"
    assert report.cells == EXPECTED["cells"]
    assert (report.agency, report.year, report.template, report.published) == ("淮安市人民政府", 2024, "v2021", "2025-01-20")
    assert report.sections["s5_problems_improvements"] == "公开内容的深度仍需加强，下一年度将进一步完善工作机制。"
    assert not [f for f in report.findings if f.severity == "error"]


def test_plain_text_rows_keep_group_and_row_labels_apart():
    rows = [r for t in read_document(PLAIN).tables for r in t.rows]
    assert ["（三）不予公开", "1.属于国家秘密", "2", "0", "0", "0", "0", "0", "2"] in rows
    t4_header = next(r for r in rows if r[:2] == ["行政复议", "行政诉讼"])  # header lines are a row, not prose
    assert "复议后起诉" in t4_header and not any(c.isdigit() for c in "".join(t4_header))


def test_plain_text_in_gb18030_with_crlf(tmp_path):
    path = tmp_path / "plain-gbk.txt"
    path.write_bytes(PLAIN.read_text("utf-8").replace("\n", "\r\n").encode("gb18030"))
    report = gikkit.read(path)
    assert report.cells == EXPECTED["cells"]
