"""What the notebooks show besides charts, live in Jupyter or executed for a static HTML export.

The exporter sets ``GIKKIT_EXPORT=1`` in the kernel it runs (:func:`is_static_export`). Widgets need a
live kernel for their callbacks, so in an export the notebooks show plotly figures that carry their
own dropdowns, and the findings browser becomes a plain table.
The rest builds escaped HTML: a report's header, key figures, sections and findings, an overview of
a dataset, and the feedback on an exercise answer (:func:`check_answer`).
"""
from __future__ import annotations

import html as _html
import os
from pathlib import Path

from .findings_html import findings_html, flagged_cells, rules_html
from .printed_tables import printed_tables_html
from .schema import cell_spec, template
from .wording import coverage_text

EXPORT_ENV = "GIKKIT_EXPORT"


def is_static_export() -> bool:
    """True while a notebook is executed to be turned into static HTML."""
    return os.environ.get(EXPORT_ENV, "") not in ("", "0", "false")


# --- Showing report text and figures in a notebook, always escaped -----------------------------
# Report files come from outside: their text may hold "<script>" or Markdown. Everything below
# builds HTML with html.escape, so a report's text is shown as text and never runs as markup.

KEY_FIGURE_REFS = (
    "t3.new_received.total", "t3.carried_over_from_prev.total", "t3.granted.total",
    "t3.partially_granted.total", "t3.outcome_total.total", "t3.carried_forward_to_next.total",
    "t4.admin_review.total", "t4.litigation_direct.total", "t4.litigation_after_review.total",
)
_TEXT_STYLE = "white-space:pre-wrap;font-family:inherit;line-height:1.6;margin:0.3em 0 1em 0"
_TABLE_STYLE = "border-collapse:collapse;margin:0.5em 0"
_CELL_STYLE = "border:1px solid #ccc;padding:3px 8px;text-align:left;vertical-align:top"


def resolve_path(path: str | Path) -> Path:
    """``path`` as given if it exists, else relative to a parent of the working directory.

    Notebooks name data relative to the repository root (``data/...``) but may run with the
    ``notebooks/`` folder as working directory; an absolute path is returned unchanged.
    """
    p = Path(path).expanduser()
    if p.is_absolute() or p.exists():
        return p
    for parent in Path.cwd().resolve().parents:
        if (parent / p).exists():
            return parent / p
    return p


def _html_object(markup: str):
    from IPython.display import HTML

    return HTML(markup)


def text_block(text: str | None, *, title: str | None = None):
    """Report text as an IPython HTML object, escaped and with its line breaks kept."""
    head = f"<h3>{_html.escape(title)}</h3>" if title else ""
    body = _html.escape(text) if text else "<em>—</em>"
    return _html_object(f'{head}<div class="gikkit-text" style="{_TEXT_STYLE}">{body}</div>')


def report_header(report, *, lang: str = "zh"):
    """The report's title as a heading, with its file, format and template on a line below (escaped)."""
    name = template(report.template).name_zh if lang == "zh" else report.template
    line = " · ".join(str(x) for x in (Path(report.source).name, report.format, name) if x)
    return _html_object(f"<h2>{_html.escape(report.title or Path(report.source).name)}</h2>"
                        f'<div style="color:#666">{_html.escape(line)}</div>')


def _cell_text(value) -> str:
    if value is None:
        return ""
    try:
        import pandas as pd

        if pd.isna(value):
            return ""
    except (TypeError, ValueError):
        pass
    if isinstance(value, float) and value.is_integer():
        return str(int(value))
    return str(value)


def html_table(rows, columns: list[str] | None = None, *, headers: list[str] | None = None) -> str:
    """An escaped HTML table from a DataFrame or a list of dicts/tuples; blank for None/NA."""
    if hasattr(rows, "to_dict"):
        columns = columns or list(rows.columns)
        records = [[r.get(c) for c in columns] for r in rows.to_dict("records")]
    else:
        records = [[r.get(c) for c in columns] if isinstance(r, dict) else list(r) for r in rows]
    headers = headers or columns or []
    head = "".join(f'<th style="{_CELL_STYLE}">{_html.escape(str(h))}</th>' for h in headers)
    body = "".join(
        "<tr>" + "".join(f'<td style="{_CELL_STYLE}">{_html.escape(_cell_text(v))}</td>' for v in r) + "</tr>"
        for r in records)
    return f'<table class="gikkit-table" style="{_TABLE_STYLE}"><thead><tr>{head}</tr></thead><tbody>{body}</tbody></table>'


