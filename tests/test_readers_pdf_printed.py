"""Web pages printed to PDF by a browser (what a user gets from "Print > Save as PDF"), read back.

Chromium prints the page with Noto CJK, whose text layer gives Kangxi radicals ("⼀", "⾏", "⻚")
for some characters, sets the year's digits lower than the Chinese around them, and does not
repeat a table's border at the top of a new page. The pages are the shared HTML fixtures and the
seed's figures in the official layout (see test_readers_seed_layouts).
"""
from __future__ import annotations

import json

import pytest
from playwright.sync_api import sync_playwright

import gikkit
from browser import launch
from gikkit.readers.radicals import fold_radicals
from number_accounting import accounted_numbers, printed_numbers
from test_readers_seed_layouts import WANT as SEED_WANT
from test_readers_seed_layouts import as_html as seed_as_html
from test_recognize_layouts import edited, with_subtotal_column
from fixture_paths import FIXTURES

RENDERED = FIXTURES / "rendered"
LETTER = {"format": "Letter", "margin": {"top": "2cm", "bottom": "2cm", "left": "1.5cm", "right": "1.5cm"},
          "display_header_footer": True}
# page -> (HTML source name, print options): A4 as browsers default to, landscape (表二 blocks cut at a
# page break), Letter with margins and a running header and footer, A5
PRINTS = {"seed": ("seed", {"format": "A4"}), "huaian-city-2024": ("huaian-city-2024", {"format": "A4"}),
          "pingtan-2019": ("pingtan-2019", {"format": "A4"}),
          "pingtan-2019-landscape": ("pingtan-2019", {"format": "A4", "landscape": True}),
          "huaian-subtotal-letter": ("huaian-subtotal", LETTER),
          "huaian-city-2024-a5": ("huaian-city-2024", {"format": "A5"})}  # 表三's first header row left on the page before
CSS = "table{border-collapse:collapse} td,th{border:1px solid #000;padding:2px}"


@pytest.fixture(scope="module")
def printed(tmp_path_factory):
    """name -> (PDF path, expected) for every page, printed in one browser session."""
    folder = tmp_path_factory.mktemp("printed")
    huaian = json.loads((RENDERED / "huaian-city-2024.expected.json").read_text("utf-8"))
    pages = {"seed": (seed_as_html(folder / "seed.html"), SEED_WANT),
             "huaian-subtotal": (edited(folder, with_subtotal_column), huaian)}
    for name in ("huaian-city-2024", "pingtan-2019"):
        pages[name] = (RENDERED / f"{name}.html", json.loads((RENDERED / f"{name}.expected.json").read_text("utf-8")))
    out = {}
    with sync_playwright() as p:
        browser = launch(p)
        page = browser.new_page()
        for name, (source, options) in PRINTS.items():
            html, want = pages[source]
            page.goto(html.as_uri())
            page.add_style_tag(content=CSS)
            pdf = folder / f"{name}.pdf"
            page.pdf(path=str(pdf), **options)
            out[name] = (pdf, want)
        browser.close()
    return out


@pytest.mark.parametrize("name", list(PRINTS))
def test_page_printed_to_pdf_reads_like_the_page(printed, name):
    pdf, want = printed[name]
    report = gikkit.read(pdf)
    assert report.format == "pdf"
    assert report.cells == want["cells"]
    assert (report.agency, report.year, report.template) == (want["agency"], want["year"], want["template"])
    assert printed_numbers(pdf) == accounted_numbers(report)
    assert not [f for f in report.findings if f.code in ("missing_section", "unread_cells", "missing_table")]


def test_radicals_fold_to_the_characters_they_stand_for():
    assert fold_radicals("⼀、总体情况") == "一、总体情况"
    assert fold_radicals("淮安市⼈⺠政府 ⾸⻚ ⻓江") == "淮安市人民政府 首页 长江"
    assert fold_radicals("氵讠") == "氵讠"  # components stand for no character


@pytest.mark.parametrize("name", ["huaian-city-2024", "pingtan-2019", "pingtan-2019-landscape", "huaian-subtotal-letter"])
def test_text_copied_out_of_a_printed_pdf(printed, name, tmp_path):
    """The year's digits come out on a line of their own, the title may wrap, a running header
    carries the print date: agency and year are still found."""
    from test_readers_text_stream import pdf_as_text

    pdf, want = printed[name]
    path = pdf_as_text(pdf, tmp_path / f"{name}.txt")
    report = gikkit.read(path)
    assert (report.agency, report.year, report.template) == (want["agency"], want["year"], want["template"])
    assert report.cells == want["cells"]
    assert printed_numbers(path) == accounted_numbers(report)
