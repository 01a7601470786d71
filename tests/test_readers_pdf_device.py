"""gikkit's faster PDF steps give exactly what pdfplumber gives.

- ``pdf_device``: the characters built straight from the interpreter are pdfplumber's own
  ``page.objects`` (every kind, every dict, keys in the same order, values alike to the last bit),
  on the real PDFs, generated reports, and PDFs built here to reach the rare paths: marked content
  (a tag landing on a character through an empty path), a MediaBox not at the origin, rotated
  text, character and word spacing, scaling and rise, a form XObject, a code without a Unicode
  mapping, a vertical CJK font, Unicode normalisation.
- ``pdf_cells``: the table finder's cells are pdfplumber's, on every page, filtered or not.
- ``pdf_celltext``: a cell's text is ``extract_text``'s, on every table cell of those PDFs and on
  runs of their characters moved, blanked, rotated and shuffled at random.
"""
from __future__ import annotations

import sys
from pathlib import Path

import pdfplumber
import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from pdfminer.layout import LTChar
from pdfplumber.table import TableFinder, TableSettings
from pdfplumber.table import intersections_to_cells as plumber_cells
from pdfplumber.utils import extract_text
from reportlab.pdfbase import pdfmetrics
from reportlab.pdfbase.cidfonts import UnicodeCIDFont
from reportlab.pdfgen import canvas

import hostile_recipes as hr
from fixture_paths import FIXTURES
from gikkit.readers.pdf_cells import intersections_to_cells
from gikkit.readers.pdf_celltext import cell_text
from gikkit.readers.pdf_chars import fast_chars
from gikkit.readers.pdf_device import FontCache
from gikkit.readers.pdf_interp import read_layout
from gikkit.readers.pdf_tables import TABLE_SETTINGS, missing_rules, visible_edge
from scan_builder import make_scan

sys.path.insert(0, str(Path(__file__).resolve().parents[1] / "scripts"))
import make_corpus  # noqa: E402

REAL = sorted((FIXTURES / "real").glob("*.pdf")) + sorted((Path(__file__).resolve().parents[1] / "data").glob("*.pdf"))

ODD_PAGE = (
    b"/P <</MCID 0>> BDC BT /F1 12 Tf 72 720 Td (Hello, world) Tj ET EMC\n"
    b"/Span <</MCID 1>> BDC 10 10 m 100 10 l S EMC\n"
    b"BT /F1 10 Tf 72 700 Td (A) Tj ET /X <</MCID 5>> BDC S EMC\n"  # an empty path: the tag lands on the "A"
    b"BT /F1 11 Tf 0 1 -1 0 300 300 Tm (Rotated) Tj ET\n"
    b"0.5 0.2 0.1 rg BT /F1 9 Tf 2 Tc 5 Tw 80 Tz 3 Ts 72 680 Td (a b  c) Tj [(W) -500 (X) 250 (Y)] TJ ET\n"
    b"BT /F1 9 Tf 72 660 Td (\\001\\002 odd) Tj ET\n"
    b"q 1 0 0 1 50 -40 cm /Fm Do Q\n"
    b"0 0 1 RG 20 30 100 50 re S 200 200 m 250 260 l 300 200 l h f\n"
)


def odd_pdf(path: Path) -> Path:
    """A two-page PDF of the rare cases (the second page rotated), its MediaBox not at the origin."""
    objects = {
        1: b"<< /Type /Catalog /Pages 2 0 R >>",
        2: b"<< /Type /Pages /Kids [3 0 R 6 0 R] /Count 2 >>",
        3: b"<< /Type /Page /Parent 2 0 R /MediaBox [20 30 615 872] /Resources 7 0 R /Contents 5 0 R >>",
        4: hr.FONT,
        5: hr.stream(ODD_PAGE),
        6: b"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 595 842] /Rotate 90 /Resources 7 0 R /Contents 5 0 R >>",
        7: b"<< /Font << /F1 4 0 R >> /XObject << /Fm 8 0 R >> >>",
        8: hr.stream(b"BT /F1 8 Tf 10 10 Td (inside a form) Tj ET 0 0 m 30 0 l S",
                     b"/Type /XObject /Subtype /Form /BBox [0 0 200 100] /Resources << /Font << /F1 4 0 R >> >> "),
    }
    return hr.raw_pdf(path, objects)


def vertical_pdf(path: Path) -> Path:
    """CJK text in a vertical font, between lines in a horizontal one."""
    pdfmetrics.registerFont(UnicodeCIDFont("STSong-Light"))
    upright = UnicodeCIDFont("STSong-Light", isVertical=True)
    upright.name = upright.fontName = "STSong-Light-V"  # its own name: the horizontal one keeps the face's
    pdfmetrics.registerFont(upright)
    c = canvas.Canvas(str(path), pagesize=(595, 842))
    c.setFont("STSong-Light", 12)
    c.drawString(72, 760, "政府信息公开工作年度报告")
    c.setFont("STSong-Light-V", 12)
    c.drawString(300, 700, "竖排文字")
    c.setFont("STSong-Light", 12)
    c.drawString(72, 600, "（一）主动公开")
    c.showPage()
    c.save()
    return path


