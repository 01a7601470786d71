"""A corpus store: every report of a corpus as Parquet, partitioned by year, written as reports arrive, queried with DuckDB.

Layout of a store folder (``gikkit parse DIR --store OUT``)::

    cells/year=2021/part-0.parquet      the tidy table (Report.to_frame's columns), one row per cell
    reports/year=2021/part-0.parquet    one row per report: metadata, coverage, finding counts, sections
    findings/year=2021/part-0.parquet   one row per finding (checks.findings_frame's columns)
    wide/year=2021/part-0.parquet       one row per report, one value column per cell ref (gikkit.store_wide)
    failures.parquet                    files that could not be read, and why
    gikkit-store.json                   what wrote it, and the counts

A report's year picks its partition (``year=unknown`` when none was found). Reports are buffered a
few hundred at a time and appended as row groups, so writing holds one batch in memory however
large the corpus; the store appears under its name only when complete (written beside it, then
renamed), so a run that stops half-way leaves the previous store as it was.

:class:`Store` reads one back through DuckDB without loading it: filters and aggregates run in
DuckDB over the Parquet files, and only what a query returns becomes a pandas frame.
"""
from __future__ import annotations

import json
import os
import shutil
from collections.abc import Iterable
from pathlib import Path

import pyarrow as pa
import pyarrow.parquet as pq

from .cache import PackedReport
from .cell_rows import CELL_SCHEMA, BuiltRows, CellBatch, CellRows
from .report import Report
from .store_wide import WIDE_BATCH, WIDE_SCHEMA, WideBatch

MARKER = "gikkit-store.json"
TABLES = ("cells", "reports", "findings", "wide")  # "wide" is missing from stores written before it was added
BATCH_REPORTS = 256  # reports buffered before a row group is written

REPORT_SCHEMA = pa.schema([
    ("source", pa.string()), ("format", pa.string()), ("agency", pa.string()), ("year", pa.int32()),
    ("published", pa.string()), ("template", pa.string()), ("title", pa.string()), ("coverage", pa.float64()),
    ("cells_read", pa.int32()), ("cells_total", pa.int32()), ("errors", pa.int32()), ("warnings", pa.int32()),
    ("infos", pa.int32()), ("sections", pa.string())])
FINDING_SCHEMA = pa.schema([(c, pa.int32() if c == "year" else pa.string()) for c in
                            ("source", "agency", "year", "template", "code", "severity", "refs", "expected",
                             "found", "message_zh", "message_en", "rule", "kind")])
FAILURE_SCHEMA = pa.schema([("path", pa.string()), ("problem", pa.string())])
SCHEMAS = {"cells": CELL_SCHEMA, "reports": REPORT_SCHEMA, "findings": FINDING_SCHEMA, "wide": WIDE_SCHEMA}


def cells_table(reports: Iterable) -> pa.Table:
    """The tidy table of ``reports`` (Reports, PackedReports with their rows, or BuiltRows: rows already
    built) as Arrow: the rows of :meth:`Report.cell_records`, built column by column (:mod:`gikkit.cell_rows`)."""
    tables, batch = [], CellBatch()
    for r in reports:
        if isinstance(r, BuiltRows):
            if batch.counts:
                tables.append(batch.table())
                batch = CellBatch()
            tables.append(r.table)
        else:
            batch.add_outcome(r)
    if batch.counts or not tables:
        tables.append(batch.table())
    return tables[0] if len(tables) == 1 else pa.concat_tables(tables)


def report_row(r: Report, rows: CellRows | None = None) -> dict:
    """``r``'s row of the ``reports`` table (its coverage counts from ``rows``, when given)."""
    read, total = r.coverage_counts if rows is None else (rows.read, rows.total)
    coverage = round(r.coverage, 4) if rows is None else rows.coverage
    counts = r.findings_by_severity()
    return {"source": r.source, "format": r.format, "agency": r.agency, "year": r.year, "published": r.published,
            "template": r.template, "title": r.title, "coverage": coverage, "cells_read": read,
            "cells_total": total, "errors": counts["error"], "warnings": counts["warning"], "infos": counts["info"],
            "sections": json.dumps(r.sections, ensure_ascii=False)}


def _json_text(value) -> str | None:
    return None if value is None else json.dumps(value, ensure_ascii=False, default=str)


def finding_rows(r: Report) -> list[dict]:
    from .checks.rules import RULES_BY_CODE

    rows = []
    for f in r.findings:
        rule = RULES_BY_CODE.get(f.code)
        rows.append({"source": r.source, "agency": r.agency, "year": r.year, "template": r.template, "code": f.code,
                     "severity": f.severity, "refs": ", ".join(f.refs), "expected": _json_text(f.expected),
                     "found": _json_text(f.found), "message_zh": f.message_zh, "message_en": f.message_en,
                     "rule": f.rule or (rule.explain if rule else ""), "kind": rule.kind if rule else "reading"})
    return rows


def _partition(year) -> str:
    return f"year={year}" if year is not None else "year=unknown"


