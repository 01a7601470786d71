"""Findings as an HTML table in people's words, for notebooks and exported pages.

Columns in words (severity, rule, what was found; the report when there are many), the rule's
explanation and the cells it concerns (printed labels, then the spec keys) tucked in a
``<details>``. On a report page each finding has the id ``finding-N`` and links to the cells of
the printed tables (``#cell-<ref>``); the tables link back. With ``filters`` the table gets
dropdowns for severity, rule and agency, which the exported page's script makes work in the
browser. All text from reports is escaped.
"""
from __future__ import annotations

import html

from .wording import SEVERITY_WORDS, cell_words, plain, rule_explanation, rule_name

SEVERITY_MARKS = {"error": "✖", "warning": "▲", "info": "ℹ"}
# Findings whose cells are marked in the printed tables: not the "could not check" notes, which name
# every cell of a rule, most of them fine.
MARKED_SEVERITIES = ("error", "warning")


def _zh(lang: str) -> bool:
    return lang != "en"


def headers(lang: str, *, with_report: bool) -> list[str]:
    zh = _zh(lang)
    cols = (["机关", "年度"] if zh else ["Agency", "Year"]) if with_report else []
    return cols + (["严重程度", "规则", "检查发现", "说明与单元格"] if zh
                   else ["Severity", "Rule", "What was found", "Explanation and cells"])


def _text(value) -> str:
    try:
        import pandas as pd

        if value is None or pd.isna(value):
            return ""
    except (TypeError, ValueError):
        pass
    return str(int(value)) if isinstance(value, float) and value.is_integer() else str(value)


def _refs(row) -> list[str]:
    refs = row.get("refs")
    if isinstance(refs, str):
        return [r.strip() for r in refs.split(",") if r.strip()]
    return list(refs or [])


def flagged_cells(findings_frame) -> dict[str, str]:
    """Cell ref -> id of the first error or warning about it (``finding-N``, N its row in the frame)."""
    out: dict[str, str] = {}
    for i, row in enumerate(findings_frame.to_dict("records")):
        if row.get("severity") in MARKED_SEVERITIES:
            for ref in _refs(row):
                out.setdefault(ref, f"finding-{i}")
    return out


def _details(row, lang: str, linked: set[str]) -> str:
    zh = _zh(lang)
    template = row.get("template") if isinstance(row.get("template"), str) else None
    explain = rule_explanation(row.get("code", ""), lang, english=row.get("rule") or "")
    items = []
    for ref in _refs(row):
        words = html.escape(cell_words(ref, template, lang))
        if ref in linked:
            words = f'<a href="#cell-{html.escape(ref)}">{words}</a>'
        items.append(f"<li>{words} <code>{html.escape(ref)}</code></li>")
    cells = f'<ul class="refs">{"".join(items)}</ul>' if items else ""
    summary = "规则说明与单元格" if zh else "rule and cells"
    return f"<details><summary>{summary}</summary><p>{html.escape(explain)}</p>{cells}</details>"


