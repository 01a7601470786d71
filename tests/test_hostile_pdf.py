"""Hostile and broken PDFs end in a GikkitError with a reason of their own, quickly and in little memory."""
from __future__ import annotations

import pytest

import gikkit
from gikkit.errors import LimitExceededError, UnreadableFileError
from gikkit.limits import PDF_PAGE_CONTENT_BYTES, PDF_PAGE_PATHS, PDF_PAGES, XOBJECT_DEPTH, XOBJECT_DRAWS

import hostile_recipes as R


def test_a_contents_reference_cycle_is_refused_not_looped_on(tmp_path):
    path = R.pdf_contents_cycle(tmp_path / "cycle.pdf")  # /Contents 6 0 R; 6 is 7 0 R; 7 is 6 0 R
    error = R.read_error(path, seconds=4)
    assert isinstance(error, LimitExceededError)
    assert "refer to each other in a loop (6 0 R -> 7 0 R -> 6 0 R)" in error.problem
    with pytest.raises(LimitExceededError, match="loop"):  # in this process too: nothing hangs
        gikkit.read(path)


def test_a_pdf_without_pages_says_so(tmp_path):
    error = R.read_error(R.pdf_no_pages(tmp_path / "empty.pdf"))
    assert error.problem == "the PDF has no pages"


def test_a_password_protected_pdf_says_so(tmp_path):
    error = R.read_error(R.pdf_encrypted(tmp_path / "locked.pdf"))
    assert isinstance(error, UnreadableFileError)
    assert "encrypted (password-protected)" in error.problem and "damaged" not in error.problem


@pytest.mark.parametrize("size", [300 << 20, 1 << 30], ids=["300MB", "1GB"])
def test_content_streams_that_inflate_hugely_are_refused(tmp_path, size):
    path = R.pdf_inflating_contents(tmp_path / "inflating.pdf", inflated=size)
    assert path.stat().st_size < size // 200
    error = R.read_error(path, seconds=5)
    assert isinstance(error, LimitExceededError)
    assert f"inflates to more than {PDF_PAGE_CONTENT_BYTES >> 20} MB" in error.problem


def test_form_xobjects_drawn_ten_times_eight_deep_are_refused(tmp_path):
    path = R.pdf_xobject_fanout(tmp_path / "fanout.pdf")  # 10**8 draws
    error = R.read_error(path, seconds=4)
    assert isinstance(error, LimitExceededError) and "page 1" in error.problem


def test_many_small_form_xobject_draws_are_counted(tmp_path):
    """Draws of an almost empty form: little content, but more draws than any real page."""
    path = R.pdf_xobject_fanout(tmp_path / "draws.pdf", levels=3, fanout=150)  # 1 + 150 + 150**2 draws
    error = R.read_error(path, seconds=4)
    assert "form XObjects 22,651 times" in error.problem and f"{XOBJECT_DRAWS:,}" in error.problem


def test_form_xobjects_nested_too_deep_are_refused(tmp_path):
    path = R.pdf_xobject_fanout(tmp_path / "deep.pdf", levels=XOBJECT_DEPTH + 3, fanout=1)
    error = R.read_error(path, seconds=4)
    assert f"nested more than {XOBJECT_DEPTH} deep" in error.problem


def test_a_form_xobject_drawing_itself_is_refused(tmp_path):
    objects = R._pages(b"5 0 R", b"<< /XObject << /X 10 0 R >> >>")
    objects[5] = R.stream(b"/X Do")
    objects[10] = R.stream(b"q /X Do Q", b"/Type /XObject /Subtype /Form /BBox [0 0 9 9] "
                                         b"/Resources << /XObject << /X 10 0 R >> >> ")
    error = R.read_error(R.raw_pdf(tmp_path / "self.pdf", objects), seconds=4)
    assert "draws itself" in error.problem


def test_too_many_pages_are_refused(tmp_path):
    pages = PDF_PAGES + 1
    objects = {1: b"<< /Type /Catalog /Pages 2 0 R >>",
               2: b"<< /Type /Pages /Kids [" + b" ".join(b"%d 0 R" % (10 + i) for i in range(pages))
                  + b"] /Count %d >>" % pages}
    for i in range(pages):
        objects[10 + i] = b"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 10 10] >>"
    error = R.read_error(R.raw_pdf(tmp_path / "pages.pdf", objects), seconds=4)
    assert f"more than {PDF_PAGES} pages" in error.problem


def test_a_page_tree_that_loops_is_walked_once(tmp_path):
    objects = R._pages(b"5 0 R")
    objects[5] = R.stream(b"BT /F1 12 Tf 72 720 Td (hello) Tj ET")
    objects[2] = b"<< /Type /Pages /Kids [3 0 R 2 0 R] /Count 2 >>"  # the tree holds itself
    error = R.read_error(R.raw_pdf(tmp_path / "tree.pdf", objects), seconds=6)
    assert "no report tables" in error.problem


def test_a_page_of_too_many_lines_is_refused_before_the_table_finder_sees_it(tmp_path):
    """4 MB of line-drawing operators took pdfplumber 90 s and a gigabyte; they are counted first."""
    path = R.pdf_inflating_contents(tmp_path / "lines.pdf", inflated=4 << 20)
    error = R.read_error(path, seconds=4)
    assert f"more than {PDF_PAGE_PATHS:,} lines and curves" in error.problem


def test_the_real_pdf_still_reads_the_same():
    report, bounded = gikkit.read(R.PDF), gikkit.read(R.PDF, timeout=60, memory=R.MEMORY)
    assert report.cells == bounded.cells and report.template == bounded.template


def test_a_cycle_on_a_page_outside_any_page_tree_is_found_too(tmp_path):
    """With no /Pages, pdfminer falls back on every /Page object; those are looked over as well."""
    objects = R._pages(b"6 0 R")
    objects[1] = b"<< /Type /Catalog >>"
    objects[6], objects[7] = b"7 0 R", b"6 0 R"
    error = R.read_error(R.raw_pdf(tmp_path / "loose.pdf", objects), seconds=4)
    assert "in a loop (6 0 R -> 7 0 R -> 6 0 R)" in error.problem
