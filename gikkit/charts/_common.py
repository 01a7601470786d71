"""What every chart shares: the language switch, labels from the spec, the page font, notes,
and picking one report's cells out of a tidy frame.
"""
from __future__ import annotations

import copy
import html
import re
from dataclasses import dataclass, field
from functools import cache

import pandas as pd
import plotly.graph_objects as go

from .. import schema
from ._text import ui

LANGS = ("zh", "en")
# A CJK-capable font first, so Chinese labels render in any browser that has one of them.
FONT_FAMILY = "Noto Sans CJK SC, Noto Sans SC, Microsoft YaHei, PingFang SC, Source Han Sans SC, sans-serif"
MAX_NOTE_ITEMS = 6
NOTE_OFFSET = 52  # px below the plot area: clear of the x-axis ticks and title

# One colour per outcome group, used by every chart that shows outcomes.
OUTCOME_COLORS = {
    "granted": "#2ca02c", "partially_granted": "#98df8a", "withheld": "#d62728", "unavailable": "#ff7f0e",
    "not_processed": "#7f7f7f", "other_handling": "#9467bd", "carried_forward_to_next": "#1f77b4",
    "new_received": "#17becf", "carried_over_from_prev": "#aec7e8", "outcome_total": "#bcbd22",
}
SEVERITY_COLORS = {"error": "#d62728", "warning": "#ff7f0e", "info": "#1f77b4"}

# The look of plotly's "plotly_white", written out small: the full template carries defaults for
# every trace type and costs ~25 ms per figure to apply, which an explorer update cannot afford.
_GRID = "#EBF0F8"
_AXIS = {"gridcolor": _GRID, "linecolor": _GRID, "zerolinecolor": _GRID, "zerolinewidth": 2, "ticks": "",
         "automargin": True, "title": {"standoff": 15}}
TEMPLATE = {"layout": {
    "paper_bgcolor": "white", "plot_bgcolor": "white", "font": {"color": "#2a3f5f"},
    "colorway": ["#636efa", "#EF553B", "#00cc96", "#ab63fa", "#FFA15A", "#19d3f3", "#FF6692", "#B6E880"],
    "hoverlabel": {"align": "left"}, "hovermode": "closest", "xaxis": _AXIS, "yaxis": _AXIS,
}}

# A trailing bracketed explanation written as a clause (it has a comma): "（区分处理的，只计这一情形，…）".
_TRAILING_NOTE = re.compile(r"^(.+?)\s*[（(][^（()）]*(?:，|, )[^（()）]*[)）]$")


def check_lang(lang: str) -> str:
    if lang not in LANGS:
        raise ValueError(f"lang must be 'zh' or 'en', not {lang!r}")
    return lang


def pick(zh: str, en: str, lang: str) -> str:
    return en if lang == "en" else zh


def short(label: str) -> str:
    """A label without its trailing explanatory note, for legends and axes.

    "（二）部分公开（区分处理的，只计这一情形，不计其他情形）" -> "（二）部分公开"; the full label stays in the hover.
    """
    m = _TRAILING_NOTE.match(label or "")
    return m.group(1) if m else label


def escape(text) -> str:
    """Text taken from a report, made safe for plotly's HTML-like titles and annotations."""
    return html.escape("" if text is None else str(text), quote=False)


def template_name(key: str, lang: str) -> str:
    return schema.template(key).name_zh if lang == "zh" else ui(key, "en")


# -- labels from the spec -------------------------------------------------------------------

def t3_row_label(tmpl: schema.Template, row: str, lang: str) -> str:
    spec = tmpl.rows.get(("t3", None, row)) or schema.template("v2021").rows[("t3", None, row)]
    return pick(spec.label_zh, spec.label_en, lang)


def t3_column_label(column: str, lang: str) -> str:
    col = next(c for c in schema.template("v2021").t3_columns() if c["key"] == column)
    return pick(col["label_zh"], col["label_en"], lang)


def cell_label(ref: str, lang: str, template_key: str | None = None, *, shorten: bool = True) -> str:
    """"row · column" for a cell ref (or a 表三 group ref), in the wording of ``template_key``'s format."""
    spec = schema.cell_spec(ref, template_key)
    if spec is None:
        return ref
    row = pick(spec.row_label_zh, spec.row_label_en, lang)
    col = pick(spec.column_label_zh, spec.column_label_en, lang)
    return f"{short(row) if shorten else row} · {col}"


def cell_labels_list(refs, lang: str, template_key: str | None) -> str:
    """The labels of the first few ``refs``, joined for a note ("…" when there are more)."""
    items = [cell_label(r, lang, template_key) for r in refs[:MAX_NOTE_ITEMS]]
    if len(refs) > MAX_NOTE_ITEMS:
        items.append("…")
    return ("；" if lang == "zh" else "; ").join(items)


