"""Run the per-report checks declared in ``rules.py`` on one report and return findings."""
from __future__ import annotations

import fnmatch
from itertools import compress, repeat
from collections.abc import Iterable

from ..findings import Finding
from ..schema import Template, template
from . import coverage, narrative, ocr, structure
from .base import TOLERANCE, cannot, emits, group_parent, label, make, number, select, statuses, wanted
from .rules import RULES, RULES_BY_CODE, STATUS_RULES

_OPS = {"==": lambda a, b: abs(a - b) <= TOLERANCE, "<=": lambda a, b: a <= b + TOLERANCE}


def _grouped_terms(report, terms: list[str]) -> list[str]:
    """Replace sub-row terms of a group printed as one row by the group's own cell."""
    out = list(terms)
    for ref in terms:
        parent = group_parent(report, ref)
        if parent is None:
            continue
        children = template(report.template).group_parts(parent)
        if all(c in out for c in children):
            out = [x for x in out if x not in children] + [parent]
    return out


def _regroup(report, identity: dict) -> dict:
    """A row identity of a sub-row whose group is printed as one row becomes the group row's identity."""
    terms = [t.lstrip("-") for t in identity["lhs"] + identity["rhs"]]
    rows = {t.split(".")[1] for t in terms if t.startswith("t3.")}
    groups = {group_parent(report, t) for t in terms}
    parents = {g.split(".")[1] if g else None for g in groups}
    if len(rows) != 1 or len(parents) != 1 or None in parents:
        return identity
    (row,), (parent,) = rows, parents
    swap = lambda ts: [t.replace(f"t3.{row}.", f"t3.{parent}.") for t in ts]  # noqa: E731
    return {**identity, "name": identity["name"].replace(row, parent), "lhs": swap(identity["lhs"]),
            "rhs": swap(identity["rhs"])}


def side(report, terms: list[str]) -> tuple[float | None, list[str]]:
    """Sum one side of an identity (a leading '-' negates a term); list the missing refs."""
    positives = _grouped_terms(report, [t for t in terms if not t.startswith("-")])
    negatives = [t[1:] for t in terms if t.startswith("-")]
    total, missing = 0.0, []
    for sign, refs in ((1, positives), (-1, negatives)):
        for ref in refs:
            v = report.cells.get(ref)
            if v is None:
                missing.append(ref)
            else:
                total += sign * v
    return (None if missing else total), missing


def within_report_rules(tmpl: Template) -> Iterable[tuple[str, dict]]:
    """``(rule code, identity)`` for every identity and same-year soft check of ``tmpl``."""
    return iter(_prepared(tmpl).rules)


class _Prepared:
    """What the checks need of one template, worked out once per process, not once per report."""

    def __init__(self, tmpl: Template):
        self.template = tmpl  # held, so the id keying _PREPARED is never reused by another object
        self.rules = list(_within_report_rules(tmpl))
        # (code, identity, lhs +terms, lhs -terms, rhs +terms, rhs -terms, refs) for reports with no
        # group printed as one row, where _regroup and _grouped_terms change nothing
        # (names repeat: only the first identity of a name is checked, as check_identities does)
        first = {}
        for code, identity in self.rules:
            first.setdefault(identity["name"], (code, identity))
        self.plain = [(code, identity, *_signed(identity["lhs"]), *_signed(identity["rhs"]),
                       [t.lstrip("-") for t in identity["lhs"] + identity["rhs"]], _OPS[identity.get("op", "==")])
                      for code, identity in first.values()]
        # per constraint, the template's refs it applies to (fnmatch once, not per cell per report),
        # as a set and in the template's order (the order of a report's cells when read)
        self.applies = [{ref for ref in tmpl.cells if fnmatch.fnmatchcase(ref, c["applies_to"])}
                        for c in tmpl.constraints]
        self.order = tuple(tmpl.cells)
        self.applies_in_order = [[ref for ref in tmpl.cells if ref in refs] for refs in self.applies]


_PREPARED: dict[int, _Prepared] = {}


