"""Turn the text of one table cell into a number, as real reports write numbers.

Handles units in the cell (万元, 元, 件), signs (+1, -15), thousands separators, full-width digits,
surrounding spaces and Word artifacts. Blanks and placeholders (—, -, /, 无) become ``None``:
a blank is never read as 0. A figure followed by a bracketed remark ("22（其中修订16件）") reads as
its leading number, the remark kept in ``words``; a figure of more digits than any report prints is
unreadable, never ``inf``. The caller turns the status into a finding.
"""
from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass
from functools import lru_cache

BLANK, PLACEHOLDER, UNREADABLE, OK = "blank", "placeholder", "unreadable", "ok"

# Dashes and slashes people type for "nothing here"; NFKC has already folded full-width forms.
PLACEHOLDERS = {"-", "--", "—", "——", "–", "―", "/", "\\", "无", "空", "暂无", "n/a", "na", "×", "x", "*"}
_ARTIFACT = re.compile(r"\[(?:bookmark|image|comment)[^\]]*\]", re.I)
_SPACE = re.compile(r"[\s\u200b\u00a0\u3000]+")
# A figure, its unit, and optionally one bracketed remark with words in it (NFKC folds （） to ()).
_NUMBER = re.compile(r"^([+-]?)(\d+(?:\.\d+)?)(万元|亿元|元|万|件|项|个|条|次|份)?(?:\(([^()]*)\))?$")
_WORD = re.compile(r"[\u4e00-\u9fffA-Za-z]")  # a remark must say something: "22(16)" is no remark
MAX_SIGNIFICANT_DIGITS = 15  # beyond a float's exact digits, and beyond any figure a report prints
# The same few thousand cell texts ("0", "12", "—", the labels) recur in every report: answers are
# remembered per process, in bounded caches of short texts (a few MB at most, however many reports
# are read); longer texts (paragraphs, whole rows) are each read once and not kept.
CACHE_SIZE = 1 << 14
CACHED_LENGTH = 80
_MONEY_SCALE = {"元": 1e-4, "万元": 1.0, "万": 1.0, "亿元": 1e4}  # money is held in 万元


@dataclass(frozen=True)
class ParsedValue:
    value: int | float | None
    status: str
    raw: str
    note: str = ""
    words: str = ""  # the bracketed remark after the figure, when the cell has one


def clean_text(text: str | None) -> str:
    """NFKC-fold, drop Word artifacts and all whitespace."""
    if not text:
        return ""
    if type(text) is not str or len(text) > CACHED_LENGTH:  # a str subclass may come back as itself: not shared
        return _clean(text)
    cleaned = _CLEANED.get(text)
    if cleaned is None:
        if len(_CLEANED) >= CACHE_SIZE:
            _CLEANED.clear()
        cleaned = _CLEANED[text] = _clean(text)
    return cleaned


# Plain short texts, cleaned: a dict (a hit is one look-up, where an lru_cache also reorders its list), emptied when full.
_CLEANED: dict[str, str] = {}


def _clean(text: str) -> str:
    text = nfkc(text)
    if "[" in text:  # every artifact opens with one
        text = _ARTIFACT.sub("", text)
    # a printable text without an ASCII space holds none of _SPACE's characters (checked in C, no regex pass)
    return text if " " not in text and text.isprintable() else _SPACE.sub("", text)


# Full-width forms ("（", "，", "１"), which fill Chinese text, and their NFKC (one ASCII character each).
_FULL_WIDTH = re.compile("[\uff01-\uff5e]")
_FULL_WIDTH_NFKC = {chr(cp): unicodedata.normalize("NFKC", chr(cp)) for cp in range(0xFF01, 0xFF5F)}
LONG_TEXT = 80  # characters: past this, nfkc() replaces the full-width forms first


