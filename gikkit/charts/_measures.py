"""Measures: one cell ref (or a 表三 group such as ``t3.withheld.total``) read across many reports,
and what a measure of one template version is in the other (the spec's ``mapping_v2019_v2021``).
"""
from __future__ import annotations

import itertools
import re
from dataclasses import dataclass
from fnmatch import fnmatchcase
from functools import cache

import numpy as np
import pandas as pd

from .. import schema
from ._common import cell_label, short, t3_column_label, t3_row_label
from ._text import ui

T3_GROUPS = ("withheld", "unavailable", "not_processed", "other_handling")
OUTCOME_GROUPS = ("granted", "partially_granted", "withheld", "unavailable", "not_processed", "other_handling")
# The measures a comparison page offers first: the flow of requests and the review/litigation totals.
KEY_MEASURES = (
    "t3.new_received.total", "t3.carried_over_from_prev.total", "t3.granted.total", "t3.partially_granted.total",
    "t3.withheld.total", "t3.unavailable.total", "t3.not_processed.total", "t3.other_handling.total",
    "t3.outcome_total.total", "t3.carried_forward_to_next.total", "t4.admin_review.total",
    "t4.litigation_direct.total", "t4.litigation_after_review.total",
    "t2.art20_5.administrative_licensing.decisions_count", "t2.art20_6.administrative_penalty.decisions_count",
)


def in_template(measure: str, template_key: str) -> bool:
    tmpl = schema.template(template_key)
    return measure in tmpl.cells or bool(tmpl.group_parts(measure))


def refs_needed(measure: str) -> tuple[str, ...]:
    """Every ref whose rows a frame must hold to compute ``measure`` in either template."""
    out = [measure]
    for tmpl in schema.templates().values():
        out += [r for r in tmpl.group_parts(measure) if r not in out]
    return tuple(out)


def check_measure(measure: str) -> str:
    if not any(in_template(measure, k) for k in schema.templates()):
        raise ValueError(f"unknown measure {measure!r}: expected a cell ref such as 't3.new_received.total' "
                         "or a 表三 group such as 't3.withheld.total'")
    return measure


def label(measure: str, lang: str, template_key: str | None = None) -> str:
    """The measure's label in one template's wording (the newest template that has it by default)."""
    if template_key is None:
        template_key = next(k for k in ("v2021", "v2019") if in_template(measure, k))
    parts = measure.split(".")
    if parts[0] == "t3" and parts[1] in T3_GROUPS:
        tmpl = schema.template(template_key)
        return f"{short(t3_row_label(tmpl, parts[1], lang))} · {t3_column_label(parts[2], lang)}"
    return cell_label(measure, lang, template_key)


def table_measures(table: str, lang: str) -> list[tuple[str, str]]:
    """``(label, measure)`` for every measure of ``table`` in either template, in printed order."""
    seen: dict[str, str] = {}
    for key in ("v2021", "v2019"):
        tmpl = schema.template(key)
        if table == "t3":
            for row in tmpl.t3_rows():
                for col in tmpl.t3_columns():
                    ref = f"t3.{row['key']}.{col['key']}"
                    if ref not in seen and in_template(ref, key):
                        seen[ref] = label(ref, lang, key)
        else:
            for ref, spec in sorted(tmpl.cells.items(), key=lambda kv: kv[1].order):
                if spec.table == table and ref not in seen:
                    seen[ref] = label(ref, lang, key)
    if table == "t3":  # the printed order, rows first, then columns
        rows = [r["key"] for r in schema.template("v2021").t3_rows()]
        rows += [r["key"] for r in schema.template("v2019").t3_rows() if r["key"] not in rows]
        cols = [c["key"] for c in schema.template("v2021").t3_columns()]
        order = {f"t3.{r}.{c}": (rows.index(r), cols.index(c)) for r in rows for c in cols}
        return [(seen[m], m) for m in sorted(seen, key=order.__getitem__)]
    return [(lab, m) for m, lab in seen.items()]


# -- many reports ---------------------------------------------------------------------------

def report_info(frame: pd.DataFrame) -> pd.DataFrame:
    """One row per report (indexed by source): agency, year, template."""
    return frame[["source", "agency", "year", "template"]].drop_duplicates("source").set_index("source")


def wide_values(frame: pd.DataFrame) -> pd.DataFrame:
    """The frame's values as a reports x refs matrix of floats (NaN where blank or absent).

    Built by placing values at integer codes, not by a pivot: it stays fast on millions of rows.
    """
    sources, source_names = pd.factorize(frame["source"])
    refs, ref_names = pd.factorize(frame["ref"])
    matrix = np.full((len(source_names), len(ref_names)), np.nan)
    matrix[sources, refs] = frame["value"].to_numpy(dtype="float64", na_value=np.nan)
    return pd.DataFrame(matrix, index=pd.Index(source_names, name="source"), columns=ref_names)


