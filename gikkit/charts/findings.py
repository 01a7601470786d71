"""The checks' findings (a findings frame, see ``gikkit.checks.findings_frame``), counted."""
from __future__ import annotations

import pandas as pd
import plotly.graph_objects as go

from ..findings import SEVERITIES
from ._common import SEVERITY_COLORS, check_lang, empty_figure, escape, finish, pick
from ._text import ui
from ..wording import plain, rule_explanation, rule_name

BY = ("rule", "report")


def _report_label(row, lang: str) -> str:
    year = "" if pd.isna(row.year) else (f"{int(row.year)}年" if lang == "zh" else str(int(row.year)))
    name = row.agency if isinstance(row.agency, str) and row.agency else str(row.source).rsplit("/", 1)[-1]
    return f"{name} {year}".strip()


def findings_chart(findings: pd.DataFrame, *, by: str = "rule", lang: str = "zh") -> go.Figure:
    """Horizontal bars of finding counts, stacked by severity (error, warning, info).

    ``by="rule"``: one bar per rule, named in words (hover: the rule in one line, an example message).
    ``by="report"``: one bar per report (agency and year), most findings first.
    """
    check_lang(lang)
    if by not in BY:
        raise ValueError(f"by must be one of {BY}, not {by!r}")
    title = ui(f"findings_by_{by}", lang)
    if findings is None or findings.empty:
        return empty_figure(title, lang)
    data = findings.copy()
    if by == "rule":  # rules named in words, explained in the chart's language, the example message in words
        data["key"] = [rule_name(str(c), lang) for c in data["code"]]
        message = "message_en" if lang == "en" else "message_zh"
        data["example"] = [plain(str(m), t if isinstance(t, str) else None, lang)
                           for m, t in zip(data[message], data.get("template", [None] * len(data)))]
        info = data.groupby("key").agg(code=("code", "first"), rule=("rule", "first"), example=("example", "first"))
        hover = {k: f"{escape(rule_explanation(r.code, lang, english=r.rule))}<br>{pick('例', 'e.g.', lang)}: "
                    f"{escape(r.example)}" for k, r in info.iterrows()}
    else:
        data["key"] = [_report_label(r, lang) for r in data.itertuples()]
        # Two files of one agency-year stay apart: the file name follows when labels collide.
        per_label = data.groupby("key")["source"].nunique()
        clash = set(per_label[per_label > 1].index)
        data["key"] = [f"{k} ({str(s).rsplit('/', 1)[-1]})" if k in clash else k for k, s in zip(data["key"], data["source"])]
        # the file's name, never a path on the machine that made the chart (charts get published)
        hover = {k: escape(str(s).replace("\\", "/").rsplit("/", 1)[-1]) for k, s in zip(data["key"], data["source"])}
    counts = data.groupby(["key", "severity"]).size().unstack(fill_value=0)
    counts = counts.reindex(columns=[s for s in SEVERITIES if s in counts.columns])
    order = counts.sum(axis=1).sort_values(ascending=False, kind="stable").index
    counts = counts.loc[order]
    fig = go.Figure()
    for sev in counts.columns:
        fig.add_trace(go.Bar(
            name=ui(sev, lang), y=list(counts.index), x=counts[sev].tolist(), orientation="h",
            marker_color=SEVERITY_COLORS[sev], customdata=[hover[k] for k in counts.index],
            hovertemplate="%{y}: %{x}<br>%{customdata}<extra>" + ui(sev, lang) + "</extra>",
        ))
    fig.update_layout(barmode="stack")
    fig.update_yaxes(autorange="reversed", automargin=True)
    fig.update_xaxes(title=ui("findings", lang), dtick=1 if counts.sum(axis=1).max() <= 10 else None)
    return finish(fig, title, lang, height=max(380, 26 * len(counts) + 180))
