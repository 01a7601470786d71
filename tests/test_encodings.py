"""Text files in every encoding real reports come in read the same; bad bytes give clear errors, never a crash."""
from __future__ import annotations

import codecs

import pytest

import gikkit
from gikkit.errors import GikkitError, UnreadableFileError
from gikkit.readers.encoding import decode, plausible_text, sniff_text

ENCODINGS = {
    "utf-8": lambda s: s.encode("utf-8"),
    "utf-8 with BOM": lambda s: s.encode("utf-8-sig"),
    "gb18030": lambda s: s.encode("gb18030"),
    "gbk": lambda s: s.replace("\xa0", " ").encode("gbk"),  # GBK has no no-break space; Word writes a space
    "utf-16-le with BOM": lambda s: codecs.BOM_UTF16_LE + s.encode("utf-16-le"),
    "utf-16-be with BOM": lambda s: codecs.BOM_UTF16_BE + s.encode("utf-16-be"),
    "utf-16-le without BOM": lambda s: s.encode("utf-16-le"),
    "utf-16-be without BOM": lambda s: s.encode("utf-16-be"),
    "utf-8 with CRLF": lambda s: s.replace("\n", "\r\n").encode("utf-8"),
}


@pytest.fixture(scope="module")
def seed_text(seed_path):
    return seed_path.read_text("utf-8")


@pytest.mark.parametrize("name", list(ENCODINGS))
def test_seed_reads_the_same_in_every_encoding(tmp_path, seed_text, seed_expected, name):
    path = tmp_path / "report.txt"
    path.write_bytes(ENCODINGS[name](seed_text))
    report = gikkit.read(path)
    assert report.cells == seed_expected["cells"]
    assert (report.agency, report.year, report.published) == ("高青县田镇街道办事处", 2020, "2021-01-20")
    assert report.format == "word-text"


@pytest.mark.parametrize("name", list(ENCODINGS))
def test_decode_names_the_encoding(seed_text, name):
    text, encoding = decode(ENCODINGS[name](seed_text), "x.txt")
    assert text.lstrip("\ufeff").replace("\r\n", "\n") == seed_text.lstrip("\ufeff").replace("\xa0", " " if name == "gbk" else "\xa0")
    assert encoding.startswith(name.split()[0][:5].replace("gbk", "gb180"))


def test_utf8_mark_over_gbk_bytes_is_a_clear_error(tmp_path, seed_text):
    path = tmp_path / "mixed.txt"
    path.write_bytes(codecs.BOM_UTF8 + ENCODINGS["gbk"](seed_text))
    with pytest.raises(UnreadableFileError) as err:
        gikkit.read(path)
    assert str(path) in str(err.value) and "utf-8" in err.value.problem


def test_utf16_mark_over_broken_bytes_is_a_clear_error(tmp_path):
    path = tmp_path / "broken16.txt"
    path.write_bytes(codecs.BOM_UTF16_LE + "报告".encode("utf-16-le") + b"\x00\xd8\x41\x00")  # a lone surrogate
    with pytest.raises(UnreadableFileError):
        gikkit.read(path)


@pytest.mark.parametrize("cut", [1, 2, 3, 1001, 4097])
@pytest.mark.parametrize("name", ["utf-8", "gb18030", "utf-16-le with BOM", "utf-16-be without BOM"])
def test_cut_files_never_crash(tmp_path, seed_text, name, cut):
    """A file cut mid-character reads, or fails with a GikkitError; nothing else escapes."""
    data = ENCODINGS[name](seed_text)
    path = tmp_path / "cut.txt"
    path.write_bytes(data[: len(data) - cut])
    try:
        report = gikkit.read(path)
    except GikkitError as e:
        assert str(path) in str(e)
    else:
        assert report.template == "v2019"


def test_plausibility():
    assert plausible_text("政府信息公开工作年度报告\n\t1\t2\n")
    assert not plausible_text(bytes(range(32)).decode("latin-1") * 10)
    assert sniff_text("报告".encode("gb18030"))
    assert not sniff_text(bytes(range(256)) * 4)
