"""A corpus store (:mod:`gikkit.store`) seen as a Dataset, without loading it: DuckDB queries over its Parquet files.

    >>> data = StoreDataset("corpus-store")
    >>> len(data), data.years()
    >>> frame = data.to_frame(agency="江临市人民政府", year=2024)   # only those rows are read
    >>> data.query("SELECT agency, sum(value) FROM cells WHERE ref = ? GROUP BY agency", ["t3.new_received.total"])

The views ``cells``, ``reports``, ``findings``, ``wide`` (:mod:`gikkit.store_wide`; not in a store
written before it) and ``failures`` name the store's tables in queries. Filters given as keywords
become a WHERE clause with parameters; a filter on one year reads only that year's files, and
Parquet's per-row-group statistics skip much of the rest. :meth:`StoreDataset.measures_table` is
``charts.measures_table`` of the matching reports, out of the ``wide`` table: what the explorer
(:class:`gikkit.widgets.StoreIndex`) and the comparison charts ask a store for.
"""
from __future__ import annotations

from pathlib import Path

from .store import MARKER, TABLES
from .store_wide import WIDE_REFS

_FRAME_TYPES = {"year": "Int64", "value": "Float64", "coverage": "Float64"}


def _text_dtype():
    """The dtype pandas gives a column of texts (``str`` from pandas 3 on, ``object`` before), as the Dataset's frame has."""
    import pandas as pd

    return pd.Series(["text"]).dtype


