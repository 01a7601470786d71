"""表三 of one report: where the requests went, outcomes by applicant type, and the reasons."""
from __future__ import annotations

import pandas as pd
import plotly.graph_objects as go

from ._common import (OUTCOME_COLORS, cell_labels_note, check_lang, empty_figure, figure, number_text, one_report,
                      short, t3_column_label, t3_row_label)
from ._measures import OUTCOME_GROUPS, T3_GROUPS
from ._text import ui

APPLICANT_COLUMNS = ("natural_person", "commercial_enterprise", "research_institution", "social_welfare_org",
                     "legal_service_org", "other_org", "total")
REASON_GROUP_COLORS = {"withheld": "#d62728", "unavailable": "#ff7f0e", "not_processed": "#7f7f7f",
                       "other_handling": "#9467bd"}


def no_requests(rc) -> bool:
    """Whether the report says it had no requests at all: 一 and 二 of the 总计 column both printed as 0."""
    return all(rc.get(f"t3.{row}.total") == 0 for row in ("new_received", "carried_over_from_prev"))


def request_flow(frame: pd.DataFrame, *, agency=None, year=None, lang: str = "zh", column: str = "total") -> go.Figure:
    """A Sankey of 表三: 一 new + 二 carried over -> the requests to handle -> 三 each outcome group
    (via （七）总计) and 四 carried forward, for one report and one applicant ``column``.

    Link values are the report's own cells (groups are the sums of their sub-rows); a blank cell
    leaves its link out and a note names it. When 一 + 二 differs from 三(七) + 四 a note says so.
    """
    check_lang(lang)
    rc = one_report(frame, agency, year, lang)
    t = rc.template
    blanks: list[str] = []

    def cell(row: str) -> float | None:
        value, missing = rc.group(row, column)
        blanks.extend(m for m in missing if m not in blanks)
        return value

    nodes = ["new_received", "carried_over_from_prev", "pool", "outcome_total", *OUTCOME_GROUPS,
             "carried_forward_to_next"]
    index = {n: i for i, n in enumerate(nodes)}
    labels = [ui("pool", lang) if n == "pool" else t3_row_label(t, n, lang) for n in nodes]
    links = [("new_received", "pool", cell("new_received")),
             ("carried_over_from_prev", "pool", cell("carried_over_from_prev")),
             ("pool", "outcome_total", cell("outcome_total")),
             ("pool", "carried_forward_to_next", cell("carried_forward_to_next"))]
    links += [("outcome_total", g, cell(g)) for g in OUTCOME_GROUPS]
    drawn = [(s, d, v) for s, d, v in links if v is not None]
    # Plain dicts, keys in the order plotly's validation writes them (see _common.figure).
    sankey = {
        "type": "sankey", "arrangement": "snap",
        "link": {"customdata": [f"{short(labels[index[s]])} → {short(labels[index[d]])}" for s, d, _ in drawn],
                 "hovertemplate": "%{customdata}<br>%{value}<extra></extra>",
                 "source": [index[s] for s, _, _ in drawn], "target": [index[d] for _, d, _ in drawn],
                 "value": [v for _, _, v in drawn]},
        "node": {"color": [OUTCOME_COLORS.get(n, "#bbbbbb") for n in nodes], "customdata": labels,
                 "hovertemplate": "%{customdata}<br>%{value}<extra></extra>", "label": [short(x) for x in labels],
                 "pad": 14},
    }
    notes = list(rc.notes)
    notes.append(ui("column_shown", lang, column=t3_column_label(column, lang)))
    if blanks:
        notes.append(cell_labels_note(blanks, lang, t.key))
    ins = [rc.get(f"t3.{r}.{column}") for r in ("new_received", "carried_over_from_prev")]
    outs = [rc.get(f"t3.{r}.{column}") for r in ("outcome_total", "carried_forward_to_next")]
    if None not in ins + outs and abs(sum(ins) - sum(outs)) > 1e-9:
        notes.append(ui("unbalanced_note", lang, lhs=number_text(sum(ins)), rhs=number_text(sum(outs))))
    elif drawn and all(v == 0 for _, _, v in drawn) and not no_requests(rc):
        notes.append(ui("no_requests", lang))
    if not any(v > 0 for _, _, v in drawn):
        # Nothing flows (all 0 or blank): plotly.js cannot lay out a Sankey without a positive link.
        return empty_figure(ui("request_flow", lang), lang, notes, subtitle=rc.subtitle(lang),
                            message=ui("no_requests_year", lang) if no_requests(rc) else None)
    return figure([sankey], {}, ui("request_flow", lang), lang, notes, subtitle=rc.subtitle(lang))


