"""表二 of one report: the proactive-disclosure items, labelled in the report's own format."""
from __future__ import annotations

import math

import pandas as pd
import plotly.graph_objects as go

from ._common import cell_labels_note, check_lang, figure, one_report, pick
from ._measures import counterpart_text
from ._text import ui

COLUMN_COLORS = ["#1f77b4", "#ff7f0e", "#2ca02c", "#9467bd", "#8c564b", "#e377c2", "#17becf", "#bcbd22"]
PANELS_PER_ROW = 3


def _domain(i: int, n: int, gap: float) -> list[float]:
    """The [start, end] of the i-th of n equal slots across [0, 1], ``gap`` between slots."""
    width = (1 - gap * (n - 1)) / n
    return [i * (width + gap), i * (width + gap) + width]


def _panels(tmpl, lang: str) -> list[tuple[str, str, list[dict]]]:
    """``(title, block key, columns)``: a block's counts share a panel; each amount gets its own."""
    panels = []
    for key, block in tmpl.t2_blocks.items():
        title = pick(block["label_zh"], block["label_en"], lang)
        counts = [c for c in block["columns"] if c["type"] == "integer"]
        if counts:
            panels.append((title, key, counts))
        for c in block["columns"]:
            if c["type"] != "integer":
                panels.append((f"{title}<br>{pick(c['label_zh'], c['label_en'], lang)}", key, [c]))
    return panels


def proactive_disclosure(frame: pd.DataFrame, *, agency=None, year=None, lang: str = "zh") -> go.Figure:
    """Grouped bars per 表二 block (第二十条第（一）项 …): one bar per row and column.

    The 2019 and 2021 formats print different columns (本年新制作数量 vs 本年制发件数, 对外公开总数量
    vs 现行有效件数, fee item counts vs fee amounts in 万元): every column carries its own
    format's label, and the hover says what the other format has in its place and whether
    the two compare (the spec's mapping_v2019_v2021). Amounts get their own panels.
    """
    check_lang(lang)
    rc = one_report(frame, agency, year, lang)
    tmpl = rc.template
    panels = _panels(tmpl, lang)
    ncols = min(PANELS_PER_ROW, len(panels))
    nrows = math.ceil(len(panels) / ncols)
    layout = {"barmode": "group", "annotations": []}
    traces = []
    colors: dict[str, str] = {}
    blanks: list[str] = []
    for i, (title, block_key, columns) in enumerate(panels):
        axis = "" if i == 0 else str(i + 1)
        x_dom, y_dom = _domain(i % ncols, ncols, 0.08), _domain(nrows - 1 - i // ncols, nrows, 0.2)
        layout[f"xaxis{axis}"] = {"anchor": f"y{axis}", "domain": x_dom}
        layout[f"yaxis{axis}"] = {"anchor": f"x{axis}", "domain": y_dom, "rangemode": "tozero"}
        layout["annotations"].append({"font": {"size": 12}, "showarrow": False,
                                      "text": title.replace(": ", ":<br>", 1) if len(title) > 30 else title,
                                      "x": sum(x_dom) / 2, "xanchor": "center", "xref": "paper", "y": y_dom[1],
                                      "yanchor": "bottom", "yref": "paper"})
        block = tmpl.t2_blocks[block_key]
        rows = block["rows"]
        x = [pick(r["label_zh"], r["label_en"], lang) for r in rows]
        for col in columns:
            refs = [f"t2.{block_key}.{r['key']}.{col['key']}" for r in rows]
            ys = [rc.get(ref) for ref in refs]
            blanks += [ref for ref, v in zip(refs, ys) if v is None]
            name = pick(col["label_zh"], col["label_en"], lang)
            first = col["key"] not in colors
            colors.setdefault(col["key"], COLUMN_COLORS[len(colors) % len(COLUMN_COLORS)])
            info = [[name, ui("blank", lang) if v is None else (rc.raw.get(ref) or "").strip(),
                     counterpart_text(ref, tmpl.key, lang)] for ref, v in zip(refs, ys)]
            traces.append({
                "type": "bar", "name": name, "x": x, "y": ys, "xaxis": f"x{axis}", "yaxis": f"y{axis}",
                "legendgroup": col["key"], "showlegend": first, "marker": {"color": colors[col["key"]]},
                "customdata": info, "meta": refs,  # plotly orders a trace's own keys; nested ones are ours
                "hovertemplate": "%{x} · %{customdata[0]}: %{y}<br>" + ui("raw", lang)
                + ": %{customdata[1]}<br>%{customdata[2]}<extra></extra>",
            })
    notes = list(rc.notes) + [ui("proactive_note", lang)]
    if blanks:
        notes.append(cell_labels_note(blanks, lang, tmpl.key))
    return figure(traces, {}, ui("proactive_disclosure", lang), lang, notes, height=330 * nrows + 140,
                  subtitle=rc.subtitle(lang), constructed=layout)
