"""Every check over a stream of reports, in memory that does not grow with the folder's reports.

The across-years check needs each agency's reports of consecutive years side by side, and a
report's findings from it are only known once every report has been read. So the work runs in
two passes, neither holding the reports:

1. each report, as it arrives, gets its own checks (:func:`gikkit.checks.batch.check_one`) and is
   packed to a spill file on disk; all that stays in memory is a :class:`CrossRecord`: its name,
   year and template and the few cells the across-years checks read (every cell only for the
   agencies a levels mapping names);
2. the across checks run on the records, and the reports are read back one at a time, given their
   across findings and yielded in the order they came.

The findings are those of :func:`gikkit.checks.check` on the same reports, in the same order.
"""
from __future__ import annotations

import tempfile
from collections.abc import Iterable, Iterator
from functools import lru_cache

from ..schema import template, templates
from .across_levels import check_levels, load_mapping
from .across_years import agency_key, check_years, year_checks
from .base import select, wanted
from .batch import check_one

_SIZE = 8  # bytes of the length before each packed report in the spill file


class CrossRecord:
    """What the across checks read of one report: name, year, template, and the cells they compare.

    ``status(ref)`` answers as the report does for the one status those checks ask about (a 表三
    group printed as one row); ``cells`` holds only the refs kept, with their values.
    """

    __slots__ = ("position", "source", "agency", "year", "template", "cells", "_grouped")

    def __init__(self, position: int, report, refs: Iterable[str] | None):
        self.position, self.source, self.agency = position, report.source, report.agency
        self.year, self.template = report.year, report.template
        cells = report.cells
        if refs is None:  # a report the levels mapping names: every cell
            self.cells = dict(cells)
            self._grouped = frozenset(r for r in cells if report.status(r) == "group_printed_as_one_row")
        else:
            self.cells = {r: cells[r] for r in refs if r in cells}
            self._grouped = frozenset()

    def status(self, ref: str) -> str:
        if ref in self._grouped:
            return "group_printed_as_one_row"
        return "ok" if self.cells.get(ref) is not None else "missing"


@lru_cache(maxsize=None)
def year_refs(template_key: str) -> tuple[str, ...]:
    """The cells the across-years checks read in a report of this template (group refs with their parts)."""
    refs = dict.fromkeys(ref for check in year_checks() for _, ref, _ in check["lhs"] + check["rhs"])
    tmpl = template(template_key)
    return tuple(dict.fromkeys([*refs, *(p for ref in refs for p in tmpl.group_parts(ref))]))


def check_stream(reports: Iterable, *, only=None, derive_totals: bool = False, levels=None) -> Iterator:
    """Yield each of ``reports`` (an iterable of Reports) checked as :func:`gikkit.checks.check` would.

    Each yielded report's ``findings`` are fresh: reader's, per report, across years, across levels
    (``levels``: a mapping, as for :func:`~gikkit.checks.check`; a file that cannot be read raises
    before any report is taken). Reports are yielded after the last has arrived, one at a time.
    """
    from ..cache import pack, unpack

    selected = select(only)
    tree = load_mapping(levels) if levels is not None else None
    named = set(tree) | {c for children in tree.values() for c in children} if tree else set()
    records: list[CrossRecord] = []
    with tempfile.TemporaryFile(prefix="gikkit-check-") as spill:
        count = 0
        for position, report in enumerate(reports):
            report.findings = check_one(report, selected, only=only, derive_totals=derive_totals)
            blob = pack(report)
            spill.write(len(blob).to_bytes(_SIZE, "little") + blob)
            count += 1
            key = agency_key(report)
            if key and report.year is not None and report.template in templates():
                records.append(CrossRecord(position, report, None if key in named else year_refs(report.template)))
            del report  # nothing of it stays but its record
        cross: dict[int, list] = {}
        for record, f in check_years(records) + (check_levels(records, tree) if tree is not None else []):
            if wanted(f, selected):
                cross.setdefault(record.position, []).append(f)
        del records
        spill.seek(0)
        for position in range(count):
            report = unpack(spill.read(int.from_bytes(spill.read(_SIZE), "little")))
            report.findings.extend(cross.pop(position, ()))
            yield report
