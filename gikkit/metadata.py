"""Agency, report year and publication date, found in the title and the closing lines."""
from __future__ import annotations

import re
from datetime import date

from .document import Document
from .values import clean_text

_TITLE = re.compile(r"^(.*?)[（(〔\[【]?([0-9０-９]{4})[)）〕\]】]?年?度?政府信息公开(?:工作)?年度?报告")
# The year after the title ("……年度报告（2023年度）") or nowhere in it (then the statistics period gives it).
_TITLE_YEAR_AFTER = re.compile(r"^(.*?)政府信息公开(?:工作)?年度?报告(?:[（(〔\[【]([0-9０-９]{4})年?度?[)）〕\]】])?$")
_CN_YEAR = re.compile(r"[〇○零一二三四五六七八九O]{4}(?=年)")  # "二〇二三年" in a title
# The year first ("2019年XX市人民政府办公厅政府信息公开工作年度报告"): the agency follows it.
_TITLE_YEAR_FIRST = re.compile(r"^(?:关于)?[（(〔\[【]?([0-9０-９]{4})(?:年度?)?[)）〕\]】]?(?:年度?)?(.*?)政府信息公开(?:工作)?年度?报告")
# What a capture puts around a title: Markdown ("# ", "**…**", "> "), a field name ("标题：").
_CAPTURE_PREFIX = re.compile(r"^(?:[#>*_=\-]|(?:标题|题目|文章标题|title)[:：])+", re.I)
_CAPTURE_SUFFIX = re.compile(r"[#*_=]+$")
_NAME_STRAY = re.compile(r"^[（(〔\[【]?(?:[0-9]{4})?[)）\]】〕]*年?度?[)）\]】〕]*|[#*_]+")  # what a year or Markdown can leave in a name
_BRACKETED_DATE = re.compile(r"^[(（\[【〔]([^()（）]{6,20})[)）\]】〕]$")
_SIGNATURE_MAX = 30
_TITLE_NO_DIGITS = re.compile(r"^(.*?[^0-9])年度?政府信息公开(?:工作)?年度?报告")
_LONE_YEAR = re.compile(r"[0-9]{4}")
_NOT_A_NAME_START = re.compile(r"^[0-9A-Za-z/:.,，\s]+(?=[\u4e00-\u9fff])")
_ABOUT = re.compile(r"^关于|关于$")  # "XX办公室关于2022年……报告": the agency is the office, without 关于
_PERIOD = re.compile(r"(?:统计期限|统计时限|统计期间)[^0-9]{0,6}(\d{4})年")
_DATE = re.compile(r"(\d{4})[年.\-/](\d{1,2})[月.\-/](\d{1,2})日?")
_CN_DIGITS = {c: str(i) for i, c in enumerate("〇一二三四五六七八九")} | {"零": "0", "○": "0", "O": "0"}
_DATE_LINE_MAX = 24
# In every title pattern (_TITLE, _TITLE_YEAR_FIRST, _TITLE_NO_DIGITS, _TITLE_YEAR_AFTER).
_TITLE_WORDS = re.compile(r"政府信息公开(?:工作)?年度?报告")
TITLE_WITHIN = 12  # paragraphs: a page saved as text puts its menu lines before the title
PUBLISHED_LINE_WITHIN = 40  # paragraphs: a saved page puts its menus before the 发布时间 line
_PUBLISHED_LINE = re.compile(r"(?:发布|公开|成文)(?:时间|日期):(\d{4})[年.\-/](\d{1,2})[月.\-/](\d{1,2})")


def cn_years_to_digits(text: str) -> str:
    """"二〇二三年" -> "2023年", wherever a four-numeral year stands before 年."""
    return _CN_YEAR.sub(lambda m: "".join(_CN_DIGITS[c] for c in m.group(0)), text)


def _cn_date_to_digits(s: str) -> str:
    """"二〇二一年一月二十日" -> "2021年1月20日"."""
    def number(part: str) -> str:
        if "十" in part:
            tens, _, ones = part.partition("十")
            return str((int(_CN_DIGITS.get(tens, "1")) if tens else 1) * 10 + (int(_CN_DIGITS[ones]) if ones else 0))
        return "".join(_CN_DIGITS.get(ch, ch) for ch in part)

    m = re.fullmatch(r"([〇○零一二三四五六七八九O]{4})年([一二三四五六七八九十]{1,3})月([一二三四五六七八九十]{1,3})日", s)
    if not m:
        return s
    return f"{number(m.group(1))}年{number(m.group(2))}月{number(m.group(3))}日"


def _iso(y: str, m: str, d: str) -> str | None:
    try:
        return date(int(y), int(m), int(d)).isoformat()
    except ValueError:
        return None


_WHITESPACE = re.compile(r"[\s\u200b]+")


def _compact(text: str | None) -> str:
    """Text without whitespace, but with its own characters: an agency keeps its full-width brackets."""
    return _WHITESPACE.sub("", text or "")


