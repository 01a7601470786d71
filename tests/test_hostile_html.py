"""Hostile and broken web pages end in a GikkitError with a reason of their own (or read), quickly and in little memory."""
from __future__ import annotations

import pytest

import gikkit
from gikkit.errors import LimitExceededError, NoReportTablesError
from gikkit.limits import HTML_DEPTH, SPAN_AREA
from gikkit.readers.encoding import decode

import hostile_recipes as R


@pytest.mark.parametrize("make", [R.html_nested_tables, R.html_nested_spans],
                         ids=["1000-nested-tables", "50000-nested-spans"])
def test_deep_nesting_is_refused_not_a_recursion_error(tmp_path, make):
    path = make(tmp_path / "deep.html")
    error = R.read_error(path)
    assert isinstance(error, LimitExceededError)
    assert f"nested more than {HTML_DEPTH} deep" in error.problem


def test_nesting_within_the_limit_still_reads(tmp_path):
    path = R.html_nested_tables(tmp_path / "nested.html", depth=20)
    error = R.read_error(path)
    assert isinstance(error, NoReportTablesError)  # read through to recognition, not refused


def test_huge_spans_are_refused_before_they_fill_memory(tmp_path):
    path = R.html_huge_spans(tmp_path / "spans.html")  # 100 rows of rowspan=200 colspan=200
    error = R.read_error(path, seconds=4)
    assert isinstance(error, LimitExceededError)
    assert "spanning 200 rows x 200 columns" in error.problem and f"{SPAN_AREA:,}" in error.problem


def test_many_cells_are_refused(tmp_path):
    """Spans within the per-cell limit, but a table of millions of positions."""
    row = "<tr>" + "<td colspan=40>1</td>" * 50 + "</tr>"
    path = R.html(tmp_path / "wide.html", "<table>" + row * 60 + "</table>")
    error = R.read_error(path)
    assert isinstance(error, LimitExceededError) and "cells" in error.problem


def test_a_page_declaring_punycode_is_read_as_text(tmp_path):
    """<meta charset="punycode"> made Python's codec raise a bare UnicodeError; the declaration is ignored."""
    path = R.html_punycode(tmp_path / "punycode.html")
    with pytest.raises(UnicodeError):
        path.read_bytes().decode("punycode")  # the recipe does trip the codec
    error = R.read_error(path)
    assert isinstance(error, NoReportTablesError)  # decoded fine; just no report in it
    text, encoding = decode(path.read_bytes(), path, declared="punycode")
    assert encoding == "utf-8" and "政府信息公开" in text


@pytest.mark.parametrize("bom", [True, False], ids=["utf-32-bom", "utf-32-le-no-bom"])
def test_a_utf32_page_reads_like_its_utf8_original(tmp_path, bom):
    path = R.utf32_page(tmp_path / "pingtan.html", bom=bom)
    report = gikkit.read(path, timeout=R.SECONDS, memory=R.MEMORY)
    original = gikkit.read(R.HTML)
    assert report.cells == original.cells and report.agency == original.agency


def test_a_big_page_is_refused_by_size(tmp_path):
    from gikkit.limits import HTML_BYTES

    path = tmp_path / "big.html"
    with open(path, "wb") as f:
        f.write(b"<html><body><p>")
        f.truncate(HTML_BYTES + 100)
    error = R.read_error(path)
    assert isinstance(error, LimitExceededError) and "web page of more than" in error.problem


@pytest.mark.parametrize("encoding", ["utf-32", "utf-32-le", "utf-32-be"])
def test_a_utf32_text_file_reads_like_its_utf8_original(tmp_path, seed_path, encoding):
    path = tmp_path / "seed.txt"
    path.write_bytes(seed_path.read_text("utf-8").encode(encoding))
    assert gikkit.read(path).cells == gikkit.read(seed_path).cells