def _prepared(tmpl: Template) -> _Prepared:
    found = _PREPARED.get(id(tmpl))
    if found is None or found.template is not tmpl:
        found = _PREPARED[id(tmpl)] = _Prepared(tmpl)
    return found


def _signed(terms: list[str]) -> tuple[list[str], list[str]]:
    return [t for t in terms if not t.startswith("-")], [t[1:] for t in terms if t.startswith("-")]


def _has_groups(report) -> bool:
    """Whether some 表三 group is printed as one row (the only case where identities are regrouped)."""
    infos = report.cell_info.values()
    if set(map(type, infos)) <= {dict}:  # plain dicts: their statuses looked up in C
        return "group_printed_as_one_row" in map(dict.get, infos, repeat("status"))
    return any(info.get("status") == "group_printed_as_one_row" for info in infos)


def _plain_side(cells: dict, positives: list[str], negatives: list[str]) -> tuple[float | None, list[str]]:
    """:func:`side` for a report with no group printed as one row (same terms, same order of sums)."""
    total, missing = 0.0, []
    for ref in positives:  # total += v is total += 1 * v, and total -= v is total += -1 * v, bit for bit
        v = cells.get(ref)
        if v is None:
            missing.append(ref)
        else:
            total += v
    for ref in negatives:
        v = cells.get(ref)
        if v is None:
            missing.append(ref)
        else:
            total -= v
    return (None if missing else total), missing


def _within_report_rules(tmpl: Template) -> Iterable[tuple[str, dict]]:
    families = {r.family: r.code for r in RULES if r.kind == "identity" and r.family}
    for identity in tmpl.identities:
        family = identity["name"].split("__")[0]
        if family in families:
            yield families[family], identity
    for soft in tmpl.soft_checks:
        if soft["name"] in families and "lhs" in soft and not any("@" in t for t in soft["lhs"] + soft["rhs"]):
            (var, values), = soft["for_each"].items()
            for v in values:
                yield families[soft["name"]], {
                    "name": f"{soft['name']}__{v}", "op": soft["op"],
                    "lhs": [t.replace("{" + var + "}", v) for t in soft["lhs"]],
                    "rhs": [t.replace("{" + var + "}", v) for t in soft["rhs"]]}


@emits("t3_balance", "t3_outcome_total", "t3_row_total", "t4_total", "t2_new_published_le_total", "cannot_check")
def check_identities(report, tmpl: Template) -> Iterable[Finding]:
    if not _has_groups(report):
        yield from _plain_identities(report, _prepared(tmpl))
        return
    done = set()
    for code, identity in within_report_rules(tmpl):
        identity = _regroup(report, identity)
        if identity["name"] in done:
            continue
        done.add(identity["name"])
        lhs, miss_l = side(report, identity["lhs"])
        rhs, miss_r = side(report, identity["rhs"])
        refs = [t.lstrip("-") for t in _grouped_terms(report, identity["lhs"]) + _grouped_terms(report, identity["rhs"])]
        if miss_l or miss_r:
            yield cannot(code, refs, miss_l + miss_r, identity["name"])
            continue
        if not _OPS[identity.get("op", "==")](lhs, rhs):
            first = identity["lhs"][0]
            yield make(code, refs, number(rhs), number(lhs), lhs=number(lhs), rhs=number(rhs),
                       column=label(first, "column"), row=label(first, "row"))


def _plain_identities(report, prepared: _Prepared) -> Iterable[Finding]:
    """:func:`check_identities` where no group is printed as one row: the same findings, in the same order."""
    cells = report.cells
    for code, identity, lhs_pos, lhs_neg, rhs_pos, rhs_neg, refs, op in prepared.plain:
        lhs, miss_l = _plain_side(cells, lhs_pos, lhs_neg)
        rhs, miss_r = _plain_side(cells, rhs_pos, rhs_neg)
        if miss_l or miss_r:
            yield cannot(code, refs, miss_l + miss_r, identity["name"])
            continue
        if not op(lhs, rhs):
            first = identity["lhs"][0]
            yield make(code, list(refs), number(rhs), number(lhs), lhs=number(lhs), rhs=number(rhs),
                       column=label(first, "column"), row=label(first, "row"))


