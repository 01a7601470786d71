"""Fill a blank total from its parts, on request only, and mark the cell "derived".

A total is derivable when an identity of a family in ``DERIVABLE`` has that total alone on one
side, the cell is blank (or a placeholder) in the source and every part on the other side is
printed. The filled cell keeps its raw text and gets the status ``derived``, so the tidy frame
shows it, and the cell-status check reports it as a ``derived_total`` finding: nothing changes silently.
"""
from __future__ import annotations

from ..schema import template
from .engine import side

DERIVABLE = ("t3_row_total", "t3_outcome_total", "t4_total")  # spec identity families: total = sum of parts
FILLABLE = ("blank", "placeholder")


def derive_totals(report) -> list[str]:
    """Fill every derivable blank total of ``report`` in place; return the refs filled.

    Repeats until nothing more can be filled, so a blank （七）总计 in the 总计 column can be
    derived once its applicant columns are.
    """
    identities = [i for i in template(report.template).identities
                  if i["name"].split("__")[0] in DERIVABLE and len(i["lhs"]) == 1]
    filled: list[str] = []
    changed = True
    while changed:
        changed = False
        for identity in identities:
            ref = identity["lhs"][0]
            was = report.status(ref)
            if report.cells.get(ref) is not None or was not in FILLABLE:
                continue
            total, missing = side(report, identity["rhs"])
            if missing:
                continue
            info = dict(report.cell_info.get(ref) or {})
            report.cells[ref] = int(total) if float(total).is_integer() else total
            report.cell_info[ref] = {**info, "status": "derived", "was": was, "identity": identity["name"],
                                     "derived_from": list(identity["rhs"]),
                                     "note": f"derived by gikkit from {identity['name']}; {was} in the source"}
            filled.append(ref)
            changed = True
    return filled