def cell_labels_note(refs, lang: str, template_key: str | None) -> str:
    """The note naming blank cells that a chart leaves out."""
    return ui("blank_note", lang, items=cell_labels_list(refs, lang, template_key))


# -- layout ---------------------------------------------------------------------------------

def finish(fig: go.Figure, title: str, lang: str, notes: list[str] | None = None, *, subtitle: str | None = None,
           height: int | None = None) -> go.Figure:
    """Title, the CJK font, a clean template; ``notes`` are printed under the plot and kept in ``layout.meta``."""
    notes = [n for n in (notes or []) if n]
    text = escape(title) if subtitle is None else f"{escape(title)}<br><sup>{escape(subtitle)}</sup>"
    fig.layout.template = TEMPLATE  # assigned, not merged into plotly's default template (~30x faster)
    fig.update_layout(
        title={"text": text, "x": 0.01, "xanchor": "left"},
        font={"family": FONT_FAMILY},
        hoverlabel={"font": {"family": FONT_FAMILY}},
        margin={"l": 60, "r": 30, "t": 80 if subtitle else 60, "b": 70 + 18 * sum(n.count("\n") + 1 for n in notes)},
        meta={"lang": lang, "notes": notes},
    )
    if height:
        fig.update_layout(height=height)
    if notes:
        fig.add_annotation(text="<br>".join(escape(n) for n in notes), xref="paper", yref="paper", x=0, y=0,
                           xanchor="left", yanchor="top", yshift=-NOTE_OFFSET, showarrow=False, align="left",
                           font={"size": 11, "color": "#555"})
    return fig


def template_json() -> dict:
    """:data:`TEMPLATE` as plotly writes it once validated (a fresh copy: figures must not share it)."""
    return copy.deepcopy(_template_json())


@cache
def _template_json() -> dict:
    return go.layout.Template(TEMPLATE).to_plotly_json()


def note_annotation(notes: list[str]) -> dict:
    """The notes printed under the plot, as the annotation dict plotly would validate it to."""
    return {"align": "left", "font": {"color": "#555", "size": 11}, "showarrow": False,
            "text": "<br>".join(escape(n) for n in notes), "x": 0, "xanchor": "left", "xref": "paper", "y": 0,
            "yanchor": "top", "yref": "paper", "yshift": -NOTE_OFFSET}


def figure(traces: list[dict], layout: dict, title: str, lang: str, notes: list[str] | None = None, *,
           subtitle: str | None = None, height: int | None = None, meta: dict | None = None,
           constructed: dict | None = None) -> go.Figure:
    """:func:`finish` for a figure written as plain dicts, built in one go.

    Why: plotly validates every property it is given one by one (~20 ms a chart); these dicts are
    already what validation makes of them (nested keys in plotly's own order), so the figure is
    built unvalidated. The JSON has the template first, then ``layout``'s keys in their order, then
    title, font, margins, meta, height, the notes; or, given ``constructed``, its keys in plotly's
    order (those a ``go.Layout(constructed)`` sets) before the template.
    """
    notes = [n for n in (notes or []) if n]
    text = escape(title) if subtitle is None else f"{escape(title)}<br><sup>{escape(subtitle)}</sup>"
    rest = dict(layout)
    rest.update(
        title={"text": text, "x": 0.01, "xanchor": "left"},
        font={"family": FONT_FAMILY},
        hoverlabel={"font": {"family": FONT_FAMILY}},
        margin={"l": 60, "r": 30, "t": 80 if subtitle else 60, "b": 70 + 18 * sum(n.count("\n") + 1 for n in notes)},
        meta={"lang": lang, "notes": notes, **(meta or {})},
    )
    if height:
        rest["height"] = height
    if notes:
        home = constructed if constructed and "annotations" in constructed else rest
        home["annotations"] = [*home.get("annotations", ()), note_annotation(notes)]
    fig = go.Figure(data=traces, layout=constructed or {"template": template_json()}, _validate=False)
    if constructed:
        fig.layout["template"] = template_json()
    for key, value in rest.items():  # one key at a time: the JSON keeps this order
        fig.layout[key] = value
    # Validation back on (as plotly does after its own unvalidated template set): a caller's later edits are checked.
    fig._validate = fig.layout._validate = True
    for trace in fig.data:
        trace._validate = True
    return fig


def empty_figure(title: str, lang: str, notes: list[str] | None = None, *, subtitle: str | None = None,
                 message: str | None = None) -> go.Figure:
    """A figure that says in words why there is nothing to draw (``message``, default "nothing to draw"),
    with the chart's title and notes, and no axes."""
    notes = [n for n in (notes or []) if n]
    said = {"font": {"size": 18}, "showarrow": False, "text": escape(message or ui("no_data", lang)), "x": 0.5,
            "xref": "paper", "y": 0.5, "yref": "paper"}
    layout = {"annotations": [said], "meta": None, "xaxis": {"visible": False}, "yaxis": {"visible": False}}
    return figure([], layout, title, lang, notes, subtitle=subtitle, height=260, meta={"empty": True})


