"""Notices: a 问题清单 per agency (DOCX and PDF) holding each open finding, and the roll-up naming missing units."""
from __future__ import annotations

import csv
import re
import shutil
import subprocess
import sys
from pathlib import Path

import docx
import pdfplumber
import pytest

import gikkit
from gikkit.checks import check
from gikkit.review import decide, review, write_notices

DATA = Path(__file__).resolve().parent.parent / "data"
FILES = ["jianglin-education-2021.docx", "jianglin-education-2022.docx", "donghu-subdistrict-2020.txt",
         "jianglin-environment-2022.pdf", "jianglin-environment-2023.pdf"]
MISSING_UNIT = "江临市江北区西湖街道办事处"


def _squash(text: str) -> str:
    return re.sub(r"\s+", "", text)  # a PDF wraps Chinese lines anywhere


def docx_text(path: Path) -> str:
    d = docx.Document(str(path))
    cells = [c.text for t in d.tables for row in t.rows for c in row.cells]
    return "\n".join([p.text for p in d.paragraphs] + cells)


def pdf_text(path: Path) -> str:
    with pdfplumber.open(path) as pdf:
        tables = [cell or "" for page in pdf.pages for t in page.extract_tables() for row in t for cell in row]
        return "\n".join([page.extract_text() or "" for page in pdf.pages] + tables)


@pytest.fixture(scope="module")
def reviewed(tmp_path_factory):
    """Five demo reports in a folder, checked; t3_balance of the education bureau dismissed."""
    folder = tmp_path_factory.mktemp("reports")
    for name in FILES:
        shutil.copy(DATA / name, folder / name)
    data = gikkit.read_many([folder], jobs=1)
    check(data)
    reviews = folder / "reviews.csv"
    frame = review(data, reviews).frame
    balance = frame[(frame["agency"] == "江临市教育局") & (frame["code"] == "t3_balance")].iloc[0]
    decide(reviews, balance, "dismissed", note="（七）总计多印 10 的连带结果", reviewer="张三")
    units = folder.parent / "units.csv"
    units.write_text("agency,level\n江临市教育局,department\n江临市生态环境局,department\n"
                     f"江临市江北区东湖街道办事处,township\n{MISSING_UNIT},township\n", "utf-8")
    out = folder.parent / "out"
    written = write_notices(data, out, decisions=reviews, expected=units)
    return data, review(data, reviews).frame, out, written


def test_each_agency_gets_a_docx_and_a_pdf(reviewed):
    data, _, out, written = reviewed
    agencies = {r.agency for r in data.reports}
    for agency in agencies:
        for suffix in (".docx", ".pdf"):
            assert (out / "notices" / f"{agency}-问题清单{suffix}") in written
    assert len([p for p in written if p.parent.name == "notices"]) == 2 * len(agencies)


@pytest.mark.parametrize("agency", ["江临市教育局", "江临市江北区东湖街道办事处", "江临市生态环境局"])
def test_a_notice_holds_each_open_finding_of_its_agency_and_no_other(reviewed, agency):
    _, frame, out, _ = reviewed
    mine = frame[frame["agency"] == agency]
    wanted = mine[mine["open"] & mine["severity"].isin(["error", "warning"])]
    left_out = mine[~mine["open"]]
    assert len(wanted) >= 2
    for suffix, read in ((".docx", docx_text), (".pdf", pdf_text)):
        text = _squash(read(out / "notices" / f"{agency}-问题清单{suffix}"))
        assert _squash(f"{agency}政府信息公开工作年度报告问题清单") in text
        for _, row in wanted.iterrows():
            assert _squash(row["message_zh"]) in text, (suffix, row["code"])
            assert row["key"] in text
        for _, row in left_out.iterrows():  # the dismissed finding is not sent
            assert row["key"] not in text
        others = frame[(frame["agency"] != agency) & frame["open"]]
        assert not any(k in text for k in others["key"])


def test_a_notice_shows_the_printed_figures_and_what_to_correct(reviewed):
    _, _, out, _ = reviewed
    text = _squash(pdf_text(out / "notices" / "江临市教育局-问题清单.pdf"))
    assert _squash("表三“（七）总计”行“总计”栏") in text  # the cell, in words
    assert "核对结果：应为82，报告为92" in text  # the figures as printed and as they add up
    assert "请更正：请逐项核对上列数字" in text
    donghu = _squash(docx_text(out / "notices" / "江临市江北区东湖街道办事处-问题清单.docx"))
    assert "空白" in donghu and "没有发生的填0，不要留空" in donghu


def test_the_roll_up_lists_every_unit_and_names_the_missing_one(reviewed):
    _, frame, out, _ = reviewed
    with open(out / "rollup-汇总.csv", encoding="utf-8-sig") as f:
        rows = {r["unit"]: r for r in csv.DictReader(f)}
    assert set(rows) == {"江临市教育局", "江临市生态环境局", "江临市江北区东湖街道办事处", MISSING_UNIT}
    assert rows[MISSING_UNIT]["reports"] == "0" and rows[MISSING_UNIT]["missing"] == "2020–2023"
    edu = frame[(frame["agency"] == "江临市教育局") & frame["open"] & (frame["severity"] == "error")]
    assert rows["江临市教育局"]["open_errors"] == str(len(edu)) == "2"  # t3_balance was dismissed
    assert rows["江临市教育局"]["missing"] == "2020、2023"  # reported 2021 and 2022 of 2020-2023
    for suffix, read in ((".docx", docx_text), (".pdf", pdf_text)):
        text = _squash(read(out / f"rollup-汇总{suffix}"))
        assert MISSING_UNIT in text and "缺报年度" in text


def test_gikkit_notice_on_the_command_line(tmp_path):
    folder = tmp_path / "reports"
    folder.mkdir()
    shutil.copy(DATA / "jianglin-education-2022.docx", folder)
    shutil.copy(DATA / "reviews.csv", folder)  # found beside the data without --reviews
    units = tmp_path / "units.csv"
    units.write_text(f"agency\n江临市教育局\n{MISSING_UNIT}\n", "utf-8")
    result = subprocess.run([sys.executable, "-m", "gikkit.cli", "notice", str(folder), "--out", str(tmp_path / "out"),
                             "--expected", str(units), "--formats", "docx"], capture_output=True, text=True, timeout=300)
    assert result.returncode == 0, result.stderr
    assert "reviews.csv" in result.stderr
    text = docx_text(tmp_path / "out" / "notices" / "江临市教育局-问题清单.docx")
    assert "t3_outcome_total" in text and "已确认" in text  # confirmed in data/reviews.csv
    assert "t3_balance" not in text  # dismissed there
    assert not (tmp_path / "out" / "notices" / "江临市教育局-问题清单.pdf").exists()
    assert MISSING_UNIT in docx_text(tmp_path / "out" / "rollup-汇总.docx")
