"""A report's tidy rows made once, kept beside it in the cache, and turned into Arrow a batch of reports at a time.

The tidy table (:data:`gikkit.report.FRAME_COLUMNS`, one row per cell) repeats per-report values
(source, agency, year, template, coverage) and per-(template, ref) labels on every row; only a
cell's value, status and raw text are its own. :class:`CellRows` holds just those, as a few bytes
and lists in the order of ``Report.cells``, plus the report's values and a digest of its list of
refs (its *layout*: reports of one template almost always share it). A worker makes it as it reads
a file; the cache keeps it (:mod:`gikkit.cache`); a warm ``gikkit parse --parquet/--store`` builds
its table from these without unpacking a single Report (:class:`CellBatch`). The labels of a
layout are found once per process, from the first report met with it.

The rows are those of :meth:`gikkit.report.Report.cell_records`, value for value, in its order.
"""
from __future__ import annotations

import hashlib
import pickle
import threading
from array import array
from typing import NamedTuple

import numpy as np
import pyarrow as pa

from .report import FRAME_COLUMNS, LABEL_COLUMNS, cell_labels

ROWS_FORMAT = 1  # first item of a packed CellRows: a cache entry of another format is not misread
CELL_SCHEMA = pa.schema([(c, pa.int32() if c == "year" else pa.float64() if c in ("value", "coverage") else pa.string())
                         for c in FRAME_COLUMNS])
REPORT_COLUMNS = ("source", "agency", "year", "template", "coverage")
_NO_INFO: dict = {}


class _Labels:
    """Every (template, ref) seen so far, with its label columns, as Arrow arrays to take rows from."""

    def __init__(self):
        self.index: dict[tuple[str, str], int] = {}
        self.rows: list[tuple] = []
        self._table: pa.Table | None = None

    def of(self, template: str, ref: str) -> int:
        key = (template, ref)
        i = self.index.get(key)
        if i is None:
            self.rows.append(cell_labels(template, ref))
            i = self.index[key] = len(self.rows) - 1
            self._table = None
        return i

    def table(self) -> pa.Table:
        if self._table is None:
            self._table = pa.table({c: pa.array([row[k] for row in self.rows], pa.string())
                                    for k, c in enumerate(LABEL_COLUMNS)})
        return self._table


_LABELS = _Labels()
_LAYOUTS: dict[bytes, pa.Table] = {}  # layout digest -> the label columns of its cells, in order
_LEARNING = threading.Lock()


def layout_digest(template: str, refs) -> bytes:
    h = hashlib.blake2b(template.encode(), digest_size=16)
    h.update(b"\0")
    h.update("\0".join(refs).encode())
    return h.digest()


def _learn_layout(digest: bytes, template: str, refs) -> pa.Table:
    """The label columns of a layout's rows: made once, then each report of that layout shares them (no copy).

    Learnt under a lock: a table and a store written at once (``--parquet`` and ``--store``) build
    rows on two threads, and both may meet a new layout at the same moment."""
    labels = _LAYOUTS.get(digest)
    if labels is None:
        with _LEARNING:
            labels = _LAYOUTS.get(digest)
            if labels is None:
                rows = np.fromiter((_LABELS.of(template, ref) for ref in refs), np.int32, len(refs))
                labels = _LAYOUTS[digest] = _LABELS.table().take(pa.array(rows)).combine_chunks()
    return labels


def _no_labels() -> pa.Table:
    return pa.schema([(c, pa.string()) for c in LABEL_COLUMNS]).empty_table()


class CellRows:
    """One report's own part of its tidy rows (see the module's docstring); :meth:`pack` for the trip and the cache."""

    __slots__ = ("agency", "year", "template", "coverage", "read", "total", "layout", "values", "nulls",
                 "status", "raw")

    def __init__(self, agency, year, template, coverage, read, total, layout, values, nulls, status, raw):
        self.agency, self.year, self.template, self.coverage = agency, year, template, coverage
        self.read, self.total = read, total  # Report.coverage_counts, for a store's report row
        self.layout = layout  # layout_digest of the report's refs
        self.values = values  # float64 bytes, one per cell (0.0 where the value is None)
        self.nulls = nulls  # one byte per cell, 1 where the value is None; None when no value is
        self.status = status  # a status per cell; None when every cell's is "ok"
        self.raw = raw  # the raw text per cell (or None)

    @classmethod
    def of(cls, r) -> CellRows:
        """The rows of report ``r`` (as :meth:`Report.cell_records` gives them). Plain Python: a worker
        process makes them as it reads a file (its labels are looked up only where rows become a table)."""
        cells, info = r.cells, r.cell_info
        found = [info.get(ref, _NO_INFO) for ref in cells]
        status = [cell.get("status", "ok") for cell in found]
        values = list(cells.values())
        nulls = bytes(v is None for v in values)
        read, total = r.coverage_counts
        layout = layout_digest(r.template, cells)
        return cls(r.agency, r.year, r.template, round(r.coverage, 4), read, total, layout,
                   array("d", [0.0 if v is None else float(v) for v in values]).tobytes(),
                   nulls if any(nulls) else None, None if all(s == "ok" for s in status) else status,
                   [cell.get("raw") for cell in found])

    def __len__(self) -> int:
        return len(self.values) // 8

    def pack(self) -> bytes:
        return pickle.dumps((ROWS_FORMAT, self.agency, self.year, self.template, self.coverage, self.read, self.total,
                             self.layout, self.values, self.nulls, self.status, self.raw), pickle.HIGHEST_PROTOCOL)

    @classmethod
    def unpack(cls, blob: bytes) -> CellRows | None:
        """What :meth:`pack` packed; None for bytes of another format (the caller rebuilds the rows from the report)."""
        try:
            items = pickle.loads(blob)
        except Exception:  # noqa: BLE001 - not rows this code wrote: never misread, rebuilt
            return None
        if not isinstance(items, tuple) or len(items) != 12 or items[0] != ROWS_FORMAT:
            return None
        return cls(*items[1:])