def key_figures(report, *, lang: str = "zh") -> list[tuple[str, str]]:
    """(label, value) pairs: the report's metadata and its headline counts, labels from the spec."""
    zh = lang == "zh"
    counts = report.findings_by_severity()
    pairs = [
        ("机关" if zh else "Agency", report.agency or ""),
        ("年度" if zh else "Year", _cell_text(report.year)),
        ("模板" if zh else "Template", report.template),
        ("发布日期" if zh else "Published", report.published or ""),
        ("文件格式" if zh else "File format", report.format),
    ]
    for ref in KEY_FIGURE_REFS:
        spec = cell_spec(ref)
        if spec is None or ref not in report.cells:
            continue
        row = spec.row_label_zh if zh else spec.row_label_en
        col = spec.column_label_zh if zh else spec.column_label_en
        value = report.cells[ref]
        shown = _cell_text(value) if value is not None else ("（空白）" if zh else "(blank)")
        pairs.append((f"{row}（{col}）" if zh else f"{row} ({col})", shown))
    read, total = report.coverage_counts
    pairs.append(("读取率（已读单元格/模板单元格）" if zh else "Coverage (cells read / template cells)",
                  f"{coverage_text(report.coverage)} ({read}/{total})"))
    pairs.append(("检查发现（错误/警告/提示）" if zh else "Findings (errors/warnings/info)",
                  f"{counts['error']} / {counts['warning']} / {counts['info']}"))
    return pairs


def key_figures_table(report, *, lang: str = "zh"):
    """The key figures of one report as an escaped HTML table (an IPython HTML object)."""
    headers = ["项目", "数值"] if lang == "zh" else ["Item", "Value"]
    return _html_object(html_table(key_figures(report, lang=lang), headers=headers))


def findings_table(findings_frame, *, lang: str = "zh", with_report: bool | None = None):
    """Findings (a findings frame) as a table in words (an IPython HTML object); see :mod:`gikkit.findings_html`.

    ``with_report`` adds the agency and year columns (default: when the findings are of more than one report).
    """
    if with_report is None:
        with_report = findings_frame["source"].nunique() > 1 if "source" in findings_frame.columns else False
    return _html_object(findings_html(findings_frame, lang=lang, with_report=with_report))


def rules_table(findings_frame, *, lang: str = "zh"):
    """The rules met in ``findings_frame``, named and explained in the page's language (an IPython HTML object)."""
    return _html_object(rules_html(findings_frame, lang=lang))


def report_findings(report, *, lang: str = "zh"):
    """One report's findings in words, each with the id its marked cells in :func:`printed_tables` link to."""
    from .checks import findings_frame

    frame = findings_frame([report])
    linked = set(flagged_cells(frame))
    return _html_object(findings_html(frame, lang=lang, with_report=False, anchors=True, linked_cells=linked))


def printed_tables(report, *, lang: str = "zh"):
    """表二, 表三 and 表四 as printed, cells a finding is about marked and linked to it (:func:`report_findings`)."""
    from .checks import findings_frame

    return _html_object(printed_tables_html(report, lang=lang, flagged=flagged_cells(findings_frame([report]))))


def report_sections(report, *, lang: str = "zh"):
    """The six sections of a report, each under its spec heading, escaped (an IPython HTML object)."""
    parts = []
    for section in template(report.template).sections:
        label = section["label_zh"] if lang == "zh" else section.get("label_en", section["label_zh"])
        text = report.sections.get(section["key"], "")
        if text:
            body = _html.escape(text)
        elif section["key"] in report.sections_seen:  # heading printed, only a table under it
            body = "<em>（此部分无文字，见上方表格）</em>" if lang == "zh" else "<em>(no text: the table is shown above)</em>"
        else:
            body = "<em>（报告中未见此部分）</em>" if lang == "zh" else "<em>(not found in the report)</em>"
        parts.append(f'<h3>{_html.escape(label)}</h3><div class="gikkit-text" style="{_TEXT_STYLE}">{body}</div>')
    return _html_object("".join(parts))


def reports_overview(dataset, *, lang: str = "zh"):
    """One escaped table row per report read (agency, year, template, format, findings), then the failures."""
    zh = lang == "zh"
    headers = (["文件", "机关", "年度", "模板", "格式", "读取率", "错误", "警告", "提示"] if zh
               else ["File", "Agency", "Year", "Template", "Format", "Coverage", "Errors", "Warnings", "Notes"])
    rows = []
    for r in sorted(dataset.reports, key=lambda r: (r.agency or "", r.year or 0)):
        counts = r.findings_by_severity()
        rows.append((Path(r.source).name, r.agency, r.year, r.template, r.format, coverage_text(r.coverage),
                     counts["error"], counts["warning"], counts["info"]))
    markup = html_table(rows, headers=headers)
    if dataset.failures:
        title = "未能读取的文件" if zh else "Files that could not be read"
        markup += f"<h3>{_html.escape(title)}</h3>" + html_table(
            [(Path(f.path).name, f.problem) for f in dataset.failures], headers=["文件", "原因"] if zh else ["File", "Problem"])
    return _html_object(markup)


