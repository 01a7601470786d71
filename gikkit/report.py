"""A report as gikkit holds it: metadata, section texts, cell values with their provenance, findings."""
from __future__ import annotations

from dataclasses import dataclass, field
from functools import lru_cache

from .findings import Finding
from .schema import TABLE_LABELS, cell_spec, template as template_spec

FRAME_COLUMNS = [
    "source", "agency", "year", "template", "table", "block", "row", "column", "ref", "value",
    "status", "raw", "unit", "row_label_zh", "row_label_en", "column_label_zh", "column_label_en",
    "table_label_zh", "table_label_en", "coverage",
]
# The columns of a tidy row that depend on the cell alone (its template and ref), in frame order.
LABEL_COLUMNS = ("table", "block", "row", "column", "ref", "unit", "row_label_zh", "row_label_en",
                 "column_label_zh", "column_label_en", "table_label_zh", "table_label_en")


@lru_cache(maxsize=4096)
def cell_labels(template: str, ref: str) -> tuple:
    """The :data:`LABEL_COLUMNS` of cell ``ref`` in a report of ``template``, from the spec (the ref's
    own row and column parts for a cell the spec does not know)."""
    spec = cell_spec(ref, template)
    table, parts = ref.split(".", 1)[0], ref.split(".")
    if spec is None:
        return (table, None, parts[-2], parts[-1], ref, None, None, None, None, None, *TABLE_LABELS[table])
    return (table, spec.block, spec.row, spec.column, ref, spec.unit, spec.row_label_zh, spec.row_label_en,
            spec.column_label_zh, spec.column_label_en, *TABLE_LABELS[table])


# What ``cell_info[ref]["status"]`` can say. "derived" is set only by ``checks.derive_totals``
# (``gikkit check --derive-totals``): the source left the cell blank and gikkit added up its parts.
CELL_STATUSES = ("ok", "blank", "placeholder", "unreadable", "missing", "group_printed_as_one_row", "derived")
# A cell is read when gikkit knows what the source printed there: a number, a blank, a placeholder, or
# (for a 表三 sub-row) its group printed as one row. "missing" (not found) and "unreadable" (not a
# number) are not: they are lost data, and lower the coverage.
READ_STATUSES = frozenset({"ok", "blank", "placeholder", "group_printed_as_one_row", "derived"})


@dataclass
class Report:
    """One parsed report. ``cells`` maps spec refs to numbers, ``None`` where blank or unreadable."""

    source: str
    format: str
    agency: str | None
    year: int | None
    published: str | None
    template: str
    sections: dict[str, str]
    cells: dict[str, int | float | None]
    findings: list[Finding] = field(default_factory=list)
    cell_info: dict[str, dict] = field(default_factory=dict)  # ref -> {"raw", "status", "note"}
    title: str | None = None
    sections_seen: list[str] = field(default_factory=list)  # section keys in the order printed
    preamble: str = ""  # text before the first section heading: title, basis, statistics period
    reader_findings: list[Finding] = field(default_factory=list, repr=False)  # kept by checks.check across re-runs

    def __repr__(self) -> str:  # one line, not every cell and finding (see gikkit.summaries)
        from .summaries import report_text

        return report_text(self)

    def _repr_html_(self) -> str:
        from .summaries import report_html

        return report_html(self)

    def to_dict(self) -> dict:
        """The JSON form printed by ``gikkit parse --json``."""
        return {
            "source": self.source,
            "format": self.format,
            "agency": self.agency,
            "year": self.year,
            "published": self.published,
            "template": self.template,
            "coverage": round(self.coverage, 4),
            "cells_read": self.coverage_counts[0],
            "cells_total": self.coverage_counts[1],
            "sections": self.sections,
            "cells": self.cells,
            "findings": [f.to_dict() for f in self.findings],
        }

    def status(self, ref: str) -> str:
        info = self.cell_info.get(ref)  # asked for every cell by the checks: no throw-away dicts
        if info is not None and "status" in info:
            return info["status"]
        return "ok" if self.cells.get(ref) is not None else "missing"

    @property
    def coverage_counts(self) -> tuple[int, int]:
        """(cells read, data cells of the template): a cell printed blank counts as read."""
        refs = template_spec(self.template).cells
        info, cells = self.cell_info, self.cells
        read = 0
        for ref in refs:  # Report.status inlined: asked for every cell of every report a store writes
            cell = info.get(ref)
            status = cell["status"] if cell is not None and "status" in cell else \
                "ok" if cells.get(ref) is not None else "missing"
            read += status in READ_STATUSES
        return read, len(refs)

    @property
    def coverage(self) -> float:
        """The share of the template's data cells that were read (0..1); see :data:`READ_STATUSES`."""
        read, total = self.coverage_counts
        return read / total if total else 0.0

    def findings_by_severity(self) -> dict[str, int]:
        out = {"error": 0, "warning": 0, "info": 0}
        for f in self.findings:
            out[f.severity] = out.get(f.severity, 0) + 1
        return out

    def to_frame(self):
        """Tidy data: one row per cell, with labels in Chinese and English."""
        return frame_from_records(self.cell_records())

    def cell_records(self) -> list[dict]:
        """The rows of :meth:`to_frame` as dicts, one per cell (``FRAME_COLUMNS`` keys)."""
        records = []
        coverage = round(self.coverage, 4)
        for ref, value in self.cells.items():
            info = self.cell_info.get(ref, {})
            labels = cell_labels(self.template, ref)  # table, block, row, column, ref | unit and the labels
            records.append(dict(zip(FRAME_COLUMNS, (
                self.source, self.agency, self.year, self.template, *labels[:5],
                None if value is None else float(value), info.get("status", "ok"), info.get("raw"),
                *labels[5:], coverage))))
        return records


def frame_from_records(records: list[dict]):
    """The tidy frame (``FRAME_COLUMNS``, year Int64, value Float64) of cell records of one report or many."""
    import pandas as pd

    frame = pd.DataFrame.from_records(records, columns=FRAME_COLUMNS)
    frame["year"] = frame["year"].astype("Int64")
    frame["value"] = frame["value"].astype("Float64")
    frame["coverage"] = frame["coverage"].astype("Float64")
    return frame
