"""What every check module shares: making findings from rules, reading values, choosing checks."""
from __future__ import annotations

import difflib
from collections.abc import Iterable
from operator import itemgetter

from ..findings import Finding
from ..schema import cell_spec, template
from .rules import KINDS, RULES, RULES_BY_CODE, Rule

TOLERANCE = 1e-6
_STATUS = itemgetter("status")


def make(rule: Rule | str, refs, expected, found, /, *, extra: dict | None = None, **fmt) -> Finding:
    """A finding of ``rule`` with its messages filled from ``fmt``."""
    rule = RULES_BY_CODE[rule] if isinstance(rule, str) else rule
    return Finding(rule.code, rule.severity, list(refs), expected, found, rule.message_zh.format(**fmt),
                   rule.message_en.format(**fmt), rule.explain, None, dict(extra or {}))


def cannot(check: str, refs, missing: Iterable[str], what: str | None = None, **extra) -> Finding:
    """A ``cannot_check`` finding: ``check`` (a rule code) could not be decided; ``missing`` says why."""
    missing = list(missing)
    shown = ", ".join(missing[:6]) + (f" (+{len(missing) - 6})" if len(missing) > 6 else "")
    return make("cannot_check", refs, None, None, extra={"check": check, **extra},
                identity=what or check, missing=shown)


def number(x: float):
    """``3.0`` -> ``3``; other floats rounded for display."""
    return int(x) if float(x).is_integer() else round(x, 6)


def label(ref: str, part: str) -> str:
    """The Chinese row or column label of ``ref`` (the ref itself when unknown)."""
    spec = cell_spec(ref)
    if spec is None:
        return ref
    return spec.column_label_zh if part == "column" else spec.row_label_zh


def group_parent(report, ref: str) -> str | None:
    """For a 表三 sub-row cell whose group is printed as one row, the group's own cell."""
    if report.status(ref) != "group_printed_as_one_row":
        return None
    _, row, col = ref.split(".")
    parent = template(report.template).rows[("t3", None, row)].parent
    return f"t3.{parent}.{col}"


def statuses(report, refs: Iterable[str]) -> list[str]:
    """``report.status(ref)`` for each of ``refs``: for a plain Report, without a method call per cell."""
    from ..report import Report  # the report module is the readers' side: import on use

    if type(report).status is not Report.status:
        return [report.status(ref) for ref in refs]
    refs = refs if isinstance(refs, (list, tuple, dict)) else list(refs)  # read twice below at most
    infos = report.cell_info
    try:  # every cell with its status recorded (what reading gives): looked up in C, without a test per cell
        return list(map(_STATUS, map(infos.__getitem__, refs)))
    except (KeyError, TypeError):
        pass
    info_of, value_of, out = infos.get, report.cells.get, []
    for ref in refs:  # Report.status, inlined
        info = info_of(ref)
        out.append(info["status"] if info is not None and "status" in info
                   else "ok" if value_of(ref) is not None else "missing")
    return out


def value(report, ref: str) -> float | None:
    """A cell's value; for a group ref not printed as such, the sum of its sub-rows when all are there."""
    v = report.cells.get(ref)
    if v is not None:
        return v
    parts = [report.cells.get(p) for p in template(report.template).group_parts(ref)]
    return None if not parts or any(p is None for p in parts) else sum(parts)


def emits(*codes: str):
    """Mark a checker with the rule codes it may emit (used to skip checkers nobody asked for)."""
    unknown = [c for c in codes if c not in RULES_BY_CODE]
    if unknown:
        raise ValueError(f"undeclared rule codes: {unknown}")

    def mark(func):
        func.codes = frozenset(codes)
        return func
    return mark


def select(only) -> frozenset[str] | None:
    """The rule codes named by ``only``: codes or kinds, a list or a comma-separated string.

    ``None`` means every check. An unknown name raises ``ValueError`` with the closest names.
    """
    if only is None:
        return None
    names = [n.strip() for n in (only.split(",") if isinstance(only, str) else only) if n and n.strip()]
    codes: set[str] = set()
    for name in names:
        if name in RULES_BY_CODE:
            codes.add(name)
        elif name in KINDS:
            codes.update(r.code for r in RULES if r.kind == name)
        else:
            close = difflib.get_close_matches(name, list(RULES_BY_CODE) + list(KINDS), n=3)
            hint = f"; did you mean {', '.join(close)}?" if close else ""
            raise ValueError(f"unknown check {name!r}{hint} (codes and kinds: gikkit check --rules)")
    return frozenset(codes)


def wanted(finding: Finding, selected: frozenset[str] | None) -> bool:
    """Whether ``finding`` belongs to the selection: its code, or the check it could not decide."""
    if selected is None or finding.code in selected:
        return True
    return finding.code == "cannot_check" and finding.extra.get("check") in selected
