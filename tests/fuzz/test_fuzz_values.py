"""Properties of cell values and text decoding, over arbitrary text and bytes."""
from __future__ import annotations

import codecs
import math

from hypothesis import given
from hypothesis import strategies as st

from gikkit.errors import UnreadableFileError
from gikkit.readers.encoding import decode, declared_html_charset, sniff_text
from gikkit.values import BLANK, OK, PLACEHOLDER, UNREADABLE, parse_value

from fuzzing import for_a_while

# Text like a report's cells: digits (half and full width), signs, separators, units, CJK, brackets.
CELL_CHARS = "0123456789０１２３４５６７８９+-.,，。%万元亿件项个条次份（）() 　—/无空" + "政府信息公开申请总计"
REPORT_CHARS = CELL_CHARS + "一二三四五六七八九十年月日表格收到办理结果，：；、\n"


@for_a_while
@given(text=st.one_of(st.text(), st.text(alphabet=CELL_CHARS, max_size=400)),
       kind=st.sampled_from(["integer", "decimal"]), unit=st.sampled_from([None, "件", "万元"]))
def test_parse_value_always_gives_a_status_and_a_finite_number_or_none(text, kind, unit):
    parsed = parse_value(text, kind=kind, unit=unit)
    assert parsed.status in {OK, BLANK, PLACEHOLDER, UNREADABLE}
    if parsed.status == OK:
        assert isinstance(parsed.value, (int, float)) and math.isfinite(parsed.value)
    else:
        assert parsed.value is None  # a blank or an unreadable cell is never read as a number


@for_a_while
@given(digits=st.integers(1, 2000), sign=st.sampled_from(["", "-", "+"]))
def test_a_figure_of_any_length_is_a_finite_number_or_unreadable(digits, sign):
    parsed = parse_value(sign + "9" * digits, kind="decimal")
    assert parsed.status == UNREADABLE or math.isfinite(parsed.value)


ENCODINGS = ["utf-8", "utf-8-sig", "gb18030", "utf-16", "utf-32", "utf-32-le", "utf-32-be"]


@for_a_while
@given(text=st.text(alphabet=REPORT_CHARS, min_size=12, max_size=2000), encoding=st.sampled_from(ENCODINGS))
def test_report_text_in_any_supported_encoding_decodes_back(text, encoding):
    data = text.encode(encoding)
    decoded, _ = decode(data, "t.txt")
    assert decoded.lstrip("\ufeff") == text
    assert sniff_text(data[:8192])


BAD_CHARSETS = ["punycode", "idna", "utf-7", "rot13", "hex", "base64", "uu", "zlib", "bz2", "quopri",
                "unicode_escape", "raw_unicode_escape", "undefined", "nonsense", "utf-16", "utf-32", "latin-1"]


@for_a_while
@given(data=st.binary(max_size=3000), declared=st.one_of(st.none(), st.sampled_from(BAD_CHARSETS), st.text(max_size=20)))
def test_decoding_any_bytes_under_any_declared_charset_is_text_or_an_unreadable_file(data, declared):
    try:
        text, encoding = decode(data, "t.html", declared=declared)
    except UnreadableFileError as e:
        assert e.path == "t.html"
    else:
        assert isinstance(text, str) and isinstance(encoding, str)
    sniff_text(data)


@for_a_while
@given(charset=st.text(max_size=30), body=st.binary(max_size=200))
def test_any_meta_charset_declaration_is_read_without_error(charset, body):
    page = b'<html><head><meta charset="' + charset.encode("utf-8", "surrogatepass") + b'"></head>' + body
    declared = declared_html_charset(page)
    try:
        decode(page, "p.html", declared=declared)
    except UnreadableFileError:
        pass
    assert codecs  # the codec registry is untouched
