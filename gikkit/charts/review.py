"""表四 of one report: administrative reconsideration and litigation, by result."""
from __future__ import annotations

import pandas as pd
import plotly.graph_objects as go

from .. import schema
from ._common import cell_labels_note, check_lang, empty_figure, figure, number_text, one_report, pick
from ._text import ui

RESULT_COLORS = {"upheld": "#1f77b4", "corrected": "#d62728", "other_result": "#7f7f7f", "pending": "#ff7f0e"}


def _t4(key: str):
    table = schema.template(key).tables["t4"]
    return table["rows"], table["columns"]


def review_litigation(frame: pd.DataFrame, *, agency=None, year=None, lang: str = "zh") -> go.Figure:
    """Stacked bars for 行政复议, 未经复议直接起诉 and 复议后起诉: 结果维持 / 结果纠正 / 其他结果 / 尚未审结,
    with the report's own 总计 as a marker (so a total that disagrees with its parts shows)."""
    check_lang(lang)
    rc = one_report(frame, agency, year, lang)
    rows, columns = _t4(rc.template.key)
    x = [pick(r["label_zh"], r["label_en"], lang) for r in rows]
    traces = []
    blanks: list[str] = []
    for col in columns:
        refs = [f"t4.{r['key']}.{col['key']}" for r in rows]
        ys = [rc.get(ref) for ref in refs]
        blanks += [ref for ref, v in zip(refs, ys) if v is None]
        name = pick(col["label_zh"], col["label_en"], lang)
        flags = [ui("blank", lang) if v is None else "" for v in ys]
        if col["key"] == "total":
            traces.append({
                "type": "scatter", "hovertemplate": "%{x}<br>" + name + ": %{y}<extra></extra>",
                "marker": {"color": "#333", "size": 36, "symbol": "line-ew-open"}, "mode": "markers+text",
                "name": name, "text": [flag or number_text(v) for v, flag in zip(ys, flags)],
                "textposition": "top center", "x": x, "y": ys,
            })
        else:
            traces.append({"type": "bar", "customdata": flags,
                           "hovertemplate": "%{x}<br>" + name + ": %{y}%{customdata}<extra></extra>",
                           "marker": {"color": RESULT_COLORS[col["key"]]}, "name": name, "x": x, "y": ys})
    notes = list(rc.notes)
    if blanks:
        notes.append(cell_labels_note(blanks, lang, rc.template.key))
    elif all(v == 0 for tr in traces for v in tr["y"]):  # every cell printed 0: say so, not empty axes
        return empty_figure(ui("review_litigation", lang), lang, notes, subtitle=rc.subtitle(lang),
                            message=ui("no_reviews", lang))
    layout = {"barmode": "stack", "yaxis": {"title": {"text": ui("count", lang)}, "rangemode": "tozero"}}
    return figure(traces, layout, ui("review_litigation", lang), lang, notes, subtitle=rc.subtitle(lang))
