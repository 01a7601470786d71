"""Run the checks declared in ``rules.py`` on a report and return findings."""
from __future__ import annotations

import fnmatch
from collections.abc import Iterable

from ..findings import Finding
from ..schema import Template, cell_spec, template
from .rules import RULES, RULES_BY_CODE, STATUS_RULES, Rule

TOLERANCE = 1e-6


def _label(ref: str, part: str) -> str:
    spec = cell_spec(ref)
    if spec is None:
        return ref
    return spec.column_label_zh if part == "column" else spec.row_label_zh


def _make(rule: Rule, refs, expected, found, source=None, **fmt) -> Finding:
    return Finding(rule.code, rule.severity, list(refs), expected, found,
                   rule.message_zh.format(**fmt), rule.message_en.format(**fmt), rule.explain, source)


def _grouped_terms(report, terms: list[str]) -> list[str]:
    """Replace sub-row terms of a group printed as one row by the group's own cell."""
    t = template(report.template)
    out = list(terms)
    for ref in terms:
        if report.status(ref) != "group_printed_as_one_row":
            continue
        _, row, col = ref.split(".")
        parent = t.rows[("t3", None, row)].parent
        children = [f"t3.{c}.{col}" for c in t.rows[("t3", None, parent)].children]
        if all(c in out for c in children):
            out = [x for x in out if x not in children] + [f"t3.{parent}.{col}"]
    return out


def _side(report, terms: list[str]) -> tuple[float | None, list[str]]:
    """Sum one side of an identity (a leading '-' negates a term); list the missing refs."""
    positives = _grouped_terms(report, [t for t in terms if not t.startswith("-")])
    negatives = [t[1:] for t in terms if t.startswith("-")]
    total, missing = 0.0, []
    for sign, refs in ((1, positives), (-1, negatives)):
        for ref in refs:
            value = report.cells.get(ref)
            if value is None:
                missing.append(ref)
            else:
                total += sign * value
    return (None if missing else total), missing


def _number(x: float):
    return int(x) if float(x).is_integer() else round(x, 6)


def check_identities(report, tmpl: Template) -> Iterable[Finding]:
    cannot = RULES_BY_CODE["cannot_check"]
    for rule in RULES:
        if rule.kind != "identity" or rule.family is None:
            continue
        for identity in tmpl.identities:
            if identity["name"].split("__")[0] != rule.family:
                continue
            lhs, miss_l = _side(report, identity["lhs"])
            rhs, miss_r = _side(report, identity["rhs"])
            refs = [t.lstrip("-") for t in identity["lhs"] + identity["rhs"]]
            if miss_l or miss_r:
                missing = miss_l + miss_r
                yield _make(cannot, refs, None, None, missing=", ".join(missing), identity=identity["name"])
                continue
            if abs(lhs - rhs) > TOLERANCE:
                first = identity["lhs"][0]
                yield _make(rule, refs, _number(rhs), _number(lhs), lhs=_number(lhs), rhs=_number(rhs),
                            column=_label(first, "column"), row=_label(first, "row"))


def check_constraints(report, tmpl: Template) -> Iterable[Finding]:
    for constraint in tmpl.constraints:
        text = constraint["rule"]
        if "integer" not in text and "decimal" not in text:
            continue  # descriptive notes (blanks, '-') are handled by the cell-status rules
        for ref, value in report.cells.items():
            if value is None or not fnmatch.fnmatchcase(ref, constraint["applies_to"]):
                continue
            if ">= 0" in text and value < 0:
                yield _make(RULES_BY_CODE["negative_value"], [ref], ">= 0", value, ref=ref, value=value)
            if text.startswith(("integer", "signed integer")) and not float(value).is_integer():
                yield _make(RULES_BY_CODE["not_integer"], [ref], "integer", value, ref=ref, value=value)


def check_cell_status(report, tmpl: Template) -> Iterable[Finding]:
    for ref in report.cells:
        code = STATUS_RULES.get(report.status(ref))
        if code:
            raw = (report.cell_info.get(ref) or {}).get("raw")
            yield _make(RULES_BY_CODE[code], [ref], "a number", raw, ref=ref, value=(raw or "").strip())


CHECKERS = (check_cell_status, check_identities, check_constraints)


def run(report, checkers=CHECKERS) -> list[Finding]:
    """All findings of ``checkers`` on one report (never stops at the first)."""
    tmpl = template(report.template)
    findings: list[Finding] = []
    for checker in checkers:
        for f in checker(report, tmpl):
            f.source = report.source
            findings.append(f)
    return findings
