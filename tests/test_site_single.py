"""A one-report export in English, printed to PDF: no compare or audit page, English pages, a PDF per report."""
from __future__ import annotations

import re
import shutil
import subprocess
import sys
import unicodedata
from pathlib import Path

import pdfplumber
import pytest
from bs4 import BeautifulSoup

import gikkit

ROOT = Path(__file__).resolve().parent.parent
NAME = "donghu-subdistrict-2020.txt"


@pytest.fixture(scope="module")
def site(tmp_path_factory):
    inputs = tmp_path_factory.mktemp("one")
    shutil.copyfile(ROOT / "data" / NAME, inputs / NAME)
    out = tmp_path_factory.mktemp("site")
    run = subprocess.run([sys.executable, "-m", "gikkit.cli", "export", str(inputs), "--out", str(out), "--lang", "en",
                          "--pdf"], capture_output=True, text=True, timeout=600)
    assert run.returncode == 0, run.stderr
    return gikkit.read(inputs / NAME), out


def test_one_report_makes_no_compare_or_audit_page(site):
    _, out = site
    assert not (out / "compare.html").exists() and not (out / "audit.html").exists()
    index = BeautifulSoup((out / "index.html").read_text("utf-8"), "html.parser")
    assert not index.select("ul.overview") and len(index.select("table.reports tbody tr")) == 1


def test_lang_en_makes_english_pages(site):
    report, out = site
    page = out / "reports" / f"{Path(NAME).stem}.html"
    for path in (out / "index.html", page):
        doc = BeautifulSoup(path.read_text("utf-8"), "html.parser")
        assert doc.html["lang"] == "en"
    doc = BeautifulSoup(page.read_text("utf-8"), "html.parser")
    assert doc.select_one("header nav a").get_text() == "← Index"
    table = doc.select_one("table.findings")
    assert [th.get_text() for th in table.select("thead th")] == ["Severity", "Rule", "What was found",
                                                                  "Explanation and cells"]
    blank = next(tr for tr in table.select("tbody tr") if "blank cell" in tr.get_text())
    assert "A blank is not a zero" in blank.find("details").get_text()
    assert "Table 3, (7) Total outcomes · Social public-welfare organizations" in table.get_text()
    coverage = BeautifulSoup((out / "index.html").read_text("utf-8"), "html.parser").select_one("td.coverage").get_text()
    read, total = report.coverage_counts
    assert coverage == ("100%" if read == total else f"{min(read / total * 100, 99.9):.1f}%")


def test_each_report_page_is_printed_to_pdf_with_agency_year_and_page_numbers(site):
    report, out = site
    pdf = out / "pdf" / f"{Path(NAME).stem}.pdf"
    with pdfplumber.open(pdf) as doc:
        pages = [unicodedata.normalize("NFKC", p.extract_text() or "") for p in doc.pages]
    assert len(pages) >= 2
    assert all(f"{report.agency} {report.year}" in text for text in pages)  # the header of every page
    assert all(re.search(rf"\b{i} / {len(pages)}\s*$", text) for i, text in enumerate(pages, 1))  # the footer
    index = BeautifulSoup((out / "index.html").read_text("utf-8"), "html.parser")
    assert index.select_one("td.file a")["href"] == f"pdf/{pdf.name}"
