"""Many reports: one agency across years (trend), agencies in one year (ranking, outcome shares).

Each takes tidy report data (a frame), or a corpus store (:class:`gikkit.store_view.StoreDataset`):
then the measures of the one agency or year asked for are worked out in a DuckDB query, and only
that small table reaches the chart (the same ``*_from_table`` functions draw it either way).
"""
from __future__ import annotations

import numpy as np
import pandas as pd
import plotly.graph_objects as go

from .. import schema
from ._common import check_lang, empty_figure, finish, short, t3_column_label, t3_row_label
from ._measures import (OUTCOME_GROUPS, check_measure, counterpart, counterpart_text, first_per_agency_year, label,
                        measures_table, present)
from ._text import ui

DEFAULT_MEASURE = "t3.new_received.total"
LINE_COLORS = ["#1f77b4", "#d62728", "#2ca02c", "#9467bd", "#ff7f0e", "#8c564b", "#17becf"]


def _measures(data, measures, **where) -> pd.DataFrame:
    """``measures_table`` of the reports of ``data`` (a frame or a store) whose ``where`` column has the value given."""
    if not isinstance(data, pd.DataFrame):
        return data.measures_table(measures, **where)
    (column, value), = where.items()
    return measures_table(data[data[column] == value], measures)


def _one_agency(frame, agency) -> str:
    if not isinstance(frame, pd.DataFrame):  # a store: its list of agencies, not its cells
        frame = pd.DataFrame({"agency": frame.agencies()})
    if agency is not None:
        if not (frame["agency"] == agency).any():
            raise ValueError(f"no report for agency {agency!r}; the frame has: "
                             + ", ".join(map(str, frame["agency"].drop_duplicates().head(20))))
        return agency
    agencies = frame["agency"].dropna().unique()
    if len(agencies) != 1:
        raise ValueError(f"the frame holds {len(agencies)} agencies; pass agency= to choose one")
    return agencies[0]


def _years_text(years, lang: str) -> str:
    return "、".join(f"{y}年" for y in years) if lang == "zh" else ", ".join(map(str, years))


def template_change_x() -> float:
    """Where the 2021 format begins on a year axis (between 2020 and 2021)."""
    return schema.template("v2021").first_year - 0.5


def mark_template_change(fig: go.Figure, years, lang: str, **where) -> None:
    """A dashed vertical line, with a label, between the last 2019-format and first 2021-format year.

    ``where``: ``xref``/``yref`` of the axes to mark (default the first pair).
    """
    x = template_change_x()
    if len(years) and min(years) < x < max(years):
        xref, yref = where.get("xref", "x"), where.get("yref", "y")
        fig.add_shape(type="line", x0=x, x1=x, xref=xref, y0=0, y1=1, yref=f"{yref} domain",
                      line={"dash": "dash", "color": "#888"})
        fig.add_annotation(text=ui("template_change", lang), x=x, xref=xref, y=1, yref=f"{yref} domain",
                           xanchor="left", yanchor="top", showarrow=False, font={"size": 11, "color": "#666"})


def trend(frame, *, agency=None, measure=DEFAULT_MEASURE, lang: str = "zh") -> go.Figure:
    """Lines across report years for one agency; ``measure`` is a ref or a list of refs.

    A dashed line marks the change of template (2020 -> 2021). A measure is drawn only in the
    years whose template has it: where the other template has an approximately comparable
    measure it is drawn as its own dashed line, otherwise a note says what it has instead
    (changed meaning, dropped). Blank cells leave a gap, never a 0.
    """
    check_lang(lang)
    measures = [measure] if isinstance(measure, str) else list(measure)
    for m in measures:
        check_measure(m)
    agency = _one_agency(frame, agency)
    table = _measures(frame, trend_measures(measures), agency=agency)
    return trend_from_table(table, agency=agency, measure=measures, lang=lang)


def trend_measures(measures) -> list[str]:
    """The measures a trend needs: those asked for and their approximately comparable counterparts."""
    extra = [r for m in measures for key in schema.templates() for r in counterpart(m, key).refs
             if counterpart(m, key).relation == "approximately_comparable"]
    return list(dict.fromkeys(list(measures) + extra))


