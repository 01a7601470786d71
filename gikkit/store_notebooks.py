"""What compare.ipynb and audit.ipynb show of a corpus store (:mod:`gikkit.store`), the same as of the reports.

A notebook given ``store`` works from the store's tables through DuckDB, never holding every report:
the overview of the reports, every finding (:func:`findings`, as :func:`gikkit.checks.findings_frame`
lists them) and the review of the findings against a reviews file (:func:`review`, as
:func:`gikkit.review.review` makes it). A finding's review key rests on what the store does not keep
(the check a ``cannot_check`` names, each cell's printed text), so whoever writes the store from the
reports may add the keys beside it (:class:`FindingKeysWriter`, ``gikkit export`` does); without
them, :func:`review` says it cannot be done.
"""
from __future__ import annotations

import json
from pathlib import Path
from types import SimpleNamespace

FINDING_KEYS = "finding-keys.parquet"  # in the store's folder: each finding's review key and fingerprint
_KEY_BATCH = 256  # reports whose keys are written at a time


def _file_order(sources) -> list[int]:
    """Positions of ``sources`` in the order a folder is read (by path parts: :func:`gikkit.dataset.scan_paths`)."""
    parts = [Path(str(s)).parts for s in sources]
    return sorted(range(len(parts)), key=parts.__getitem__)


def findings(store):
    """Every finding of ``store`` (a :class:`~gikkit.store_view.StoreDataset`), one row each, with the columns
    and values of :func:`gikkit.checks.findings_frame`: reports in file order, each one's findings in its order."""
    import pandas as pd

    frame = store.query("SELECT * FROM findings")  # as written: one report's findings together, in order
    frame = frame.iloc[_file_order(frame["source"])].reset_index(drop=True)
    frame["year"] = frame["year"].astype("Int64")
    for column in ("expected", "found"):  # JSON text in the store; the values themselves in memory
        frame[column] = pd.Series([json.loads(v) if isinstance(v, str) else None for v in frame[column].tolist()],
                                  dtype=object)
    return frame


def overview(store) -> SimpleNamespace:
    """The store's reports and failures as :func:`gikkit.display.reports_overview` reads a Dataset's."""
    import pandas as pd

    from .dataset import Failure

    rows = store.query("SELECT source, agency, year, template, format, coverage, errors, warnings, infos FROM reports")
    reports = []
    for k in _file_order(rows["source"]):
        r = rows.iloc[k]
        counts = {"error": int(r["errors"]), "warning": int(r["warnings"]), "info": int(r["infos"])}
        reports.append(SimpleNamespace(source=r["source"], agency=r["agency"], template=r["template"],
                                       year=None if pd.isna(r["year"]) else int(r["year"]),
                                       format=r["format"], coverage=float(r["coverage"]),
                                       findings_by_severity=lambda counts=counts: counts))
    return SimpleNamespace(reports=reports, failures=[Failure(f.path, f.problem) for f in store.failures])


class FindingKeysWriter:
    """Writes :data:`FINDING_KEYS` (source, key, fingerprint of each finding, in order) as reports go by."""

    def __init__(self, path: str | Path):
        self.path = Path(path)
        self._rows: list[dict] = []
        self._reports = 0
        self._writer = None

    def add(self, report) -> None:
        from .review.fingerprints import report_keys

        self._rows.extend({"source": report.source, "key": k, "fingerprint": f} for k, f in report_keys(report))
        self._reports += 1
        if self._reports % _KEY_BATCH == 0:
            self._flush()

    def _flush(self) -> None:
        import pyarrow as pa
        import pyarrow.parquet as pq

        schema = pa.schema([("source", pa.string()), ("key", pa.string()), ("fingerprint", pa.string())])
        if self._writer is None:
            self._writer = pq.ParquetWriter(self.path, schema, compression="zstd")
        self._writer.write_table(pa.Table.from_pylist(self._rows, schema=schema))
        self._rows = []

    def close(self) -> Path:
        self._flush()
        self._writer.close()
        return self.path


def has_review_keys(store) -> bool:
    """Whether the keys :func:`review` needs were written beside ``store``."""
    return (Path(store.path) / FINDING_KEYS).is_file()


def review(store, reviews_file):
    """:func:`gikkit.review.review` of the store's findings against ``reviews_file`` (a path; none when it does
    not exist), from the keys written beside the store (:class:`FindingKeysWriter`)."""
    import pandas as pd

    from .review.decisions import Review, load, with_decisions
    from .review.signals import CODES as SIGNAL_CODES

    keys_path = Path(store.path) / FINDING_KEYS
    if not keys_path.is_file():
        raise FileNotFoundError(f"{store.path} has no {FINDING_KEYS}: the review needs the reports (data_dir)")
    decisions = load(reviews_file) if reviews_file and Path(reviews_file).exists() else {}
    frame = findings(store)
    keys = pd.read_parquet(keys_path)
    # both list each report's findings in its own order: the n-th finding of a source is the same finding
    frame["_n"] = frame.groupby("source").cumcount()
    keys["_n"] = keys.groupby("source").cumcount()
    frame = frame.merge(keys, on=["source", "_n"], how="left", validate="one_to_one").drop(columns="_n")
    frame = frame[["key", "fingerprint", *[c for c in frame.columns if c not in ("key", "fingerprint")]]]
    frame.loc[frame["code"].isin(SIGNAL_CODES), "kind"] = "benchmark"  # as fingerprint_frame marks them
    with_decisions(frame, decisions)
    reports = store.query("SELECT DISTINCT agency, year FROM reports")
    read = {(a if isinstance(a, str) else "", "" if pd.isna(y) else str(int(y))) for a, y in zip(reports["agency"], reports["year"])}
    present = set(frame["key"])
    stale = [d for d in decisions.values() if d.key not in present and (d.agency, d.year) in read]
    return Review(frame, sorted(stale, key=lambda d: (d.agency, d.year, d.code, d.key)))
