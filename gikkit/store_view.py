"""A corpus store (:mod:`gikkit.store`) seen as a Dataset, without loading it: DuckDB queries over its Parquet files.

    >>> data = StoreDataset("corpus-store")
    >>> len(data), data.years()
    >>> frame = data.to_frame(agency="江临市人民政府", year=2024)   # only those rows are read
    >>> data.query("SELECT agency, sum(value) FROM cells WHERE ref = ? GROUP BY agency", ["t3.new_received.total"])

The views ``cells``, ``reports``, ``findings`` and ``failures`` name the store's tables in queries.
Filters given as keywords become a WHERE clause with parameters; year filters skip the other
years' partitions, and Parquet's per-row-group statistics skip much of the rest.
"""
from __future__ import annotations

from pathlib import Path

from .store import MARKER, TABLES

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
        for table in TABLES:
            pattern = str(self.path / table / "**" / "*.parquet").replace("'", "''")
            self.db.execute(f"CREATE VIEW {table} AS SELECT * FROM read_parquet('{pattern}', hive_partitioning=false)")
        failures = str(self.path / "failures.parquet").replace("'", "''")
        self.db.execute(f"CREATE VIEW failures AS SELECT * FROM read_parquet('{failures}')")

    def query(self, sql: str, params: list | None = None):
        """Run SQL over the views ``cells``, ``reports``, ``findings``, ``failures``; a pandas frame."""
        return self.db.execute(sql, params or []).df()

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
        frame = self._cells(select, where, params)
        text = _text_dtype()
        for column in frame:
            kind = _FRAME_TYPES.get(column, text)
            if frame[column].dtype != kind:  # a column with no value at all comes back as objects
                frame[column] = frame[column].astype(kind)
        return frame

    def _cells(self, select: str, where: str, params: list):
        # Rows keep the order they were written in within each report: sort by source, stably.
        frame = self.db.execute(f"SELECT {select} FROM cells{where}", params).df()
        if "source" in frame and len(frame):
            frame = frame.sort_values("source", kind="stable", ignore_index=True)
        return frame

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

    def close(self) -> None:
        self.db.close()