def trend_from_table(table: pd.DataFrame, *, agency, measure, lang: str = "zh") -> go.Figure:
    """:func:`trend` from a measures table (``charts.measures_table``) of one agency's reports."""
    measures = [measure] if isinstance(measure, str) else list(measure)
    table, dups = first_per_agency_year(table.sort_values("year"))
    fig = go.Figure()
    notes = [ui("duplicates_note", lang, n=dups)] if dups else []
    years = [int(y) for y in table["year"].dropna()]
    for i, m in enumerate(measures):
        color = LINE_COLORS[i % len(LINE_COLORS)]
        has = present(table, m)
        rows = table[has]
        _line(fig, rows, m, label(m, lang), color, lang, "solid")
        blank = rows[rows[m].isna()]["year"].tolist()
        if blank:
            notes.append(ui("blank_note", lang, items=f"{label(m, lang)} {_years_text(blank, lang)}"))
        missing = table[~has]
        if missing.empty:
            continue
        other_key = missing["template"].iloc[0]
        own_key = "v2021" if other_key == "v2019" else "v2019"
        notes.append(ui("not_comparable_note", lang, this=label(m, lang, own_key),
                        relation=counterpart_text(m, own_key, lang)))
        cp = counterpart(m, own_key)
        if cp.relation == "approximately_comparable":
            for ref in cp.refs:
                _line(fig, missing, ref, label(ref, lang, other_key), color, lang, "dot")
    if not fig.data:
        return empty_figure(ui("trend", lang), lang, notes)
    mark_template_change(fig, years, lang)
    fig.update_xaxes(title=ui("year", lang), dtick=1, tickformat="d")
    fig.update_yaxes(title=ui("value", lang), rangemode="tozero")
    fig.update_layout(hovermode="x unified" if len(fig.data) > 1 else "closest")
    return finish(fig, ui("trend", lang), lang, notes, subtitle=str(agency))


def _line(fig: go.Figure, rows: pd.DataFrame, measure: str, name: str, color: str, lang: str, dash: str) -> None:
    ys = [None if np.isnan(v) else float(v) for v in rows[measure]]
    fig.add_trace(go.Scatter(
        x=[int(y) for y in rows["year"]], y=ys, name=name, mode="lines+markers", connectgaps=False,
        line={"color": color, "dash": dash}, meta=measure,
        customdata=[[label(measure, lang, t), ui("blank", lang) if v is None else ""]
                    for t, v in zip(rows["template"], ys)],
        hovertemplate="%{x}: %{y}%{customdata[1]}<br>%{customdata[0]}<extra></extra>",
    ))


def ranking(frame, *, year, measure=DEFAULT_MEASURE, lang: str = "zh", top: int | None = None) -> go.Figure:
    """Horizontal bars: agencies ranked by ``measure`` in report ``year`` (largest first).

    Agencies whose cell is blank are left out (not ranked as 0) and counted in a note; so are
    reports whose template has no such measure.
    """
    check_lang(lang)
    check_measure(measure)
    year = int(year)
    table = _measures(frame, [measure], year=year)
    return ranking_from_table(table, year=year, measure=measure, lang=lang, top=top)


