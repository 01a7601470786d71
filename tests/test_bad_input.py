"""Every kind of bad input ends in one clear GikkitError naming the file, never an empty result or a crash."""
from __future__ import annotations

import codecs
import zipfile
from pathlib import Path

import pytest

import gikkit
from gikkit.errors import GikkitError, NoReportTablesError, UnknownFormatError, UnreadableFileError
from fixture_paths import FIXTURES

PDF = FIXTURES / "real" / "huaian-city-2024.pdf"
JUNK = bytes(range(256)) * 16


def _zip(path: Path) -> None:
    with zipfile.ZipFile(path, "w") as zf:
        zf.writestr("data.csv", "a,b\n1,2\n")


BAD = {
    # name: (file name, how to make it, error class, words the reason must contain)
    "empty file": ("empty.txt", lambda p: p.write_bytes(b""), UnreadableFileError, "empty"),
    "only whitespace": ("blank.html", lambda p: p.write_bytes(b" \r\n\t\n"), UnreadableFileError, "empty"),
    "binary junk": ("data.bin", lambda p: p.write_bytes(JUNK), UnknownFormatError, "not a file of any kind"),
    "binary junk named .pdf": ("report.pdf", lambda p: p.write_bytes(JUNK), UnknownFormatError, "not a PDF"),
    "truncated PDF": ("cut.pdf", lambda p: p.write_bytes(PDF.read_bytes()[:60000]), UnreadableFileError, "truncated"),
    "PDF header, nothing else": ("stub.pdf", lambda p: p.write_bytes(b"%PDF-1.7\n%%EOF\n"), UnreadableFileError, "cannot be read"),
    ".docx that is not a zip": ("report.docx", lambda p: p.write_bytes(JUNK), UnknownFormatError, "not a Word .docx"),
    "zip that is not a .docx": ("report.docx", _zip, UnknownFormatError, "no word/document.xml"),
    "old binary Word file": ("report.doc", lambda p: p.write_bytes(b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + JUNK), UnknownFormatError, "OLE2"),
    "HTML page without the tables": ("news.html", lambda p: p.write_text(
        "<html><body><h1>新闻</h1><p>今天召开会议。</p></body></html>", "utf-8"), NoReportTablesError, "no report tables"),
    "text without the tables": ("notes.txt", lambda p: p.write_text("一、总体情况\n本年度工作平稳。\n", "utf-8"),
                                NoReportTablesError, "no report tables"),
    "wrong encoding": ("mixed.txt", lambda p: p.write_bytes(codecs.BOM_UTF8 + "政府信息公开".encode("gbk")),
                       UnreadableFileError, "byte-order mark"),
}


@pytest.mark.parametrize("case", list(BAD))
def test_bad_input_gives_one_clear_error(tmp_path, case):
    name, make, error, words = BAD[case]
    path = tmp_path / name
    make(path)
    with pytest.raises(error) as err:
        gikkit.read(path)
    assert isinstance(err.value, GikkitError)
    assert err.value.path == str(path)
    assert words in err.value.problem
    assert "\n" not in str(err.value) and str(path) in str(err.value)


def test_missing_file_and_directory(tmp_path):
    with pytest.raises(UnreadableFileError, match="no such file"):
        gikkit.read(tmp_path / "nowhere.pdf")
    with pytest.raises(UnreadableFileError, match="directory"):
        gikkit.read(tmp_path)


def test_bad_files_do_not_stop_a_batch(tmp_path, seed_path):
    paths = []
    for case in ("empty file", "binary junk", "truncated PDF"):
        name, make, _, _ = BAD[case]
        paths.append(tmp_path / name)
        make(paths[-1])
    data = gikkit.read_many([seed_path, *paths], jobs=1)
    assert [r.source for r in data.reports] == [str(seed_path)]
    assert sorted(f.path for f in data.failures) == sorted(map(str, paths))
