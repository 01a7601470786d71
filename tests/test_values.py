"""Cell values as real reports write them."""
from __future__ import annotations

import pytest

from gikkit.values import BLANK, OK, PLACEHOLDER, UNREADABLE, parse_value


@pytest.mark.parametrize("text, kind, value", [
    ("0", "integer", 0), (" 0", "integer", 0), ("+1", "integer", 1), ("-15", "integer", -15),
    ("1,234", "integer", 1234), ("１２３", "integer", 123), ("12件", "integer", 12),
    ("[bookmark: _GoBack]+1", "integer", 1), ("\u3000 7 \u3000", "integer", 7),
    ("998.435698万元", "decimal", 998.435698), ("251000元", "decimal", 25.1),
    ("96171.6", "decimal", 96171.6), ("1,500.5万元", "decimal", 1500.5), ("－3", "integer", -3),
])
def test_numbers(text, kind, value):
    parsed = parse_value(text, kind=kind)
    assert parsed.status == OK
    assert parsed.value == pytest.approx(value)
    assert type(parsed.value) is (int if kind == "integer" else float)


@pytest.mark.parametrize("text", ["—", "-", "/", "无", "——", "／", " - "])
def test_placeholders_are_missing(text):
    parsed = parse_value(text)
    assert parsed.value is None and parsed.status == PLACEHOLDER


@pytest.mark.parametrize("text", ["", "   ", "\u3000", None])
def test_blank_is_not_zero(text):
    parsed = parse_value(text)
    assert parsed.value is None and parsed.status == BLANK


@pytest.mark.parametrize("text", ["abc", "12a", "1.2.3"])
def test_unreadable(text):
    assert parse_value(text).status == UNREADABLE


@pytest.mark.parametrize("text, kind, value", [
    ("1，234", "integer", 1234), ("12 件", "integer", 12), ("+ 3", "integer", 3), ("\u00a012\u00a0", "integer", 12),
    ("３．５万元", "decimal", 3.5), ("0.5亿元", "decimal", 5000.0),
])
def test_numbers_as_other_formats_print_them(text, kind, value):
    """Web pages and PDFs add full-width punctuation, no-break spaces and spaces inside cells."""
    parsed = parse_value(text, kind=kind)
    assert parsed.status == OK and parsed.value == pytest.approx(value)


def test_full_width_dash_is_a_placeholder():
    assert parse_value("－").status == PLACEHOLDER
