"""Write the tidy table of a stream of reports to one CSV or Parquet file, a batch of reports at a time.

``gikkit parse DIR --parquet OUT`` used to build the whole frame in memory before writing it; this
writes each batch of reports as it comes (a Parquet row group, or CSV lines), so memory stays flat
however many reports there are. The file holds the same rows and column types as
:meth:`gikkit.Dataset.write` would write (read it back with :func:`gikkit.dataset.read_frame`), in
the order the reports were read. The file appears under its name only when complete.
"""
from __future__ import annotations

import os
from pathlib import Path

import pyarrow as pa

from .cell_rows import BuiltRows
from .report import Report, frame_from_records
from .store import PublishedWhole, cells_table

STREAM_FORMATS = ("csv", "parquet")
BATCH_REPORTS = 256


def _pandas_schema() -> pa.Schema:
    """The Arrow schema (with pandas' metadata: Int64, Float64, text) that ``Dataset.to_frame().to_parquet`` writes."""
    from .report import FRAME_COLUMNS

    sample = {c: "text" for c in FRAME_COLUMNS} | {"year": 2020, "value": 1.0, "coverage": 1.0}
    return pa.Schema.from_pandas(frame_from_records([sample]), preserve_index=False)


class TableStreamWriter(PublishedWhole):
    """Append reports' cell rows to ``path`` (``fmt`` ``csv`` or ``parquet``, else from the suffix)."""

    def __init__(self, path: str | Path, fmt: str | None = None, *, batch_reports: int = BATCH_REPORTS):
        self.path = Path(path)
        self.fmt = (fmt or self.path.suffix.lstrip(".")).lower()
        if self.fmt not in STREAM_FORMATS:
            raise ValueError(f"cannot stream {self.path}: {self.fmt!r} is not one of {', '.join(STREAM_FORMATS)}")
        self.path.parent.mkdir(parents=True, exist_ok=True)
        self.partial = self.path.with_name(f".{self.path.name}.partial-{os.getpid()}")
        self.batch_reports = batch_reports
        self._pending: list[Report] = []
        self._writer = None
        self._csv = None
        self.rows = 0
        self.reports = 0

    def add(self, report: Report | BuiltRows) -> None:
        """Add a report's rows (``BuiltRows``: several reports' rows, built already, counted as those reports)."""
        self._pending.append(report)
        self.reports += report.reports if isinstance(report, BuiltRows) else 1
        if len(self._pending) >= self.batch_reports:
            self.flush()

    def flush(self) -> None:
        if not self._pending and (self._writer or self._csv):
            return
        table = cells_table(self._pending)
        self._pending = []
        self.rows += table.num_rows
        if self.fmt == "parquet":
            import pyarrow.parquet as pq

            schema = _pandas_schema()
            if self._writer is None:
                self._writer = pq.ParquetWriter(self.partial, schema)
            self._writer.write_table(table.cast(schema))
        else:
            frame = frame_from_records([]) if table.num_rows == 0 else _as_frame(table)
            if self._csv is None:
                self._csv = open(self.partial, "w", encoding="utf-8-sig", newline="")
                frame.to_csv(self._csv, index=False)
            elif len(frame):
                frame.to_csv(self._csv, index=False, header=False)

    def close(self) -> Path:
        self.flush()
        if self._writer is not None:
            self._writer.close()
        if self._csv is not None:
            self._csv.close()
        os.replace(self.partial, self.path)
        return self.path

    def abandon(self) -> None:
        for handle in (self._writer, self._csv):
            if handle is not None:
                handle.close()
        self.partial.unlink(missing_ok=True)



def _as_frame(table: pa.Table):
    frame = table.to_pandas()
    for column, kind in (("year", "Int64"), ("value", "Float64"), ("coverage", "Float64")):
        frame[column] = frame[column].astype(kind)
    return frame
