"""The site's index page: its first reports as HTML, the rest as data chunks (:mod:`.index_data`); every failure.

A reader with JavaScript searches, filters (agency, year, level, errors), sorts and pages through
every report; the chunks are loaded only when needed. Without JavaScript the first
``FIRST_ROWS`` reports show, and plain list pages (and the CSV of every cell) hold the rest.
"""
from __future__ import annotations

from pathlib import Path

import re

import jinja2

from ..wording import coverage_text
from .convert import TEMPLATES, TEMPLATE_NAME
from .files import write_atomic
from .index_data import CHUNK_ROWS, FIELDS, FIRST_ROWS, LEVEL_WORDS, SCRIPT, index_row, row_dict, write_index_data
from .manifest import PageEntry

SUMMARY_TITLES = {"compare": ("比较各机关、各年度", "Compare agencies and years"),
                  "audit": ("全部检查发现", "Every finding"),
                  "teach": ("练习课：读懂年度报告", "A lesson: reading the annual reports")}
_ENV = jinja2.Environment(
    loader=jinja2.FileSystemLoader([str(TEMPLATES / "site"), str(TEMPLATES / TEMPLATE_NAME)]),
    autoescape=True,  # agency names, file names and problems come from outside
)
WORDS = {
    "zh": {"title": "政府信息公开工作年度报告", "reports": "共 {n} 份报告", "failed": "{n} 份未能导出", "stop": "。", "list": "报告",
           "agency": "机关", "year": "年度", "template": "模板", "coverage": "读取率", "findings": "检查发现",
           "file": "文件", "reason": "原因", "not_exported": "未能导出", "data": "数据下载",
           "cells": "全部单元格（整理后的数据表）", "all_findings": "全部检查发现", "about": "关于这些报告",
           "see_about": "详见下方“关于这些报告”。", "coverage_note": "读取率：报告模板中已读出的单元格所占比例（印为空白的单元格也算已读）。",
           "findings_note": "检查发现：错误 / 警告 / 提示。", "overview": "总览", "level": "级别",
           "search": "搜索机关", "all": "全部", "errors": "有错误", "yes": "有", "no": "无", "page_size": "每页",
           "sort_by": "按此列排序", "previous": "上一页", "next": "下一页", "paging": "翻页", "filters": "筛选报告",
           "shown": "第 {first}–{last} 份，共 {n} 份", "none": "没有符合条件的报告", "matching": "（筛选后，全部共 {n} 份）",
           "page_of": "第 {page} / {pages} 页", "loading": "正在载入…",
           "first_only": "此处先列出前 {first} 份。", "all_lists": "全部报告的列表（无需脚本）：", "list_page": "第 {i} 页",
           "list_title": "报告列表 第 {i} 页，共 {n} 页", "back": "返回首页",
           "too_long": "行数超出 Excel 工作表上限，仅提供 CSV"},
    "en": {"title": "Annual reports on government information disclosure", "reports": "{n} reports",
           "failed": "{n} could not be exported", "stop": ".", "list": "Reports", "agency": "Agency", "year": "Year",
           "template": "Template", "coverage": "Coverage", "findings": "Findings", "file": "File", "reason": "Reason",
           "not_exported": "Could not be exported", "data": "Data", "cells": "Every cell (the tidy table)",
           "all_findings": "Every finding", "about": "About these reports",
           "see_about": "See “About these reports” below.", "coverage_note": "Coverage: the share of the template's cells that were read (a cell printed blank counts as read).",
           "findings_note": "Findings: errors / warnings / notes.", "overview": "Overview", "level": "Level",
           "search": "Search agencies", "all": "All", "errors": "Has errors", "yes": "Yes", "no": "No",
           "page_size": "Per page", "sort_by": "Sort by this column", "previous": "Previous", "next": "Next",
           "paging": "Pages", "filters": "Filter the reports", "shown": "Reports {first}–{last} of {n}",
           "none": "No report matches", "matching": " (filtered; {n} in all)", "page_of": "Page {page} of {pages}",
           "loading": "Loading…", "first_only": "The first {first} are listed here.",
           "all_lists": "Every report, in plain lists (no script needed): ", "list_page": "page {i}",
           "list_title": "List of reports, page {i} of {n}", "back": "Back to the index",
           "too_long": "more rows than an Excel sheet holds: CSV only"},
}


def _about_html(markdown: str | None) -> str | None:
    """The README as HTML (its raw HTML escaped), headings two levels down to sit under the page's own."""
    if not markdown:
        return None
    import mistune

    html = mistune.create_markdown(escape=True, plugins=["table"])(markdown)
    return re.sub(r"<(/?)h([1-4])>", lambda m: f"<{m.group(1)}h{int(m.group(2)) + 2}>", html)


def _notice_html(markdown: str | None) -> list[str]:
    """What the README puts in bold (the demo's: that its reports are invented), said at the top of the index."""
    return re.findall(r"\*\*([^*\n]+)\*\*", markdown or "")


def _level_text(lang: str) -> dict:
    return LEVEL_WORDS["en" if lang == "en" else "zh"]


def render_index(entries: list[PageEntry], *, version: str, lang: str = "zh", downloads: dict | None = None,
                 about: str | None = None, lists: list[str] | None = None, chunks: int = 0) -> str:
    """HTML of the index for ``entries`` (report pages and the compare/audit pages): the first rows in the page."""
    words = WORDS["en" if lang == "en" else "zh"]
    reports = [e for e in entries if e.kind == "report" and e.ok]
    rows = [row_dict(index_row(e)) for e in reports[:FIRST_ROWS]]
    return _ENV.get_template("index.html.j2").render(
        rows=rows, total=len(reports), first_rows=FIRST_ROWS, chunk_rows=CHUNK_ROWS, chunks=chunks,
        lists=lists or [], script=SCRIPT, fields=FIELDS, levels=_level_text(lang),
        failures=[e for e in entries if e.kind == "report" and not e.ok],
        overview=[e for e in entries if e.kind != "report"],
        titles={k: v[lang == "en"] for k, v in SUMMARY_TITLES.items()},
        version=version, w=words, lang="en" if lang == "en" else "zh-CN", coverage_text=coverage_text,
        downloads=downloads or {}, about=_about_html(about), notices=_notice_html(about),
    )


def render_list(rows: list[list], number: int, lists: list[str], *, version: str, lang: str = "zh") -> str:
    """HTML of plain list page ``number`` (1-based) of ``lists``: ``rows`` as a table, links to the other pages."""
    return _ENV.get_template("list.html.j2").render(
        rows=[row_dict(r) for r in rows], number=number, lists=lists, levels=_level_text(lang), version=version,
        w=WORDS["en" if lang == "en" else "zh"], lang="en" if lang == "en" else "zh-CN")


def write_index(out: Path, entries: list[PageEntry], *, version: str, lang: str = "zh", downloads: dict | None = None,
                about: str | None = None) -> Path:
    """Write ``out/index.html`` and its data (chunks, facets, plain lists, each only when changed); return its path."""
    out = Path(out)
    rows = [index_row(e) for e in entries if e.kind == "report" and e.ok]
    data = write_index_data(out, rows, lambda page, number, lists: render_list(page, number, lists, version=version,
                                                                                lang=lang))
    path = out / "index.html"
    write_atomic(path, render_index(entries, version=version, lang=lang, downloads=downloads, about=about,
                                    lists=data["lists"], chunks=data["chunks"]))
    return path