@pytest.fixture(scope="module")
def pdfs(tmp_path_factory) -> list[Path]:
    tmp = tmp_path_factory.mktemp("pdfs")
    make_corpus.make(6, tmp / "corpus", formats=("pdf",))
    built = [odd_pdf(tmp / "odd.pdf"), vertical_pdf(tmp / "vertical.pdf"), make_scan(REAL[0], tmp / "scan.pdf", pages=[1]),
             hr.pdf_xobject_fanout(tmp / "fanout.pdf", levels=3, fanout=3)]
    return REAL + sorted((tmp / "corpus").rglob("*.pdf")) + built


def exactly(objects: dict) -> list:
    """Page objects as a comparable value: kinds and keys in order, values by repr (types and every bit)."""
    return [(kind, [[(k, repr(v)) for k, v in d.items()] for d in items]) for kind, items in objects.items()]


def pages_read(path: Path, ours: bool, **options) -> list:
    fonts = FontCache()
    with pdfplumber.open(path, **options) as pdf:
        out = []
        for page in pdf.pages:
            if ours:
                fast_chars(page)
                read_layout(page, fonts)
            out.append(exactly(page.objects))
        return out


def test_characters_from_the_interpreter_are_pdfplumbers_objects(pdfs):
    for path in pdfs:
        assert pages_read(path, True) == pages_read(path, False), path


def test_the_rare_paths_are_exercised(pdfs):
    odd, vertical = pdfs[-4], pdfs[-3]
    with pdfplumber.open(odd) as pdf:
        page = pdf.pages[0]
        read_layout(page, FontCache())
        chars = page.chars
        assert page.mediabox[0] == 20 and chars[0]["x0"] > 20
        assert {c["mcid"] for c in chars} >= {0, 5, None}  # the empty path's tag reached the "A"
        assert any(not c["upright"] for c in chars) and any(c["text"].startswith("(cid:") for c in chars)
        assert any(c["text"] == "e" for c in chars) and page.lines and page.rects and page.curves
    with pdfplumber.open(vertical) as pdf:
        page = pdf.pages[0]
        read_layout(page, FontCache())
        assert {c["text"] for c in page.chars} >= {"竖", "政"}
        assert any(isinstance(o, LTChar) for o in page.layout._objs)  # the vertical font went pdfminer's way
    assert pages_read(odd, True, unicode_norm="NFKC") == pages_read(odd, False, unicode_norm="NFKC")


def test_cells_are_pdfplumbers(pdfs):
    for path in pdfs:
        with pdfplumber.open(path) as pdf:
            for page in pdf.pages:
                for view in (page, page.filter(visible_edge)):
                    for table_settings in ({**TABLE_SETTINGS, "explicit_horizontal_lines": missing_rules(view.edges)}, None):
                        crossings = TableFinder(view, TableSettings.resolve(table_settings)).intersections
                        assert intersections_to_cells(crossings) == plumber_cells(crossings), path


def _cell_char_lists(paths: list[Path]) -> list[list[dict]]:
    lists = []
    for path in paths:
        with pdfplumber.open(path) as pdf:
            for page in pdf.pages:
                chars = page.chars
                lists.append(chars)
                for table in page.filter(visible_edge).find_tables(TABLE_SETTINGS):
                    for row in table.rows:
                        for x0, top, x1, bottom in filter(None, row.cells):
                            lists.append([c for c in chars if x0 <= (c["x0"] + c["x1"]) / 2 < x1
                                          and top <= (c["top"] + c["bottom"]) / 2 < bottom])
    return lists


def test_cell_text_is_extract_texts(pdfs):
    lists = _cell_char_lists(pdfs)
    assert sum(1 for chars in lists if "\n" in extract_text(chars)) > 10  # cells of several lines are among them
    for chars in lists:
        assert cell_text(chars) == extract_text(chars)


_REAL_CHARS = [c for chars in _cell_char_lists(REAL[:2]) for c in chars]


@st.composite
def edited_run(draw):
    """A run of real characters, some moved by amounts around the 3-point tolerances, blanked, rotated, shuffled."""
    start = draw(st.integers(0, len(_REAL_CHARS) - 1))
    run = [dict(c) for c in _REAL_CHARS[start : start + draw(st.integers(1, 40))]]
    for c in run:
        edit = draw(st.sampled_from(["none", "none", "top", "x0", "text", "upright"]))
        if edit == "top":
            c["top"] += draw(st.sampled_from([-3, 3, 2.9999, 3.0001, -6, 0.5, -0.0]))
        elif edit == "x0":
            c["x0"] += draw(st.sampled_from([-3, 3, 3.0001, 10, -0.0]))
        elif edit == "text":
            c["text"] = draw(st.sampled_from([" ", "", "\u3000", "\ufb01", "\t", "x"]))
        elif edit == "upright":
            c["upright"] = False
    return draw(st.permutations(run)) if draw(st.booleans()) else run


@settings(max_examples=400, deadline=None, suppress_health_check=list(HealthCheck))
@given(edited_run())
def test_edited_runs_of_characters_read_as_extract_text_reads_them(chars):
    assert cell_text(chars) == extract_text(chars)
