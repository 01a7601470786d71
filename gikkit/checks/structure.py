"""Structure checks: the six sections there and in order, the right template for the year, the right year.

``gikkit.sections`` only accepts headings in increasing order (so "一、加强组织领导" inside
section 五 is not taken for a heading); a heading printed out of order therefore sits inside
the text of the section before it. This module looks for such headings there.
The year check is deliberately narrow: it reads only the statistics period and the first title
line before the first section, where another year is almost always a leftover from an old report.
"""
from __future__ import annotations

import re
from collections.abc import Iterable
from functools import lru_cache

from ..findings import Finding
from ..metadata import cn_years_to_digits
from ..schema import Template, template, template_for_year
from ..sections import heading_section
from ..values import nfkc
from .base import cannot, emits, make

_NUMERALS = "一二三四五六"
_PERIOD_START = re.compile(r"(?:统计期限|统计时限|统计期间|统计时间|统计区间|数据期限)[^0-9。；]{0,8}(\d{4})年")
_PERIOD_END = re.compile(r"(?:统计期限|统计时限|统计期间|统计时间|统计区间|数据期限)[^。；]{0,20}?至(\d{4})年12月31日")
_TITLE_LINE = re.compile(r"^[^>›《]{0,40}?[（(]?(\d{4})[)）]?年度?政府信息公开(?:工作)?年度?报告[)）]?$")
_WHITESPACE = re.compile(r"\s+")
_NOT_A_TITLE = re.compile(r"上一篇|下一篇|相关|链接|附件")


def flat(text: str) -> str:
    """Text with full-width forms folded, Chinese-numeral years in digits and no whitespace."""
    return _flat(text or "") if type(text) is str or not text else _flat.__wrapped__(text)


@lru_cache(maxsize=256)  # the checks flatten the same section texts and agency name several times per report
def _flat(text: str) -> str:
    s = nfkc(text)
    s = cn_years_to_digits(s)
    return _WHITESPACE.sub("", s)


def headings_in_order(report, tmpl: Template) -> list[str]:
    """Section keys in the order their headings are printed, including out-of-order ones."""
    order: list[str] = []
    for key in report.sections_seen:
        order.append(key)
        for line in (report.sections.get(key) or "").split("\n"):
            section = heading_section(line, tmpl)
            if section and section["key"] != key:
                order.append(section["key"])
    return order


def _section_findings(report, tmpl: Template) -> Iterable[Finding]:
    by_key = {s["key"]: s for s in tmpl.sections}
    order = headings_in_order(report, tmpl)
    highest = 0
    for key in order:
        s = by_key[key]
        if s["order"] < highest:
            after = _NUMERALS[highest - 1]
            yield make("sections_out_of_order", [], f"before section {after}", f"after section {after}",
                       number=_NUMERALS[s["order"] - 1], heading=s["heading_zh"], heading_en=s["label_en"], after=after)
        highest = max(highest, s["order"])
    if not order:  # no heading at all: one finding, not six
        yield make("missing_section", [], "一、…六、", None, number="一至六", heading="各部分标题",
                   heading_en="none of the six section headings")
        return
    for s in tmpl.sections:
        if s["key"] not in order:
            yield make("missing_section", [], s["heading_zh"], None, number=_NUMERALS[s["order"] - 1],
                       heading=s["heading_zh"], heading_en=s["label_en"])


def _template_findings(report) -> Iterable[Finding]:
    if report.year is None:
        yield cannot("template_not_for_year", [], ["the report year"], "template_not_for_year")
        return
    expected = template_for_year(report.year)
    if expected != report.template:
        yield make("template_not_for_year", [], expected, report.template, year=report.year, expected=expected,
                   expected_name=template(expected).name_zh, found=report.template)


def stated_years(report) -> list[tuple[str, str, int]]:
    """``(where_zh, where_en, year)`` for each year the statistics period and title lines state."""
    head = [flat(p) for p in (report.preamble or "").split("\n")]
    intro = flat((report.sections.get("s1_overview") or "")[:300])
    out = []
    for text in ("".join(head), intro):  # a PDF may break the period sentence over lines
        for pattern in (_PERIOD_START, _PERIOD_END):
            out += [("统计期限", "the statistics period", int(m.group(1))) for m in pattern.finditer(text)]
    # only the first title line: web pages list other years' reports (links) near the top
    titles = [m for line in head if (m := _TITLE_LINE.match(line)) and not _NOT_A_TITLE.search(line)]
    if titles:
        out.append(("标题", "the title", int(titles[0].group(1))))
    return out


def _year_findings(report) -> Iterable[Finding]:
    if report.year is None:
        return
    seen = set()
    for where_zh, where_en, year in stated_years(report):
        if year != report.year and (where_zh, year) not in seen:
            seen.add((where_zh, year))
            yield make("year_not_report_year", [], report.year, year, where=where_zh, where_en=where_en,
                       found=year, expected=report.year)


@emits("missing_section", "sections_out_of_order", "template_not_for_year", "year_not_report_year", "cannot_check")
def check_structure(report, tmpl: Template) -> Iterable[Finding]:
    yield from _section_findings(report, tmpl)
    yield from _template_findings(report)
    yield from _year_findings(report)