def _uncaptured(text: str) -> str:
    """A title line without what a capture put around it ("# ", "**…**", "标题：")."""
    return _CAPTURE_SUFFIX.sub("", _CAPTURE_PREFIX.sub("", text))


def title_agency_year(doc: Document) -> tuple[str | None, int | None, str | None]:
    """``(agency, year, title)`` from the document title or its first lines."""
    candidates = []
    if doc.title:
        candidates.append(_compact(doc.title))
    paras = [c for c in map(_compact, doc.paragraphs[:TITLE_WITHIN]) if c]
    candidates += paras
    candidates += [a + b for a, b in zip(paras, paras[1:])]  # a title broken over two lines
    words = [p for p in paras if not _LONE_YEAR.fullmatch(p)]  # ... with its year's digits on a line between
    candidates += [a + b for a, b in zip(words, words[1:])]
    # every title pattern below needs these words, which neither step can make or break: skip the rest
    candidates = [_uncaptured(cn_years_to_digits(c)) for c in candidates if _TITLE_WORDS.search(c)]
    # (name as printed, year, title): the year after the name, or before it
    found = [(m.group(1), int(clean_text(m.group(2))), m.group(0)) for m in map(_TITLE.match, candidates) if m]
    found += [(m.group(2), int(clean_text(m.group(1))), m.group(0)) for m in map(_TITLE_YEAR_FIRST.match, candidates) if m]
    found = [f for f in found if 1990 < f[1] < 2100]
    lone_year = next((int(p) for p in paras if _LONE_YEAR.fullmatch(p) and 1990 < int(p) < 2100), None)
    if lone_year:  # the title's digits on a line of their own (text copied out of a PDF)
        found += [(m.group(1), lone_year, m.group(0)) for m in map(_TITLE_NO_DIGITS.match, candidates) if m]
    # A title line naming its agency comes first: a menu line joined to it must not become part of the name;
    # a name with an unclosed bracket is the end of a title wrapped over two lines.
    for name, year, title in sorted(found, key=lambda f: (_agency(f[0]) is None, not _balanced(f[0]))):
        return _agency(name), year, title
    for text in sorted(candidates, key=lambda c: not _balanced(c)):
        m = _TITLE_YEAR_AFTER.match(text)
        if m and _agency(m.group(1)):
            year = int(clean_text(m.group(2))) if m.group(2) else None
            return _agency(m.group(1)), year, m.group(0)
    return None, None, None


def _agency(prefix: str) -> str | None:
    prefix = _NOT_A_NAME_START.sub("", _uncaptured(prefix.strip()))  # a browser's print date and time ("11/26/26, 3:45 PM")
    return _NAME_STRAY.sub("", _ABOUT.sub("", prefix)) or None


def _balanced(text: str) -> bool:
    return text.count("（") + text.count("(") == text.count("）") + text.count(")")


def report_year_from_text(doc: Document) -> int | None:
    for p in doc.paragraphs[:30]:
        m = _PERIOD.search(clean_text(p))
        if m:
            return int(m.group(1))
    return None


def published_date(doc: Document) -> str | None:
    """The signing date printed at the end ("2021年1月20日"), else a bracketed date on its own line
    under the title ("（2021年1月20日）"), else the date the page gives, else a "发布时间：2021-01-20"
    line near the top (a page saved as text keeps it)."""
    for p in reversed(doc.paragraphs[-10:]):
        s = _cn_date_to_digits(clean_text(p))
        if len(s) <= _DATE_LINE_MAX:
            m = _DATE.search(s)
            if m and (iso := _iso(*m.groups())):
                return iso
    for p in doc.paragraphs[:TITLE_WITHIN]:  # "（2026年1月23日）" on a line of its own under the title
        m = _BRACKETED_DATE.match(_compact(p))
        d = _DATE.fullmatch(_cn_date_to_digits(clean_text(m.group(1)))) if m else None
        if d and (iso := _iso(*d.groups())):
            return iso
    if doc.published:
        return doc.published
    for p in doc.paragraphs[:PUBLISHED_LINE_WITHIN]:
        m = _PUBLISHED_LINE.search(clean_text(p))
        if m and (iso := _iso(*m.groups())):
            return iso
    return None


def signature_agency(doc: Document) -> str | None:
    """The name signed above the closing date, for a title that names no agency."""
    lines = [_compact(p) for p in doc.paragraphs[-10:] if _compact(p)]
    for above, line in zip(lines, lines[1:]):
        if _DATE.fullmatch(_cn_date_to_digits(clean_text(line))) and len(above) <= _SIGNATURE_MAX \
                and re.fullmatch(r"[\u4e00-\u9fff（）()]+", above):
            return above
    return None


def extract(doc: Document) -> dict:
    """Everything above, as the keys of a report: agency, year, published, title."""
    agency, year, title = title_agency_year(doc)
    if agency is None:
        agency = signature_agency(doc)
    if year is None:
        year = report_year_from_text(doc)
    return {"agency": agency, "year": year, "published": published_date(doc), "title": title}