class StoreDataset:
    """A store's reports as a Dataset-like view: frames come from DuckDB queries, only what they select."""

    def __init__(self, path: str | Path):
        import duckdb

        self.path = Path(path)
        if not (self.path / MARKER).is_file():
            raise FileNotFoundError(f"{self.path} is not a gikkit store (no {MARKER}); write one with "
                                    f"gikkit parse DIR --store {self.path}")
        self.db = duckdb.connect()
        # Every query reads the files' footers (their row groups' statistics, which skip the rest):
        # keep them in memory after the first read instead of parsing them again each time.
        self.db.execute("SET parquet_metadata_cache = true")
        self.tables = [t for t in TABLES if (self.path / t).is_dir()]  # "wide" is missing from older stores
        for table in self.tables:
            pattern = str(self.path / table / "**" / "*.parquet").replace("'", "''")
            self.db.execute(f"CREATE VIEW {table} AS SELECT * FROM read_parquet('{pattern}', hive_partitioning=false)")
        failures = str(self.path / "failures.parquet").replace("'", "''")
        self.db.execute(f"CREATE VIEW failures AS SELECT * FROM read_parquet('{failures}')")

    def query(self, sql: str, params: list | None = None):
        """Run SQL over the views ``cells``, ``reports``, ``findings``, ``failures``; a pandas frame."""
        return self.db.execute(sql, params or []).df()

    def _table(self, table: str, filters: dict) -> str:
        """What to select ``table`` from: its view, or only one year's files when ``filters`` name one year
        (the other years' files are then not even opened)."""
        year = filters.get("year")
        folder = self.path / table / f"year={year}"
        if isinstance(year, int) and not isinstance(year, bool) and folder.is_dir():
            return "read_parquet('" + str(folder / "*.parquet").replace("'", "''") + "', hive_partitioning=false)"
        return table

    def _where(self, filters: dict) -> tuple[str, list]:
        clauses, params = [], []
        for column, wanted in filters.items():
            if not column.isidentifier():  # column names go into the SQL text: nothing but plain names
                raise ValueError(f"not a column name: {column!r}")
            if wanted is None:
                continue
            if isinstance(wanted, (list, tuple, set, frozenset)):
                wanted = list(wanted)
                clauses.append(f'"{column}" IN ({", ".join("?" * len(wanted))})')
                params.extend(wanted)
            else:
                clauses.append(f'"{column}" = ?')
                params.append(wanted)
        return (" WHERE " + " AND ".join(clauses) if clauses else ""), params

    def to_frame(self, columns: list[str] | None = None, **filters):
        """The tidy table (:meth:`gikkit.Dataset.to_frame`'s columns and types), filtered: ``to_frame(year=2024, table="t3")``.

        A filter's value may be a list (any of them). Rows come ordered by source, then as the report lists its cells.
        """
        from .report import FRAME_COLUMNS

        where, params = self._where(filters)
        wanted = columns or FRAME_COLUMNS
        self._where(dict.fromkeys(wanted))  # the same check on the names of the columns asked for
        select = ", ".join(f'"{c}"' for c in wanted)
        frame = self._cells(select, where, params, self._table("cells", filters))
        text = _text_dtype()
        for column in frame:
            kind = _FRAME_TYPES.get(column, text)
            if frame[column].dtype != kind:  # a column with no value at all comes back as objects
                frame[column] = frame[column].astype(kind)
        return frame

    def _cells(self, select: str, where: str, params: list, source: str = "cells"):
        # Rows keep the order they were written in within each report: sort by source, stably.
        frame = self.db.execute(f"SELECT {select} FROM {source}{where}", params).df()
        if "source" in frame and len(frame):
            frame = frame.sort_values("source", kind="stable", ignore_index=True)
        return frame

    def measures_table(self, measures, **filters):
        """:func:`gikkit.charts.measures_table` of the reports matching ``filters`` (e.g. ``agency=``, ``year=``).

        One row per report with cells (ordered by source): source, agency, year, template and a float
        column per measure, worked out by the same code as in memory (``derive``) from the refs the
        measures need, which DuckDB reads out of the ``wide`` table (one column each), matching rows only.
        """
        from .charts._measures import derive, refs_needed

        measures = list(measures)
        need = list(dict.fromkeys(r for m in measures for r in refs_needed(m)))
        return derive(self.wide_frame(need, **filters), self.report_keys(**filters), measures)

    def wide_frame(self, refs, **filters):
        """The values of ``refs`` (columns, floats: NaN where blank or absent) of the reports matching
        ``filters`` (rows, indexed by source): the matrix ``charts._measures.wide_values`` gives in memory."""
        from .charts._measures import wide_values

        refs = list(refs)
        where, params = self._where(filters)
        if "wide" not in self.tables:  # an older store: the same values out of the tidy table
            match = f"ref IN ({', '.join('?' * len(refs))})"
            cells = self.query(f"SELECT source, ref, value FROM cells{where}{' AND ' if where else ' WHERE '}{match}",
                               params + refs)
            return wide_values(cells).reindex(columns=refs)
        present = [r for r in refs if r in WIDE_REFS]  # a ref outside the spec has no column (and no measure)
        select = ", ".join(["source", *(f'"{r}"' for r in present)])
        table = self.query(f"SELECT {select} FROM {self._table('wide', filters)}{where}", params)
        return table.set_index("source").reindex(columns=refs).astype("float64")

    def report_keys(self, **filters):
        """Source (the index), agency, year, template of the reports with cells (those the tidy table has
        rows for) matching ``filters``, by source."""
        table = "wide" if "wide" in self.tables else "reports"
        where, params = self._where(filters)
        frame = self.query(f"SELECT source, agency, year, template FROM {self._table(table, filters)}{where} "
                           "ORDER BY source", params)
        return frame.astype({"year": "Int64"}).set_index("source")

    def reports_frame(self, columns: list[str] | None = None, **filters):
        """One row per report: metadata, coverage, finding counts (``sections`` as JSON text)."""
        where, params = self._where({**dict.fromkeys(columns or []), **filters})
        select = ", ".join(f'"{c}"' for c in columns) if columns else "*"
        frame = self.query(f"SELECT {select} FROM reports{where} ORDER BY source", params)
        if "year" in frame:
            frame["year"] = frame["year"].astype("Int64")
        return frame

    def findings_frame(self, **filters):
        """Every finding, one row each (``expected`` and ``found`` as JSON text)."""
        where, params = self._where(filters)
        frame = self.query(f"SELECT * FROM findings{where} ORDER BY source", params)
        frame["year"] = frame["year"].astype("Int64")
        return frame

    @property
    def failures(self) -> list:
        """The files that could not be read, as :class:`gikkit.Failure` s."""
        from .dataset import Failure

        return [Failure(path, problem) for path, problem in
                self.db.execute("SELECT path, problem FROM failures ORDER BY path").fetchall()]

    def __len__(self) -> int:
        return self.db.execute("SELECT count(*) FROM reports").fetchone()[0]

    def years(self) -> list[int]:
        return [y for (y,) in self.db.execute("SELECT DISTINCT year FROM reports WHERE year IS NOT NULL ORDER BY year")
                .fetchall()]

    def agencies(self) -> list[str]:
        return [a for (a,) in self.db.execute("SELECT DISTINCT agency FROM reports WHERE agency IS NOT NULL "
                                              "ORDER BY agency").fetchall()]

    def agency_with_most_years(self) -> str | None:
        """The agency with reports in the most years (the first by name among equals)."""
        row = self.db.execute("SELECT agency FROM reports WHERE agency IS NOT NULL AND year IS NOT NULL GROUP BY agency "
                              "ORDER BY count(DISTINCT year) DESC, agency LIMIT 1").fetchone()
        return row[0] if row else None

    def __repr__(self) -> str:
        years = self.years()
        span = f"{years[0]}-{years[-1]}" if years else "no year"
        failed = self.db.execute("SELECT count(*) FROM failures").fetchone()[0]
        return f"gikkit store {self.path}: {len(self):,} reports ({span}), {failed:,} files not read"

    def _repr_html_(self) -> str:
        import html

        return f"<p>{html.escape(repr(self))}</p>"

    def close(self) -> None:
        self.db.close()