@emits("negative_value", "not_integer")
def check_constraints(report, tmpl: Template) -> Iterable[Finding]:
    prepared, known, cells = _prepared(tmpl), tmpl.cells, report.cells
    as_template = tuple(cells) == prepared.order  # the template's cells in its order: visit only those that apply
    if as_template:
        # Only a negative value or one not an int can break a constraint: those few cells (in the
        # template's order, as every constraint visits them) are all the constraints need to see.
        suspects = [ref for ref, v in cells.items() if v is not None and (type(v) is not int or v < 0)]
    for constraint, applies, in_order in zip(tmpl.constraints, prepared.applies, prepared.applies_in_order):
        text = constraint["rule"]
        if "integer" not in text and "decimal" not in text:
            continue  # descriptive notes (blanks, '-') are handled by the cell-status rules
        if as_template:
            yield from _constraint_on(cells, [ref for ref in suspects if ref in applies], text)
            continue
        for ref, v in cells.items():
            if v is None or not (ref in applies if ref in known else fnmatch.fnmatchcase(ref, constraint["applies_to"])):
                continue
            if ">= 0" in text and v < 0:
                yield make("negative_value", [ref], ">= 0", v, ref=ref, value=v)
            if text.startswith(("integer", "signed integer")) and not float(v).is_integer():
                yield make("not_integer", [ref], "integer", v, ref=ref, value=v)


def _constraint_on(cells: dict, refs: list[str], text: str) -> Iterable[Finding]:
    """:func:`check_constraints` for one constraint over ``refs`` (those it applies to, in the report's order)."""
    non_negative, integer = ">= 0" in text, text.startswith(("integer", "signed integer"))
    for ref in refs:
        v = cells[ref]
        if v is None:
            continue
        if non_negative and v < 0:
            yield make("negative_value", [ref], ">= 0", v, ref=ref, value=v)
        if integer and not float(v).is_integer():
            yield make("not_integer", [ref], "integer", v, ref=ref, value=v)


@emits("blank_cell", "placeholder_cell", "unreadable_cell", "derived_total")
def check_cell_status(report, tmpl: Template) -> Iterable[Finding]:
    # cells not found at all are coverage.check_coverage's (one error per table), not one finding each
    refs = list(report.cells)
    found = statuses(report, refs)
    # only the few cells whose status has a rule, picked in C (most cells are "ok")
    for ref, status in compress(zip(refs, found), map(STATUS_RULES.__contains__, found)):
        code = STATUS_RULES[status]
        info = report.cell_info.get(ref) or {}
        raw = info.get("raw")
        if code == "derived_total":
            was = info.get("was", "blank")
            yield make(code, [ref] + info.get("derived_from", []), was, report.cells[ref], ref=ref,
                       was_zh="空白" if was == "blank" else f"“{(raw or '').strip()}”",
                       was_en=was if was == "blank" else f"{(raw or '').strip()!r}",
                       identity=info.get("identity", ""), value=number(report.cells[ref]))
            continue
        yield make(RULES_BY_CODE[code], [ref], "a number", raw, ref=ref, value=(raw or "").strip())


CHECKERS = (check_cell_status, coverage.check_coverage, check_identities, check_constraints,
            structure.check_structure, narrative.check_text, ocr.check_ocr)
CHECK_CODES = frozenset().union(*(c.codes for c in CHECKERS))


def run(report, checkers=CHECKERS, *, only=None) -> list[Finding]:
    """All findings of ``checkers`` on one report (never stops at the first).

    ``only`` picks checks by rule code or kind (``"t3_balance,structure"``); default: all.
    """
    selected = select(only)
    tmpl = template(report.template)
    findings: list[Finding] = []
    for checker in checkers:
        codes = getattr(checker, "codes", None)
        if selected is not None and codes is not None and not (codes & selected):
            continue
        for f in checker(report, tmpl):
            if wanted(f, selected):
                f.source = report.source
                findings.append(f)
    return findings
