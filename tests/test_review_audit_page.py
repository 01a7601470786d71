"""The exported audit page shows each finding's review status from the reviews file beside the data."""
from __future__ import annotations

import shutil
import subprocess
import sys
from pathlib import Path

from bs4 import BeautifulSoup

DATA = Path(__file__).resolve().parent.parent / "data"
REPORTS = ("jianglin-education-2021.docx", "jianglin-education-2022.docx", "donghu-subdistrict-2019.txt",
           "donghu-subdistrict-2020.txt")


def test_the_exported_audit_page_shows_each_decision(tmp_path):
    inputs = tmp_path / "in"
    inputs.mkdir()
    for name in (*REPORTS, "reviews.csv"):
        shutil.copyfile(DATA / name, inputs / name)
    out = tmp_path / "site"
    run = subprocess.run([sys.executable, "-m", "gikkit.cli", "export", str(inputs), "--out", str(out)],
                         capture_output=True, text=True, timeout=600)
    assert run.returncode == 0, run.stderr
    page = BeautifulSoup((out / "audit.html").read_text("utf-8"), "html.parser")
    rows = [[td.get_text(" ", strip=True) for td in tr.find_all("td")] for tr in page.find_all("tr")]
    decided = [r for r in rows if len(r) == 8]

    def status_of(agency, year, code, note_part):
        (row,) = [r for r in decided if r[:2] == [agency, year] and r[3] == code and note_part in r[6]]
        return row[5]

    # two decisions of data/reviews.csv on these reports: a confirmed blank cell, a dismissed knock-on
    assert status_of("江临市江北区东湖街道办事处", "2020", "blank_cell", "空白不能按 0 理解") == "已确认"
    assert status_of("江临市教育局", "2022", "text_figure_mismatch", "正文 82 件") == "已排除"
    assert any(r[5] == "未处理" and r[6] == "" for r in decided)  # findings nobody decided on are shown as new
