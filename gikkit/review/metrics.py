"""Peer benchmarks: a metric dictionary over the spec's cells, values per agency and year, peer quartiles.

Each metric is declared as data (:data:`METRICS`): a key, names in Chinese and English, and its
formula as spec cell refs (a sum over ``numerator``, divided by a sum over ``denominator``; a
leading ``-`` subtracts a term, as in the spec's identities). ``requests_yoy`` is the change of
``requests`` from the agency's previous year. A value is missing (NA) when a cell it needs is blank
or missing, or its denominator is 0: a blank is never read as 0 here either.

Peers are the agencies of the same level (:func:`level_of`) reporting the metric for the same year.
With fewer than :data:`MIN_PEERS` of them there is no rating: no rank, no quartiles, and a note
saying so. See :mod:`gikkit.review.signals` for the findings drawn from these figures.
"""
from __future__ import annotations

import re
from dataclasses import dataclass

import pandas as pd

from ..schema import cell_spec

MIN_PEERS = 30  # fewer peers than this and a quartile says more about who happens to report than about the agency


@dataclass(frozen=True)
class Metric:
    key: str
    name_zh: str
    name_en: str
    numerator: tuple[str, ...]
    denominator: tuple[str, ...] = ()  # empty: a count
    kind: str = "share"  # "share" (0..1), "count", "change" (year on year, of ``base``)
    base: str | None = None


METRICS: tuple[Metric, ...] = (
    Metric("disclosed_share", "公开率（予以公开与部分公开占办结数）", "Share disclosed in full or in part",
           ("t3.granted.total", "t3.partially_granted.total"), ("t3.outcome_total.total",)),
    Metric("not_held_share", "本机关不掌握占办结数比例", "Share answered 'not held'",
           ("t3.unavailable_not_held.total",), ("t3.outcome_total.total",)),
    Metric("review_correction_rate", "行政复议纠错率", "Correction rate in administrative reconsideration",
           ("t4.admin_review.corrected",), ("t4.admin_review.total", "-t4.admin_review.pending")),
    Metric("litigation_correction_rate", "行政诉讼纠错率", "Correction rate in litigation",
           ("t4.litigation_direct.corrected", "t4.litigation_after_review.corrected"),
           ("t4.litigation_direct.total", "-t4.litigation_direct.pending",
            "t4.litigation_after_review.total", "-t4.litigation_after_review.pending")),
    Metric("requests", "本年新收申请数", "Requests received this year", ("t3.new_received.total",), kind="count"),
    Metric("review_cases", "行政复议案件数", "Reconsideration cases", ("t4.admin_review.total",), kind="count"),
    Metric("litigation_cases", "行政诉讼案件数", "Litigation cases",
           ("t4.litigation_direct.total", "t4.litigation_after_review.total"), kind="count"),
    Metric("requests_yoy", "新收申请数同比变化", "Change in requests received from the year before",
           ("t3.new_received.total",), kind="change", base="requests"),
)
METRICS_BY_KEY = {m.key: m for m in METRICS}
BENCHMARK_COLUMNS = ["agency", "year", "level", "metric", "value", "peers", "rank", "p25", "p50", "p75", "rated", "note"]

# Level from the agency's name, first match wins; an explicit mapping (units.csv's ``level``) overrides.
LEVEL_RULES = (("township", ("街道办事处", "镇人民政府", "乡人民政府", "街道", "镇", "乡")),
               ("county", ("区人民政府", "县人民政府", "旗人民政府")),
               ("city", ("市人民政府", "州人民政府", "盟行政公署")),
               ("province", ("省人民政府", "自治区人民政府")))
_TRAILING_NOTE = re.compile(r"[（(][^（()）]*[)）]$")


def level_of(agency: str | None, levels: dict | None = None) -> str:
    """The peer level of ``agency``: from ``levels`` if it names it, else from the name's ending."""
    name = re.sub(r"\s+", "", agency or "")
    if levels and name in levels:
        return levels[name]
    for level, endings in LEVEL_RULES:
        if name.endswith(endings):
            return level
    return "department"


def _term_label(term: str, lang: str) -> str:
    spec = cell_spec(term.lstrip("-"))
    row = _TRAILING_NOTE.sub("", spec.row_label_en if lang == "en" else spec.row_label_zh).strip()
    column = spec.column_label_en if lang == "en" else spec.column_label_zh
    table = {"t3": "表三" if lang == "zh" else "T3", "t4": "表四" if lang == "zh" else "T4"}[term.lstrip("-")[:2]]
    return f"{table} {row}[{column}]"


