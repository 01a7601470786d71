"""The site's index page: every report with its agency, year, template, coverage and findings; every failure."""
from __future__ import annotations

from pathlib import Path

import re

import jinja2

from ..wording import coverage_text
from .convert import TEMPLATES, TEMPLATE_NAME
from .files import write_atomic
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
           "findings_note": "检查发现：错误 / 警告 / 提示。", "overview": "总览"},
    "en": {"title": "Annual reports on government information disclosure", "reports": "{n} reports",
           "failed": "{n} could not be exported", "stop": ".", "list": "Reports", "agency": "Agency", "year": "Year",
           "template": "Template", "coverage": "Coverage", "findings": "Findings", "file": "File", "reason": "Reason",
           "not_exported": "Could not be exported", "data": "Data", "cells": "Every cell (the tidy table)",
           "all_findings": "Every finding", "about": "About these reports",
           "see_about": "See “About these reports” below.", "coverage_note": "Coverage: the share of the template's cells that were read (a cell printed blank counts as read).",
           "findings_note": "Findings: errors / warnings / notes.", "overview": "Overview"},
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


def render_index(entries: list[PageEntry], *, version: str, lang: str = "zh", downloads: dict | None = None,
                 about: str | None = None) -> str:
    """HTML of the index for ``entries`` (report pages and the compare/audit pages)."""
    words = WORDS["en" if lang == "en" else "zh"]
    return _ENV.get_template("index.html.j2").render(
        reports=[e for e in entries if e.kind == "report" and e.ok],
        failures=[e for e in entries if e.kind == "report" and not e.ok],
        overview=[e for e in entries if e.kind != "report"],
        titles={k: v[lang == "en"] for k, v in SUMMARY_TITLES.items()},
        version=version, w=words, lang="en" if lang == "en" else "zh-CN", coverage_text=coverage_text,
        downloads=downloads or {}, about=_about_html(about), notices=_notice_html(about),
    )


def write_index(out: Path, entries: list[PageEntry], *, version: str, lang: str = "zh", downloads: dict | None = None,
                about: str | None = None) -> Path:
    """Write ``out/index.html`` atomically and return its path."""
    path = Path(out) / "index.html"
    write_atomic(path, render_index(entries, version=version, lang=lang, downloads=downloads, about=about))
    return path
