"""Plain text that lost its cell marks: a web page saved as text, text copied out of a PDF.

The inputs are made here from the shared fixtures, the way people make them: BeautifulSoup's
get_text (every text node on a line, as page archivers write it) and pdfplumber's extract_text.
"""
from __future__ import annotations

import json
from pathlib import Path

import pdfplumber
import pytest
from bs4 import BeautifulSoup

import gikkit
from gikkit.readers import read_document
from number_accounting import accounted_numbers, printed_numbers
from fixture_paths import FIXTURES

FIXTURES = FIXTURES


def expected(name: str) -> dict:
    return json.loads(next(FIXTURES.glob(f"*/{name}.expected.json")).read_text("utf-8"))


def page_as_text(html_path: Path, out: Path, *, strip: bool) -> Path:
    soup = BeautifulSoup(html_path.read_text("utf-8"), "lxml")
    for tag in soup(["script", "style"]):
        tag.decompose()
    text = soup.get_text("\n")
    if strip:
        text = "\n".join(line.strip() for line in text.splitlines() if line.strip())
    out.write_text(text, "utf-8")
    return out


def pdf_as_text(pdf_path: Path, out: Path) -> Path:
    with pdfplumber.open(pdf_path) as pdf:
        out.write_text("\n".join(page.extract_text() for page in pdf.pages), "utf-8")
    return out


@pytest.mark.parametrize("name", ["pingtan-2019", "huaian-city-2024"])
@pytest.mark.parametrize("strip", [False, True])
def test_saved_web_page_text_reads_like_the_page(name, strip, tmp_path):
    path = page_as_text(FIXTURES / "rendered" / f"{name}.html", tmp_path / f"{name}.txt", strip=strip)
    report, want = gikkit.read(path), expected(name)
    assert report.format == "text"
    assert {k: report.cells.get(k) for k in want["cells"]} == want["cells"]
    assert (report.agency, report.year, report.template) == (want["agency"], want["year"], want["template"])
    assert report.published == gikkit.read(FIXTURES / "rendered" / f"{name}.html").published
    assert not [f for f in report.findings if f.severity == "error"]


def test_words_of_a_split_header_are_rejoined(tmp_path):
    path = page_as_text(FIXTURES / "rendered" / "pingtan-2019.html", tmp_path / "p.txt", strip=True)
    rows = [r for t in read_document(path).tables for r in t.rows]
    assert ["信息内容", "本年新制作数量", "本年新公开数量", "对外公开总数量"] in rows
    t4_header = next(r for r in rows if "行政复议" in r)
    assert t4_header[:2] == ["行政复议", "行政诉讼"] and t4_header.count("结果维持") == 3


def test_text_copied_out_of_a_pdf(tmp_path):
    path = pdf_as_text(FIXTURES / "real" / "huaian-city-2024.pdf", tmp_path / "huaian.txt")
    report, want = gikkit.read(path), expected("huaian-city-2024")
    assert report.cells == want["cells"]
    assert (report.agency, report.year, report.template) == ("淮安市人民政府", 2024, "v2021")


def test_pdf_text_with_labels_beside_their_numbers_loses_nothing(tmp_path):
    """洪泽's PDF centres long labels vertically, so its text puts some labels after their numbers.
    Rows that cannot be told apart are not guessed: their numbers end in findings."""
    path = pdf_as_text(FIXTURES / "real" / "hongze-district-2024.pdf", tmp_path / "hongze.txt")
    report, want = gikkit.read(path), expected("hongze-district-2024")["cells"]
    wrong = {ref: value for ref, value in report.cells.items() if value is not None and value != want.get(ref)}
    assert not wrong, "a value placed in the wrong cell"
    assert report.cells["t3.new_received.total"] == 95 and report.cells["t4.litigation_after_review.total"] == 3
    assert printed_numbers(path) == accounted_numbers(report)


def unruled_pdf(text_path: Path, out: Path) -> Path:
    """A PDF whose tables are text set in columns, with no ruling lines (as some word processors print)."""
    from reportlab.lib.pagesizes import A4
    from reportlab.pdfbase import pdfmetrics
    from reportlab.pdfbase.cidfonts import UnicodeCIDFont
    from reportlab.pdfgen import canvas

    pdfmetrics.registerFont(UnicodeCIDFont("STSong-Light"))
    pdf = canvas.Canvas(str(out), pagesize=A4)
    y = A4[1] - 50
    for line in text_path.read_text("utf-8").splitlines():
        if y < 50:
            pdf.showPage()
            y = A4[1] - 50
        x = 40
        for i, word in enumerate(line.split()):
            pdf.setFont("STSong-Light", 7)
            pdf.drawString(x, y, word)
            x += max(pdfmetrics.stringWidth(word, "STSong-Light", 7) + 8, 30 if i else 0)
        y -= 12
    pdf.save()
    return out


def test_pdf_without_ruling_lines_is_read_from_its_text(tmp_path):
    from gikkit.document import Table

    plain = Path(__file__).resolve().parent / "data" / "readers" / "huaian-2024-plain.txt"
    path = unruled_pdf(plain, tmp_path / "unruled.pdf")
    doc = read_document(path)
    assert doc.format == "pdf" and doc.notes and any(isinstance(b, Table) for b in doc.blocks)
    report = gikkit.read(path)
    assert report.cells == expected("huaian-city-2024")["cells"]
    assert (report.agency, report.year, report.template) == ("淮安市人民政府", 2024, "v2021")
