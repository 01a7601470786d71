"""Where a notebook is being shown: live in Jupyter, or executed for a static HTML export.

The exporter sets ``GIKKIT_EXPORT=1`` in the kernel it runs. Widgets need a live kernel for their
callbacks, so in an export the notebooks show plotly figures that carry their own dropdowns instead.
"""
from __future__ import annotations

import os

EXPORT_ENV = "GIKKIT_EXPORT"


def is_static_export() -> bool:
    """True while a notebook is executed to be turned into static HTML."""
    return os.environ.get(EXPORT_ENV, "") not in ("", "0", "false")


# --- Showing report text and figures in a notebook, always escaped -----------------------------
# Report files come from outside: their text may hold "<script>" or Markdown. Everything below
# builds HTML with html.escape, so a report's text is shown as text and never runs as markup.

import html as _html  # noqa: E402
from pathlib import Path  # noqa: E402

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
    head = f"<h4>{_html.escape(title)}</h4>" if title else ""
    body = _html.escape(text) if text else "<em>—</em>"
    return _html_object(f'{head}<div class="gikkit-text" style="{_TEXT_STYLE}">{body}</div>')


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
    from .schema import cell_spec

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
    pairs.append(("检查发现（错误/警告/提示）" if zh else "Findings (errors/warnings/info)",
                  f"{counts['error']} / {counts['warning']} / {counts['info']}"))
    return pairs


def key_figures_table(report, *, lang: str = "zh"):
    """The key figures of one report as an escaped HTML table (an IPython HTML object)."""
    headers = ["项目", "数值"] if lang == "zh" else ["Item", "Value"]
    return _html_object(html_table(key_figures(report, lang=lang), headers=headers))


def findings_table(findings_frame, *, lang: str = "zh", columns: list[str] | None = None):
    """Findings (a findings frame) as an escaped HTML table (an IPython HTML object)."""
    message = "message_zh" if lang == "zh" else "message_en"
    columns = columns or [c for c in ("agency", "year", "code", "severity", message, "refs")
                          if c in findings_frame.columns]
    if findings_frame.empty:
        return _html_object("<p>无检查发现 / no findings</p>")
    return _html_object(html_table(findings_frame, columns))


def report_sections(report, *, lang: str = "zh"):
    """The six sections of a report, each under its spec heading, escaped (an IPython HTML object)."""
    from .schema import template

    parts = []
    for section in template(report.template).sections:
        label = section["label_zh"] if lang == "zh" else section.get("label_en", section["label_zh"])
        text = report.sections.get(section["key"], "")
        body = _html.escape(text) if text else ("<em>（报告中未见此部分）</em>" if lang == "zh"
                                                 else "<em>(not found in the report)</em>")
        parts.append(f'<h4>{_html.escape(label)}</h4><div class="gikkit-text" style="{_TEXT_STYLE}">{body}</div>')
    return _html_object("".join(parts))