def ranking_from_table(table: pd.DataFrame, *, year, measure, lang: str = "zh", top: int | None = None) -> go.Figure:
    """:func:`ranking` from a measures table (``charts.measures_table``) of one year's reports."""
    table, dups = first_per_agency_year(table)
    has = present(table, measure)
    notes = [ui("duplicates_note", lang, n=dups)] if dups else []
    if (~has).sum():
        notes.append(ui("absent_note", lang, n=int((~has).sum())))
    rows = table[has]
    blank = rows[rows[measure].isna()]
    if len(blank):
        names = "、".join(map(str, blank["agency"].head(6))) + ("…" if len(blank) > 6 else "")
        notes.append(ui("blank_note", lang, items=names))
    rows = rows[rows[measure].notna()]
    if top and len(rows) > top:  # sort only the rows that can be among the top: those at or above the top-th value
        values = rows[measure].to_numpy(dtype="float64")
        rows = rows[values >= np.partition(values, len(values) - top)[len(values) - top]]
    rows = rows.sort_values([measure, "agency"], ascending=[False, True])
    if top:
        rows = rows.head(top)
    template_key = rows["template"].iloc[0] if len(rows) else None
    title = label(measure, lang, template_key)
    if rows.empty:
        return empty_figure(ui("ranking", lang), lang, notes)
    fig = go.Figure(go.Bar(
        x=rows[measure].tolist(), y=rows["agency"].astype(str).tolist(), orientation="h", meta=measure,
        marker_color="#1f77b4", name=title, hovertemplate="%{y}<br>%{x}<extra></extra>",
    ))
    fig.update_yaxes(autorange="reversed", automargin=True)
    fig.update_xaxes(title=title)
    heading = f"{ui('ranking', lang)}：{year}年" if lang == "zh" else f"{ui('ranking', lang)}: {year}"
    return finish(fig, heading, lang, notes, subtitle=title, height=max(400, 24 * len(rows) + 180))


def outcome_share_heatmap(frame, *, year, lang: str = "zh", column: str = "total") -> go.Figure:
    """Agencies (rows) by outcome group (columns) in report ``year``: each cell is the group's share
    of the agency's outcomes in applicant ``column``. An agency with a blank outcome, or with no
    requests at all, has no shares (an empty row), never 0%.
    """
    check_lang(lang)
    year = int(year)
    measures = [f"t3.{g}.{column}" for g in OUTCOME_GROUPS]
    table, dups = first_per_agency_year(_measures(frame, measures, year=year))
    notes = [ui("duplicates_note", lang, n=dups)] if dups else []
    if table.empty:
        return empty_figure(ui("outcome_share_heatmap", lang), lang, notes)
    counts = table[measures].to_numpy(dtype="float64")
    totals = counts.sum(axis=1)  # NaN when any outcome is blank
    with np.errstate(invalid="ignore", divide="ignore"):
        shares = np.where(totals[:, None] > 0, counts / totals[:, None], np.nan)
    order = np.lexsort((table["agency"].astype(str).to_numpy(), -np.nan_to_num(shares[:, 0], nan=-1.0)))
    shares, counts, table = shares[order], counts[order], table.iloc[order]
    tmpl = schema.template("v2021" if year >= schema.template("v2021").first_year else "v2019")
    x = [short(t3_row_label(tmpl, g, lang)) for g in OUTCOME_GROUPS]
    text = [["" if np.isnan(s) else f"{s:.0%}" for s in row] for row in shares]
    custom = [[_count_text(c, lang) for c in row] for row in counts]
    fig = go.Figure(go.Heatmap(
        z=[[None if np.isnan(s) else float(s) for s in row] for row in shares], x=x,
        y=table["agency"].astype(str).tolist(), text=text, texttemplate="%{text}", customdata=custom,
        colorscale="Blues", zmin=0, zmax=1, colorbar={"title": ui("share", lang), "tickformat": ".0%"},
        hovertemplate="%{y}<br>%{x}: %{z:.1%}<br>%{customdata}<extra></extra>", hoverongaps=False,
    ))
    blank = int(np.isnan(totals).sum())
    if blank:
        notes.append(ui("blank_count_note", lang, n=blank))
    zero = int((totals == 0).sum())
    if zero:
        notes.append(ui("no_requests", lang) + f" ({zero})")
    notes.append(ui("share_note", lang))
    fig.update_yaxes(autorange="reversed", automargin=True)
    fig.update_xaxes(side="top")
    heading = f"{ui('outcome_share_heatmap', lang)}：{year}年" if lang == "zh" else f"{ui('outcome_share_heatmap', lang)}: {year}"
    return finish(fig, heading, lang, notes, subtitle=ui("column_shown", lang, column=t3_column_label(column, lang)),
                  height=max(400, 26 * len(table) + 200))


def _count_text(value: float, lang: str) -> str:
    if np.isnan(value):
        return ui("blank", lang)
    return f"{ui('count', lang)}: {int(value) if float(value).is_integer() else value:g}"

