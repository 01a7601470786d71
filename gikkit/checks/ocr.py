"""Checks on figures read from a scan by OCR: each doubtful figure is named, with where it was printed.

A figure is doubtful when the engine's confidence in it is low, or when it breaks an identity
the rest of the table keeps: a misread figure breaks every identity it is in (its row's total
and its column's balance) while its neighbours' other identities still hold, so a cell all of
whose identities fail is the one to look at. Each finding carries the page and box of the
printed figure (``extra``), so a report page can show the crop beside the value.
"""
from __future__ import annotations

from collections.abc import Iterable
from itertools import repeat

from ..findings import Finding
from ..schema import Template
from .base import emits, make, number

LOW_CONFIDENCE = 0.9  # the engine's own score; clean print reads at 0.99+


def _identity_outcomes(report, tmpl: Template) -> tuple[set[str], set[str]]:
    """The refs in some identity that fails, and the refs in some identity that holds."""
    from .engine import _OPS, _grouped_terms, _regroup, side, within_report_rules  # engine imports this module

    broken: set[str] = set()
    held: set[str] = set()
    for _code, identity in within_report_rules(tmpl):
        identity = _regroup(report, identity)
        lhs, miss_l = side(report, identity["lhs"])
        rhs, miss_r = side(report, identity["rhs"])
        if miss_l or miss_r:
            continue
        refs = {t.lstrip("-") for t in _grouped_terms(report, identity["lhs"]) + _grouped_terms(report, identity["rhs"])}
        (held if _OPS[identity.get("op", "==")](lhs, rhs) else broken).update(refs)
    return broken, held


@emits("ocr_low_confidence", "ocr_breaks_identity")
def check_ocr(report, tmpl: Template) -> Iterable[Finding]:
    infos = report.cell_info.values()
    if set(map(type, infos)) <= {dict} and (not any(map(dict.__contains__, infos, repeat("read_by")))
                                             or "ocr" not in map(dict.get, infos, repeat("read_by"))):
        return  # nothing read by OCR (looked up in C: every report pays for this check; most cells say nothing of it)
    read = {ref: info for ref, info in report.cell_info.items()
            if info.get("read_by") == "ocr" and report.cells.get(ref) is not None}
    if not read:
        return
    broken, held = _identity_outcomes(report, tmpl)
    for ref, info in read.items():
        where = {"page": info.get("page"), "box": info.get("box"), "confidence": info.get("confidence")}
        fmt = {"ref": ref, "value": number(report.cells[ref]), "page": info.get("page")}
        if info.get("confidence", 0.0) < LOW_CONFIDENCE:
            yield make("ocr_low_confidence", [ref], None, report.cells[ref], extra=where,
                       confidence=f"{info.get('confidence', 0.0):.2f}", **fmt)
        elif ref in broken and ref not in held:
            yield make("ocr_breaks_identity", [ref], None, report.cells[ref], extra=where, **fmt)
