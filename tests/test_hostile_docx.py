"""Hostile and broken .docx files end in a GikkitError with a reason of their own, quickly and in little memory."""
from __future__ import annotations

import zipfile
import zlib

import pytest

import gikkit
from gikkit.errors import LimitExceededError, UnreadableFileError
from gikkit.limits import DOCX_MEMBER_BYTES, NESTING_DEPTH

import hostile_recipes as R


@pytest.mark.parametrize("make, foreign, words", [
    (R.docx_corrupt_deflate, zlib.error, "compressed data is broken"),
    (R.docx_encrypted_member, RuntimeError, "encrypted (password-protected)"),
    (lambda p: R.docx_compression_method(p, 9), NotImplementedError, "compression method"),  # Deflate64
    (lambda p: R.docx_compression_method(p, 99), NotImplementedError, "compression method"),  # AES
], ids=["zlib-error", "encrypted-member", "method-9", "method-99"])
def test_a_damaged_member_gets_its_own_reason(tmp_path, make, foreign, words):
    path = make(tmp_path / "report.docx")
    with zipfile.ZipFile(path) as zf:  # the recipe really makes zipfile raise what used to escape gikkit.read
        with pytest.raises(foreign):
            zf.read("word/document.xml")
    error = R.read_error(path)
    assert isinstance(error, UnreadableFileError) and words in error.problem
    assert "word/document.xml" in error.problem
    with pytest.raises(UnreadableFileError, match=words.split(" (")[0]):  # in this process too
        gikkit.read(path)


@pytest.mark.parametrize("make", [R.docx_nested_tables, R.docx_nested_content_controls],
                         ids=["500-nested-tables", "1000-nested-content-controls"])
def test_deep_nesting_is_refused_not_a_recursion_error(tmp_path, make):
    path = make(tmp_path / "deep.docx")
    error = R.read_error(path)
    assert isinstance(error, LimitExceededError)
    assert f"nested more than {NESTING_DEPTH} deep" in error.problem
    with pytest.raises(LimitExceededError, match="nested more than"):
        gikkit.read(path)


def test_nesting_within_the_limit_still_reads(tmp_path):
    """A few levels of tables in cells and content controls, as real files have, read as before."""
    path = R.docx_nested_tables(tmp_path / "nested.docx", depth=5)
    error = R.read_error(path)
    assert "no report tables" in error.problem  # read through to recognition, not refused


def test_a_zip_bomb_is_refused_at_the_inflated_size(tmp_path):
    path = R.docx_bomb(tmp_path / "bomb.docx")  # 190 MB of XML in a few hundred KB
    assert path.stat().st_size < 1 << 20
    error = R.read_error(path, seconds=5)
    assert isinstance(error, LimitExceededError)
    assert f"inflates to more than {DOCX_MEMBER_BYTES >> 20} MB" in error.problem


def test_a_table_of_too_many_cells_is_refused(tmp_path):
    row = "<w:tr>" + '<w:tc><w:tcPr><w:gridSpan w:val="200"/></w:tcPr><w:p/></w:tc>' * 50 + "</w:tr>"
    path = R.docx_with_body(tmp_path / "wide.docx", R._document("<w:tbl>" + row * 40 + "</w:tbl>"))
    error = R.read_error(path)
    assert isinstance(error, LimitExceededError) and "cells" in error.problem


def test_the_real_docx_still_reads_the_same(tmp_path):
    report = gikkit.read(R.DOCX)
    bounded = gikkit.read(R.DOCX, timeout=R.SECONDS, memory=R.MEMORY)
    assert report.cells == bounded.cells and report.template == bounded.template
