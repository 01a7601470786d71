"""Turn the text of one table cell into a number, as real reports write numbers.

Handles units in the cell (万元, 元, 件), signs (+1, -15), thousands separators, full-width digits,
surrounding spaces and Word artifacts. Blanks and placeholders (—, -, /, 无) become ``None``:
a blank is never read as 0. The caller turns the status into a finding.
"""
from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass

BLANK, PLACEHOLDER, UNREADABLE, OK = "blank", "placeholder", "unreadable", "ok"

# Dashes and slashes people type for "nothing here"; NFKC has already folded full-width forms.
PLACEHOLDERS = {"-", "--", "—", "——", "–", "―", "/", "\\", "无", "空", "暂无", "n/a", "na", "×", "x", "*"}
_ARTIFACT = re.compile(r"\[(?:bookmark|image|comment)[^\]]*\]", re.I)
_SPACE = re.compile(r"[\s\u200b\u00a0\u3000]+")
_NUMBER = re.compile(r"^([+-]?)(\d+(?:\.\d+)?)(万元|亿元|元|万|件|项|个|条|次|份)?$")
_MONEY_SCALE = {"元": 1e-4, "万元": 1.0, "万": 1.0, "亿元": 1e4}  # money is held in 万元


@dataclass(frozen=True)
class ParsedValue:
    value: int | float | None
    status: str
    raw: str
    note: str = ""


def clean_text(text: str | None) -> str:
    """NFKC-fold, drop Word artifacts and all whitespace."""
    if not text:
        return ""
    text = unicodedata.normalize("NFKC", text)
    text = _ARTIFACT.sub("", text)
    return _SPACE.sub("", text)


def parse_value(text: str | None, *, kind: str = "integer", unit: str | None = None) -> ParsedValue:
    """Parse one cell. ``kind`` is the spec column type ("integer" or "decimal").

    Money cells (decimal) are returned in 万元: "251000元" gives 25.1.
    """
    raw = text or ""
    s = clean_text(raw)
    if not s:
        return ParsedValue(None, BLANK, raw)
    if s.lower() in PLACEHOLDERS:
        return ParsedValue(None, PLACEHOLDER, raw, f"placeholder {s!r}")
    s = s.replace(",", "").replace("，", "")
    if s.startswith("−"):
        s = "-" + s[1:]
    m = _NUMBER.match(s)
    if not m:
        return ParsedValue(None, UNREADABLE, raw, f"not a number: {s!r}")
    sign, digits, cell_unit = m.groups()
    number = float(digits)
    if sign == "-":
        number = -number
    note = ""
    if kind == "decimal":
        if cell_unit in _MONEY_SCALE:
            number *= _MONEY_SCALE[cell_unit]
            if cell_unit not in ("万元", "万"):
                note = f"unit {cell_unit} converted to 万元"
        return ParsedValue(round(number, 6), OK, raw, note)
    if number != int(number):
        return ParsedValue(number, OK, raw, "fraction where a count is expected")
    return ParsedValue(int(number), OK, raw, note)


def looks_numeric(text: str | None) -> bool:
    """True when a cell reads as a value (a number, a blank or a placeholder), not as a label."""
    p = parse_value(text, kind="decimal")
    return p.status != UNREADABLE