FINDING_FILTERS = ("severity", "code", "agency")


def filter_findings(findings_frame, *, severity=None, code=None, agency=None, text: str = ""):
    """The findings that match every filter given (``None`` or "" means any); ``text`` searches the messages and refs."""
    frame = findings_frame
    for column, value in (("severity", severity), ("code", code), ("agency", agency)):
        if value:
            frame = frame[frame[column] == value]
    if text:
        hay = frame["message_zh"].fillna("") + " " + frame["message_en"].fillna("") + " " + frame["refs"].fillna("")
        frame = frame[hay.str.contains(text, case=False, regex=False)]
    return frame


def findings_browser(findings_frame, *, lang: str = "zh"):
    """Every finding in a table, with filters: ipywidgets in a live kernel, a plain escaped table in a static export.

    In an export no kernel answers the widgets: the whole table is shown in words, with dropdowns for
    severity, rule and agency that the exported page's own script makes work in the browser.
    """
    message = "message_zh" if lang == "zh" else "message_en"
    columns = [c for c in ("agency", "year", "severity", "code", message, "refs") if c in findings_frame.columns]
    if is_static_export():
        return _html_object(findings_html(findings_frame, lang=lang, with_report=True, filters=True))
    import ipywidgets as widgets

    any_label = "（全部）" if lang == "zh" else "(all)"

    def options(column):
        values = sorted(str(v) for v in findings_frame[column].dropna().unique())
        return [(any_label, "")] + [(v, v) for v in values]

    labels = {"severity": ("严重程度", "Severity"), "code": ("规则", "Rule"), "agency": ("机关", "Agency")}
    pickers = {c: widgets.Dropdown(options=options(c), value="", description=labels[c][lang != "zh"])
               for c in FINDING_FILTERS}
    search = widgets.Text(value="", placeholder="搜索…" if lang == "zh" else "search…",
                          description="文字" if lang == "zh" else "Text")
    count = widgets.HTML()
    table = widgets.HTML()

    def refresh(_change=None):
        shown = filter_findings(findings_frame, text=search.value, **{c: p.value for c, p in pickers.items()})
        count.value = _html.escape(f"{len(shown)} / {len(findings_frame)}")
        table.value = html_table(shown, columns) if len(shown) else "<p>—</p>"

    for w in (*pickers.values(), search):
        w.observe(refresh, names="value")
    refresh()
    return widgets.VBox([widgets.HBox(list(pickers.values())), widgets.HBox([search, count]), table])


class Feedback:
    """The verdict on an exercise answer: shows as HTML in a notebook, ``.right`` for code."""

    def __init__(self, right: bool, markup: str):
        self.right = right
        self.markup = markup

    def _repr_html_(self) -> str:
        return self.markup

    def __bool__(self) -> bool:
        return self.right


def check_answer(answer, accepted, *, lang: str = "zh", hint: str = "") -> Feedback:
    """Feedback on an exercise: right when ``answer`` is one of ``accepted`` (strings compared trimmed, case-blind).

    ``None`` means not answered yet.
    """
    def norm(v):
        if isinstance(v, str):
            return v.strip().lower()
        if isinstance(v, (list, tuple)):  # ("机关", 2023) and ["机关", 2023] are the same answer
            return tuple(norm(x) for x in v)
        return v

    zh = lang == "zh"
    if answer is None:
        verdict, colour, ok = ("还没有作答：把上面的 None 换成你的答案，再运行。" if zh
                               else "Not answered yet: replace None above with your answer and run again."), "#555", False
    elif norm(answer) in {norm(a) for a in accepted}:
        verdict, colour, ok = ("✔ 正确！" if zh else "✔ Right!"), "#2ca02c", True
    else:
        verdict, colour, ok = ("✘ 不对，再试一次。" if zh else "✘ Not quite; try again."), "#d62728", False
    extra = f"<div>{_html.escape(hint)}</div>" if hint and answer is not None and not ok else ""
    state = "unanswered" if answer is None else str(ok).lower()
    markup = (f'<div class="gikkit-check" data-right="{state}" style="border-left:4px solid {colour};'
              f'padding:4px 10px;margin:6px 0"><b style="color:{colour}">{_html.escape(verdict)}</b>'
              f"<div>{_html.escape('你的答案' if zh else 'Your answer')}: {_html.escape(repr(answer))}</div>{extra}</div>")
    return Feedback(ok, markup)