def nfkc(text: str) -> str:
    """``unicodedata.normalize("NFKC", text)``, sooner for long text: the full-width forms are replaced by
    their NFKC first (that changes no NFKC: they decompose to those very characters), and what is left
    is then often NFKC already, which unicodedata sees without its composition pass (~0.15 µs a character)."""
    if type(text) is str and len(text) > LONG_TEXT:  # a str subclass may come back as itself: left alone
        text = _FULL_WIDTH.sub(_to_nfkc, text)
    return unicodedata.normalize("NFKC", text)


def _to_nfkc(m: re.Match) -> str:
    return _FULL_WIDTH_NFKC[m.group()]


def _figure(text: str | None) -> tuple[str, re.Match | None]:
    """The cleaned cell text and its figure's match (``None`` when the cell is not one figure)."""
    s = clean_text(text)
    return _figure_of_clean(s) if len(s) <= CACHED_LENGTH else _figure_of_clean.__wrapped__(s)


@lru_cache(maxsize=CACHE_SIZE)
def _figure_of_clean(s: str) -> tuple[str, re.Match | None]:
    s = s.replace(",", "").replace("，", "")
    if s.startswith("−"):
        s = "-" + s[1:]
    m = _NUMBER.match(s)
    if m and m.group(4) is not None and not _WORD.search(m.group(4)):
        m = None
    return s, m


def _significant_digits(digits: str) -> int:
    """"0.0250" has 2, "1200" has 4: a fraction's trailing zeros and leading zeros do not count."""
    if "." in digits:
        digits = digits.rstrip("0")
    return len(digits.replace(".", "").lstrip("0"))


def parse_value(text: str | None, *, kind: str = "integer", unit: str | None = None) -> ParsedValue:
    """Parse one cell. ``kind`` is the spec column type ("integer" or "decimal").

    Money cells (decimal) are returned in 万元: "251000元" gives 25.1.
    """
    if type(text) is str and len(text) <= CACHED_LENGTH:  # remembered (a str subclass carries OCR provenance: not shared)
        return parsed_str(text, kind, unit)
    return _parse(text, kind, unit)


@lru_cache(maxsize=CACHE_SIZE)
def parsed_str(text: str, kind: str = "integer", unit: str | None = None) -> ParsedValue:
    """:func:`parse_value` of a plain ``str`` of at most CACHED_LENGTH characters, remembered (for callers that check)."""
    return _parse(text, kind, unit)


def _parse(text: str | None, kind: str, unit: str | None) -> ParsedValue:
    raw = text or ""
    s = clean_text(raw)
    if not s:
        return ParsedValue(None, BLANK, raw)
    if s.lower() in PLACEHOLDERS:
        return ParsedValue(None, PLACEHOLDER, raw, f"placeholder {s!r}")
    s, m = _figure(s)  # cleaned twice, as always: a second pass can remove what the first uncovered
    if not m:
        return ParsedValue(None, UNREADABLE, raw, f"not a number: {s!r}")
    sign, digits, cell_unit, words = m.groups()
    if (n := _significant_digits(digits)) > MAX_SIGNIFICANT_DIGITS:
        # A hostile or garbled cell: float() would give inf or drop digits silently.
        return ParsedValue(None, UNREADABLE, raw, f"too many digits for a figure ({n} significant digits)")
    number = float(digits)
    if sign == "-":
        number = -number
    words = words or ""
    note = words  # the remark is the cell's note, as printed
    if kind == "decimal":
        if cell_unit in _MONEY_SCALE:
            number *= _MONEY_SCALE[cell_unit]
            if cell_unit not in ("万元", "万"):
                note = "; ".join(filter(None, [note, f"unit {cell_unit} converted to 万元"]))
        return ParsedValue(round(number, 6), OK, raw, note, words)
    if number != int(number):
        return ParsedValue(number, OK, raw, "; ".join(filter(None, [note, "fraction where a count is expected"])), words)
    return ParsedValue(int(number), OK, raw, note, words)


def looks_numeric(text: str | None) -> bool:
    """True when a cell reads as a value (a number, a blank or a placeholder), not as a label.

    A figure too long to read is still a value cell (unreadable), so it does not become a label.
    """
    s = clean_text(text)
    return not s or s.lower() in PLACEHOLDERS or _figure(s)[1] is not None
