"""The HTML reader's lxml tree keeps the text rules the reader was written against (gikkit.readers.html_tree)."""
from __future__ import annotations

import re
from pathlib import Path

import gikkit
from gikkit.readers import read_document
from gikkit.readers.html import fragment_grids

DATA = Path(__file__).resolve().parent.parent / "data"
PAGE = DATA / "jianglin-city-2021.html"


def _same_report(a, b) -> None:
    assert a.cells == b.cells
    assert a.cell_info == b.cell_info
    assert [f.to_dict() for f in a.findings] == [f.to_dict() for f in b.findings]


def _variant(tmp_path: Path, edit) -> Path:
    path = tmp_path / PAGE.name
    path.write_text(edit(PAGE.read_text("utf-8")), "utf-8")
    return path


def test_ruby_and_template_text_is_not_page_text(tmp_path):
    """Ruby annotations and <template> content are not read: the page reads as without them."""
    def edit(page: str) -> str:
        page = page.replace("<span>行政许可</span>", "<span><ruby>行政许可<rt>xíng zhèng xǔ kě 9</rt></ruby></span>", 1)
        spare = re.search(r"<table.*?</table>", page, re.S).group(0).replace(">16802<", ">99999<")
        return page.replace("<body>", f"<body><template>{spare}</template>", 1)

    path = _variant(tmp_path, edit)
    doc = read_document(path)
    assert not any("xíng" in "".join(c or "" for row in t.rows for c in row) for t in doc.tables)
    assert not any("99999" in (c or "") for t in doc.tables for row in t.rows for c in row)
    _same_report(gikkit.read(path), gikkit.read(PAGE))


def test_layout_whitespace_folds_as_before(tmp_path):
    """A newline inside a run of CJK text joins it; a whitespace-only run between elements is one space."""
    def edit(page: str) -> str:
        return page.replace("<table", "<p>主动\n  公开</p><p><b>依申请</b>   \n  <b>公开</b></p><table", 1)

    paragraphs = read_document(_variant(tmp_path, edit)).paragraphs
    assert "主动公开" in paragraphs
    assert "依申请 公开" in paragraphs


def test_a_text_run_past_ten_megabytes_is_read_whole(tmp_path):
    """libxml2's tree builder cuts text runs at 10 MB unless told not to; the tables after such a run still read."""
    filler = "说明" * 2_700_000  # 5.4 M characters, 16 MB of UTF-8: under HTML_BYTES
    path = _variant(tmp_path, lambda page: page.replace("<table", f"<p>{filler}</p><table", 1))
    doc = read_document(path)
    assert any(len(p) == len(filler) for p in doc.paragraphs)
    _same_report(gikkit.read(path), gikkit.read(PAGE))


def test_an_html_table_fragment_lays_out_as_the_page_reader_does():
    """Markdown converters' <table>s go through fragment_grids: the same grid the HTML reader gives."""
    page = PAGE.read_text("utf-8")
    tables = re.findall(r"<table.*?</table>", page, re.S)
    page_grids = [t.rows for t in read_document(PAGE).tables]
    for html_table in tables:
        [grid] = fragment_grids(html_table)
        assert grid in page_grids
    layout = f"<table><tr><td>{tables[0]}</td><td>{tables[1]}</td></tr></table>"
    assert fragment_grids(layout) == [page_grids[0], page_grids[1]]  # a layout table: its inner tables read
