"""One agency against its peers' quartiles, year by year, for one metric of the peer benchmarks.

Tidy report data in (``Dataset.to_frame()``), or the benchmark table itself
(:func:`gikkit.review.benchmarks`, to draw many agencies without recomputing it), plotly Figure out.
The band is the peers' P25..P75 and the dashed line their median; years with fewer peers than the
rating needs have no band and a note says so, rather than quartiles of three agencies.
"""
from __future__ import annotations

import pandas as pd
import plotly.graph_objects as go

from ._common import check_lang, empty_figure, finish, pick

BAND = "rgba(99, 110, 250, 0.18)"


def peer_chart(frame: pd.DataFrame | None = None, *, agency: str, metric: str = "disclosed_share", lang: str = "zh",
               bench: pd.DataFrame | None = None, levels: dict | None = None, min_peers: int | None = None) -> go.Figure:
    """``agency``'s ``metric`` by year against its peers' P25/P50/P75 (same level, same year).

    ``frame``: tidy report data; or give ``bench`` (the benchmark table). ``levels`` and
    ``min_peers`` are passed to :func:`gikkit.review.benchmarks` (default: 30 peers).
    """
    from ..review.metrics import METRICS_BY_KEY, MIN_PEERS, benchmarks, formula

    check_lang(lang)
    if metric not in METRICS_BY_KEY:
        raise ValueError(f"unknown metric {metric!r} (known: {', '.join(METRICS_BY_KEY)})")
    if bench is None:
        if frame is None:
            raise ValueError("give the tidy report data (frame) or the benchmark table (bench=)")
        bench = benchmarks(frame, levels, min_peers or MIN_PEERS)
    m = METRICS_BY_KEY[metric]
    name = pick(m.name_zh, m.name_en, lang)
    title = f"{agency} · {name}"
    subtitle = pick("同级单位四分位（P25–P75）与中位数", "peers' quartiles (P25–P75) and median, same level", lang)
    rows = bench[(bench["agency"] == agency) & (bench["metric"] == metric)].sort_values("year")
    rows = rows[rows["value"].notna()]
    notes = [pick("公式：", "Formula: ", lang) + formula(m, lang)]
    if rows.empty:
        return empty_figure(title, lang, notes, subtitle=subtitle,
                            message=pick("该单位没有可计算此指标的年份", "no year of this agency has this metric", lang))
    percent = m.kind in ("share", "change")
    years = [int(y) for y in rows["year"]]
    values = [float(v) for v in rows["value"]]
    rated = rows[rows["rated"]]
    fig = go.Figure()
    if not rated.empty:
        ry = [int(y) for y in rated["year"]]
        fig.add_trace(go.Scatter(x=ry, y=rated["p75"].tolist(), mode="lines", line={"width": 0}, showlegend=False,
                                 hoverinfo="skip"))
        fig.add_trace(go.Scatter(x=ry, y=rated["p25"].tolist(), mode="lines", line={"width": 0}, fill="tonexty",
                                 fillcolor=BAND, name=pick("同级 P25–P75", "peers P25–P75", lang), hoverinfo="skip"))
        fig.add_trace(go.Scatter(x=ry, y=rated["p50"].tolist(), mode="lines+markers", line={"dash": "dash", "color": "#636efa"},
                                 name=pick("同级中位数", "peers' median", lang),
                                 customdata=list(zip(rated["p25"], rated["p75"], rated["peers"])),
                                 hovertemplate="%{x}: P50 %{y}<br>P25 %{customdata[0]} · P75 %{customdata[1]}"
                                               "<br>n = %{customdata[2]}<extra></extra>"))
    ranks = [("" if pd.isna(r) else f" · {pick('排名', 'rank', lang)} {int(r)}/{int(n)}")
             for r, n in zip(rows["rank"], rows["peers"])]
    fig.add_trace(go.Scatter(x=years, y=values, mode="lines+markers", name=agency, line={"color": "#d62728", "width": 3},
                             marker={"size": 9}, customdata=ranks, hovertemplate="%{x}: %{y}%{customdata}<extra></extra>"))
    unrated = sorted(set(years) - {int(y) for y in rated["year"]})
    if unrated:
        counts = rows.set_index(rows["year"].astype(int))["peers"]
        shown = "、".join(f"{y}（n={int(counts[y])}）" if lang == "zh" else f"{y} (n={int(counts[y])})" for y in unrated)
        need = int(min_peers or MIN_PEERS)
        notes.append(pick(f"同级单位少于 {need} 个，不作排名、不画四分位：{shown}",
                          f"fewer than {need} peers, so no rank or quartiles: {shown}", lang))
    fig.update_xaxes(title=pick("年度", "year", lang), tickmode="array", tickvals=years, tickformat="d")
    fig.update_yaxes(title=name, tickformat=".0%" if percent else None, rangemode="tozero" if m.kind != "change" else None)
    return finish(fig, title, lang, notes, subtitle=subtitle)