class BuiltRows(NamedTuple):
    """The rows of ``reports`` reports already made into one Arrow table (``CELL_SCHEMA``), to write as they are."""

    table: pa.Table
    reports: int


class CellBatch:
    """The tidy rows of some reports, until :meth:`table` makes them one Arrow table (``CELL_SCHEMA``)."""

    def __init__(self):
        self.reports: dict[str, list] = {c: [] for c in REPORT_COLUMNS}
        self.counts: list[int] = []
        self.labels: list[pa.Table] = []
        self.values: list[bytes] = []
        self.nulls: list[bytes | None] = []
        self.status: list = []
        self.raw: list = []

    def add_outcome(self, outcome) -> CellRows:
        """Add a :class:`~gikkit.report.Report`'s rows, or a :class:`~gikkit.cache.PackedReport`'s kept
        rows (unpacking the report only for a layout not met before in this process); returns them."""
        from .cache import PackedReport

        rows = None
        if isinstance(outcome, PackedReport):
            rows = outcome.rows if isinstance(outcome.rows, CellRows) else CellRows.unpack(outcome.rows)
            if rows is not None and self.add(outcome.source, rows):
                return rows
            outcome = outcome.unpack()  # rows of another format, or a layout not met yet: the report says
        if rows is None or rows.layout != layout_digest(outcome.template, outcome.cells):
            rows = CellRows.of(outcome)
        _learn_layout(rows.layout, outcome.template, list(outcome.cells))
        self.add(outcome.source, rows)
        return rows

    def add(self, source: str, rows: CellRows) -> bool:
        """Add a report's rows under ``source``; False (nothing added) when its layout is not known in
        this process (:meth:`add_outcome` learns it from a report of that layout)."""
        n = len(rows)
        labels = _LAYOUTS.get(rows.layout)
        if labels is None and n == 0:
            labels = _no_labels()
        if labels is None:
            return False
        for column, v in zip(REPORT_COLUMNS, (source, rows.agency, rows.year, rows.template, rows.coverage)):
            self.reports[column].append(v)
        self.counts.append(n)
        self.labels.append(labels)
        self.values.append(rows.values)
        self.nulls.append(rows.nulls)
        self.status.extend(["ok"] * n if rows.status is None else rows.status)
        self.raw.extend(rows.raw)
        return True

    def __len__(self) -> int:
        return len(self.status)

    def table(self) -> pa.Table:
        n = len(self.status)
        per_report = pa.table({c: pa.array(v, CELL_SCHEMA.field(c).type) for c, v in self.reports.items()})
        per_report = per_report.take(pa.array(np.repeat(np.arange(len(self.counts), dtype=np.int32), self.counts)))
        # Each report's label columns are its layout's arrays, shared: a chunk per report, nothing copied
        # (joining them into one chunk costs more than Parquet saves writing one).
        labels = pa.concat_tables(self.labels) if self.labels else _no_labels()
        mask = None
        if any(nulls is not None for nulls in self.nulls):
            mask = np.frombuffer(b"".join(nulls if nulls is not None else bytes(count)
                                          for nulls, count in zip(self.nulls, self.counts)), np.bool_)
        values = np.frombuffer(b"".join(self.values), np.float64) if n else np.empty(0, np.float64)
        own = {"value": pa.array(values, pa.float64(), mask=mask), "status": pa.array(self.status, pa.string()),
               "raw": pa.array(self.raw, pa.string())}
        columns = [per_report.column(c) if c in REPORT_COLUMNS else labels.column(c) if c in LABEL_COLUMNS
                   else own[c] for c in FRAME_COLUMNS]
        return pa.Table.from_arrays(columns, schema=CELL_SCHEMA)