def number_text(value: float | None, blank: str = "") -> str:
    """A figure as printed: 3.0 -> "3", 2.5 -> "2.5"; ``blank`` for a missing one."""
    if value is None:
        return blank
    return str(int(value)) if float(value).is_integer() else f"{value:g}"


# -- one report out of a frame -------------------------------------------------------------

@dataclass
class ReportCells:
    """One report's cells as numbers (``None`` where blank), with the template they follow."""

    source: str
    agency: str | None
    year: int | None
    template: schema.Template
    values: dict[str, float | None]
    raw: dict[str, str | None] = field(default_factory=dict)
    notes: list[str] = field(default_factory=list)

    def get(self, ref: str) -> float | None:
        return self.values.get(ref)

    def group(self, row: str, column: str) -> tuple[float | None, list[str]]:
        """A 表三 outcome row or group in ``column``: ``(value, blank refs)``.

        A group's value is the cell printed for it (2019's （六）, or a group printed as one row),
        else the sum of its sub-rows; ``None`` when any part is blank (never a partial sum).
        """
        ref = f"t3.{row}.{column}"
        if self.values.get(ref) is not None:
            return self.values[ref], []
        parts = self.template.group_parts(ref)
        if not parts:
            return None, [ref]
        blank = [p for p in parts if self.values.get(p) is None]
        if blank:
            return None, blank
        return float(sum(self.values[p] for p in parts)), []

    def label(self, ref: str, lang: str, *, shorten: bool = True) -> str:
        return cell_label(ref, lang, self.template.key, shorten=shorten)

    def subtitle(self, lang: str) -> str:
        year = "" if self.year is None else (f"{self.year}年" if lang == "zh" else str(self.year))
        return " ".join(x for x in (self.agency or "", year, "·", template_name(self.template.key, lang)) if x)


def _values(sub: pd.DataFrame) -> dict[str, float | None]:
    # Whole columns to Python lists at once: per-cell pandas access costs more than the chart.
    vals = sub["value"].astype("Float64").to_numpy(dtype="float64", na_value=float("nan")).tolist()
    return {ref: (None if v != v else v) for ref, v in zip(sub["ref"].tolist(), vals)}


def _pairs(sub: pd.DataFrame) -> int:
    """How many distinct (agency, year) the rows hold (a missing one counts as one value)."""
    agencies = [None if pd.isna(a) else a for a in dict.fromkeys(sub["agency"].tolist())]
    years = [None if pd.isna(y) else y for y in dict.fromkeys(sub["year"].tolist())]
    if len(agencies) == 1 and len(years) == 1:
        return 1
    return len(sub[["agency", "year"]].drop_duplicates())


def one_report(frame: pd.DataFrame, agency=None, year=None, lang: str = "zh") -> ReportCells:
    """The cells of the one report ``agency``/``year`` pick out of ``frame``.

    With several files for the same agency and year (one report in two formats), the first
    is shown and a note says so. An unknown agency or year raises ``ValueError`` listing the choices.
    """
    check_lang(lang)
    sub = frame
    if agency is not None:
        sub = sub[sub["agency"] == agency]
    if year is not None:
        sub = sub[sub["year"] == int(year)]
    if sub.empty:
        have = frame[["agency", "year"]].drop_duplicates().head(20).itertuples(index=False)
        raise ValueError(f"no report for agency={agency!r}, year={year!r}; the frame has: "
                         + ", ".join(f"{a} {y}" for a, y in have))
    sources = list(dict.fromkeys(sub["source"].tolist()))
    pairs = _pairs(sub)
    if pairs > 1:
        raise ValueError(f"{pairs} agency-years match agency={agency!r}, year={year!r}; "
                         "pass agency= and year= to choose one report")
    notes = []
    if len(sources) > 1:
        notes.append(ui("duplicate_note", lang, n=len(sources), source=str(sources[0]).rsplit("/", 1)[-1]))
        sub = sub[sub["source"] == sources[0]]
    first_agency, first_year, first_template = sub["agency"].iat[0], sub["year"].iat[0], str(sub["template"].iat[0])
    raw = dict(zip(sub["ref"].tolist(), sub["raw"].tolist())) if "raw" in sub else {}
    derived = [r for r, st in zip(sub["ref"].tolist(), sub["status"].tolist()) if st == "derived"] \
        if "status" in sub else []
    if derived:  # filled in by ``gikkit check --derive-totals``: drawn, but not printed in the report
        items = cell_labels_list(derived, lang, first_template)
        notes.append(ui("derived_note", lang, n=len(derived), items=items))
    year_value = None if pd.isna(first_year) else int(first_year)
    return ReportCells(str(sub["source"].iat[0]), None if pd.isna(first_agency) else str(first_agency),
                       year_value, schema.template(first_template), _values(sub), raw, notes)
