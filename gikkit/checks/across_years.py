"""Across years, same agency: the spec's soft checks whose terms carry a year (``@Y``, ``@Y-1``, ``@Y+1``).

- t3_carryover_continuity: 上年结转 (Y) = 结转下年度 (Y-1), every column.
- t2_valid_roll_forward (2021 format): 现行有效件数 (Y) = (Y-1) + 本年制发 (Y) − 本年废止 (Y).
- t2_item_count_roll_forward (2019 format): 上一年项目数量 (Y-1) + 本年增/减 (Y-1) = 上一年项目数量 (Y).

A check runs for a pair of reports of the same agency in consecutive years when both templates
have its cells (a 2019-format year next to a 2021-format year has no 现行有效件数 to roll).
Findings belong to the later report.
"""
from __future__ import annotations

import re
from collections import defaultdict
from collections.abc import Iterable

from ..findings import Finding
from ..schema import templates
from .base import TOLERANCE, cannot, label, make, number, value
from .rules import RULES

_PART_NAMES = {("currently_valid", -1): "prev", ("prev_year_item_count", -1): "prev", ("issued_this_year", 0): "issued",
               ("repealed_this_year", 0): "repealed", ("item_count_change", -1): "change"}
_TERM = re.compile(r"^(-?)(\S+)\s*@Y([+-]\d+)?$")


def agency_key(report) -> str | None:
    """The name reports of one agency share (whitespace ignored)."""
    return re.sub(r"\s+", "", report.agency) if report.agency else None


def year_checks() -> list[dict]:
    """The soft checks with year terms, from both templates, each once, for_each expanded.

    Offsets are shifted so the later year is 0 and the earlier -1: each item is
    ``{"name", "code", "var", "lhs": [(sign, ref, offset)], "rhs": [...]}``.
    """
    codes = {r.family: r.code for r in RULES if r.kind == "across_years"}
    out, seen = [], set()
    for tmpl in templates().values():
        for soft in tmpl.soft_checks:
            if soft["name"] not in codes or soft["name"] in seen:
                continue
            seen.add(soft["name"])
            (var, values), = soft["for_each"].items()
            for v in values:
                sides = {}
                for side in ("lhs", "rhs"):
                    terms = []
                    for t in soft[side]:
                        sign, ref, offset = _TERM.match(t.replace("{" + var + "}", v)).groups()
                        terms.append((-1 if sign else 1, ref, int(offset or 0)))
                    sides[side] = terms
                top = max(o for _, _, o in sides["lhs"] + sides["rhs"])
                shifted = {s: [(sign, ref, o - top) for sign, ref, o in terms] for s, terms in sides.items()}
                out.append({"name": f"{soft['name']}__{v}", "code": codes[soft["name"]], "var": v, **shifted})
    return out


def _has(report, ref: str) -> bool:
    return ref in report.cells or ref in templates()[report.template].cells


def _evaluate(check: dict, later, earlier) -> Finding | None:
    pair = {0: later, -1: earlier}
    terms = check["lhs"] + check["rhs"]
    if not all(_has(pair[o], ref) for _, ref, o in terms):
        return None  # the check is not defined for these templates
    values = {(ref, o): value(pair[o], ref) for _, ref, o in terms}
    refs = list(dict.fromkeys(ref for _, ref, _ in terms))
    extra = {"compared_with": earlier.source, "years": [earlier.year, later.year]}
    missing = [f"{ref}@{pair[o].year}" for (ref, o), v in values.items() if v is None]
    if missing:
        return cannot(check["code"], refs, missing, check["name"], **extra)
    total = {s: sum(sign * values[(ref, o)] for sign, ref, o in check[s]) for s in ("lhs", "rhs")}
    if abs(total["lhs"] - total["rhs"]) <= TOLERANCE:
        return None
    # "found": the single figure the later report prints; "expected": what the other terms imply
    found_side = "lhs" if len(check["lhs"]) == 1 and check["lhs"][0][2] == 0 else "rhs"
    expected_side = "rhs" if found_side == "lhs" else "lhs"
    found, expected = number(total[found_side]), number(total[expected_side])
    first = check[found_side][0][1]
    fmt = {"column": label(first, "column"), "row": label(first, "row"), "year": later.year,
           "prev_year": earlier.year, "found": found, "expected": expected}
    for _, ref, o in terms:  # the parts, for the messages that name them
        part = ref.rsplit(".", 1)[1]
        name = _PART_NAMES.get((part, o))
        if name:
            fmt[name] = number(values[(ref, o)])
    return make(check["code"], refs, expected, found, extra=extra, **fmt)


def check_years(reports: Iterable) -> list[tuple[object, Finding]]:
    """``(report, finding)`` for every across-years check on reports of one agency in consecutive years."""
    by_key = defaultdict(list)
    for r in reports:
        if agency_key(r) and r.year is not None:
            by_key[(agency_key(r), r.year)].append(r)
    checks = year_checks()
    out = []
    for (agency, year), later_reports in by_key.items():
        for later in later_reports:
            for earlier in by_key.get((agency, year - 1), []):
                for check in checks:
                    f = _evaluate(check, later, earlier)
                    if f is not None:
                        f.source = later.source
                        out.append((later, f))
    return out