def findings_html(findings_frame, *, lang: str = "zh", with_report: bool = True, anchors: bool = False,
                  linked_cells: set[str] | None = None, filters: bool = False) -> str:
    """The findings of a findings frame as an HTML table (see the module docstring)."""
    zh = _zh(lang)
    if findings_frame is None or findings_frame.empty:
        return f'<p class="no-findings">{"无检查发现。" if zh else "No findings."}</p>'
    message = "message_zh" if zh else "message_en"
    linked = linked_cells or set()
    body = []
    for i, row in enumerate(findings_frame.to_dict("records")):
        sev = row.get("severity", "")
        words = SEVERITY_WORDS.get(sev, (sev, sev))[0 if zh else 1]
        template = row.get("template") if isinstance(row.get("template"), str) else None
        cells = []
        if with_report:
            cells += [html.escape(_text(row.get("agency"))), html.escape(_text(row.get("year")))]
        cells += [f'<span class="sev sev-{html.escape(sev)}">{SEVERITY_MARKS.get(sev, "")} {html.escape(words)}</span>',
                  html.escape(rule_name(row.get("code", ""), lang)),
                  html.escape(plain(_text(row.get(message)), template, lang)),
                  _details(row, lang, linked)]
        attrs = (f' data-severity="{html.escape(sev)}" data-rule="{html.escape(rule_name(row.get("code", ""), lang))}"'
                 f' data-agency="{html.escape(_text(row.get("agency")))}"')
        if anchors:
            attrs += f' id="finding-{i}"'
        body.append(f"<tr{attrs}>" + "".join(f"<td>{c}</td>" for c in cells) + "</tr>")
    head = "".join(f'<th scope="col">{html.escape(h)}</th>' for h in headers(lang, with_report=with_report))
    label = "检查发现" if zh else "Findings"
    table = (f'<div class="table-scroll" tabindex="0" role="region" aria-label="{label}">'
             f'<table class="findings"><thead><tr>{head}</tr></thead><tbody>{"".join(body)}</tbody></table></div>')
    return (_filters(findings_frame, lang) + table) if filters else table


def _filters(frame, lang: str) -> str:
    """Dropdowns for severity, rule and agency and a text search (made to work by the page's script), and a count."""
    zh = _zh(lang)
    any_label = "（全部）" if zh else "(all)"
    choices = {
        "severity": ("严重程度" if zh else "Severity",
                     [(s, SEVERITY_WORDS[s][0 if zh else 1]) for s in SEVERITY_WORDS if (frame["severity"] == s).any()]),
        "rule": ("规则" if zh else "Rule",
                 sorted({(rule_name(c, lang), rule_name(c, lang)) for c in frame["code"].dropna()})),
        "agency": ("机关" if zh else "Agency",
                   sorted({(a, a) for a in frame["agency"].dropna().astype(str)})),
    }
    parts = []
    for key, (label, options) in choices.items():
        opts = f'<option value="">{any_label}</option>' + "".join(
            f'<option value="{html.escape(v)}">{html.escape(t)}</option>' for v, t in options)
        parts.append(f'<label>{html.escape(label)} <select data-filter="{key}">{opts}</select></label>')
    search = "搜索文字" if zh else "Search the text"
    parts.append(f'<label>{search} <input type="search" data-filter="text" size="12"></label>')
    count = f'<output class="filter-count" aria-live="polite">{len(frame)} / {len(frame)}</output>'
    return f'<form class="gikkit-filters" aria-label="{"筛选" if zh else "Filter"}">{"".join(parts)} {count}</form>'


def rules_html(findings_frame, *, lang: str = "zh") -> str:
    """One row per rule met in ``findings_frame``: its name, severity, how many findings, what it means."""
    zh = _zh(lang)
    if findings_frame is None or findings_frame.empty:
        return f'<p class="no-findings">{"无检查发现。" if zh else "No findings."}</p>'
    counts = findings_frame.groupby(["code", "severity"], sort=False).size()
    rows = []
    for (code, sev), n in counts.items():
        english = findings_frame.loc[findings_frame["code"] == code, "rule"].iloc[0]
        words = SEVERITY_WORDS.get(sev, (sev, sev))[0 if zh else 1]
        rows.append("<tr>" + "".join(f"<td>{c}</td>" for c in (
            html.escape(rule_name(code, lang)), f'<span class="sev sev-{html.escape(sev)}">{SEVERITY_MARKS.get(sev, "")} {html.escape(words)}</span>',
            str(int(n)), html.escape(rule_explanation(code, lang, english=english or "")))) + "</tr>")
    head = "".join(f'<th scope="col">{h}</th>' for h in (
        ["规则", "严重程度", "条数", "含义"] if zh else ["Rule", "Severity", "Findings", "What it means"]))
    label = "规则说明" if zh else "Rules"
    return (f'<div class="table-scroll" tabindex="0" role="region" aria-label="{label}"><table class="rules">'
            f'<thead><tr>{head}</tr></thead><tbody>{"".join(rows)}</tbody></table></div>')