def outcomes_by_applicant(frame: pd.DataFrame, *, agency=None, year=None, lang: str = "zh",
                          share: bool = False) -> go.Figure:
    """Stacked bars: for each applicant type (and 总计), its requests by outcome group.

    ``share=True`` draws each outcome as a share of the column's outcomes (the groups' sum); a
    column with a blank outcome gets no share bars. Blank cells are left out, never drawn as 0.
    """
    check_lang(lang)
    rc = one_report(frame, agency, year, lang)
    t = rc.template
    columns = list(APPLICANT_COLUMNS)
    x = [t3_column_label(c, lang) for c in columns]
    values: dict[str, list[float | None]] = {}
    blanks: list[str] = []
    for g in OUTCOME_GROUPS:
        values[g] = []
        for c in columns:
            v, missing = rc.group(g, c)
            values[g].append(v)
            blanks += [m for m in missing if m not in blanks]
    if no_requests(rc):  # no axes from -1 to 4 (-100% to 400%) around nothing
        notes = list(rc.notes) + ([cell_labels_note(blanks, lang, t.key)] if blanks else [])
        return empty_figure(ui("outcomes_by_applicant", lang), lang, notes, subtitle=rc.subtitle(lang),
                            message=ui("no_requests_year", lang))
    if share:
        for i in range(len(columns)):
            parts = [values[g][i] for g in OUTCOME_GROUPS]
            total = None if None in parts else sum(parts)
            for g in OUTCOME_GROUPS:
                values[g][i] = (values[g][i] / total) if total else None
    traces = []
    for g in OUTCOME_GROUPS:
        full = t3_row_label(t, g, lang)
        traces.append({
            "type": "bar",
            "customdata": [[full, "" if v is not None else ui("blank", lang)] for v in values[g]],
            "hovertemplate": "%{x}<br>%{customdata[0]}: " + ("%{y:.1%}" if share else "%{y}") + "%{customdata[1]}<extra></extra>",
            "marker": {"color": OUTCOME_COLORS[g]}, "name": short(full), "x": x, "y": values[g],
        })
    yaxis = {"title": {"text": ui("share" if share else "count", lang)}}
    if share:
        yaxis["tickformat"] = ".0%"
    notes = list(rc.notes)
    if blanks:
        notes.append(cell_labels_note(blanks, lang, t.key))
    if share:
        notes.append(ui("share_note", lang))
    layout = {"legend": {"traceorder": "normal"}, "barmode": "stack", "yaxis": yaxis}
    return figure(traces, layout, ui("outcomes_by_applicant", lang), lang, notes, subtitle=rc.subtitle(lang))


def outcome_reasons(frame: pd.DataFrame, *, agency=None, year=None, lang: str = "zh", column: str = "total") -> go.Figure:
    """Horizontal bars of the sub-rows of （三）不予公开, （四）无法提供, （五）不予处理 (and the
    2021 format's （六）其他处理 sub-rows), one colour per group, for one applicant ``column``."""
    check_lang(lang)
    rc = one_report(frame, agency, year, lang)
    t = rc.template
    traces = []
    blanks: list[str] = []
    one_row: list[str] = []
    for g in T3_GROUPS:
        spec = t.rows.get(("t3", None, g))
        if spec is None or not spec.children:
            continue
        refs = [f"t3.{child}.{column}" for child in spec.children]
        labels = [t3_row_label(t, child, lang) for child in spec.children]
        ys = [f"{short(t3_row_label(t, g, lang))} {lab}" for lab in labels]
        if rc.get(f"t3.{g}.{column}") is not None:  # the report printed the group as one row
            refs, ys = [f"t3.{g}.{column}"], [t3_row_label(t, g, lang)]
            one_row.append(short(t3_row_label(t, g, lang)))
        xs = [rc.get(r) for r in refs]
        blanks += [r for r, v in zip(refs, xs) if v is None]
        traces.append({
            "type": "bar", "customdata": [ui("blank", lang) if v is None else "" for v in xs],
            "hovertemplate": "%{y}<br>%{x}%{customdata}<extra></extra>", "marker": {"color": REASON_GROUP_COLORS[g]},
            "meta": refs, "name": short(t3_row_label(t, g, lang)), "orientation": "h", "x": xs, "y": ys,
        })
    notes = list(rc.notes) + [ui("column_shown", lang, column=t3_column_label(column, lang))]
    notes += [ui("one_row_note", lang, group=g) for g in one_row]
    if blanks:
        notes.append(cell_labels_note(blanks, lang, t.key))
    if no_requests(rc) or (not blanks and all(v == 0 for tr in traces for v in tr["x"])):
        return empty_figure(ui("outcome_reasons", lang), lang, notes, subtitle=rc.subtitle(lang),
                            message=ui("no_requests_year" if no_requests(rc) else "no_refusals", lang))
    layout = {"yaxis": {"autorange": "reversed", "automargin": True}, "xaxis": {"title": {"text": ui("count", lang)}}}
    return figure(traces, layout, ui("outcome_reasons", lang), lang, notes, subtitle=rc.subtitle(lang),
                  height=max(420, 28 * sum(len(tr["y"]) for tr in traces) + 160))

