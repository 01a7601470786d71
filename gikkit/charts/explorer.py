"""A static stand-in for the widget explorer: one figure whose own plotly dropdowns choose the
measure, the agency and the year. It needs no kernel, so exported HTML pages keep the choice.

The three menus compose because each touches different things: the measure menu replaces the
data of every trace, the agency menu shows one trend trace, the year menu shows one ranking trace.
"""
from __future__ import annotations

import numpy as np
import pandas as pd
import plotly.graph_objects as go
from plotly.subplots import make_subplots

from ._common import check_lang, empty_figure, escape, finish
from ._measures import KEY_MEASURES, check_measure, first_per_agency_year, label, measures_table
from ._text import ui
from .compare import mark_template_change

TOP = 30


def _values(series: pd.Series) -> list[float | None]:
    return [None if np.isnan(v) else float(v) for v in series.to_numpy(dtype="float64")]


def explorer_figure(frame: pd.DataFrame, *, measure: str | None = None, lang: str = "zh",
                    measures=None, top: int = TOP) -> go.Figure:
    """Left: the chosen agency's ``measure`` across years (template change marked). Right: the
    chosen year's agencies ranked by it (the ``top`` largest). Menus choose measure, agency, year.

    ``measures`` is the list the measure menu offers (default: the key measures of 表三 and 表四
    and the comparable 表二 counts); ``measure`` is the one shown first.
    """
    check_lang(lang)
    offered = list(measures or KEY_MEASURES)
    if measure is not None:
        offered = [measure] + [m for m in offered if m != measure]
    for m in offered:
        check_measure(m)
    title = ui("explorer", lang)
    table, dups = first_per_agency_year(measures_table(frame, offered))
    table = table[table["agency"].notna() & table["year"].notna()]
    if table.empty:
        return empty_figure(title, lang)
    agencies = sorted(table["agency"].astype(str).unique())
    years = sorted(int(y) for y in table["year"].unique())
    by_agency = {a: rows.sort_values("year") for a, rows in table.groupby(table["agency"].astype(str))}
    by_year = {int(y): rows for y, rows in table.groupby("year")}

    def trace_data(m: str) -> tuple[list, list]:
        xs, ys = [], []
        for a in agencies:
            xs.append([int(y) for y in by_agency[a]["year"]])
            ys.append(_values(by_agency[a][m]))
        for y in years:
            rows = by_year[y].dropna(subset=[m]).sort_values([m, "agency"], ascending=[False, True]).head(top)
            xs.append(_values(rows[m]))
            ys.append(rows["agency"].astype(str).tolist())
        return xs, ys

    first_x, first_y = trace_data(offered[0])
    fig = make_subplots(rows=1, cols=2, column_widths=[0.55, 0.45], horizontal_spacing=0.22,
                        subplot_titles=[ui("explorer_trend", lang), ui("explorer_ranking", lang, n=top)])
    agency0, year0 = agencies[0], years[-1]
    for i, a in enumerate(agencies):
        fig.add_trace(go.Scatter(x=first_x[i], y=first_y[i], name=a, mode="lines+markers", connectgaps=False,
                                 visible=a == agency0, showlegend=False, line={"color": "#1f77b4"},
                                 hovertemplate=escape(a).replace("%", "%%") + "<br>%{x}: %{y}<extra></extra>"), row=1, col=1)
    for j, y in enumerate(years):
        k = len(agencies) + j
        fig.add_trace(go.Bar(x=first_x[k], y=first_y[k], name=str(y), orientation="h", visible=y == year0,
                             showlegend=False, marker_color="#ff7f0e",
                             hovertemplate=f"{y}<br>%{{y}}: %{{x}}<extra></extra>"), row=1, col=2)
    mark_template_change(fig, years, lang, xref="x", yref="y")
    fig.update_xaxes(dtick=1, tickformat="d", title=ui("year", lang), row=1, col=1)
    fig.update_yaxes(rangemode="tozero", row=1, col=1)
    fig.update_yaxes(autorange="reversed", automargin=True, row=1, col=2)

    trend_ix = list(range(len(agencies)))
    rank_ix = list(range(len(agencies), len(agencies) + len(years)))
    measure_buttons = []
    for m in offered:
        xs, ys = trace_data(m)
        measure_buttons.append({"label": label(m, lang), "method": "update",
                                "args": [{"x": xs, "y": ys}, {"title.text": f"{title}：{label(m, lang)}"
                                                              if lang == "zh" else f"{title}: {label(m, lang)}"}]})
    agency_buttons = [{"label": a, "method": "restyle", "args": [{"visible": [b == a for b in agencies]}, trend_ix]}
                      for a in agencies]
    year_buttons = [{"label": str(y), "method": "restyle", "args": [{"visible": [z == y for z in years]}, rank_ix]}
                    for y in years]
    menus = [(ui("measure", lang), measure_buttons, 0, 0.0), (ui("agency", lang), agency_buttons, 0, 0.42),
             (ui("year", lang), year_buttons, len(years) - 1, 0.8)]
    fig.update_layout(updatemenus=[
        {"buttons": buttons, "active": active, "direction": "down", "showactive": True, "x": x + 0.06, "y": 1.2,
         "xanchor": "left", "yanchor": "top", "pad": {"r": 4, "t": 0}, "font": {"size": 11}}
        for _, buttons, active, x in menus])
    for name, _, _, x in menus:
        fig.add_annotation(text=name, x=x, y=1.185, xref="paper", yref="paper", showarrow=False,
                           xanchor="left", yanchor="top")
    notes = [ui("explorer_note", lang)] + ([ui("duplicates_note", lang, n=dups)] if dups else [])
    heading = f"{title}：{label(offered[0], lang)}" if lang == "zh" else f"{title}: {label(offered[0], lang)}"
    finish(fig, heading, lang, notes, height=max(560, 22 * min(top, len(agencies)) + 260))
    fig.update_layout(margin={"t": 150}, meta={"lang": lang, "notes": notes, "measures": offered,
                                               "agencies": agencies, "years": years})
    return fig