def formula(metric: Metric | str, lang: str = "zh") -> str:
    """The metric's formula in words, from the spec's labels of its cells."""
    m = METRICS_BY_KEY[metric] if isinstance(metric, str) else metric

    def total(terms):
        text = ""
        for i, t in enumerate(terms):
            text += (" − " if t.startswith("-") else (" + " if i else "")) + _term_label(t, lang)
        return f"({text})" if len(terms) > 1 else text
    top = total(m.numerator)
    if m.kind == "change":
        prev = "上年" if lang == "zh" else "previous year's "
        return f"({top} − {prev}{top}) ÷ {prev}{top}"
    return f"{top} ÷ {total(m.denominator)}" if m.denominator else top


def refs_needed() -> list[str]:
    return sorted({t.lstrip("-") for m in METRICS for t in m.numerator + m.denominator})


def _column_sum(wide: pd.DataFrame, terms) -> pd.Series:
    """The sum of ``terms`` per row of ``wide``; NaN where any term is missing (a blank is not 0)."""
    total = pd.Series(0.0, index=wide.index)
    for t in terms:
        column = wide[t.lstrip("-")].astype(float)
        total = total - column if t.startswith("-") else total + column
    return total


def metric_values(frame: pd.DataFrame, levels: dict | None = None) -> pd.DataFrame:
    """One row per agency, year and metric: ``agency, year, level, metric, value`` (value NA where undefined).

    ``frame`` is tidy report data (``Dataset.to_frame()``). An agency with two reports for one year
    (a re-published report) counts once, with the first report's figures.
    """
    known = frame[frame["agency"].notna() & frame["year"].notna()]
    cells = known[known["ref"].isin(refs_needed())]
    wide = cells.pivot_table(index=["agency", "year"], columns="ref", values="value", aggfunc="first", dropna=False)
    keys = known[["agency", "year"]].drop_duplicates()
    wide = wide.reindex(index=pd.MultiIndex.from_frame(keys.astype({"year": int})), columns=refs_needed())
    wide = wide.sort_index()
    values = {}
    for m in METRICS:
        if m.kind == "change":
            continue
        top = _column_sum(wide, m.numerator)
        bottom = _column_sum(wide, m.denominator) if m.denominator else pd.Series(1.0, index=wide.index)
        values[m.key] = (top / bottom).where(bottom != 0)
    for m in METRICS:
        if m.kind == "change":
            now = values[m.base]
            before = now.copy()
            before.index = pd.MultiIndex.from_arrays([now.index.get_level_values(0), now.index.get_level_values(1) + 1])
            before = before.reindex(now.index)  # last year's value, on this year's row
            values[m.key] = ((now - before) / before).where(before != 0)
    out = pd.DataFrame(values, index=wide.index).rename_axis(columns="metric").stack(future_stack=True)
    out = out.rename("value").reset_index()
    out["year"] = out["year"].astype(int)
    out.insert(2, "level", out["agency"].map({a: level_of(a, levels) for a in out["agency"].unique()}))
    out["value"] = out["value"].astype("Float64")
    return out.sort_values(["agency", "year", "metric"]).reset_index(drop=True)[["agency", "year", "level", "metric", "value"]]


def benchmarks(frame: pd.DataFrame, levels: dict | None = None, min_peers: int = MIN_PEERS) -> pd.DataFrame:
    """Per agency, year and metric: the value, its rank (1 = largest) and P25/P50/P75 among peers.

    Peers: same level and year, with a value for the metric (the agency itself included). Where
    fewer than ``min_peers`` report, ``rated`` is False, rank and quartiles are empty and ``note`` says why.
    """
    out = metric_values(frame, levels)
    if out.empty:
        return pd.DataFrame(columns=BENCHMARK_COLUMNS)
    value = out["value"].astype(float)
    groups = value.groupby([out["level"], out["year"], out["metric"]])
    out["peers"] = groups.transform("count").astype(int)
    rated = (out["peers"] >= min_peers) & value.notna()
    out["rated"] = rated
    for name, q in (("p25", 0.25), ("p50", 0.5), ("p75", 0.75)):
        out[name] = groups.transform(lambda v, q=q: v.quantile(q)).where(out["peers"] >= min_peers)
    out["rank"] = groups.rank(ascending=False, method="min").where(rated).astype("Int64")
    few = ("同级同年仅 " + out["peers"].astype(str) + f" 个单位有此数，少于 {min_peers} 个，不作排名 / only "
           + out["peers"].astype(str) + f" peers of this level and year report it (fewer than {min_peers}): not rated")
    out["note"] = few.where(out["peers"] < min_peers, "")
    out.loc[value.isna(), "note"] = "无法计算（所需数字空白、缺失或分母为 0） / not computable"
    return out[BENCHMARK_COLUMNS]