def derive(wide: pd.DataFrame, reports: pd.DataFrame, measures) -> pd.DataFrame:
    """``measures`` for the reports of ``reports`` out of a :func:`wide_values` matrix."""
    out = reports.copy()
    wide = wide.reindex(index=out.index)
    for m in measures:
        value = wide[m].to_numpy(dtype="float64", copy=True) if m in wide else np.full(len(out), np.nan)
        for key, tmpl in schema.templates().items():
            own = tmpl.group_parts(m)
            if own:
                use = (out["template"] == key).to_numpy() & np.isnan(value)
                parts = wide.reindex(columns=list(own)).to_numpy(dtype="float64")
                value[use] = parts[use].sum(axis=1)  # NaN when any sub-row is NaN: never a partial sum
        value[~present(out, m).to_numpy()] = np.nan
        out[m] = value
    return out.reset_index()


def measures_table(frame: pd.DataFrame, measures) -> pd.DataFrame:
    """One row per report: source, agency, year, template, then one float column per measure.

    A value is NaN where the cell is blank, and also where the report's template has no such
    measure (``present(table, measure)`` tells the two apart). A group's value is its printed
    cell, else the sum of its sub-rows, NaN if any sub-row is blank (never a partial sum).
    """
    measures = list(measures)
    need = list(dict.fromkeys(r for m in measures for r in refs_needed(m)))
    return derive(wide_values(frame[frame["ref"].isin(need)]), report_info(frame), measures)


def present(table: pd.DataFrame, measure: str) -> pd.Series:
    """True for the reports whose template has ``measure`` (a NaN there is a blank, not an absence)."""
    has = {k: in_template(measure, k) for k in schema.templates()}
    return table["template"].map(has).fillna(False).astype(bool)


def first_per_agency_year(table: pd.DataFrame) -> tuple[pd.DataFrame, int]:
    """Keep one report per (agency, year): the first file. Also how many pairs had several."""
    dup = table.duplicated(["agency", "year"], keep="first")
    pairs = table[dup][["agency", "year"]].drop_duplicates()
    return table[~dup], len(pairs)


# -- comparability between the two templates -------------------------------------------------

@dataclass(frozen=True)
class Counterpart:
    relation: str  # same, approximately_comparable, changed_meaning, dropped, added, aggregate
    refs: tuple[str, ...]  # the measure(s) the other template has in its place


def _expand(pattern: str) -> list[str]:
    """"t2.art20_{5,6}.*.x (label)" -> ["t2.art20_5.*.x", "t2.art20_6.*.x"]; {same} -> *."""
    pattern = pattern.split(" ")[0].replace("{same}", "*")
    pieces = re.split(r"(\{[^}]*\})", pattern)
    options = [p[1:-1].split(",") if p.startswith("{") else [p] for p in pieces]
    return ["".join(combo) for combo in itertools.product(*options)]


@cache
def _mapping() -> list[tuple[str, list[str], list[str]]]:
    out = []
    for entry in schema.raw_spec()["mapping_v2019_v2021"]:
        old, new = entry.get("v2019"), entry.get("v2021")
        if not any(str(x or "").startswith("t2.") for x in (old, new)):
            continue
        out.append((entry["relation"], _expand(old) if old else [], _expand(new) if new else []))
    return out


def counterpart(measure: str, template_key: str) -> Counterpart:
    """What the other template has where ``template_key`` has ``measure``."""
    other = "v2021" if template_key == "v2019" else "v2019"
    if measure.startswith("t3.other_handling."):  # one printed row in 2019, three sub-rows in 2021
        return Counterpart("aggregate" if template_key == "v2019" else "same", (measure,))
    mine_is_old = template_key == "v2019"
    if not measure.startswith("t2."):
        if in_template(measure, other):
            return Counterpart("same", (measure,))
        return Counterpart("dropped" if mine_is_old else "added", ())
    for relation, old, new in _mapping():
        mine, theirs = (old, new) if mine_is_old else (new, old)
        if not any(fnmatchcase(measure, p) for p in mine):
            continue
        block_row = measure.split(".")[1:3]
        refs = tuple(r for r in schema.template(other).cells
                     if r.split(".")[1:3] == block_row and any(fnmatchcase(r, p) for p in theirs))
        if relation in ("dropped", "added") or not refs:
            relation = "dropped" if mine_is_old else "added"
        return Counterpart(relation, refs)
    return Counterpart("same" if in_template(measure, other) else ("dropped" if mine_is_old else "added"),
                       (measure,) if in_template(measure, other) else ())


def counterpart_text(measure: str, template_key: str, lang: str) -> str:
    """"2021版格式对应“现行有效件数”，含义不同，不可比" and the like."""
    cp = counterpart(measure, template_key)
    other = "v2021" if template_key == "v2019" else "v2019"
    other_name = ui(f"other_{other}", lang)
    labels = ("、" if lang == "zh" else "; ").join(label(r, lang, other).split(" · ")[-1] for r in cp.refs)
    return ui(cp.relation, lang, other=other_name, label=labels)
