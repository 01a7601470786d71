"""Across levels: a unit's report against the sum of its sub-units' reports for the same year.

Which reports are sub-units is the user's statement, never guessed: a mapping
``{parent agency: [child agency, ...]}`` given as a dict, a JSON file of that shape, or a CSV
file with the columns ``parent,child`` (one row per child). Every cell of the parent's template
that the children print is compared (a group printed as one row is compared as the group).
Findings belong to the parent report.
"""
from __future__ import annotations

import csv
import json
from collections import defaultdict
from collections.abc import Iterable
from pathlib import Path

from ..findings import Finding
from ..schema import template
from .across_years import agency_key
from .base import TOLERANCE, cannot, make, number, value


def load_mapping(mapping) -> dict[str, list[str]]:
    """``{parent: [children]}`` from a dict, or from a ``.json`` / ``.csv`` file path."""
    if isinstance(mapping, dict):
        data = mapping
    else:
        path = Path(mapping)
        text = path.read_text("utf-8-sig")
        if path.suffix.lower() == ".json":
            data = json.loads(text)
            if not isinstance(data, dict):
                raise ValueError(f"{path}: expected a JSON object {{parent: [children]}}")
        else:
            rows = list(csv.DictReader(text.splitlines()))
            if not rows or not {"parent", "child"} <= set(rows[0]):
                raise ValueError(f"{path}: expected a CSV file with the columns parent,child")
            data = defaultdict(list)
            for row in rows:
                if (row.get("parent") or "").strip() and (row.get("child") or "").strip():
                    data[row["parent"].strip()].append(row["child"].strip())
    norm = lambda s: "".join(str(s).split())  # noqa: E731  (same rule as agency_key)
    return {norm(p): [norm(c) for c in ([children] if isinstance(children, str) else children)]
            for p, children in data.items()}


def _defined(report, ref: str) -> bool:
    """Whether ``ref`` is a cell of the report's template, or a 表三 group it can add up."""
    tmpl = template(report.template)
    return ref in report.cells or ref in tmpl.cells or bool(tmpl.group_parts(ref))


def compared_refs(parent, children: list) -> list[str]:
    """The parent's cells, with the sub-rows of a group any of them prints as one row replaced by the group."""
    reports = [parent, *children]
    out: list[str] = []
    tmpl = template(parent.template)
    for ref in tmpl.cells:
        if ref.startswith("t3.") and any(r.status(ref) == "group_printed_as_one_row" or not _defined(r, ref)
                                         for r in reports):
            row, col = ref.split(".")[1:]
            ref = f"t3.{tmpl.rows[('t3', None, row)].parent}.{col}"
        if ref not in out:
            out.append(ref)
    return out


def _compare(parent, children: list) -> Iterable[Finding]:
    extra = {"sub_units": [c.source for c in children]}
    missing_by_table: dict[str, list[str]] = defaultdict(list)
    for ref in compared_refs(parent, children):
        if not all(_defined(c, ref) for c in children):
            continue  # a cell the other template does not have
        found = value(parent, ref)
        parts = [value(c, ref) for c in children]
        if found is None or any(p is None for p in parts):
            who = [parent.agency] if found is None else []
            who += [c.agency for c, p in zip(children, parts) if p is None]
            missing_by_table[ref.split(".")[0]].append(f"{ref} ({', '.join(map(str, who))})")
            continue
        if abs(found - sum(parts)) > TOLERANCE:
            yield make("sub_units_sum", [ref], number(sum(parts)), number(found), extra=extra,
                       ref=ref, found=number(found), expected=number(sum(parts)), n=len(children))
    for table, missing in missing_by_table.items():
        yield cannot("sub_units_sum", [], missing, f"sub_units_sum ({table})", **extra)


def check_levels(reports: Iterable, mapping) -> list[tuple[object, Finding]]:
    """``(parent report, finding)`` for every parent in ``mapping`` that has a report among ``reports``."""
    tree = load_mapping(mapping)
    reports = list(reports)
    by_key = defaultdict(list)
    for r in reports:
        by_key[(agency_key(r), r.year)].append(r)
    out = []
    for parent in reports:
        children_names = tree.get(agency_key(parent) or "")
        if not children_names or parent.year is None:
            continue
        children, absent = [], []
        for name in children_names:
            found = by_key.get((name, parent.year))
            (children.append(found[0]) if found else absent.append(name))
        findings = ([cannot("sub_units_sum", [], [f"{n} {parent.year}" for n in absent], "sub_units_sum",
                            sub_units=children_names)] if absent else list(_compare(parent, children)))
        for f in findings:
            f.source = parent.source
            out.append((parent, f))
    return out
