"""A store's ``wide`` table: one row per report (source, agency, year, template), one float column per cell ref.

Charts across reports (a trend over an agency's years, a ranking of one year's agencies) need a few
refs of many reports; in the tidy ``cells`` table those are scattered among every report's ~200
rows, in the wide table they are one column each, so DuckDB reads one column chunk per ref asked for
(:class:`gikkit.store_view.StoreDataset.wide_frame`). It is the matrix ``charts._measures.wide_values``
builds in memory, written once with the store, with a row for each report that has cells (those
the tidy table has rows for): a value is the cell's value, null where the cell is
blank or the report's template has no such ref. The columns are every ref of every template in the
spec (a ref outside the spec, which no measure can name, stays in ``cells`` only).

Row groups are large (:data:`WIDE_BATCH` reports): with ~230 columns, small row groups would make
the files' footers, read by every query, grow large.
"""
from __future__ import annotations

import numpy as np
import pyarrow as pa

from .schema import templates

WIDE_BATCH = 4096  # reports per row group; at most this many rows of ~230 floats held per year


def _wide_refs() -> tuple[str, ...]:
    return tuple(dict.fromkeys(ref for key in sorted(templates()) for ref in templates()[key].cells))


WIDE_REFS = _wide_refs()
_COLUMN = {ref: i for i, ref in enumerate(WIDE_REFS)}
WIDE_KEYS = (("source", pa.string()), ("agency", pa.string()), ("year", pa.int32()), ("template", pa.string()))
WIDE_SCHEMA = pa.schema([*WIDE_KEYS, *((ref, pa.float64()) for ref in WIDE_REFS)])


class WideBatch:
    """Wide rows of some reports of one year, until written."""

    def __init__(self):
        self.keys: dict[str, list] = {name: [] for name, _ in WIDE_KEYS}
        self.rows: list[np.ndarray] = []

    def add(self, report) -> None:
        if not report.cells:  # no row in the tidy table either: such a report is in no chart
            return
        for name, v in zip(self.keys, (report.source, report.agency, report.year, report.template)):
            self.keys[name].append(v)
        row = np.full(len(WIDE_REFS), np.nan)
        for ref, value in report.cells.items():
            i = _COLUMN.get(ref)
            if i is not None and value is not None:
                row[i] = float(value)
        self.rows.append(row)

    def __len__(self) -> int:
        return len(self.rows)

    def table(self) -> pa.Table:
        matrix = np.vstack(self.rows) if self.rows else np.empty((0, len(WIDE_REFS)))
        keys = [pa.array(self.keys[name], kind) for name, kind in WIDE_KEYS]
        values = [pa.array(matrix[:, i], pa.float64(), from_pandas=True) for i in range(len(WIDE_REFS))]  # NaN -> null
        return pa.Table.from_arrays(keys + values, schema=WIDE_SCHEMA)