class PublishedWhole:
    """A writer used in ``with``: :meth:`close` publishes what was written, :meth:`abandon` (on an
    exception, Ctrl-C included) removes it, so a reader never meets a half-written output."""

    def close(self):
        raise NotImplementedError

    def abandon(self) -> None:
        raise NotImplementedError

    def __enter__(self):
        return self

    def __exit__(self, kind, value, tb) -> None:
        if kind is None:
            self.close()
        else:
            self.abandon()


class StoreWriter(PublishedWhole):
    """Write a corpus store at ``path`` report by report; :meth:`close` makes it appear (replacing an older store).

    Use as a context manager: leaving the block by an exception throws the partial store away.
    """

    def __init__(self, path: str | Path, *, batch_reports: int = BATCH_REPORTS):
        self.path = Path(path)
        if self.path.exists() and not (self.path / MARKER).is_file():
            raise FileExistsError(f"{self.path} exists and is not a gikkit store; not replacing it")
        self.partial = self.path.with_name(f".{self.path.name}.partial-{os.getpid()}")
        shutil.rmtree(self.partial, ignore_errors=True)
        self.partial.mkdir(parents=True)
        self.batch_reports = batch_reports
        self._writers: dict[tuple[str, str], pq.ParquetWriter] = {}
        self._cells: dict[str, CellBatch] = {}
        self._rows: dict[tuple[str, str], list[dict]] = {}
        self._wide: dict[str, WideBatch] = {}  # written in larger row groups than the rest (see store_wide)
        self._failures: list[dict] = []
        self._buffered = 0
        self.counts = {"reports": 0, "cells": 0, "findings": 0, "failures": 0}

    def add(self, outcome) -> None:
        """Add a :class:`Report` (or a :class:`~gikkit.cache.PackedReport`: its cells from its kept rows),
        or a failure (anything with ``path`` and ``problem``)."""
        if not isinstance(outcome, (Report, PackedReport)):
            self._failures.append({"path": str(outcome.path), "problem": outcome.problem})
            self.counts["failures"] += 1
            return
        report = outcome.unpack() if isinstance(outcome, PackedReport) else outcome
        part = _partition(report.year)
        rows = self._cells.setdefault(part, CellBatch()).add_outcome(outcome)
        self._rows.setdefault(("reports", part), []).append(report_row(report, rows))
        wide = self._wide.setdefault(part, WideBatch())
        wide.add(report)
        if len(wide) >= WIDE_BATCH:
            self._write("wide", part, self._wide.pop(part).table())
        found = finding_rows(report)
        self._rows.setdefault(("findings", part), []).extend(found)
        self.counts["reports"] += 1
        self.counts["cells"] += len(rows)
        self.counts["findings"] += len(found)
        self._buffered += 1
        if self._buffered >= self.batch_reports:
            self.flush()

    def add_all(self, outcomes: Iterable) -> None:
        for outcome in outcomes:
            self.add(outcome)

    def flush(self) -> None:
        """Write what is buffered as one row group per table and year."""
        for part, batch in self._cells.items():
            if len(batch):
                self._write("cells", part, batch.table())
        for (table, part), rows in self._rows.items():
            if rows:
                self._write(table, part, pa.Table.from_pylist(rows, schema=SCHEMAS[table]))
        self._cells, self._rows, self._buffered = {}, {}, 0

    def _write(self, table: str, part: str, data: pa.Table) -> None:
        writer = self._writers.get((table, part))
        if writer is None:
            folder = self.partial / table / part
            folder.mkdir(parents=True, exist_ok=True)
            writer = self._writers[table, part] = pq.ParquetWriter(folder / "part-0.parquet", SCHEMAS[table],
                                                                   compression="zstd")
        writer.write_table(data)

    def close(self) -> Path:
        """Finish the files, then put the store in place of ``path``; returns ``path``."""
        from . import __version__

        self.flush()
        for part, wide in self._wide.items():
            self._write("wide", part, wide.table())
        self._wide = {}
        for writer in self._writers.values():
            writer.close()
        self._writers = {}
        for table in TABLES:  # a table with no rows still has its columns, for queries to name
            if not (self.partial / table).exists():
                (self.partial / table).mkdir()
                pq.write_table(SCHEMAS[table].empty_table(), self.partial / table / "empty.parquet")
        pq.write_table(pa.Table.from_pylist(self._failures, schema=FAILURE_SCHEMA), self.partial / "failures.parquet")
        (self.partial / MARKER).write_text(json.dumps({"gikkit": __version__, **self.counts}, indent=1))
        if self.path.exists():
            old = self.path.with_name(f".{self.path.name}.old-{os.getpid()}")
            self.path.rename(old)
            self.partial.rename(self.path)
            shutil.rmtree(old, ignore_errors=True)
        else:
            self.path.parent.mkdir(parents=True, exist_ok=True)
            self.partial.rename(self.path)
        return self.path

    def abandon(self) -> None:
        for writer in self._writers.values():
            writer.close()
        self._writers = {}
        shutil.rmtree(self.partial, ignore_errors=True)



def write_store(outcomes: Iterable, path: str | Path) -> dict:
    """Write reports and failures (e.g. a Dataset's, or a stream of them) as a store; returns the counts."""
    with StoreWriter(path) as writer:
        writer.add_all(outcomes)
    return writer.counts
